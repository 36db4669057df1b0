package gmmlab

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestMissingWeighted: FitWeighted with Missing: Marginalize on data with
// NaN. Weights all 1 give the unweighted fit bit for bit; integer weights
// give the fit of the data with row i repeated w[i] times, to rounding;
// a row of weight 0 is ignored, whatever it holds.
func TestMissingWeighted(t *testing.T) {
	X := removeAtRandom(blobs3(8, 240), 0.2, 6)
	n, d := X.Dims()
	start := mat.NewDense(3, 4, []float64{0, 0, 0, 0, 5, 3, -2, 1, -4, 4, 2, -3})
	for _, ct := range CovarianceTypes {
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 0, Missing: Marginalize}
		plain, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		ones := make([]float64, n)
		for i := range ones {
			ones[i] = 1
		}
		m, err := g.FitWeighted(X, ones)
		if err != nil {
			t.Fatal(err)
		}
		checkBits(t, string(ct)+" weights 1: means", m.p.means, plain.p.means)
		checkBits(t, string(ct)+" weights 1: covariances", m.p.cov, plain.p.cov)
		checkBits(t, string(ct)+" weights 1: lower bound", []float64{m.LowerBound()}, []float64{plain.LowerBound()})

		// Integer weights against repeated rows, from the same given start
		// so that the initialisations do not matter.
		prec := make([]*mat.SymDense, 3)
		for c := range prec {
			prec[c] = mat.NewSymDense(d, nil)
			for j := 0; j < d; j++ {
				prec[c].SetSym(j, j, 1)
			}
		}
		if ct == Tied {
			prec = prec[:1]
		}
		g.WeightsInit, g.MeansInit, g.PrecisionsInit, g.Tol = []float64{1. / 3, 1. / 3, 1. / 3}, start, prec, 1e-10
		w := make([]float64, n)
		var rep []float64
		for i := range w {
			w[i] = float64(i / 3 % 3) // 0, 1 or 2 copies, in every group
			for c := 0; c < int(w[i]); c++ {
				rep = append(rep, X.RawRowView(i)...)
			}
		}
		mw, err := g.FitWeighted(X, w)
		if err != nil {
			t.Fatal(err)
		}
		mr, err := g.Fit(mat.NewDense(len(rep)/d, d, rep))
		if err != nil {
			t.Fatal(err)
		}
		for name, v := range map[string][2][]float64{
			"means": {mw.p.means, mr.p.means}, "covariances": {mw.p.cov, mr.p.cov}, "weights": {mw.p.weights, mr.p.weights},
			"lower bound": {{mw.LowerBound()}, {mr.LowerBound()}},
		} {
			for j := range v[0] {
				if math.Abs(v[0][j]-v[1][j]) > 1e-8*max(1, math.Abs(v[1][j])) {
					t.Errorf("%s integer weights: %s[%d] = %.17g, repeated rows %.17g", ct, name, j, v[0][j], v[1][j])
				}
			}
		}
	}
}

// TestMissingPartialFit: PartialFit of a model fit with Marginalize takes
// batches with NaN, scoring and updating on their observed coordinates; on
// a batch without NaN it is the ordinary update bit for bit; the new model
// keeps the setting; a batch row with no observed value is an error.
func TestMissingPartialFit(t *testing.T) {
	X := blobs3(9, 300)
	for _, ct := range CovarianceTypes {
		plain, err := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 0}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		marg, err := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 0, Missing: Marginalize}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		batch := blobs3(10, 60)
		a, err := plain.PartialFit(batch)
		if err != nil {
			t.Fatal(err)
		}
		b, err := marg.PartialFit(batch)
		if err != nil {
			t.Fatal(err)
		}
		checkBits(t, string(ct)+" complete batch: means", b.p.means, a.p.means)
		checkBits(t, string(ct)+" complete batch: covariances", b.p.cov, a.p.cov)
		holes := removeAtRandom(batch, 0.3, 1)
		c, err := marg.PartialFit(holes)
		if err != nil {
			t.Fatal(err)
		}
		if c.Missing() != Marginalize || c.RowsSeen() != b.RowsSeen() {
			t.Errorf("%s: Missing %v, RowsSeen %v", ct, c.Missing(), c.RowsSeen())
		}
		for _, v := range append(c.p.means, c.p.cov...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s: a parameter is %v", ct, v)
			}
		}
		// The batch with holes updates the model close to where the
		// complete batch does.
		if e, _ := paramError(c, b); e > 0.5 {
			t.Errorf("%s: the batch with holes moved the means %v away from the complete batch's update", ct, e)
		}
		if _, err := plain.PartialFit(holes); !errors.Is(err, ErrNonFinite) {
			t.Errorf("%s: NaN batch without Marginalize: %v", ct, err)
		}
		empty := mat.DenseCopyOf(holes)
		for j := 0; j < 4; j++ {
			empty.Set(5, j, math.NaN())
		}
		_, err = marg.PartialFit(empty)
		wantErr(t, string(ct)+" empty row", err, ErrNonFinite, "gmmlab: row 5 of X has every coordinate missing (NaN); a row needs at least one observed value: drop it before updating the model")
	}
}
