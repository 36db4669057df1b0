package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nb"
	"github.com/gmmlab/gmmlab/plotting"
)

// capture sends verdicts (and records, if rec) to a buffer for one test.
func capture(t *testing.T, rec bool) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	oldOut, oldRec := out, record
	out, record = &buf, rec
	t.Cleanup(func() { out, record = oldOut, oldRec })
	return &buf
}

// TestVerdicts runs one exercise per way a learner's answer can end and
// checks the one verdict each prints.
func TestVerdicts(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(t *T)
		want string
	}{
		{"pass", func(t *T) {
			t.Equal("the number of components", 3, 3)
			t.Near("the BIC", 652.0684, 652.068, 1e-3)
		}, "✔ Exercise 1 passed.\n"},
		{"fail with hint", func(t *T) {
			t.Hint("NComponents sets it.")
			t.Equal("the number of components", 2, 3)
			t.Near("never reached", 0.0, 1.0, 0)
		}, "✘ Exercise 1: the number of components is 2; expected 3.\n  Hint: NComponents sets it.\n"},
		{"not done", func(t *T) { panic(NotDone) }, "… Exercise 1 is not done yet.\n"},
		{"returned error", func(t *T) {
			t.NoError(errors.New("gmmlab: X contains NaN in row 3"))
		}, "✘ Exercise 1: your code returned an error: gmmlab: X contains NaN in row 3.\n"},
		{"nb.Must", func(t *T) {
			nb.Must(0, errors.New("gmmlab: too few samples"))
		}, "✘ Exercise 1: your code stopped on an error: gmmlab: too few samples.\n"},
		{"panic", func(t *T) {
			var s []int
			_ = s[3]
		}, "✘ Exercise 1: your code panicked: runtime error: index out of range [3] with length 0.\n"},
		{"author's mistake", func(t *T) {
			t.Near("a map", map[int]int{}, 1.0, 0)
		}, "✘ Exercise 1: the check itself is wrong (a map: Near cannot compare a map[int]int); tell the notebook's author.\n"},
		{"hidden", func(t *T) {
			t.Equal("the number of components", 3, 3)
			t.Near("the BIC on Iris", 180.6, Hidden, 1e-3)
		}, "✔ Exercise 1 passed (1 check here; 1 hidden check judged at grading).\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			buf := capture(t, false)
			Exercise(1, tc.f)
			if got := buf.String(); got != tc.want {
				t.Errorf("printed %q,\nwant    %q", got, tc.want)
			}
		})
	}
}

// TestRecords checks what record mode writes: a start, one record per check
// with the learner's value, and the verdict.
func TestRecords(t *testing.T) {
	buf := capture(t, true)
	Exercise(2, func(t *T) {
		t.Hint("use the test set")
		t.SameClustering("the test labels", []int{1, 1, 0}, []int{0, 0, 1})
		t.Near("the weights", []float64{0.5, 0.5}, Hidden, 1e-3)
		t.Shape("the test set", mat.NewDense(3, 2, nil), 4, 2)
	})
	var recs []Record
	var verdict []string
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if r, ok := ParseRecord(line); ok {
			recs = append(recs, r)
		} else {
			verdict = append(verdict, line)
		}
	}
	if len(recs) != 5 {
		t.Fatalf("got %d records, want 5:\n%s", len(recs), buf)
	}
	if recs[0].Event != EventStart || recs[4].Event != EventEnd || recs[4].Status != StatusFail {
		t.Errorf("first and last records = %+v, %+v; want start and a failed end", recs[0], recs[4])
	}
	c := recs[1]
	if c.Kind != KindClustering || c.What != "the test labels" || string(c.Got) != "[1,1,0]" ||
		string(c.Want) != "[0,0,1]" || c.Hint != "use the test set" || c.OK == nil || !*c.OK {
		t.Errorf("clustering record = %+v", c)
	}
	h := recs[2]
	if !h.Hidden || h.Want != nil || h.OK != nil || string(h.Got) != `{"dims":[2],"v":[0.5,0.5]}` {
		t.Errorf("hidden record = %+v (got %s)", h, h.Got)
	}
	if s := recs[3]; string(s.Got) != "[3,2]" || s.OK == nil || *s.OK {
		t.Errorf("shape record = %+v (got %s)", s, s.Got)
	}
	if len(verdict) != 2 || verdict[0] != "✘ Exercise 2: the test set is a 3×2 matrix; expected 4×2 (rows × columns)." {
		t.Errorf("verdict lines = %q", verdict)
	}
	if _, ok := ParseRecord("##gmmcheck## not json"); ok {
		t.Error("ParseRecord accepted a line that is not JSON")
	}
}

