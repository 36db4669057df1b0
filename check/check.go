package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nb"
	"github.com/gmmlab/gmmlab/plotting"
)

// NotDone is what an unanswered exercise panics with. The learner version of
// an exercise notebook replaces each solution with
//
//	// YOUR CODE HERE
//	panic(check.NotDone)
//
// which compiles in any function, whatever it returns, and makes the
// exercise's check report "not done yet" instead of failing the cell.
var NotDone error = errNotDone{}

type errNotDone struct{}

func (errNotDone) Error() string { return "not done yet" }

// Hidden stands for an expected value that the notebook does not hold: a
// hidden test passes it as the want of Near, Equal or SameClustering, and
// the grader compares the learner's value with the answer it keeps outside
// the learner's reach. In a notebook, a hidden check records the value
// and judges nothing.
var Hidden any = hiddenWant{}

type hiddenWant struct{}

// RecordEnv is the environment variable that turns on record mode: when it
// is not empty, every check also writes a Record line to standard output
// for the grader.
const RecordEnv = "GMMLAB_CHECK_RECORD"

// out is where verdicts and records go, standard output if nil; record
// says whether records are written. Tests replace them.
var (
	out    io.Writer
	record = os.Getenv(RecordEnv) != ""
)

func stdout() io.Writer {
	if out != nil {
		return out
	}
	return os.Stdout
}

// T is the state of one exercise's checks. Exercise passes it to the
// function that checks the exercise; its methods compare the learner's
// values with the expected ones and stop at the first difference.
type T struct {
	n        int
	hint     string
	passed   int
	hidden   int
	whats    map[string]bool
	figStart int
}

// Exercise checks exercise n: it runs f, which calls the learner's code and
// compares what it returns with t's methods, and prints one verdict:
//
//	✔ Exercise 3 passed.
//	✘ Exercise 3: the number of components is 2; expected 3.
//	  Hint: NComponents sets it.
//	… Exercise 3 is not done yet: write your code in fitThree where it says // YOUR CODE HERE, ...
//
// A learner's mistake never fails the cell, so Jupyter's "Run All" goes on
// to the next exercise: a failed comparison, an unanswered exercise
// (NotDone), an error returned to NoError, nb.Must or nb.Check on an error,
// and a panic in the learner's code all end f with a verdict. Only code that
// ends the program itself (os.Exit, log.Fatal, a panic on another
// goroutine) or does not compile fails the cell.
func Exercise(n int, f func(t *T)) {
	t := &T{n: n, whats: make(map[string]bool), figStart: len(plotting.Shown())}
	t.write(Record{Exercise: n, Event: EventStart})
	status, msg := t.run(f)
	t.write(Record{Exercise: n, Event: EventEnd, Status: status, Message: msg})
	fmt.Fprintln(stdout(), t.verdict(status, msg))
}

// Statuses of an exercise's run, as its end Record gives them.
const (
	StatusPass    = "pass"    // every check passed
	StatusFail    = "fail"    // a check failed
	StatusNotDone = "notdone" // the learner's code panicked with NotDone
	StatusError   = "error"   // the learner's code returned or stopped on an error
	StatusPanic   = "panic"   // the learner's code panicked
	StatusBroken  = "broken"  // the check itself is wrong: a mistake of the notebook's author
)

// stopped is the panic value with which a failed check ends the exercise.
type stopped struct{ status, msg string }

// authorError is the panic value of a check used wrongly by the notebook's
// author: a type it cannot compare, a description used twice.
type authorError struct{ msg string }

func (t *T) run(f func(*T)) (status, msg string) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		switch v := r.(type) {
		case stopped:
			status, msg = v.status, v.msg
		case authorError:
			status, msg = StatusBroken, "the check itself is wrong ("+v.msg+"); tell the notebook's author"
		default:
			if err, ok := r.(error); ok && errors.Is(err, NotDone) {
				status, msg = StatusNotDone, "not done yet"
				if fn := learnerFunc(); fn != "" {
					msg += ": write your code in " + fn + " where it says // YOUR CODE HERE, run that cell, then run this one again"
				}
				return
			}
			status, msg = StatusPanic, fmt.Sprintf("your code panicked: %v", r)
			if fn := learnerFunc(); fn != "" {
				msg += " (in " + fn + ")"
			}
		}
	}()
	if err := nb.Catch(func() { f(t) }); err != nil {
		return StatusError, fmt.Sprintf("your code stopped on an error: %v", err)
	}
	return StatusPass, ""
}

