package gmmlab

import (
	"math"
	"testing"
)

// TestExpShiftedFourAtOnce: expShifted, four values at a time where the
// CPU allows, sets the bits expShiftedGo sets one at a time, and adds them
// to the same sums, whatever the length, the offsets and the arguments
// outside [-708, 709] (NaN and ±Inf among them) scattered through.
func TestExpShiftedFourAtOnce(t *testing.T) {
	if !haveExpShifted4 {
		t.Skip("no four-at-a-time exponential on this CPU")
	}
	odd := []float64{-708, 709, math.Nextafter(-708, -1e9), math.Nextafter(709, 1e9), -745.13, -745.2, -800,
		800, math.Inf(-1), math.Inf(1), math.NaN(), 0, math.Copysign(0, -1), 1e-300, -1e-300}
	for _, n := range []int{0, 1, 3, 4, 5, 8, 13, 256} {
		for trial := 0; trial < 40; trial++ {
			v, mx, sum := make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range v {
				u := math.Sin(float64(7919*trial + 104729*i + n))
				v[i] = -760 * u * u
				mx[i] = 3 * math.Cos(float64(i+trial))
				sum[i] = float64(i % 5)
				if trial%3 == 1 && (i*31+trial)%11 == 0 {
					v[i] = odd[(i+trial)%len(odd)]
				}
			}
			wv, wsum := append([]float64(nil), v...), append([]float64(nil), sum...)
			expShiftedGo(wv, mx, wsum)
			expShifted(v, mx, sum)
			for i := range v {
				if math.Float64bits(v[i]) != math.Float64bits(wv[i]) && !(math.IsNaN(v[i]) && math.IsNaN(wv[i])) ||
					math.Float64bits(sum[i]) != math.Float64bits(wsum[i]) && !(math.IsNaN(sum[i]) && math.IsNaN(wsum[i])) {
					t.Fatalf("n=%d trial %d: value %d is %v (sum %v), one at a time %v (sum %v)", n, trial, i, v[i], sum[i], wv[i], wsum[i])
				}
			}
		}
	}
}