// TestJudge checks each kind's verdicts on agreeing and differing values.
func TestJudge(t *testing.T) {
	enc := func(e func(any) (json.RawMessage, error), v any) json.RawMessage {
		b, err := e(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	num := func(v any) json.RawMessage { return enc(encodeNumbers, v) }
	plain := func(v any) json.RawMessage { return enc(encodePlain, v) }
	long := make([]float64, 68)
	longBad := append([]float64(nil), long...)
	longBad[3], longBad[40] = 0.5, 0.5
	fig := plotting.ShownFigure{Plots: []plotting.ShownPlot{{Title: "Old Faithful clusters", XLabel: "eruption (min)", YLabel: "waiting (min)", Ellipses: []int{3}}}}
	var nilDense *mat.Dense
	for _, tc := range []struct {
		name string
		spec Spec
		got  json.RawMessage
		ok   bool
		msg  string
	}{
		{"near scalar", Spec{Kind: KindNear, What: "the BIC", Want: num(652.068), Tol: 1e-3}, num(653.0), false,
			"the BIC is 653; expected 652.068 (± 0.652068)"},
		{"near relative", Spec{Kind: KindNear, What: "the BIC", Want: num(652.068), Tol: 1e-3}, num(652.5), true, ""},
		{"near vector", Spec{Kind: KindNear, What: "the weights", Want: num([]float64{0.317, 0.339, 0.344}), Tol: 1e-3},
			num([]float64{0.5, 0.25, 0.25}), false, "the weights: got [0.5 0.25 0.25]; expected [0.317 0.339 0.344] (tolerance 0.001)"},
		{"near column is a vector", Spec{Kind: KindNear, What: "v", Want: num([]float64{1, 2}), Tol: 0},
			num(mat.NewDense(2, 1, []float64{1, 2})), true, ""},
		{"near long", Spec{Kind: KindNear, What: "the scores", Want: num(long), Tol: 1e-6}, num(longBad), false,
			"the scores differ from the expected values in 2 of 68 entries; the first is entry 3 (counting from 0): 0.5 instead of 0 (tolerance 1e-06)"},
		{"near matrix", Spec{Kind: KindNear, What: "the means", Want: num(mat.NewDense(3, 2, nil)), Tol: 1e-3},
			num(mat.NewDense(3, 2, []float64{0, 0, 0, 1, 0, 0})), false,
			"the means: got [0 0 0 1 0 0]; expected [0 0 0 0 0 0] (tolerance 0.001)"},
		{"near shape", Spec{Kind: KindNear, What: "the means", Want: num(mat.NewDense(3, 2, nil)), Tol: 1e-3},
			num(mat.NewDense(2, 3, nil)), false, "the means: got a 2×3 matrix; expected a 3×2 matrix"},
		{"near nil", Spec{Kind: KindNear, What: "the means", Want: num(mat.NewDense(3, 2, nil))}, num(nilDense), false,
			"the means: got nil; expected a 3×2 matrix"},
		{"near NaN", Spec{Kind: KindNear, What: "the BIC", Want: num(1.0), Tol: 1e-3}, num(math.NaN()), false,
			"the BIC is NaN; expected 1 (± 0.001)"},
		{"equal string", Spec{Kind: KindEqual, What: "the covariance type", Want: plain("full")}, plain("diag"), false,
			`the covariance type is "diag"; expected "full"`},
		{"equal list", Spec{Kind: KindEqual, What: "the counts", Want: plain([]int{17, 25, 26})}, plain([]int{17, 25, 26}), true, ""},
		{"shape", Spec{Kind: KindShape, What: "the test set", Want: plain([]int{68, 2})}, plain(dims(nilDense)), false,
			"the test set is nil; expected a 68×2 matrix"},
		{"clustering renamed", Spec{Kind: KindClustering, What: "the labels", Want: plain([]int{0, 0, 1, 1, 2})},
			plain([]int{2, 2, 0, 0, 1}), true, ""},
		{"clustering differs", Spec{Kind: KindClustering, What: "the labels", Want: plain([]int{0, 0, 1, 1, 2})},
			plain([]int{2, 2, 0, 1, 1}), false,
			"the labels differ from the expected clustering in 1 of 5 rows, even allowing the clusters to be numbered differently"},
		{"clustering length", Spec{Kind: KindClustering, What: "the test labels", Want: plain(make([]int, 68))},
			plain(make([]int, 204)), false, "the test labels: got 204 labels; expected 68, one per row"},
		{"figure ok", Spec{Kind: KindFigure, What: "the figure", Want: plain(Fig{Title: "old faithful", XLabel: "eruption", Ellipses: 3})},
			plain([]plotting.ShownFigure{fig}), true, ""},
		{"figure none", Spec{Kind: KindFigure, What: "the figure", Want: plain(Fig{Title: "Old Faithful"})},
			plain([]plotting.ShownFigure{}), false, "the figure: no figure was shown; show it with plotting.Show"},
		{"figure without ellipses", Spec{Kind: KindFigure, What: "the figure", Want: plain(Fig{Ellipses: 2})},
			plain([]plotting.ShownFigure{fig}), false, "the figure: the plot shows the ellipses of 3 components; expected 2"},
		{"figure title", Spec{Kind: KindFigure, What: "the figure", Want: plain(Fig{Plots: 1, YLabel: "wait"})},
			plain([]plotting.ShownFigure{{Plots: []plotting.ShownPlot{{YLabel: "Feature 2"}}}}), false,
			`the figure: the plot's y-axis label is "Feature 2"; it should mention "wait"`},
		{"forged value", Spec{Kind: KindNear, What: "the BIC", Want: num(1.0)}, json.RawMessage(`{"dims":[2],"v":[1]}`), false,
			"the BIC: the value could not be read"},
		{"hidden without answer", Spec{Kind: KindNear, What: "the BIC", Hidden: true}, num(1.0), false, "the BIC: no expected value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, msg := tc.spec.Judge(tc.got)
			if ok != tc.ok || msg != tc.msg {
				t.Errorf("Judge(%s) = %v, %q;\nwant %v, %q", tc.got, ok, msg, tc.ok, tc.msg)
			}
		})
	}
}

// TestFigureCheck shows figures outside a notebook (files in a temporary
// directory) and checks that Figure sees those shown during the exercise
// only.
func TestFigureCheck(t *testing.T) {
	d := plotting.Display{Dir: t.TempDir(), Log: io.Discard}
	X := mat.NewDense(3, 2, []float64{0, 0, 1, 1, 2, 0})
	p, err := plotting.Clusters{Title: "before"}.Plot(X, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Show(p); err != nil {
		t.Fatal(err)
	}
	buf := capture(t, false)
	Exercise(5, func(t *T) {
		t.Figure("your figure", Fig{Title: "before"})
	})
	if want := "✘ Exercise 5: your figure: no figure was shown; show it with plotting.Show.\n"; buf.String() != want {
		t.Errorf("printed %q, want %q", buf.String(), want)
	}
	buf.Reset()
	Exercise(5, func(t *T) {
		q, err := plotting.Clusters{Title: "Old Faithful", XLabel: "eruption"}.Plot(X, nil)
		t.NoError(err)
		t.NoError(d.Show(q))
		t.Figure("your figure", Fig{Title: "faithful", XLabel: "Eruption"})
	})
	if want := "✔ Exercise 5 passed.\n"; buf.String() != want {
		t.Errorf("printed %q, want %q", buf.String(), want)
	}
}

// TestCellProgram builds and runs a program shaped like a notebook cell
// (package main, the learner's function, a check) and checks that the
// verdicts name the learner's function and that the program ends normally.
func TestCellProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	bin := filepath.Join(t.TempDir(), "cell")
	build := exec.Command("go", "build", "-o", bin, "./testdata/cell")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), RecordEnv+"=")
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the cell program failed: %v\n%s", err, got)
	}
	want := "… Exercise 1 is not done yet: write your code in fitThree where it says // YOUR CODE HERE, run that cell, then run this one again.\n" +
		"✘ Exercise 2: your code panicked: assignment to entry in nil map (in countLabels).\n"
	if string(got) != want {
		t.Errorf("the cell printed\n%s\nwant\n%s", got, want)
	}
}
