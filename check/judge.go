package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/metrics"
	"github.com/gmmlab/gmmlab/plotting"
)

// Kinds of checks, as a Spec names them.
const (
	KindNear       = "near"       // T.Near
	KindEqual      = "equal"      // T.Equal
	KindShape      = "shape"      // T.Shape
	KindClustering = "clustering" // T.SameClustering
	KindFigure     = "figure"     // T.Figure
)

// Spec is one check as its notebook states it: what is compared, how, and
// the expected value. The grader keeps the specs of the master notebook (its
// answer key) and judges each learner's recorded values with them.
type Spec struct {
	Kind string `json:"kind,omitempty"`
	// What names the compared values in verdicts; it identifies the check
	// within its exercise.
	What string `json:"what,omitempty"`
	// Want is the expected value, encoded as the kind encodes values; it
	// is empty for a hidden check, whose answer the grader keeps.
	Want json.RawMessage `json:"want,omitempty"`
	// Tol is Near's tolerance.
	Tol float64 `json:"tol,omitempty"`
	// Hint is the advice given with a failure.
	Hint string `json:"hint,omitempty"`
	// Hidden marks a check whose expected value is not in the notebook.
	Hidden bool `json:"hidden,omitempty"`
}

// Fig describes the figure an exercise asks for, to T.Figure. A zero field
// is not checked.
type Fig struct {
	// Plots is the least number of plots (panels) the figure holds; 0
	// means 1.
	Plots int `json:"plots,omitempty"`
	// Title, XLabel and YLabel, if not "", must occur in every plot's
	// title and axis labels, ignoring case.
	Title  string `json:"title,omitempty"`
	XLabel string `json:"xlabel,omitempty"`
	YLabel string `json:"ylabel,omitempty"`
	// Ellipses, if positive, asks that every plot shows the covariance
	// ellipses (plotting.NewEllipses) of a mixture of that many components.
	Ellipses int `json:"ellipses,omitempty"`
	// Marks asks that every plot has marks (plotting.NewMarks) drawn on it.
	Marks bool `json:"marks,omitempty"`
}

// RecordPrefix starts every line that check writes in record mode.
const RecordPrefix = "##gmmcheck## "

// Events of a Record.
const (
	EventStart = "start" // an exercise's check begins
	EventCheck = "check" // one comparison
	EventEnd   = "end"   // the exercise's verdict
)

// Record is what check writes, one JSON object per line after
// RecordPrefix, when RecordEnv is set: the grader reads the learner's
// values (Got) from the records of each exercise's check cell and judges
// them against its own copy of the specs, so a record's Want, OK and
// Message are informative only.
type Record struct {
	Exercise int    `json:"ex"`
	Event    string `json:"ev"`
	Spec
	Got json.RawMessage `json:"got,omitempty"`
	// OK is the check's verdict in the notebook; nil for a hidden check.
	OK *bool `json:"ok,omitempty"`
	// Status and Message are the exercise's verdict, on its end record.
	Status  string `json:"status,omitempty"`
	Message string `json:"msg,omitempty"`
}

// ParseRecord returns the Record that line holds, and whether it holds one.
func ParseRecord(line string) (Record, bool) {
	rest, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), RecordPrefix)
	if !ok {
		return Record{}, false
	}
	var r Record
	if err := json.Unmarshal([]byte(rest), &r); err != nil || r.Event == "" {
		return Record{}, false
	}
	return r, true
}

// Judge compares got, a value encoded as s.Kind encodes values, with s.Want.
// It returns whether they agree and, if not, a verdict that says how they
// differ, for the learner ("the BIC is 640.1; expected 652.068 (within
// 0.001)"). A value that cannot be decoded never agrees.
func (s Spec) Judge(got json.RawMessage) (ok bool, msg string) {
	if len(s.Want) == 0 {
		return false, s.What + ": no expected value"
	}
	switch s.Kind {
	case KindNear:
		return s.judgeNear(got)
	case KindEqual:
		return s.judgeEqual(got)
	case KindShape:
		return s.judgeShape(got)
	case KindClustering:
		return s.judgeClustering(got)
	case KindFigure:
		return s.judgeFigure(got)
	}
	return false, fmt.Sprintf("%s: unknown kind of check %q", s.What, s.Kind)
}

