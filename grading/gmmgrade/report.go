package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// CSVHeader is the first line of grades.csv.
var CSVHeader = []string{"learner", "notebook", "question", "points", "max_points", "status"}

// learnerID is what a learner id may look like: it names a file.
var learnerID = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,63}$`)

// write writes grades.csv and one feedback page per learner into dir. Each
// file is written whole to a temporary name and renamed, so a reader never
// sees half a gradebook.
func (b Gradebook) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(CSVHeader)
	for _, r := range b.Results {
		w.Write([]string{r.Learner, r.Notebook + ".ipynb", strconv.Itoa(r.Exercise),
			formatPoints(r.Points), formatPoints(r.MaxPoints), r.Status})
	}
	w.Flush()
	if err := writeFile(filepath.Join(dir, "grades.csv"), buf.Bytes()); err != nil {
		return err
	}
	for _, l := range b.Learners {
		if !learnerID.MatchString(l) {
			return fmt.Errorf("learner id %q cannot name a file", l)
		}
		buf.Reset()
		if err := feedback.Execute(&buf, b.page(l)); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, l+".html"), buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// page is what a feedback page shows.
type page struct {
	Learner     string
	Points, Max string
	Percent     int
	Notebooks   []notebookPage
}

type notebookPage struct {
	Name        string
	Points, Max string
	Missing     bool
	Results     []Result
}

func (b Gradebook) page(learner string) page {
	points, max := b.score(learner)
	p := page{Learner: learner, Points: formatPoints(points), Max: formatPoints(max)}
	if max > 0 {
		p.Percent = int(100*points/max + 0.5)
	}
	for _, nk := range b.Key.Notebooks {
		np := notebookPage{Name: nk.Notebook + ".ipynb", Missing: true}
		var pts, mx float64
		for _, r := range b.Results {
			if r.Learner == learner && r.Notebook == nk.Notebook {
				np.Results = append(np.Results, r)
				pts += r.Points
				mx += r.MaxPoints
				np.Missing = np.Missing && r.Status == Missing
			}
		}
		np.Points, np.Max = formatPoints(pts), formatPoints(mx)
		p.Notebooks = append(p.Notebooks, np)
	}
	return p
}

var feedback = template.Must(template.New("feedback").Funcs(template.FuncMap{
	"points": formatPoints,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Feedback for {{.Learner}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; }
.score { font-size: 1.1rem; color: #444; }
.bar { background: #eee; border-radius: 4px; height: .6rem; width: 20rem; margin: .4rem 0 1rem; }
.bar div { background: #2e7d32; border-radius: 4px; height: 100%; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #eee; vertical-align: top; }
th { font-size: .85rem; color: #666; font-weight: 600; }
td.pts { white-space: nowrap; }
.status { display: inline-block; padding: .1rem .5rem; border-radius: 1rem; font-size: .8rem; font-weight: 600; color: #fff; }
.pass { background: #2e7d32; } .fail { background: #c62828; } .error { background: #ef6c00; }
.timeout { background: #6a1b9a; } .missing { background: #757575; }
.hint { color: #555; font-style: italic; margin-top: .3rem; }
pre { background: #f6f6f6; padding: .5rem; font-size: .8rem; white-space: pre-wrap; word-break: break-word; max-height: 12rem; overflow: auto; }
.note { color: #666; font-size: .9rem; }
</style>
</head>
<body>
<h1>Feedback for {{.Learner}}</h1>
<div class="score">{{.Points}} of {{.Max}} points ({{.Percent}} %)</div>
<div class="bar"><div style="width: {{.Percent}}%"></div></div>
<p class="note">Each exercise was graded by running your notebook from top to bottom, with the checks you saw
and hidden ones. An exercise earns its points when every check passes.</p>
{{range .Notebooks}}
<h2>{{.Name}} &mdash; {{.Points}} of {{.Max}} points</h2>
{{if .Missing}}<p>Not submitted.</p>{{else}}
<table>
<tr><th>Exercise</th><th>Result</th><th>Points</th><th>What to look at</th></tr>
{{range .Results}}<tr>
<td>{{.Exercise}}</td>
<td><span class="status {{.Status}}">{{.Status}}</span></td>
<td class="pts">{{points .Points}} / {{points .MaxPoints}}</td>
<td>{{if eq .Status "pass"}}All checks passed.{{else}}{{.Message}}{{if .Hint}}<div class="hint">Hint: {{.Hint}}</div>{{end}}{{if .Detail}}<pre>{{.Detail}}</pre>{{end}}{{end}}</td>
</tr>
{{end}}</table>
{{end}}{{end}}
</body>
</html>
`))
