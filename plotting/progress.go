package plotting

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gmmlab/gmmlab/gmmlab"
)

// ProgressBar returns a callback for gmmlab.ModelSelection's Progress field.
// In a GoNB notebook it shows an HTML progress bar that updates in place
// while the grid is fitted and, at the end, replaces it with one line such
// as "40/40 fits done in 0.35 s". Outside a notebook it prints only that
// final line, to standard error. Create it just before Fit, since the time
// counts from its creation:
//
//	sel, err := gmmlab.ModelSelection{
//		NComponents: []int{1, 2, 3, 4, 5, 6},
//		Progress:    plotting.ProgressBar(),
//	}.Fit(X)
func ProgressBar() func(done, total int, c gmmlab.Candidate) {
	return progressBar(inNotebook, os.Stderr)
}

// progressBar is ProgressBar with the display chosen by the caller, for tests.
func progressBar(notebook bool, w io.Writer) func(done, total int, c gmmlab.Candidate) {
	start := time.Now()
	id := "gmmlab_progress_" + uniqueID()
	var last time.Time
	failed := 0
	return func(done, total int, c gmmlab.Candidate) {
		if c.Err != nil {
			failed++
		}
		if done < total {
			// Refresh at most 20 times a second: the notebook's
			// websocket is slower than a small fit.
			if !notebook || time.Since(last) < 50*time.Millisecond {
				return
			}
			last = time.Now()
			pct := 100 * float64(done) / float64(total)
			updateHTML(id, fmt.Sprintf(
				`<div style="font-family:sans-serif;font-size:13px">`+
					`<progress value="%d" max="%d" style="width:300px;vertical-align:middle"></progress> `+
					`%d/%d fits (%.0f%%), last: %d components, %s</div>`,
				done, total, done, total, pct, c.NComponents, c.CovarianceType))
			return
		}
		msg := finalLine(done, total, failed, time.Since(start))
		if !notebook {
			fmt.Fprintln(w, msg)
			return
		}
		updateHTML(id, "") // remove the transient bar
		displayHTML(`<div style="font-family:sans-serif;font-size:13px">` + msg + `</div>`)
		syncDisplay()
	}
}

// finalLine is the summary ProgressBar leaves.
func finalLine(done, total, failed int, elapsed time.Duration) string {
	msg := fmt.Sprintf("%d/%d fits done in %.2f s", done, total, elapsed.Seconds())
	if failed > 0 {
		msg += fmt.Sprintf(" (%d failed; see the candidates' Err)", failed)
	}
	return msg
}