// badValue is the verdict on a value that does not decode: a forged or
// corrupt record.
func (s Spec) badValue() (bool, string) {
	return false, s.What + ": the value could not be read"
}

// ---- numbers ----------------------------------------------------------------

// numbers is Near's encoding: the shape ([] for one number, [n] for a
// vector, [r, c] for a matrix) and the values in row-major order.
type numbers struct {
	Dims []int `json:"dims"`
	V    []num `json:"v"`
}

// num is a float64 that JSON carries as a string when it is NaN or ±Inf.
type num float64

func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	switch {
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	case math.IsInf(f, 1):
		return []byte(`"+Inf"`), nil
	case math.IsInf(f, -1):
		return []byte(`"-Inf"`), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

func (x *num) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		f, err := strconv.ParseFloat(s, 64)
		*x = num(f)
		return err
	}
	var f float64
	err := json.Unmarshal(b, &f)
	*x = num(f)
	return err
}

// encodeNumbers encodes what Near accepts.
func encodeNumbers(v any) (json.RawMessage, error) {
	if isNil(v) {
		return json.RawMessage("null"), nil
	}
	var n numbers
	switch x := v.(type) {
	case float64:
		n = numbers{Dims: []int{}, V: []num{num(x)}}
	case float32:
		n = numbers{Dims: []int{}, V: []num{num(x)}}
	case int:
		n = numbers{Dims: []int{}, V: []num{num(x)}}
	case int64:
		n = numbers{Dims: []int{}, V: []num{num(x)}}
	case []float64:
		n = numbers{Dims: []int{len(x)}, V: make([]num, len(x))}
		for i, f := range x {
			n.V[i] = num(f)
		}
	case []int:
		n = numbers{Dims: []int{len(x)}, V: make([]num, len(x))}
		for i, f := range x {
			n.V[i] = num(f)
		}
	case [][]float64:
		n.Dims = []int{len(x), 0}
		for i, row := range x {
			if i == 0 {
				n.Dims[1] = len(row)
			} else if len(row) != n.Dims[1] {
				return nil, fmt.Errorf("rows of different lengths")
			}
			for _, f := range row {
				n.V = append(n.V, num(f))
			}
		}
	case mat.Vector:
		n = numbers{Dims: []int{x.Len()}, V: make([]num, x.Len())}
		for i := range n.V {
			n.V[i] = num(x.AtVec(i))
		}
	case mat.Matrix:
		r, c := x.Dims()
		n = numbers{Dims: []int{r, c}, V: make([]num, 0, r*c)}
		for i := range r {
			for j := range c {
				n.V = append(n.V, num(x.At(i, j)))
			}
		}
	default:
		return nil, fmt.Errorf("Near cannot compare a %T", v)
	}
	return json.Marshal(n)
}

func decodeNumbers(b json.RawMessage) (n numbers, isNull, ok bool) {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return n, true, true
	}
	if json.Unmarshal(b, &n) != nil {
		return n, false, false
	}
	size := 1
	for _, d := range n.Dims {
		if d < 0 {
			return n, false, false
		}
		size *= d
	}
	return n, false, len(n.Dims) <= 2 && size == len(n.V)
}

// sameShape treats a vector of n values and an n×1 or 1×n matrix alike.
func sameShape(a, b []int) bool {
	vec := func(d []int) int {
		switch {
		case len(d) == 1:
			return d[0]
		case len(d) == 2 && (d[0] == 1 || d[1] == 1):
			return d[0] * d[1]
		}
		return -1
	}
	if slices.Equal(a, b) {
		return true
	}
	n := vec(a)
	return n >= 0 && n == vec(b)
}

// describeShape says what a value of these dimensions is.
func describeShape(d []int) string {
	switch len(d) {
	case 0:
		return "a single number"
	case 1:
		return fmt.Sprintf("%d numbers", d[0])
	}
	return fmt.Sprintf("a %d×%d matrix", d[0], d[1])
}

