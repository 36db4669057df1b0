package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gmmlab/gmmlab/check"
)

// rec writes a record line as a check cell prints it, without the prefix.
func rec(t *testing.T, r check.Record) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }

// exKey is an exercise with a public check (3 components) and a hidden one
// whose answer only the key holds.
var exKey = ExerciseKey{Exercise: 3, Points: 2, Cell: "ex3-check", Checks: []check.Spec{
	{Kind: check.KindEqual, What: "the number of components", Want: raw("3"), Hint: "set NComponents"},
	{Kind: check.KindNear, What: "the weights on Iris", Want: raw(`{"dims":[2],"v":[0.25,0.75]}`), Tol: 1e-3, Hidden: true},
}}

// TestJudgeExercise grades one exercise from the records and status of its
// check cell: values are judged against the key, whatever the learner's
// program printed.
func TestJudgeExercise(t *testing.T) {
	start := check.Record{Exercise: 3, Event: check.EventStart}
	comps := func(got string) check.Record {
		return check.Record{Exercise: 3, Event: check.EventCheck, Spec: check.Spec{What: "the number of components"}, Got: raw(got)}
	}
	weights := func(got string) check.Record {
		return check.Record{Exercise: 3, Event: check.EventCheck, Spec: check.Spec{What: "the weights on Iris", Hidden: true}, Got: raw(got)}
	}
	end := func(status, msg string) check.Record {
		return check.Record{Exercise: 3, Event: check.EventEnd, Status: status, Message: msg}
	}
	good := `{"dims":[2],"v":[0.2501,0.7499]}`
	for _, tc := range []struct {
		name    string
		run     Run
		records []check.Record
		status  string
		msg     string
	}{
		{"pass", Run{Status: "ok"}, []check.Record{start, comps("3"), weights(good), end("pass", "")}, Pass, ""},
		{"public check fails", Run{Status: "ok"}, []check.Record{start, comps("2"), end("fail", "...")}, Fail,
			"the number of components is 2; expected 3"},
		{"hidden check fails without its values", Run{Status: "ok"}, []check.Record{start, comps("3"), weights(`{"dims":[2],"v":[0.5,0.5]}`), end("pass", "")},
			Fail, "a hidden test failed: the weights on Iris differ from the expected values"},
		{"not done", Run{Status: "ok"}, []check.Record{start, end("notdone", "not done yet: write your code in fitThree ...")}, Fail,
			"not done yet: the function still holds the // YOUR CODE HERE stub"},
		{"learner's panic", Run{Status: "ok"}, []check.Record{start, end("panic", "your code panicked: boom (in fitThree)")}, Fail,
			"your code panicked: boom (in fitThree)"},
		{"a printed pass is not a pass", Run{Status: "ok"}, []check.Record{start, end("pass", "")}, Error,
			"the check stopped before judging the number of components: did your code end the program?"},
		{"forged values that disagree", Run{Status: "ok"}, []check.Record{comps("3"), start, comps("2"), weights(good), end("pass", "")}, Fail,
			"the number of components was recorded 2 times with different values; the check cannot tell which is yours"},
		{"the same value twice is fine", Run{Status: "ok"}, []check.Record{comps("3"), start, comps("3"), weights(good), end("pass", "")}, Pass, ""},
		{"records of another exercise do not count", Run{Status: "ok"}, []check.Record{start, {Exercise: 4, Event: check.EventCheck,
			Spec: check.Spec{What: "the number of components"}, Got: raw("3")}, end("pass", "")}, Error,
			"the check stopped before judging the number of components: did your code end the program?"},
		{"cell timed out", Run{Status: "ok", CellTimeout: 60}, nil, Timeout,
			"the check did not finish within 60 s and was stopped: does your code loop forever, or wait for something?"},
		{"notebook timed out", Run{Status: "timeout", NotebookTimeout: 600}, nil, Timeout,
			"the notebook's time (600 s) ran out before this exercise was checked"},
		{"kernel died", Run{Status: "dead", Message: "the kernel died while running cell 4"}, nil, Error,
			"the kernel stopped before this exercise was checked: the kernel died while running cell 4"},
		{"missing", Run{Status: "missing"}, nil, Missing, "this notebook was not submitted"},
		{"unreadable", Run{Status: "unreadable", Message: "it is not a regular file"}, nil, Error,
			"the notebook could not be read: it is not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := tc.run
			cell := Cell{ID: "ex3-check", Role: "check", Exercise: 3, Status: "ok"}
			switch {
			case strings.HasPrefix(tc.name, "cell timed out"):
				cell.Status = "timeout"
			case run.Status == "timeout" || run.Status == "dead":
				cell.Status = "notrun"
			}
			for _, r := range tc.records {
				cell.Records = append(cell.Records, rec(t, r))
			}
			if run.Status != "missing" && run.Status != "unreadable" {
				run.Cells = []Cell{cell}
			}
			res := judgeExercise(run, exKey)
			if res.Status != tc.status || res.Message != tc.msg {
				t.Errorf("got %s %q, want %s %q", res.Status, res.Message, tc.status, tc.msg)
			}
			if res.Status == Fail && strings.HasPrefix(res.Message, "the number of components is") && res.Hint != "set NComponents" {
				t.Errorf("hint = %q, want the key's hint", res.Hint)
			}
		})
	}
}

