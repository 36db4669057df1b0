package metrics

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestPercentileReference checks Percentile bit for bit against
// np.percentile, from testdata/percentile.json (gen_percentile.py).
func TestPercentileReference(t *testing.T) {
	data, err := os.ReadFile("testdata/percentile.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name string    `json:"name"`
		X    []float64 `json:"x"`
		Q    []float64 `json:"q"`
		Want []float64 `json:"want"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		x := slices.Clone(c.X)
		for i, q := range c.Q {
			if got := Percentile(x, q); got != c.Want[i] {
				t.Errorf("%s: Percentile(x, %v) = %v, want %v", c.Name, q, got, c.Want[i])
			}
		}
		if !slices.Equal(x, c.X) {
			t.Errorf("%s: x was modified", c.Name)
		}
	}
}

func TestPercentileSpecial(t *testing.T) {
	if got := Percentile([]float64{1, math.NaN(), 3}, 50); !math.IsNaN(got) {
		t.Errorf("Percentile with a NaN = %v, want NaN", got)
	}
	for name, f := range map[string]func(){
		"empty":   func() { Percentile(nil, 50) },
		"q < 0":   func() { Percentile([]float64{1}, -1) },
		"q > 100": func() { Percentile([]float64{1}, 101) },
		"q NaN":   func() { Percentile([]float64{1}, math.NaN()) },
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "metrics: ") {
					t.Errorf("%s: recovered %v, want a metrics: panic", name, r)
				}
			}()
			f()
		}()
	}
}
