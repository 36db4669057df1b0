package nbcache

import (
	"bytes"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
	"github.com/gmmlab/gmmlab/gmmlab"
)

// A cell's main.go as GoNB writes it: imports, types, constants, one var
// block, functions.
const cellSource = `package main

import (
	"fmt"
	"strings"

	"github.com/gmmlab/gmmlab/nbcache"
	"gonum.org/v1/gonum/mat"
)

type scaler struct{ f float64 }

type unused struct{}

const k = 3

const other = 7

var (
	X  = data()
	gm = nbcache.Value(func() (*mat.Dense, error) {
		return scaled(X, k), nil
	}, X)
	unrelated = strings.Repeat("x", other)
)

func (s scaler) apply(x float64) float64 { return s.f * x }

func (u unused) apply() {}

func data() *mat.Dense { return mat.NewDense(1, 1, []float64{1}) }

func scaled(m *mat.Dense, by int) *mat.Dense {
	var out mat.Dense
	out.Apply(func(i, j int, v float64) float64 { return scaler{float64(by)}.apply(v) }, m)
	return &out
}

func init() { fmt.Println("init") }

func main() {
	fmt.Println(gm, unrelated)
}
`

func writeCell(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func lineOf(t *testing.T, src, text string) int {
	t.Helper()
	i := strings.Index(src, text)
	if i < 0 {
		t.Fatalf("%q not in the source", text)
	}
	return strings.Count(src[:i], "\n") + 1
}

func TestDeclarationClosure(t *testing.T) {
	path := writeCell(t, cellSource)
	got, err := declarationClosure(path, lineOf(t, cellSource, "return scaled(X, k)"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`gm = nbcache.Value(`,                // the declaration itself
		`X  = data()`,                        // a variable it uses
		`func data() *mat.Dense`,             // ... and what that one calls
		`func scaled(m *mat.Dense`,           // a function it calls
		`k = 3`,                              // a constant it names
		`scaler struct{ f float64 }`,         // a type its functions use
		`func (s scaler) apply(x float`,      // ... and that type's methods
		`func init() { fmt.Println("in`,      // init functions run before it
		`"github.com/gmmlab/gmmlab/nbcache"`, // the imports it names
		`"gonum.org/v1/gonum/mat"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the closure lacks %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"unrelated =", "other = 7", "unused struct", "func (u unused)", "func main()", `"strings"`} {
		if strings.Contains(got, not) {
			t.Errorf("the closure has %q, which the declaration does not use:\n%s", not, got)
		}
	}
}

// The key changes when the declaration, or anything it uses, changes, and
// only then.
func TestKeyFollowsCode(t *testing.T) {
	key := func(src string) string {
		t.Helper()
		path := writeCell(t, src)
		code, err := declarationClosure(path, lineOf(t, src, "gm = nbcache.Value("))
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	base := key(cellSource)
	for _, tc := range []struct {
		name, from, to string
		same           bool
	}{
		{"a setting in the declaration", "scaled(X, k)", "scaled(X, k+1)", false},
		{"a constant it uses", "const k = 3", "const k = 4", false},
		{"a method of a type it uses", "return s.f * x", "return s.f * x * 2", false},
		{"a variable it uses", "X  = data()", "X  = data2()", false},
		{"an unrelated constant", "const other = 7", "const other = 8", true},
		{"an unrelated variable", `strings.Repeat("x", other)`, `strings.Repeat("y", other)`, true},
		{"the cell's main", "fmt.Println(gm, unrelated)", "fmt.Println(gm)", true},
	} {
		src := strings.Replace(cellSource, tc.from, tc.to, 1)
		if src == cellSource {
			t.Fatalf("%s: the test changes nothing", tc.name)
		}
		if got := key(src) == base; got != tc.same {
			t.Errorf("%s: key unchanged = %v, want %v", tc.name, got, tc.same)
		}
	}
}

func TestRoundTrips(t *testing.T) {
	type point struct {
		X, Y float64
		Tags []string
	}
	type hidden struct {
		X float64
		y float64
	}
	type fit struct {
		BIC float64
		Err error
	}
	for _, tc := range []struct {
		name string
		v    any
		ok   bool
	}{
		{"matrix", mat.NewDense(2, 2, []float64{1, 2, 3, 4}), true},
		{"ints", []int{1, 2, 3}, true},
		{"floats", []float64{0.1 + 0.2, math.Inf(-1), math.NaN(), math.Copysign(0, -1)}, true},
		{"float", 0.1 + 0.2, true},
		{"struct", point{1, 2, []string{"a"}}, true},
		{"pointer to struct", &point{X: 1}, true},
		{"nil slice", []string(nil), true},
		{"nil interface field", []fit{{BIC: 1e-300}, {BIC: math.Copysign(0, -1)}}, true},
		{"unexported field", hidden{1, 2}, false},
		{"function", func() {}, false},
		{"complex", []complex128{1i}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			typ := reflect.TypeOf(tc.v)
			if got := cacheable(typ); got != tc.ok {
				t.Fatalf("cacheable(%s) = %v, want %v", typ, got, tc.ok)
			}
			if !tc.ok {
				return
			}
			src := reflect.New(typ)
			src.Elem().Set(reflect.ValueOf(tc.v))
			data, ok := readsBack([]any{src.Interface()})
			if !ok {
				t.Fatalf("%v does not read back", tc.v)
			}
			dst := reflect.New(typ)
			if err := decodeAll(data, []any{dst.Interface()}); err != nil {
				t.Fatal(err)
			}
			if !same(dst.Elem(), reflect.ValueOf(tc.v)) {
				t.Errorf("read back %v, want %v", dst.Elem().Interface(), tc.v)
			}
		})
	}
	// Values that would not read back as they are are not kept: an
	// interface holding a value, a float JSON cannot write, a string that
	// is not UTF-8.
	for _, v := range []any{[]fit{{Err: errors.New("failed")}}, []any{1}, []fit{{BIC: math.Inf(1)}},
		[]string{"\xff"}} {
		src := reflect.New(reflect.TypeOf(v))
		src.Elem().Set(reflect.ValueOf(v))
		if _, ok := readsBack([]any{src.Interface()}); ok {
			t.Errorf("%v would be kept", v)
		}
	}
}

// cellProgram builds a small program that declares a value through Value,
// as a notebook cell does, in a module that uses this checkout.
type cellProgram struct {
	t         *testing.T
	dir, bin  string
	tmp, data string
}

func newCellProgram(t *testing.T) *cellProgram {
	t.Helper()
	if testing.Short() {
		t.Skip("builds programs")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	_, self, _, _ := runtime.Caller(0)
	root := filepath.Dir(filepath.Dir(self))
	dir := t.TempDir()
	p := &cellProgram{t: t, dir: dir, bin: filepath.Join(dir, "cell"), tmp: t.TempDir(), data: filepath.Join(dir, "data.txt")}
	for name, src := range map[string]string{
		"go.mod":  "module gonb_cachetest\n\ngo 1.22\n",
		"go.work": "go " + strings.TrimPrefix(runtime.Version(), "go") + "\n\nuse (\n\t.\n\t" + root + "\n)\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// build writes main.go with the given setting and data-file handling, and
// builds it.
func (p *cellProgram) build(setting string) {
	p.t.Helper()
	src := `package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/gmmlab/gmmlab/nb"
	"github.com/gmmlab/gmmlab/nbcache"
)

const factor = ` + setting + `

var raw = nb.Must(os.ReadFile(os.Getenv("CELL_DATA")))

var total = nbcache.Value(func() (float64, error) {
	fmt.Fprintln(os.Stderr, "computing")
	x, err := strconv.ParseFloat(strings.TrimSpace(string(raw)), 64)
	return factor * x, err
}, raw)

func main() { fmt.Println(total) }
`
	if err := os.WriteFile(filepath.Join(p.dir, "main.go"), []byte(src), 0o644); err != nil {
		p.t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-o", p.bin)
	cmd.Dir = p.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		p.t.Fatalf("go build: %v\n%s", err, out)
	}
}

// run runs the program as GoNB would in this kernel, and returns what it
// printed and whether it computed the value.
func (p *cellProgram) run(data string) (string, bool) {
	p.t.Helper()
	if err := os.WriteFile(p.data, []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
	cmd := exec.Command(p.bin)
	cmd.Env = append(os.Environ(), "GONB_TMP_DIR="+p.tmp, "CELL_DATA="+p.data)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		p.t.Fatalf("program: %v\n%s", err, errOut.String())
	}
	return strings.TrimSpace(out.String()), strings.Contains(errOut.String(), "computing")
}

func TestValueInCellPrograms(t *testing.T) {
	p := newCellProgram(t)
	p.build("2")
	steps := []struct {
		what, data, want string
		computes         bool
	}{
		{"first cell", "10", "20", true},
		{"a later cell", "10", "20", false},
		{"the data file changed", "11", "22", true},
		{"again", "11", "22", false},
	}
	for _, s := range steps {
		got, computed := p.run(s.data)
		if got != s.want || computed != s.computes {
			t.Errorf("%s: printed %s (computed %v), want %s (computed %v)", s.what, got, computed, s.want, s.computes)
		}
	}
	// The learner changes a setting in another declaration: never the old
	// value.
	p.build("3")
	if got, computed := p.run("11"); got != "33" || !computed {
		t.Errorf("after a setting changed: printed %s (computed %v), want 33 computed", got, computed)
	}
	if got, computed := p.run("11"); got != "33" || computed {
		t.Errorf("then: printed %s (computed %v), want 33 from the cache", got, computed)
	}
	// Back to the first setting: its value is still there.
	p.build("2")
	if got, computed := p.run("11"); got != "22" || computed {
		t.Errorf("first setting again: printed %s (computed %v), want 22 from the cache", got, computed)
	}
	// A new kernel (a new temporary directory) starts empty.
	p.tmp = t.TempDir()
	if got, computed := p.run("11"); got != "22" || !computed {
		t.Errorf("new kernel: printed %s (computed %v), want 22 computed", got, computed)
	}
}

// Outside GoNB, Value calls compute every time and keeps nothing.
func TestValueOutsideNotebook(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", "")
	n := 0
	for i := 0; i < 2; i++ {
		v := Value(func() (int, error) { n++; return 7, nil })
		if v != 7 {
			t.Fatalf("Value = %d", v)
		}
	}
	if n != 2 {
		t.Errorf("compute ran %d times, want 2", n)
	}
}

// useCacheDir makes Value keep values in a fresh directory, as in a kernel.
func useCacheDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	old := cacheDir
	cacheDir = func() string { return dir }
	t.Cleanup(func() { cacheDir = old })
	return dir
}

// An error from compute stops the cell, as nb.Check does, and nothing is
// kept.
func TestValueError(t *testing.T) {
	dir := useCacheDir(t)
	type stopped struct{ err error }
	old := check
	check = func(err error) {
		if err != nil {
			panic(stopped{err})
		}
	}
	t.Cleanup(func() { check = old })
	func() {
		defer func() {
			r, ok := recover().(stopped)
			if !ok || r.err.Error() != "gmmlab: bad data" {
				t.Errorf("the cell was not stopped with the error: %v", r)
			}
		}()
		Value(func() (int, error) { return 0, errors.New("gmmlab: bad data") })
	}()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("an error was kept: %v", entries)
	}
}

// Values of a type nbcache cannot encode exactly are computed every time.
func TestValueUncacheable(t *testing.T) {
	useCacheDir(t)
	type hidden struct{ x int }
	n := 0
	for i := 0; i < 2; i++ {
		if v := Value(func() (hidden, error) { n++; return hidden{5}, nil }); v.x != 5 {
			t.Fatalf("Value = %v", v)
		}
	}
	if n != 2 {
		t.Errorf("compute ran %d times, want 2", n)
	}
	m := 0
	for i := 0; i < 2; i++ {
		if v := Value(func() ([]int, error) { m++; return []int{1, 2}, nil }); len(v) != 2 {
			t.Fatalf("Value = %v", v)
		}
	}
	if m != 1 {
		t.Errorf("a cacheable value was computed %d times, want 1", m)
	}
}

// A model selection (every candidate's fitted mixture, its scores, a nil
// Err) and a k-means model read back exactly as fitted.
func TestRoundTripModels(t *testing.T) {
	X, _, err := datagen.MakeBlobs(datagen.Blobs{NSamples: 300, Centers: 3, RandomState: 170})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := gmmlab.ModelSelection{NComponents: []int{1, 2, 3}, Base: gmmlab.GaussianMixture{RandomState: 0}}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	km, err := gmmlab.KMeans{NClusters: 3, RandomState: 0}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	data, err := encodeAll([]any{&sel, &km})
	if err != nil {
		t.Fatal(err)
	}
	var sel2 *gmmlab.Selection
	var km2 *gmmlab.KMeansModel
	if err := decodeAll(data, []any{&sel2, &km2}); err != nil {
		t.Fatal(err)
	}
	if len(sel2.Candidates) != len(sel.Candidates) {
		t.Fatalf("%d candidates read back, want %d", len(sel2.Candidates), len(sel.Candidates))
	}
	for i, c := range sel.Candidates {
		c2 := sel2.Candidates[i]
		a, _ := c.Model.MarshalBinary()
		b, _ := c2.Model.MarshalBinary()
		if c.BIC != c2.BIC || c.AIC != c2.AIC || c.ICL != c2.ICL || c.Err != nil || c2.Err != nil || !bytes.Equal(a, b) {
			t.Errorf("candidate %d (%d %s) differs after the round trip", i, c.NComponents, c.CovarianceType)
		}
	}
	if !reflect.DeepEqual(km2.Labels(), km.Labels()) || km2.Inertia() != km.Inertia() || !mat.Equal(km2.Centers(), km.Centers()) {
		t.Errorf("k-means model differs after the round trip")
	}
}

// Value2 keeps both results of one computation.
func TestValue2(t *testing.T) {
	useCacheDir(t)
	n := 0
	for i := 0; i < 2; i++ {
		X, y := Value2(func() (*mat.Dense, []int, error) {
			n++
			return mat.NewDense(2, 1, []float64{1, 2}), []int{0, 1}, nil
		})
		if X.At(1, 0) != 2 || !reflect.DeepEqual(y, []int{0, 1}) {
			t.Fatalf("Value2 = %v, %v", X, y)
		}
	}
	if n != 1 {
		t.Errorf("computed %d times, want 1", n)
	}
}

// splitDecls finds each declaration whole, whatever its layout.
func TestSplitDecls(t *testing.T) {
	src := `package main

import . "math"
import m "gonum.org/v1/gonum/mat"

const (
	A = iota
	B
)

type list[T any] struct{ items []T }

func (l *list[T]) add(x T) { l.items = append(l.items, x) } // a method of list

var total = 1 +
	2

var braces = ` + "`{{ ( [`" + ` // a raw string with brackets /* not a comment */

var (
	x, y = m.NewDense(1, 1, nil), Pi
	_    = register()
)

func register() int { return len("}") }
`
	units, err := splitDecls([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range units {
		got = append(got, strings.Join(u.names, ",")+"|"+u.recv+"|"+strconv.FormatBool(u.must)+"|"+
			strings.SplitN(src[u.start:u.end], "\n", 2)[0])
	}
	want := []string{ // names|receiver|must|first line
		".||true|import . \"math\"",
		"m||false|import m \"gonum.org/v1/gonum/mat\"",
		"A,B||false|const (",
		"list||false|type list[T any] struct{ items []T }",
		"add|list|false|func (l *list[T]) add(x T) { l.items = append(l.items, x) }",
		"total||false|var total = 1 +",
		"braces||false|var braces = `{{ ( [`",
		"x,y||false|x, y = m.NewDense(1, 1, nil), Pi",
		"_||true|_    = register()",
		"register||false|func register() int { return len(\"}\") }",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if u := units[5]; src[u.start:u.end] != "var total = 1 +\n\t2" {
		t.Errorf("a declaration continued on the next line was cut: %q", src[u.start:u.end])
	}
}