func (s Spec) judgeNear(got json.RawMessage) (bool, string) {
	w, _, ok := decodeNumbers(s.Want)
	if !ok {
		return false, s.What + ": the expected value could not be read"
	}
	g, null, ok := decodeNumbers(got)
	if !ok {
		return s.badValue()
	}
	if null {
		return false, fmt.Sprintf("%s: got nil; expected %s", s.What, describeShape(w.Dims))
	}
	if !sameShape(g.Dims, w.Dims) {
		return false, fmt.Sprintf("%s: got %s; expected %s", s.What, describeShape(g.Dims), describeShape(w.Dims))
	}
	near := func(g, w float64) bool {
		if math.IsNaN(w) {
			return math.IsNaN(g)
		}
		if math.IsInf(w, 0) {
			return g == w
		}
		return math.Abs(g-w) <= s.Tol*math.Max(1, math.Abs(w))
	}
	bad, first := 0, -1
	for i := range w.V {
		if !near(float64(g.V[i]), float64(w.V[i])) {
			bad++
			if first < 0 {
				first = i
			}
		}
	}
	if bad == 0 {
		return true, ""
	}
	within := ""
	if s.Tol > 0 {
		within = " (tolerance " + formatNum(s.Tol) + ")"
	}
	switch {
	case len(w.V) == 1:
		if s.Tol > 0 {
			within = " (± " + formatNum(s.Tol*math.Max(1, math.Abs(float64(w.V[0])))) + ")"
		}
		return false, fmt.Sprintf("%s is %s; expected %s%s", s.What, formatNum(float64(g.V[0])), formatNum(float64(w.V[0])), within)
	case len(w.V) <= 6:
		return false, fmt.Sprintf("%s: got %s; expected %s%s", s.What, formatNums(g.V), formatNums(w.V), within)
	}
	where := fmt.Sprintf("entry %d", first)
	if len(w.Dims) == 2 && w.Dims[0] > 1 && w.Dims[1] > 1 {
		where = fmt.Sprintf("row %d, column %d", first/w.Dims[1], first%w.Dims[1])
	}
	return false, fmt.Sprintf("%s differ from the expected values in %d of %d entries; the first is %s (counting from 0): %s instead of %s%s",
		s.What, bad, len(w.V), where, formatNum(float64(g.V[first])), formatNum(float64(w.V[first])), within)
}

// formatNum writes a number with 6 significant digits, as a learner reads it.
func formatNum(f float64) string { return strconv.FormatFloat(f, 'g', 6, 64) }

func formatNums(v []num) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = formatNum(float64(x))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// ---- plain values -------------------------------------------------------------

// encodePlain encodes a value as JSON; Equal, Shape, Figure and the
// expected side of SameClustering use it.
func encodePlain(v any) (json.RawMessage, error) {
	if isNil(v) {
		return json.RawMessage("null"), nil
	}
	return json.Marshal(v)
}

func (s Spec) judgeEqual(got json.RawMessage) (bool, string) {
	var g, w any
	if json.Unmarshal(s.Want, &w) != nil {
		return false, s.What + ": the expected value could not be read"
	}
	if json.Unmarshal(got, &g) != nil {
		return s.badValue()
	}
	if reflect.DeepEqual(g, w) {
		return true, ""
	}
	if _, list := w.([]any); list {
		return false, fmt.Sprintf("%s: got %s; expected %s", s.What, formatPlain(g), formatPlain(w))
	}
	return false, fmt.Sprintf("%s is %s; expected %s", s.What, formatPlain(g), formatPlain(w))
}

