package nprand

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// The reference values in testdata/ come from numpy 1.24.2 (Debian bookworm's
// python3-numpy on x86-64, glibc 2.36):
//   - numpy_random.json is the project's shared reference file (see its
//     _generated_by field): per seed, one stream through random_sample(5),
//     normal(0, 1, (3, 2)), uniform(-10, 10, (3, 2)), randint(0, 100, 8),
//     permutation(10), choice(10, 3, replace=False),
//     choice(5, 6, p=[.1, .2, .3, .25, .15]), multinomial(100, [.2, .3, .5]),
//     standard_normal(4); and tutorial_two_groups, np.random.seed(0) then
//     normal(0, 1, (100, 2)) and normal(5, 1, (100, 2)).
//   - numpy_extra.json is written by testdata/gen_extra.py, which documents
//     each case.
// Every value is compared with ==.

// checked counts the reference values compared, for the log.
var checked int

// floatsEqual reports whether got and want agree bit for bit, or, when
// inexact is set (a build without cgo, whose log and exp are Go's), to
// within a few ulps.
func floatsEqual(got, want float64, inexact bool) bool {
	if got == want {
		return true
	}
	return inexact && math.Abs(got-want) <= 1e-13*math.Max(1, math.Abs(want))
}

func checkFloats(t *testing.T, name string, got, want []float64, inexact bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", name, len(got), len(want))
	}
	for i := range want {
		checked++
		if !floatsEqual(got[i], want[i], inexact) {
			t.Fatalf("%s[%d] = %v (%#x), numpy gives %v (%#x)", name, i,
				got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

func checkInts[T, U int | int64 | uint32](t *testing.T, name string, got []T, want []U) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values %v, want %d %v", name, len(got), got, len(want), want)
	}
	for i := range want {
		checked++
		if int64(got[i]) != int64(want[i]) {
			t.Fatalf("%s = %v, numpy gives %v", name, got, want)
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func flatten(rows [][]float64) []float64 {
	var out []float64
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func TestSharedStreams(t *testing.T) {
	var ref struct {
		Streams []struct {
			Seed         int64       `json:"seed"`
			RandomSample []float64   `json:"random_sample_5"`
			Normal       [][]float64 `json:"normal_0_1_3x2"`
			Uniform      [][]float64 `json:"uniform_m10_10_3x2"`
			Randint      []int64     `json:"randint_0_100_8"`
			Permutation  []int       `json:"permutation_10"`
			ChoiceNoRep  []int       `json:"choice_10_3_noreplace"`
			ChoiceP      []int       `json:"choice_5_6_p"`
			Multinomial  []int       `json:"multinomial_100"`
			StdNormal    []float64   `json:"standard_normal_after_all_4"`
		} `json:"streams"`
		Tutorial struct {
			Group1 [][]float64 `json:"group1"`
			Group2 [][]float64 `json:"group2"`
		} `json:"tutorial_two_groups"`
	}
	readJSON(t, "testdata/numpy_random.json", &ref)
	if len(ref.Streams) == 0 {
		t.Fatal("no streams in numpy_random.json")
	}
	for _, s := range ref.Streams {
		t.Run(fmt.Sprint("seed", s.Seed), func(t *testing.T) {
			r := NewInt64(s.Seed)
			checkFloats(t, "random_sample(5)", r.RandomSampleN(5), s.RandomSample, false)
			checkFloats(t, "normal(0, 1, (3, 2))", r.NormalN(0, 1, 6), flatten(s.Normal), !numpy.ExactLibm)
			checkFloats(t, "uniform(-10, 10, (3, 2))", r.UniformN(-10, 10, 6), flatten(s.Uniform), false)
			checkInts(t, "randint(0, 100, 8)", r.RandintN(0, 100, 8), s.Randint)
			checkInts(t, "permutation(10)", r.Permutation(10), s.Permutation)
			checkInts(t, "choice(10, 3, replace=False)", r.Choice(10, 3, false, nil), s.ChoiceNoRep)
			checkInts(t, "choice(5, 6, p=...)", r.Choice(5, 6, true, []float64{.1, .2, .3, .25, .15}), s.ChoiceP)
			checkInts(t, "multinomial(100, [.2, .3, .5])", r.Multinomial(100, []float64{.2, .3, .5}), s.Multinomial)
			checkFloats(t, "standard_normal(4)", r.StandardNormalN(4), s.StdNormal, !numpy.ExactLibm)
		})
	}
	t.Run("tutorial_two_groups", func(t *testing.T) {
		r := New(0)
		g1 := r.NormalN(0, 1, 200)
		g2 := r.NormalN(5, 1, 200)
		checkFloats(t, "normal(0, 1, (100, 2))", g1, flatten(ref.Tutorial.Group1), !numpy.ExactLibm)
		checkFloats(t, "normal(5, 1, (100, 2))", g2, flatten(ref.Tutorial.Group2), !numpy.ExactLibm)
	})
}

type extraStep struct {
	Op   string            `json:"op"`
	Args []json.RawMessage `json:"args"`
	Want json.RawMessage   `json:"want"`
}

func (s extraStep) arg(t *testing.T, i int, v any) {
	t.Helper()
	if err := json.Unmarshal(s.Args[i], v); err != nil {
		t.Fatalf("%s arg %d: %v", s.Op, i, err)
	}
}

func (s extraStep) int64Arg(t *testing.T, i int) int64 {
	var v int64
	s.arg(t, i, &v)
	return v
}

func (s extraStep) intArg(t *testing.T, i int) int { return int(s.int64Arg(t, i)) }

func (s extraStep) floatArg(t *testing.T, i int) float64 {
	var v float64
	s.arg(t, i, &v)
	return v
}

func TestExtraStreams(t *testing.T) {
	var ref struct {
		Cases map[string]struct {
			Seed  int64       `json:"seed"`
			Steps []extraStep `json:"steps"`
		} `json:"cases"`
	}
	readJSON(t, "testdata/numpy_extra.json", &ref)
	if len(ref.Cases) == 0 {
		t.Fatal("no cases in numpy_extra.json")
	}
	for name, c := range ref.Cases {
		t.Run(name, func(t *testing.T) {
			r := NewInt64(c.Seed)
			for i, s := range c.Steps {
				label := fmt.Sprintf("step %d: %s%s", i, s.Op, s.Args)
				var wantF []float64
				var wantI []int64
				if err := json.Unmarshal(s.Want, &wantI); err != nil {
					wantI = nil
					if err := json.Unmarshal(s.Want, &wantF); err != nil {
						t.Fatalf("%s: want: %v", label, err)
					}
				}
				switch s.Op {
				case "raw":
					n := s.intArg(t, 0)
					got := make([]uint32, n)
					for j := range got {
						got[j] = r.Uint32()
					}
					checkInts(t, label, got, wantI)
				case "random_sample":
					checkFloats(t, label, r.RandomSampleN(s.intArg(t, 0)), wantF, false)
				case "standard_normal":
					checkFloats(t, label, r.StandardNormalN(s.intArg(t, 0)), wantF, !numpy.ExactLibm)
				case "normal":
					checkFloats(t, label, r.NormalN(s.floatArg(t, 0), s.floatArg(t, 1), s.intArg(t, 2)), wantF, !numpy.ExactLibm)
				case "uniform":
					checkFloats(t, label, r.UniformN(s.floatArg(t, 0), s.floatArg(t, 1), s.intArg(t, 2)), wantF, false)
				case "randint":
					checkInts(t, label, r.RandintN(s.int64Arg(t, 0), s.int64Arg(t, 1), s.intArg(t, 2)), wantI)
				case "randint_scalar":
					checkInts(t, label, []int64{r.Randint(s.int64Arg(t, 0), s.int64Arg(t, 1))}, wantI)
				case "permutation":
					checkInts(t, label, r.Permutation(s.intArg(t, 0)), wantI)
				case "shuffle":
					n := s.intArg(t, 0)
					x := make([]int, n)
					for j := range x {
						x[j] = j
					}
					r.Shuffle(n, func(i, j int) { x[i], x[j] = x[j], x[i] })
					checkInts(t, label, x, wantI)
				case "choice":
					var replace bool
					var p []float64
					s.arg(t, 2, &replace)
					s.arg(t, 3, &p)
					checkInts(t, label, r.Choice(s.intArg(t, 0), s.intArg(t, 1), replace, p), wantI)
				case "multinomial":
					var p []float64
					s.arg(t, 1, &p)
					got := r.Multinomial(s.intArg(t, 0), p)
					if numpy.ExactLibm {
						checkInts(t, label, got, wantI)
					}
				case "binomial":
					n, p, cnt := s.intArg(t, 0), s.floatArg(t, 1), s.intArg(t, 2)
					got := make([]int, cnt)
					for j := range got {
						got[j] = r.Binomial(n, p)
					}
					if numpy.ExactLibm {
						checkInts(t, label, got, wantI)
					}
				default:
					t.Fatalf("unknown op %q", s.Op)
				}
			}
		})
	}
}

// TestZCount runs last and logs how many reference values were compared.
func TestZCount(t *testing.T) {
	t.Logf("%d numpy reference values compared (bit for bit: %v)", checked, numpy.ExactLibm)
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"seed -1", func() { NewInt64(-1) }, "nprand: seed is -1; numpy seeds are 0..4294967295 (2**32-1)"},
		{"seed 2**32", func() { NewInt64(1 << 32) }, "nprand: seed is 4294967296; numpy seeds are 0..4294967295 (2**32-1)"},
		{"randint high <= 0", func() { New(0).Randint(0, 0) }, "nprand: high <= 0"},
		{"randint low >= high", func() { New(0).Randint(5, 5) }, "nprand: low >= high"},
		{"normal scale", func() { New(0).Normal(0, -1) }, "nprand: scale < 0"},
		{"uniform range", func() { New(0).Uniform(-math.MaxFloat64, math.MaxFloat64) }, "nprand: range exceeds valid bounds"},
		{"choice too many", func() { New(0).Choice(3, 4, false, nil) }, "nprand: cannot take a larger sample than population when replace=false"},
		{"choice p sum", func() { New(0).Choice(2, 1, true, []float64{0.5, 0.6}) }, "nprand: probabilities do not sum to 1"},
		{"choice p negative", func() { New(0).Choice(2, 1, true, []float64{-0.5, 1.5}) }, "nprand: probabilities are not non-negative"},
		{"choice p NaN", func() { New(0).Choice(2, 1, true, []float64{math.NaN(), 1}) }, "nprand: probabilities contain NaN"},
		{"choice p size", func() { New(0).Choice(3, 1, true, []float64{0.5, 0.5}) }, "nprand: 'a' and 'p' must have same size"},
		{"choice nonzero", func() { New(0).Choice(3, 2, false, []float64{1, 0, 0}) }, "nprand: fewer non-zero entries in p than size"},
		{"choice empty", func() { New(0).Choice(0, 1, true, nil) }, "nprand: a must be greater than 0 unless no samples are taken"},
		{"binomial p", func() { New(0).Binomial(3, 1.5) }, "nprand: p < 0, p > 1 or p is NaN"},
		{"binomial n", func() { New(0).Binomial(-1, 0.5) }, "nprand: n < 0"},
		{"multinomial sum", func() { New(0).Multinomial(3, []float64{0.6, 0.6, 0}) }, "nprand: sum(pvals[:-1]) > 1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				got := recover()
				if fmt.Sprint(got) != tt.want {
					t.Errorf("panic %q, want %q", got, tt.want)
				}
				if err, ok := got.(error); strings.HasPrefix(tt.name, "seed") && !(ok && errors.Is(err, ErrSeed)) {
					t.Errorf("panic %v does not wrap ErrSeed", got)
				}
			}()
			tt.f()
		})
	}
}

// TestShuffleMatchesShuffleInts checks that the generic Shuffle consumes the
// stream exactly as ShuffleInts and Permutation do.
func TestShuffleMatchesShuffleInts(t *testing.T) {
	a, b := New(3), New(3)
	x := make([]int, 100)
	y := make([]int, 100)
	for i := range x {
		x[i], y[i] = i, i
	}
	a.ShuffleInts(x)
	b.Shuffle(len(y), func(i, j int) { y[i], y[j] = y[j], y[i] })
	checkInts(t, "Shuffle", y, x)
	if a.Uint32() != b.Uint32() {
		t.Error("streams diverged after shuffling")
	}
}

// TestRandintScalarMatchesN checks that n scalar draws equal one size=n draw.
func TestRandintScalarMatchesN(t *testing.T) {
	for _, rng := range [][2]int64{{0, 100}, {-7, 1 << 33}, {0, 1 << 32}} {
		a, b := New(8), New(8)
		want := a.RandintN(rng[0], rng[1], 50)
		got := make([]int64, 50)
		for i := range got {
			got[i] = b.Randint(rng[0], rng[1])
		}
		checkInts(t, fmt.Sprint("Randint", rng), got, want)
	}
}
