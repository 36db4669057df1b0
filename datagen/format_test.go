package datagen

import (
	"encoding/json"
	"math"
	"os"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestArrayStringNumpy compares ArrayString with what numpy 1.24.2 prints
// for the cases of testdata/numpy_print.json (made by
// testdata/gen_numpy_print.py): exponent and positional forms, padding,
// wrapping at 75 characters, summaries of long arrays, NaN and infinities,
// integers.
func TestArrayStringNumpy(t *testing.T) {
	raw, err := os.ReadFile("testdata/numpy_print.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases map[string]struct {
			Kind   string
			Shape  []int
			Values []any
			Str    string
		}
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(ref.Cases))
	for name := range ref.Cases {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) < 30 {
		t.Fatalf("only %d cases in numpy_print.json", len(names))
	}
	for _, name := range names {
		c := ref.Cases[name]
		var x any
		switch c.Kind {
		case "int":
			ints := make([]int, len(c.Values))
			for i, v := range c.Values {
				ints[i] = int(v.(float64))
			}
			x = ints
		case "float":
			fl := make([]float64, len(c.Values))
			for i, v := range c.Values {
				switch v := v.(type) {
				case float64:
					fl[i] = v
				case string:
					fl[i] = map[string]float64{"nan": math.NaN(), "inf": math.Inf(1), "-inf": math.Inf(-1)}[v]
				}
			}
			x = fl
			if len(c.Shape) == 2 {
				x = mat.NewDense(c.Shape[0], c.Shape[1], fl)
			}
		}
		if got := ArrayString(x); got != c.Str {
			t.Errorf("%s:\ngot\n%s\nnumpy prints\n%s", name, got, c.Str)
		}
	}
}

func TestArrayStringPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("ArrayString of a string did not panic")
		}
	}()
	ArrayString("abc")
}

func TestArrayStringEmpty(t *testing.T) {
	if got := ArrayString([]float64{}); got != "[]" {
		t.Errorf("empty: %q, numpy prints []", got)
	}
}
