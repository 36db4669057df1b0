package numpy

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"
)

// The expected values come from testdata/numpy.json, written by
// testdata/gen_numpy.py with numpy 1.24.2 and scipy 1.10.1.
type reference struct {
	Sums []struct {
		X    []float64 `json:"x"`
		Sum  float64   `json:"sum"`
		Mean *float64  `json:"mean"`
	} `json:"sums"`
	Linspace []struct {
		Start, Stop float64
		Num         int
		Endpoint    bool
		Y           []float64
	} `json:"linspace"`
	LogSumExp []struct {
		V   []*float64 `json:"v"` // null for -Inf
		LSE float64    `json:"lse"`
	} `json:"logsumexp"`
}

func load(t *testing.T) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/numpy.json")
	if err != nil {
		t.Fatal(err)
	}
	var r reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPairwiseSum: np.sum and np.mean bit for bit, for lengths on both
// sides of the unrolled block (8) and of the pairwise block (128).
func TestPairwiseSum(t *testing.T) {
	for _, c := range load(t).Sums {
		if got := PairwiseSum(c.X); got != c.Sum {
			t.Errorf("n=%d: sum %.17g, numpy %.17g", len(c.X), got, c.Sum)
		}
		if c.Mean != nil {
			if got := Mean(c.X); got != *c.Mean {
				t.Errorf("n=%d: mean %.17g, numpy %.17g", len(c.X), got, *c.Mean)
			}
		}
	}
}

func TestLinspace(t *testing.T) {
	for _, c := range load(t).Linspace {
		got := Linspace(c.Start, c.Stop, c.Num, c.Endpoint)
		if len(got) != len(c.Y) {
			t.Fatalf("linspace(%v, %v, %d, %v) has %d values, numpy %d", c.Start, c.Stop, c.Num, c.Endpoint, len(got), len(c.Y))
		}
		for i, v := range got {
			if v != c.Y[i] {
				t.Errorf("linspace(%v, %v, %d, %v)[%d] = %.17g, numpy %.17g", c.Start, c.Stop, c.Num, c.Endpoint, i, v, c.Y[i])
			}
		}
	}
}

// TestLogSumExp: scipy's logsumexp to the last bit or two (both take the
// exponentials of the same differences; scipy sums them with numpy).
func TestLogSumExp(t *testing.T) {
	for _, c := range load(t).LogSumExp {
		v := make([]float64, len(c.V))
		for i, p := range c.V {
			v[i] = math.Inf(-1)
			if p != nil {
				v[i] = *p
			}
		}
		if got := LogSumExp(v); math.Abs(got-c.LSE) > 4*math.Abs(c.LSE)*Eps {
			t.Errorf("logsumexp(%v) = %.17g, scipy %.17g", v, got, c.LSE)
		}
	}
	if got := LogSumExp([]float64{math.Inf(-1), math.Inf(-1)}); !math.IsInf(got, -1) {
		t.Errorf("logsumexp(-Inf, -Inf) = %v, want -Inf", got)
	}
	if got := LogSumExp(nil); !math.IsInf(got, -1) {
		t.Errorf("logsumexp() = %v, want -Inf", got)
	}
}

func TestCheckSeed(t *testing.T) {
	for _, seed := range []int64{0, 1, math.MaxUint32} {
		CheckSeed("test: seed", seed) // no panic
	}
	for _, seed := range []int64{-1, math.MaxUint32 + 1, math.MinInt64} {
		func() {
			defer func() {
				err, ok := recover().(error)
				if !ok || !errors.Is(err, ErrSeed) {
					t.Errorf("seed %d: panic %v, want an error wrapping ErrSeed", seed, err)
				}
			}()
			CheckSeed("test: seed", seed)
		}()
	}
}

// TestLibm: the shims are the C library's functions (with cgo) or Go's
// (without), within an ulp of Go's either way.
func TestLibm(t *testing.T) {
	for _, x := range []float64{1e-300, 0.5, 1, 2.5, 100, 700} {
		for _, f := range []struct {
			name      string
			got, want float64
		}{{"log", Log(x), math.Log(x)}, {"exp", Exp(x), math.Exp(x)}, {"cos", Cos(x), math.Cos(x)}, {"sin", Sin(x), math.Sin(x)}} {
			if math.Abs(f.got-f.want) > math.Abs(f.want)*Eps {
				t.Errorf("%s(%v) = %v, math.%s %v", f.name, x, f.got, f.name, f.want)
			}
		}
	}
}
