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
	if !haveAVX2 {
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

// TestLogProb2FourAtOnce: the two-feature log densities of the full, diag
// and spherical kernels, four rows at a time where the CPU allows, have the
// bits of the Go loops, for rows exactly at the mean among them.
func TestLogProb2FourAtOnce(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no four-at-a-time kernels on this CPU")
	}
	const b = 203
	x := make([]float64, 2*b)
	for i := range x {
		x[i] = 40 * math.Sin(float64(3*i*i+1))
	}
	mu := []float64{x[20], x[31]} // row 10's x0 and row 15's x1 are the mean's
	l := []float64{1.7, 0, -0.3, 0.45}
	p := []float64{0.9, 1.3}
	for _, tc := range []struct {
		name string
		run  func(q []float64)
		want func(i int) float64
	}{
		{"full", func(q []float64) { fullCov{}.logProb(q, -1.25, x, mu, nil, b, 2, 0, l) }, func(i int) float64 {
			x0, x1 := x[2*i]-mu[0], x[2*i+1]-mu[1]
			y0, y1 := l[0]*x0, l[2]*x0+l[3]*x1
			return -1.25 - 0.5*(y0*y0+y1*y1)
		}},
		{"diag", func(q []float64) { diagCov{}.logProb(q, -1.25, x, mu, nil, b, 2, 0, p) }, func(i int) float64 {
			y0, y1 := (x[2*i]-mu[0])*p[0], (x[2*i+1]-mu[1])*p[1]
			return -1.25 - 0.5*(y0*y0+y1*y1)
		}},
		{"spherical", func(q []float64) { sphericalCov{}.logProb(q, -1.25, x, mu, nil, b, 2, 0, p) }, func(i int) float64 {
			y0, y1 := x[2*i]-mu[0], x[2*i+1]-mu[1]
			return -1.25 - 0.5*((y0*y0+y1*y1)*(p[0]*p[0]))
		}},
	} {
		q := make([]float64, b)
		tc.run(q)
		for i, v := range q {
			if w := tc.want(i); math.Float64bits(v) != math.Float64bits(w) {
				t.Fatalf("%s: row %d: %v, one row at a time %v", tc.name, i, v, w)
			}
		}
	}
}

// TestMaxMulFourAtOnce: maxTo4 gives Go's max bit for bit, NaN, ±0 and
// ±Inf included, and mulTo4 the products.
func TestMaxMulFourAtOnce(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no four-at-a-time kernels on this CPU")
	}
	vals := []float64{math.NaN(), math.Inf(-1), math.Inf(1), 0, math.Copysign(0, -1), -1.5, 2.25, 1e-310, -1e300, 7}
	var a, b []float64
	for _, x := range vals {
		for _, y := range vals {
			a, b = append(a, x), append(b, y)
		}
	}
	for len(a)%4 != 0 {
		a, b = append(a, 1), append(b, 2)
	}
	wantMax, wantMul := make([]float64, len(a)), make([]float64, len(a))
	for i := range a {
		wantMax[i], wantMul[i] = max(a[i], b[i]), a[i]*b[i]
	}
	gotMax, gotMul := append([]float64(nil), a...), append([]float64(nil), a...)
	if n := maxTo4(gotMax, b); n != len(a) {
		t.Fatalf("maxTo4 set %d of %d", n, len(a))
	}
	if n := mulTo4(gotMul, b); n != len(a) {
		t.Fatalf("mulTo4 set %d of %d", n, len(a))
	}
	for i := range a {
		if math.Float64bits(gotMax[i]) != math.Float64bits(wantMax[i]) {
			t.Errorf("max(%v, %v) = %v, Go's max %v", a[i], b[i], gotMax[i], wantMax[i])
		}
		if math.Float64bits(gotMul[i]) != math.Float64bits(wantMul[i]) && !(math.IsNaN(gotMul[i]) && math.IsNaN(wantMul[i])) {
			t.Errorf("%v·%v = %v, want %v", a[i], b[i], gotMul[i], wantMul[i])
		}
	}
}

// TestAssign2FourAtOnce: k-means labels four rows at a time are the Go
// loop's, first centre on ties (centres repeated) included.
func TestAssign2FourAtOnce(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no four-at-a-time kernels on this CPU")
	}
	const n = 1023
	x := make([]float64, 2*n)
	for i := range x {
		x[i] = 10 * math.Sin(float64(7*i*i+3))
	}
	for _, k := range []int{1, 2, 3, 7, 10} {
		centers := make([]float64, 2*k)
		for c := range k {
			row := c
			if c%3 == 2 {
				row = c - 1 // the same centre twice: ties
			}
			centers[2*c], centers[2*c+1] = x[8*row], x[8*row+1]
		}
		cn := rowNormsSq(centers, k, 2)
		got, want := make([]int, n), make([]int, n)
		assign(x, n, 2, centers, cn, got)
		haveAVX2 = false
		assign(x, n, 2, centers, cn, want)
		haveAVX2 = true
		if !sameInts(got, want) {
			t.Errorf("k=%d: labels differ from the Go loop's", k)
		}
	}
}

// TestFitsFourAtOnce: whole fits on two features, k-means and the E-step
// with the AVX2 kernels, serve the bits of fits with the Go loops alone,
// for every covariance type and component counts below, at and above
// multiples of four.
func TestFitsFourAtOnce(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no four-at-a-time kernels on this CPU")
	}
	X := blobData(10, 1100, 2)
	defer func() { haveAVX2 = true }()
	for _, ct := range CovarianceTypes {
		for _, k := range []int{1, 3, 4, 5, 8, 9} {
			var out [2]outputs
			for i, avx := range []bool{true, false} {
				haveAVX2 = avx
				ForgetInits()
				m, err := GaussianMixture{NComponents: k, CovarianceType: ct, RandomState: 2}.Fit(X)
				if err != nil {
					t.Fatal(err)
				}
				out[i] = serve(m, X)
			}
			haveAVX2 = true
			if !out[0].equal(out[1]) {
				t.Errorf("%s k=%d: the AVX2 kernels changed the fit", ct, k)
			}
		}
	}
}