// TestCompileError shows a failed check cell's error text as the detail.
func TestCompileError(t *testing.T) {
	run := Run{Status: "ok", Cells: []Cell{{ID: "ex3-check", Status: "error", Error: "undefined: fitThree"}}}
	res := judgeExercise(run, exKey)
	if res.Status != Error || res.Detail != "undefined: fitThree" {
		t.Errorf("got %+v, want an error with the compile error as detail", res)
	}
}

// TestBuildKey checks that a master's run becomes a key with the hidden
// answer from the reference, and that a master failing its own check, or
// disagreeing with the reference, is refused.
func TestBuildKey(t *testing.T) {
	ok := true
	master := func(records ...check.Record) Run {
		cell := Cell{ID: "ex3-check", Role: "check", Exercise: 3, Points: 2, Status: "ok"}
		for _, r := range records {
			cell.Records = append(cell.Records, rec(t, r))
		}
		return Run{Notebook: "01-x", Status: "ok", Cells: []Cell{cell}}
	}
	public := check.Record{Exercise: 3, Event: check.EventCheck, Spec: check.Spec{Kind: check.KindNear, What: "the BIC", Want: raw(`{"dims":[],"v":[652.068]}`), Tol: 1e-6}, Got: raw(`{"dims":[],"v":[652.0675]}`), OK: &ok}
	hidden := check.Record{Exercise: 3, Event: check.EventCheck, Spec: check.Spec{Kind: check.KindEqual, What: "the answer", Hidden: true}, Got: raw(`"b"`)}
	end := check.Record{Exercise: 3, Event: check.EventEnd, Status: check.StatusPass}
	ref := Reference{"01-x": {"3": {"the BIC": raw("652.0675573733541"), "the answer": raw(`"b"`)}}}

	key, problems := buildKey([]Run{master(public, hidden, end)}, ref)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	checks := key.Notebooks[0].Exercises[0].Checks
	if len(checks) != 2 || string(checks[1].Want) != `"b"` || key.Notebooks[0].Exercises[0].Points != 2 {
		t.Errorf("key = %+v", key)
	}

	wrongRef := Reference{"01-x": {"3": {"the BIC": raw("660"), "the answer": raw(`"c"`)}}}
	_, problems = buildKey([]Run{master(public, hidden, end)}, wrongRef)
	if len(problems) != 2 || !strings.Contains(problems[0], "the reference (scikit-learn) says") ||
		!strings.Contains(problems[1], "fails its own check") {
		t.Errorf("problems with a disagreeing reference = %q", problems)
	}
	_, problems = buildKey([]Run{master(public, end)}, Reference{})
	if len(problems) == 0 || !strings.Contains(problems[0], "no reference value") {
		t.Errorf("problems without a reference = %q", problems)
	}
}

// TestReport writes a gradebook and checks grades.csv, the escaping of
// learner-controlled text in the feedback page, and the summary line.
func TestReport(t *testing.T) {
	key := Key{Notebooks: []NotebookKey{{Notebook: "01-x", Exercises: []ExerciseKey{exKey}}}}
	evil := `<script>alert("x")</script>`
	runs := []Run{
		{Learner: "ann", Notebook: "01-x", Status: "ok", Cells: []Cell{{ID: "ex3-check", Status: "ok", Records: []string{
			rec(t, check.Record{Exercise: 3, Event: check.EventEnd, Status: "panic", Message: "your code panicked: " + evil})}}}},
		{Learner: "bob", Notebook: "01-x", Status: "missing"},
	}
	book := grade(key, runs)
	dir := t.TempDir()
	if err := book.write(dir); err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "learner,notebook,question,points,max_points,status\nann,01-x.ipynb,3,0,2,fail\nbob,01-x.ipynb,3,0,2,missing\n"
	if string(csv) != want {
		t.Errorf("grades.csv =\n%s\nwant\n%s", csv, want)
	}
	page, err := os.ReadFile(filepath.Join(dir, "ann.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), evil) || !strings.Contains(string(page), "&lt;script&gt;") {
		t.Errorf("the learner's text is not escaped in the feedback page")
	}
	if got, want := book.summary(), "graded 2 learners: mean score 0.0 of 2 points (0 %); exercises errored: 0, timed out: 0, missing: 1"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	bad := grade(key, []Run{{Learner: "../x", Notebook: "01-x", Status: "missing"}})
	if err := bad.write(t.TempDir()); err == nil {
		t.Errorf("a learner id with a slash was written as a file")
	}
}
