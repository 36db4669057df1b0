package gmmlab

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

func ones(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// Weights all 1 give Fit's result bit for bit, for every covariance type
// and initialisation, on enough rows that the pass runs in many blocks.
func TestFitWeightedOnesBitForBit(t *testing.T) {
	X := blobData(3, 2600, 3)
	n, _ := X.Dims()
	for _, ct := range CovarianceTypes {
		for _, init := range InitMethods {
			g := GaussianMixture{NComponents: 3, CovarianceType: ct, InitParams: init, RandomState: 7, MaxIter: 20}
			want, err := g.Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			got, err := g.FitWeighted(X, ones(n))
			if err != nil {
				t.Fatal(err)
			}
			if !sameModel(got, want) {
				t.Errorf("%s %s: FitWeighted with weights 1 differs from Fit", ct, init)
			}
		}
	}
	km := KMeans{NClusters: 4, RandomState: 3}
	want, err := km.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	got, err := km.FitWeighted(X, ones(n))
	if err != nil {
		t.Fatal(err)
	}
	if !sameBits(got.centers, want.centers) || !sameInts(got.labels, want.labels) ||
		math.Float64bits(got.inertia) != math.Float64bits(want.inertia) || got.nIter != want.nIter {
		t.Error("KMeans.FitWeighted with weights 1 differs from Fit")
	}
}

// repeatRows returns X with row i repeated w[i] times.
func repeatRows(X *mat.Dense, w []float64) *mat.Dense {
	_, d := X.Dims()
	var out []float64
	for i, c := range w {
		for r := 0; r < int(c); r++ {
			out = append(out, X.RawRowView(i)...)
		}
	}
	return mat.NewDense(len(out)/d, d, out)
}

// intWeights draws weights in 0..3 (some rows dropped, some tripled).
func intWeights(seed int64, n int) []float64 {
	r := nprand.NewInt64(seed).RandintN(0, 4, n)
	w := make([]float64, n)
	for i, v := range r {
		w[i] = float64(v)
	}
	return w
}

// Integer weights give the fit of the rows repeated, to rounding: the same
// start (given weights, means and precisions) and the same iterations.
func TestFitWeightedIntegerEqualsRepeatedRows(t *testing.T) {
	X := blobData(5, 900, 3)
	n, d := X.Dims()
	w := intWeights(11, n)
	R := repeatRows(X, w)
	start, err := GaussianMixture{NComponents: 3, RandomState: 1}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	for _, ct := range CovarianceTypes {
		prec := start.Precisions()
		switch ct {
		case Tied:
			prec = prec[:1]
		case Diag, Spherical:
			for c := range prec {
				q := mat.NewSymDense(d, nil)
				for j := 0; j < d; j++ {
					q.SetSym(j, j, 1+float64(c))
				}
				prec[c] = q
			}
		}
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, Tol: Zero, MaxIter: 30,
			WeightsInit: start.Weights(), MeansInit: start.Means(), PrecisionsInit: prec}
		got, err := g.FitWeighted(X, w)
		if err != nil {
			t.Fatal(err)
		}
		want, err := g.Fit(R)
		if err != nil {
			t.Fatal(err)
		}
		close := func(what string, a, b []float64) {
			for i := range a {
				if math.Abs(a[i]-b[i]) > 1e-9*(1+math.Abs(b[i])) {
					t.Errorf("%s %s[%d]: weighted %v, repeated %v", ct, what, i, a[i], b[i])
					return
				}
			}
		}
		close("weights", got.p.weights, want.p.weights)
		close("means", got.p.means, want.p.means)
		close("covariances", got.p.cov, want.p.cov)
		close("lower bound", []float64{got.LowerBound()}, []float64{want.LowerBound()})
		bic, err := got.BICWeighted(X, w)
		if err != nil {
			t.Fatal(err)
		}
		aic, _ := got.AICWeighted(X, w)
		close("BIC", []float64{bic}, []float64{got.BIC(R)})
		close("AIC", []float64{aic}, []float64{got.AIC(R)})
	}
}