// formatPlain writes a decoded JSON value as Go prints it: strings quoted,
// lists in brackets, long lists cut.
func formatPlain(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case string:
		return strconv.Quote(x)
	case float64:
		return formatNum(x)
	case []any:
		parts := make([]string, 0, min(len(x), 11))
		for i, e := range x {
			if i == 10 {
				parts = append(parts, fmt.Sprintf("... (%d in all)", len(x)))
				break
			}
			parts = append(parts, formatPlain(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprint(v)
}

// dims returns m's numbers of rows and columns, or nil for a nil matrix.
func dims(m mat.Matrix) []int {
	if isNil(m) {
		return nil
	}
	r, c := m.Dims()
	return []int{r, c}
}

func (s Spec) judgeShape(got json.RawMessage) (bool, string) {
	var g, w []int
	if json.Unmarshal(s.Want, &w) != nil || len(w) != 2 {
		return false, s.What + ": the expected value could not be read"
	}
	if json.Unmarshal(got, &g) != nil || (g != nil && len(g) != 2) {
		return s.badValue()
	}
	if g == nil {
		return false, fmt.Sprintf("%s is nil; expected a %d×%d matrix", s.What, w[0], w[1])
	}
	if slices.Equal(g, w) {
		return true, ""
	}
	return false, fmt.Sprintf("%s is a %d×%d matrix; expected %d×%d (rows × columns)", s.What, g[0], g[1], w[0], w[1])
}

// ---- clusterings --------------------------------------------------------------

func encodeLabels(v any) (json.RawMessage, error) {
	if _, ok := v.([]int); !ok && !isNil(v) {
		return nil, fmt.Errorf("SameClustering compares []int labels, not a %T", v)
	}
	return encodePlain(v)
}

func (s Spec) judgeClustering(got json.RawMessage) (bool, string) {
	var g, w []int
	if json.Unmarshal(s.Want, &w) != nil {
		return false, s.What + ": the expected value could not be read"
	}
	if json.Unmarshal(got, &g) != nil {
		return s.badValue()
	}
	if g == nil {
		return false, fmt.Sprintf("%s: got no labels (nil); expected %d", s.What, len(w))
	}
	if len(g) != len(w) {
		return false, fmt.Sprintf("%s: got %d labels; expected %d, one per row", s.What, len(g), len(w))
	}
	if len(w) == 0 {
		return true, ""
	}
	acc, _ := metrics.MatchedAccuracy(w, g)
	bad := len(w) - int(math.Round(acc*float64(len(w))))
	if bad == 0 {
		return true, ""
	}
	return false, fmt.Sprintf("%s differ from the expected clustering in %d of %d rows, even allowing the clusters to be numbered differently",
		s.What, bad, len(w))
}

// ---- figures --------------------------------------------------------------------

func (s Spec) judgeFigure(got json.RawMessage) (bool, string) {
	var want Fig
	if json.Unmarshal(s.Want, &want) != nil {
		return false, s.What + ": the expected value could not be read"
	}
	var figs []plotting.ShownFigure
	if json.Unmarshal(got, &figs) != nil {
		return s.badValue()
	}
	if len(figs) == 0 {
		return false, s.What + ": no figure was shown; show it with plotting.Show"
	}
	// Judge every figure shown and report on the closest one.
	best := []string(nil)
	for _, f := range figs {
		problems := want.problems(f)
		if len(problems) == 0 {
			return true, ""
		}
		if best == nil || len(problems) <= len(best) {
			best = problems
		}
	}
	return false, s.What + ": " + best[0]
}

// problems lists how f falls short of the figure fig asks for.
func (fig Fig) problems(f plotting.ShownFigure) []string {
	var ps []string
	if n := max(fig.Plots, 1); len(f.Plots) < n {
		ps = append(ps, fmt.Sprintf("the figure holds %d plots; expected at least %d", len(f.Plots), n))
	}
	for i, p := range f.Plots {
		which := "the plot"
		if len(f.Plots) > 1 {
			which = fmt.Sprintf("plot %d", i+1)
		}
		lacks := func(text, want, part string) {
			if want != "" && !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
				ps = append(ps, fmt.Sprintf("%s's %s is %q; it should mention %q", which, part, text, want))
			}
		}
		lacks(p.Title, fig.Title, "title")
		lacks(p.XLabel, fig.XLabel, "x-axis label")
		lacks(p.YLabel, fig.YLabel, "y-axis label")
		if fig.Ellipses > 0 {
			switch {
			case len(p.Ellipses) == 0:
				ps = append(ps, which+" shows no covariance ellipses; add plotting.NewEllipses(model) to it")
			case !slices.Contains(p.Ellipses, fig.Ellipses):
				ps = append(ps, fmt.Sprintf("%s shows the ellipses of %d components; expected %d", which, p.Ellipses[0], fig.Ellipses))
			}
		}
		if fig.Marks && p.Marks == 0 {
			ps = append(ps, which+" has no marks; add them with plotting.NewMarks")
		}
	}
	return ps
}

// isNil reports whether v is nil or a nil pointer, slice, map or interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch r := reflect.ValueOf(v); r.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan:
		return r.IsNil()
	}
	return false
}
