package gmmlab

import (
	"math"
	"testing"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// TestExpShifted: the fast exponential of the responsibilities stays
// within 2 ulp of math.Exp over its whole range, underflows like it and
// passes NaN and ±Inf through.
func TestExpShifted(t *testing.T) {
	var args []float64
	for x := -800.0; x <= 750; x += 0.0137 {
		args = append(args, x)
	}
	args = append(args, 0, math.Copysign(0, -1), -708, 709, -745.13, -745.14, math.Inf(-1), math.Inf(1), math.NaN())
	v := append([]float64(nil), args...)
	expShifted(v, make([]float64, len(v)), make([]float64, len(v)))
	for i, x := range args {
		want := math.Exp(x)
		switch {
		case math.IsNaN(want):
			if !math.IsNaN(v[i]) {
				t.Errorf("exp(%v) = %v, want NaN", x, v[i])
			}
		case want == 0 || math.IsInf(want, 0) || want < 0x1p-1022:
			if v[i] != want {
				t.Errorf("exp(%v) = %v, want %v", x, v[i], want)
			}
		case math.Abs(v[i]-want) > 2*ulp(want):
			t.Errorf("exp(%v) = %v, want %v (%.1f ulp)", x, v[i], want, math.Abs(v[i]-want)/ulp(want))
		}
	}
}

func ulp(x float64) float64 { return math.Nextafter(x, math.Inf(1)) - x }

// TestResponsibilities: the chunked responsibilities and log-likelihood
// agree with scipy's logsumexp formula row by row. (Tiny responsibilities
// differ in the last digits from exp(v - lse) either way: the rounding of
// an argument of size 300 is 300 ulp of the result.)
func TestResponsibilities(t *testing.T) {
	const k, b = 4, 200
	s := newScratch(k, 3)
	want := make([]float64, b*k)
	wantLL := 0.0
	for i := 0; i < b; i++ {
		row := make([]float64, k)
		for c := range row {
			row[c] = -1e3*math.Abs(math.Sin(float64(i*k+c))) + 50*float64(c)
			s.wlp[c*chunkRows+i] = row[c]
		}
		lse := numpy.LogSumExp(row)
		wantLL += lse
		for c, v := range row {
			want[i*k+c] = math.Exp(v - lse)
		}
	}
	ll := s.responsibilities(b, k)
	if math.Abs(ll-wantLL) > 1e-12*math.Abs(wantLL) {
		t.Errorf("log-likelihood %v, want %v", ll, wantLL)
	}
	for i := 0; i < b; i++ {
		for c := 0; c < k; c++ {
			got, w := s.wlp[c*chunkRows+i], want[i*k+c]
			if math.Abs(got-w) > 1e-12*w && math.Abs(got-w) > 1e-300 {
				t.Fatalf("row %d component %d: responsibility %v, want %v", i, c, got, w)
			}
		}
	}
}
