package datagen

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestHugeValuesScale(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{1e155, 3e155, -2e155, 2e155})
	var s StandardScaler
	if err := s.Fit(X); err != nil {
		t.Fatal(err)
	}
	Z := s.Transform(X)
	for i := 0; i < 4; i++ {
		if v := Z.At(i, 0); math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 3 {
			t.Fatalf("standardised value %v", v)
		}
	}
	if math.Abs(s.Mean[0]-1e155) > 1e141 {
		t.Errorf("mean %v, want 1e155", s.Mean[0])
	}
	var mm MinMaxScaler
	Y := mat.NewDense(3, 1, []float64{-1e308, 0, 1e308})
	if err := mm.Fit(Y); err != nil {
		t.Fatal(err)
	}
	W := mm.Transform(Y)
	for i, want := range []float64{0, 0.5, 1} {
		if math.Abs(W.At(i, 0)-want) > 1e-12 {
			t.Errorf("MinMax of row %d = %v, want %v", i, W.At(i, 0), want)
		}
	}
}

func TestReadCSVOutOfRange(t *testing.T) {
	_, _, err := ReadCSVFrom(strings.NewReader("a,b\n1,2\n1e400,3\n"))
	if err == nil || !strings.Contains(err.Error(), "not a finite number") {
		t.Errorf("1e400: %v", err)
	}
	_, _, err = ReadCSVFrom(strings.NewReader("a,a\n1,2\n"))
	if err == nil {
		t.Error("duplicate column names read without error")
	}
}