// Weighted Lloyd from the same centres equals Lloyd on the repeated rows.
func TestLloydWeightedEqualsRepeatedRows(t *testing.T) {
	X := blobData(9, 600, 2)
	n, d := X.Dims()
	w := intWeights(4, n)
	w[0], w[1] = 2, 3 // the first rows are the centres: never dropped
	R := repeatRows(X, w)
	rn, _ := R.Dims()
	start := append([]float64(nil), X.RawMatrix().Data[:3*d]...)
	labels, inertia, centers, iters := lloyd(X.RawMatrix().Data, w, n, d, 3, append([]float64(nil), start...), 300, 0, 1)
	rLabels, rInertia, rCenters, rIters := lloyd(R.RawMatrix().Data, nil, rn, d, 3, append([]float64(nil), start...), 300, 0, 1)
	if iters != rIters {
		t.Errorf("iterations: weighted %d, repeated %d", iters, rIters)
	}
	for i := range centers {
		if math.Abs(centers[i]-rCenters[i]) > 1e-12*(1+math.Abs(rCenters[i])) {
			t.Errorf("centre %d: weighted %v, repeated %v", i, centers[i], rCenters[i])
		}
	}
	if math.Abs(inertia-rInertia) > 1e-10*rInertia {
		t.Errorf("inertia: weighted %v, repeated %v", inertia, rInertia)
	}
	r := 0
	for i, c := range w {
		for k := 0; k < int(c); k++ {
			if labels[i] != rLabels[r] {
				t.Fatalf("row %d: weighted label %d, repeated %d", i, labels[i], rLabels[r])
			}
			r++
		}
	}
}

func TestFitWeightedErrors(t *testing.T) {
	X := blobData(1, 40, 2)
	fitted, err := GaussianMixture{NComponents: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := fitted.BICWeighted(X, ones(40)); err != nil || math.Abs(b-fitted.BIC(X)) > 1e-9*math.Abs(b) {
		t.Errorf("BICWeighted with weights 1: %v, %v; BIC %v", b, err, fitted.BIC(X))
	}
	bad := func(f func(w []float64)) []float64 {
		w := ones(40)
		f(w)
		return w
	}
	cases := []struct {
		name string
		w    []float64
		kind error
		msg  string
	}{
		{"short", ones(39), ErrShape, "the sample weights have 39 values but X has 40 rows"},
		{"long", ones(41), ErrShape, "41 values"},
		{"nil", nil, ErrShape, "0 values"},
		{"NaN", bad(func(w []float64) { w[5] = math.NaN() }), ErrNonFinite, "sample weight 5 is NaN"},
		{"Inf", bad(func(w []float64) { w[7] = math.Inf(1) }), ErrNonFinite, "sample weight 7 is +Inf"},
		{"negative", bad(func(w []float64) { w[2] = -0.5 }), ErrWeights, "sample weight 2 is -0.5; weights must not be negative"},
		{"zero sum", make([]float64, 40), ErrWeights, "sum to zero"},
		{"overflow", bad(func(w []float64) { w[0], w[1] = math.MaxFloat64, math.MaxFloat64 }), ErrNonFinite, "sum to more than float64 holds"},
	}
	for _, c := range cases {
		_, err1 := GaussianMixture{NComponents: 2}.FitWeighted(X, c.w)
		_, err2 := KMeans{NClusters: 2}.FitWeighted(X, c.w)
		_, err3 := fitted.BICWeighted(X, c.w)
		_, err4 := fitted.AICWeighted(X, c.w)
		for i, err := range []error{err1, err2, err3, err4} {
			what := fmt.Sprintf("%s (%s)", c.name, []string{"GaussianMixture", "KMeans", "BICWeighted", "AICWeighted"}[i])
			if !errors.Is(err, c.kind) {
				t.Errorf("%s: error %v, want one wrapping %v", what, err, c.kind)
				continue
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%s: message %q lacks %q", what, err, c.msg)
			}
		}
	}
	// The data's own errors come first, as Fit's.
	X.Set(3, 1, math.NaN())
	if _, err := (GaussianMixture{NComponents: 2}).FitWeighted(X, ones(40)); !errors.Is(err, ErrNonFinite) {
		t.Errorf("NaN in X: %v", err)
	}
}