// learnerFunc returns the name of the innermost function of the notebook's
// own code (package main) on the panicking goroutine's stack, leaving out
// main itself and the closures of the check cell.
func learnerFunc() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		fr, more := frames.Next()
		name, ok := strings.CutPrefix(fr.Function, "main.")
		if ok && name != "main" && !strings.HasPrefix(name, "main.") {
			return name
		}
		if !more {
			return ""
		}
	}
}

func (t *T) verdict(status, msg string) string {
	switch status {
	case StatusPass:
		if t.hidden > 0 {
			return fmt.Sprintf("✔ Exercise %d passed (%s here; %s judged at grading).",
				t.n, plural(t.passed, "check"), plural(t.hidden, "hidden check"))
		}
		return fmt.Sprintf("✔ Exercise %d passed.", t.n)
	case StatusNotDone:
		return fmt.Sprintf("… Exercise %d is %s.", t.n, msg)
	}
	s := fmt.Sprintf("✘ Exercise %d: %s.", t.n, msg)
	if t.hint != "" && status == StatusFail {
		s += "\n  Hint: " + t.hint
	}
	return s
}

// plural writes "1 check" or "2 checks".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (t *T) write(r Record) {
	if !record {
		return
	}
	b, err := json.Marshal(r)
	if err != nil {
		panic(authorError{fmt.Sprintf("cannot record %v: %v", r, err)})
	}
	fmt.Fprintf(stdout(), "%s%s\n", RecordPrefix, b)
}

// Hint sets the advice printed with the next failed check of this exercise,
// until another Hint replaces it; "" removes it.
func (t *T) Hint(s string) { t.hint = s }

// NoError ends the exercise with a verdict if err is not nil: the learner's
// code returned an error.
func (t *T) NoError(err error) {
	if err != nil {
		panic(stopped{StatusError, fmt.Sprintf("your code returned an error: %v", err)})
	}
}

// Near checks numbers: got and want are a float64 or an int, slices of
// them, a [][]float64 or a mat.Matrix, of the same shape, and each got
// value must lie within tol of want's, relative to |want| when that is over
// 1: |got − want| ≤ tol·max(1, |want|). What names the values in the
// verdict ("the weights").
func (t *T) Near(what string, got, want any, tol float64) {
	t.compare(Spec{Kind: KindNear, What: what, Tol: tol}, encodeNumbers, got, want)
}

// Equal checks that got equals want exactly: numbers, strings, booleans, or
// slices of them (a label vector, a covariance type).
func (t *T) Equal(what string, got, want any) {
	t.compare(Spec{Kind: KindEqual, What: what}, encodePlain, got, want)
}

// Shape checks that m has the given numbers of rows and columns.
func (t *T) Shape(what string, m mat.Matrix, rows, cols int) {
	t.compare(Spec{Kind: KindShape, What: what}, encodePlain, dims(m), []int{rows, cols})
}

// SameClustering checks that the labels got group the rows as want does, up
// to a renaming of the cluster ids: a mixture numbers its components in the
// order the fit found them, so [0 0 1 1] and [1 1 0 0] are the same
// clustering. The verdict counts the rows that differ after the best
// renaming (metrics.MatchedAccuracy).
func (t *T) SameClustering(what string, got []int, want any) {
	t.compare(Spec{Kind: KindClustering, What: what}, encodeLabels, got, want)
}

// Figure checks that the learner's code showed a figure as want describes,
// through plotting.Show, since the exercise's check began: call the
// learner's function that shows it, then Figure.
func (t *T) Figure(what string, want Fig) {
	got := plotting.Shown()[t.figStart:]
	t.compare(Spec{Kind: KindFigure, What: what}, encodePlain, got, want)
}

// compare encodes got and want as the spec's kind asks, judges them and
// stops the exercise on a difference.
func (t *T) compare(s Spec, encode func(any) (json.RawMessage, error), got, want any) {
	if s.What == "" {
		panic(authorError{"a check needs a description of what it compares"})
	}
	if t.whats[s.What] {
		panic(authorError{fmt.Sprintf("two checks of exercise %d are both called %q", t.n, s.What)})
	}
	t.whats[s.What] = true
	s.Hint = t.hint
	g, err := encode(got)
	if err != nil {
		panic(authorError{fmt.Sprintf("%s: %v", s.What, err)})
	}
	r := Record{Exercise: t.n, Event: EventCheck, Spec: s, Got: g}
	if _, ok := want.(hiddenWant); ok {
		r.Hidden = true
		t.write(r)
		t.hidden++
		return
	}
	if r.Want, err = encode(want); err != nil {
		panic(authorError{fmt.Sprintf("%s: the expected value: %v", s.What, err)})
	}
	ok, msg := r.Spec.Judge(g)
	r.OK = &ok
	t.write(r)
	if !ok {
		panic(stopped{StatusFail, msg})
	}
	t.passed++
}
