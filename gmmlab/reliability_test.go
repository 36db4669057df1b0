package gmmlab

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// The reliability tests feed Fit, Predict and friends every mistake a
// learner makes and every degenerate data set we could think of. Each
// error or panic message is checked in full: it starts with "gmmlab:" and
// says what to do. Where the outcome is a fit, the expected values are what
// /usr/bin/python3 with scikit-learn 1.2.1 printed for the same data
// (quoted next to each case), and checkSane asserts that every parameter
// is finite.

// checkSane fails the test unless every parameter of m is finite, the
// weights are a distribution, the variances are positive and the lower
// bound is finite.
func checkSane(t testing.TB, name string, m *Mixture) {
	t.Helper()
	if err := saneModel(m, 1e-9); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// saneModel is checkSane's test, shared with the fuzz targets; the weights
// must sum to 1 within wtol.
func saneModel(m *Mixture, wtol float64) error {
	if m == nil {
		return fmt.Errorf("nil model without an error")
	}
	p := m.p
	cov := p.covariances()
	for _, f := range []struct {
		name string
		v    []float64
	}{{"weights", p.weights}, {"means", p.means}, {"covariances", cov}, {"precision factors", p.pc},
		{"E-step constants", p.off}, {"lower bound", []float64{m.lowerBound}}} {
		for i, v := range f.v {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%s[%d] is %v", f.name, i, v)
			}
		}
	}
	sum := 0.0
	for _, w := range p.weights {
		if w < 0 || w > 1 {
			return fmt.Errorf("weight %v outside [0, 1]", w)
		}
		sum += w
	}
	if !(math.Abs(sum-1) <= wtol) {
		return fmt.Errorf("weights sum to %v", sum)
	}
	for c, s := range m.Covariances() {
		for j := 0; j < p.d; j++ {
			if !(s.At(j, j) > 0) {
				return fmt.Errorf("component %d has variance %v in feature %d", c, s.At(j, j), j)
			}
		}
	}
	return nil
}

// fitAll fits X with g under every covariance type and checks each model.
func fitAll(t *testing.T, name string, g GaussianMixture, X mat.Matrix) map[CovarianceType]*Mixture {
	t.Helper()
	out := map[CovarianceType]*Mixture{}
	for _, ct := range CovarianceTypes {
		g.CovarianceType = ct
		m, err := g.Fit(X)
		if err != nil {
			t.Fatalf("%s %s: %v", name, ct, err)
		}
		checkSane(t, fmt.Sprintf("%s %s", name, ct), m)
		out[ct] = m
	}
	return out
}

// mustPanicExactly fails unless f panics with exactly want.
func mustPanicExactly(t *testing.T, name, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		if r := recover(); fmt.Sprint(r) != want {
			t.Errorf("%s: panic %v\nwant       %s", name, r, want)
		}
	}()
	f()
}

// wantError fails unless err's text is exactly want.
func wantError(t *testing.T, name string, err error, want string) {
	t.Helper()
	if err == nil || err.Error() != want {
		t.Errorf("%s: error %v\nwant       %s", name, err, want)
	}
}

// normalData returns n×d standard normal draws from numpy's seed.
func normalData(seed int64, n, d int) *mat.Dense {
	return mat.NewDense(n, d, nprand.NewInt64(seed).StandardNormalN(n*d))
}

func TestNonFiniteAnywhere(t *testing.T) {
	const n, d = 30, 3
	nanMsg := "gmmlab: X contains NaN at row %d, column %d; drop or impute the missing values before fitting"
	infMsg := "gmmlab: X contains %v at row %d, column %d; drop or clip the infinite values before fitting"
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, at := range [][2]int{{0, 0}, {n - 1, 0}, {n - 1, d - 1}, {7, d - 1}} {
			X := normalData(0, n, d)
			X.Set(at[0], at[1], bad)
			want := fmt.Sprintf(infMsg, bad, at[0], at[1])
			if math.IsNaN(bad) {
				want = fmt.Sprintf(nanMsg, at[0], at[1])
			}
			name := fmt.Sprintf("%v at %v", bad, at)
			for _, ct := range CovarianceTypes {
				_, err := GaussianMixture{NComponents: 2, CovarianceType: ct}.Fit(X)
				wantError(t, name+" "+string(ct), err, want)
			}
			_, err := ModelSelection{NComponents: []int{1, 2}}.Fit(X)
			wantError(t, name+" ModelSelection", err, want)
			_, err = KMeans{NClusters: 2}.Fit(X)
			wantError(t, name+" KMeans", err, want)
			// A non-matrix view (copied by rowsOf) finds it too.
			_, err = GaussianMixture{NComponents: 2}.Fit(X.T().T())
			wantError(t, name+" transposed view", err, want)
		}
	}
}

func TestTooFewSamples(t *testing.T) {
	_, err := GaussianMixture{}.Fit(mat.NewDense(1, 2, []float64{1, 2}))
	wantError(t, "one sample", err, "gmmlab: Fit needs at least 2 samples, got 1; pass one sample per row")
	_, err = GaussianMixture{}.Fit(&mat.Dense{})
	wantError(t, "empty", err, "gmmlab: X has 0 samples but no features; pass one feature per column")
	_, err = GaussianMixture{NComponents: 4}.Fit(normalData(0, 3, 2))
	wantError(t, "fewer samples than components", err,
		"gmmlab: expected at least as many samples as components but got NComponents = 4, samples = 3; use fewer components or more data")
	// scikit-learn: "Expected n_samples >= n_components but got
	// n_components = 3, n_samples = 2" for two points and three components.
	_, err = GaussianMixture{NComponents: 3}.Fit(mat.NewDense(2, 2, []float64{0, 0, 1, 1}))
	wantError(t, "two points, three components", err,
		"gmmlab: expected at least as many samples as components but got NComponents = 3, samples = 2; use fewer components or more data")
	_, err = ModelSelection{NComponents: []int{5, 6}}.Fit(normalData(0, 4, 2))
	wantError(t, "ModelSelection smallest K too big", err,
		"gmmlab: expected at least as many samples as components but got NComponents = 5, samples = 4; use fewer components or more data")
	_, err = KMeans{NClusters: 5}.Fit(normalData(0, 4, 2))
	wantError(t, "KMeans", err, "gmmlab: KMeans needs at least as many samples as clusters, got 4 samples for NClusters = 5; use fewer clusters")
}

func TestSettingPanicsExact(t *testing.T) {
	X := smallData()
	nan := math.NaN()
	for _, c := range []struct {
		name string
		g    GaussianMixture
		want string
	}{
		{"negative NComponents", GaussianMixture{NComponents: -1}, "gmmlab: NComponents is -1; it must be at least 1 (0 means 1)"},
		{"unknown CovarianceType", GaussianMixture{CovarianceType: "Full"}, `gmmlab: unknown CovarianceType "Full"; use Full, Tied, Diag or Spherical`},
		{"unknown InitParams", GaussianMixture{InitParams: "kmeans++"}, `gmmlab: unknown InitParams "kmeans++"; use InitKMeans, InitKMeansPlusPlus, InitRandom or InitRandomFromData`},
		{"negative MaxIter", GaussianMixture{MaxIter: -1}, "gmmlab: MaxIter is -1; it must be at least 1 (0 means 100, gmmlab.Zero means no iteration)"},
		{"negative Tol", GaussianMixture{Tol: -1e-3}, "gmmlab: Tol is -0.001; it must be positive (0 means 1e-3, gmmlab.Zero means 0)"},
		{"NaN Tol", GaussianMixture{Tol: nan}, "gmmlab: Tol is NaN; it must be positive (0 means 1e-3, gmmlab.Zero means 0)"},
		{"negative RegCovar", GaussianMixture{RegCovar: -1e-6}, "gmmlab: RegCovar is -1e-06; it must be positive and finite (0 means 1e-6, gmmlab.Zero means 0)"},
		{"infinite RegCovar", GaussianMixture{RegCovar: math.Inf(1)}, "gmmlab: RegCovar is +Inf; it must be positive and finite (0 means 1e-6, gmmlab.Zero means 0)"},
		{"negative NInit", GaussianMixture{NInit: -3}, "gmmlab: NInit is -3; it must be at least 1 (0 means 1)"},
		{"negative Verbose", GaussianMixture{Verbose: -1}, "gmmlab: Verbose is -1; use 0, 1 or 2"},
		{"seed too big", GaussianMixture{RandomState: 1 << 32}, "gmmlab: RandomState is 4294967296; numpy seeds are 0..4294967295 (2**32-1)"},
		{"WeightsInit too short", GaussianMixture{NComponents: 3, WeightsInit: []float64{.5, .5}}, "gmmlab: WeightsInit has 2 values but NComponents is 3"},
		{"WeightsInit too long", GaussianMixture{NComponents: 1, WeightsInit: []float64{.5, .5}}, "gmmlab: WeightsInit has 2 values but NComponents is 1"},
		// scikit-learn: "The parameter 'weights' should be normalized, but got sum(weights) = 1.10000".
		{"WeightsInit sum", GaussianMixture{NComponents: 2, WeightsInit: []float64{.6, .5}}, "gmmlab: WeightsInit must be normalized, but got sum(weights) = 1.10000; divide them by their sum"},
		{"WeightsInit negative", GaussianMixture{NComponents: 2, WeightsInit: []float64{1.5, -.5}}, "gmmlab: WeightsInit must lie in [0, 1], but got max value 1.50000, min value -0.50000"},
		{"WeightsInit NaN", GaussianMixture{NComponents: 2, WeightsInit: []float64{nan, 1}}, "gmmlab: WeightsInit must lie in [0, 1], but got max value NaN, min value NaN"},
		{"MeansInit rows", GaussianMixture{NComponents: 2, MeansInit: mat.NewDense(3, 2, nil)}, "gmmlab: MeansInit is 3×2 but must be NComponents×features = 2×2"},
		{"MeansInit columns", GaussianMixture{NComponents: 2, MeansInit: mat.NewDense(2, 1, nil)}, "gmmlab: MeansInit is 2×1 but must be NComponents×features = 2×2"},
		{"MeansInit NaN", GaussianMixture{NComponents: 1, MeansInit: mat.NewDense(1, 2, []float64{0, nan})}, "gmmlab: MeansInit[0][1] is NaN; initial means must be finite"},
		{"PrecisionsInit count", GaussianMixture{NComponents: 2, PrecisionsInit: []*mat.SymDense{eye(2)}}, `gmmlab: PrecisionsInit has 1 matrices but covariance type "full" needs 2`},
		{"PrecisionsInit tied count", GaussianMixture{NComponents: 2, CovarianceType: Tied, PrecisionsInit: []*mat.SymDense{eye(2), eye(2)}}, `gmmlab: PrecisionsInit has 2 matrices but covariance type "tied" needs 1`},
		{"PrecisionsInit size", GaussianMixture{NComponents: 1, PrecisionsInit: []*mat.SymDense{eye(3)}}, "gmmlab: PrecisionsInit[0] is 3×3 but the data have 2 features"},
		{"PrecisionsInit nil", GaussianMixture{NComponents: 1, PrecisionsInit: []*mat.SymDense{nil}}, "gmmlab: PrecisionsInit[0] is 0×0 but the data have 2 features"},
		{"PrecisionsInit not PD", GaussianMixture{NComponents: 1, PrecisionsInit: []*mat.SymDense{mat.NewSymDense(2, []float64{1, 2, 2, 1})}}, "gmmlab: PrecisionsInit[0] must be symmetric, positive-definite"},
		{"PrecisionsInit NaN", GaussianMixture{NComponents: 1, PrecisionsInit: []*mat.SymDense{mat.NewSymDense(2, []float64{1, 0, 0, nan})}}, "gmmlab: PrecisionsInit[0] has a non-finite entry; precisions must be finite"},
		{"PrecisionsInit diag negative", GaussianMixture{NComponents: 1, CovarianceType: Diag, PrecisionsInit: []*mat.SymDense{mat.NewSymDense(2, []float64{1, 0, 0, -1})}}, `gmmlab: "diag" precision should be positive, but PrecisionsInit[0][1][1] is -1`},
		{"PrecisionsInit spherical not scalar", GaussianMixture{NComponents: 1, CovarianceType: Spherical, PrecisionsInit: []*mat.SymDense{mat.NewSymDense(2, []float64{1, 0, 0, 2})}}, `gmmlab: PrecisionsInit[0] must be a multiple of the identity for "spherical" covariance`},
	} {
		mustPanicExactly(t, c.name, c.want, func() { _, _ = c.g.Fit(X) })
	}

	m, err := GaussianMixture{NComponents: 2, RandomState: 1}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	mustPanicExactly(t, "WarmStart mismatch", `gmmlab: WarmStart is a 2-component "full" model on 2 features but the config asks for 3 "full" components on 2 features`,
		func() { _, _ = GaussianMixture{NComponents: 3, WarmStart: m}.Fit(X) })

	wrong := "gmmlab: X has 3 features but the model was fit on 2"
	X3 := mat.NewDense(4, 3, nil)
	for name, f := range map[string]func(){
		"Predict":      func() { m.Predict(X3) },
		"PredictProba": func() { m.PredictProba(X3) },
		"ScoreSamples": func() { m.ScoreSamples(X3) },
		"Score":        func() { m.Score(X3) },
		"BIC":          func() { m.BIC(X3) },
		"AIC":          func() { m.AIC(X3) },
	} {
		mustPanicExactly(t, name+" wrong features", wrong, f)
	}
	nanX := mat.NewDense(3, 2, []float64{0, 0, 1, 1, 2, nan})
	infX := mat.NewDense(3, 2, []float64{0, math.Inf(-1), 1, 1, 2, 2})
	for name, f := range map[string]func(mat.Matrix){
		"Predict":      func(X mat.Matrix) { m.Predict(X) },
		"PredictProba": func(X mat.Matrix) { m.PredictProba(X) },
		"ScoreSamples": func(X mat.Matrix) { m.ScoreSamples(X) },
		"BIC":          func(X mat.Matrix) { m.BIC(X) },
	} {
		mustPanicExactly(t, name+" NaN", "gmmlab: X contains NaN at row 2, column 1; drop or impute the missing values before predicting", func() { f(nanX) })
		mustPanicExactly(t, name+" -Inf", "gmmlab: X contains -Inf at row 0, column 1; drop or clip the infinite values before predicting", func() { f(infX) })
	}
	mustPanicExactly(t, "Predict nil", "gmmlab: X is nil; pass a matrix with one sample per row", func() { m.Predict(nil) })

	mustPanicExactly(t, "KMeans negative", "gmmlab: KMeans settings must not be negative: NClusters -2, NInit 0, MaxIter 0, Tol 0 (0 means the default)",
		func() { _, _ = KMeans{NClusters: -2}.Fit(X) })
	km, err := KMeans{NClusters: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	mustPanicExactly(t, "KMeans Predict wrong features", wrong, func() { km.Predict(X3) })
	mustPanicExactly(t, "ModelSelection zero K", "gmmlab: ModelSelection.NComponents contains 0; component counts must be at least 1",
		func() { _, _ = ModelSelection{NComponents: []int{0, 1}}.Fit(X) })
	mustPanicExactly(t, "ModelSelection empty grid", "gmmlab: ModelSelection needs at least one component count and one covariance type",
		func() { _, _ = ModelSelection{NComponents: []int{}}.Fit(X) })
}

// TestZeroNComponentsMeansOne documents the zero value: NComponents 0 is
// scikit-learn's default n_components=1.
func TestZeroNComponentsMeansOne(t *testing.T) {
	m, err := GaussianMixture{}.Fit(smallData())
	if err != nil {
		t.Fatal(err)
	}
	if m.NComponents() != 1 {
		t.Errorf("NComponents 0 fit %d components, want 1", m.NComponents())
	}
	checkSane(t, "NComponents 0", m)
}

// TestConstantFeature: a feature with zero variance fits because RegCovar
// keeps its variance at 1e-6. scikit-learn 1.2.1 (random_state=0, 100
// normal rows, column 1 set to 3) gives full lower_bound 4.576062956606181
// and a variance of 1e-06 in the constant column.
func TestConstantFeature(t *testing.T) {
	X := normalData(0, 100, 2)
	for i := 0; i < 100; i++ {
		X.Set(i, 1, 3)
	}
	models := fitAll(t, "constant feature", GaussianMixture{NComponents: 2}, X)
	for ct, m := range models {
		if ct == Spherical {
			continue // one variance for both columns: 0.127 and 0.216, as scikit-learn's
		}
		for c, cov := range m.Covariances() {
			if v := cov.At(1, 1); math.Abs(v-1e-6) > 1e-12 {
				t.Errorf("%s: component %d has variance %v in the constant column, want RegCovar 1e-6", ct, c, v)
			}
			if mu := m.Means().At(c, 1); math.Abs(mu-3) > 1e-12 {
				t.Errorf("%s: component %d has mean %v in the constant column, want 3", ct, c, mu)
			}
		}
	}
	if lb := models[Full].LowerBound(); math.Abs(lb-4.576062956606181) > 1e-9 {
		t.Errorf("full lower bound %v, scikit-learn 4.576062956606181", lb)
	}
}

// TestIdenticalPoints: ten copies of (1, 1). scikit-learn fits K=1 with
// mean (1, 1), covariance 1e-6·I and lower_bound 11.97763349155493, and
// K=2 (kmeans init) with weights [1, ~2e-16] and the empty component's mean
// at the origin, warning "Number of distinct clusters (1) found smaller
// than n_clusters (2)". We match: a sane fit whose second component holds
// no data.
func TestIdenticalPoints(t *testing.T) {
	X := mat.NewDense(10, 2, nil)
	for i := 0; i < 10; i++ {
		X.SetRow(i, []float64{1, 1})
	}
	for _, k := range []int{1, 2, 3} {
		for _, init := range InitMethods {
			models := fitAll(t, fmt.Sprintf("identical K=%d %s", k, init), GaussianMixture{NComponents: k, InitParams: init}, X)
			for ct, m := range models {
				if math.Abs(m.LowerBound()-11.97763349155493) > 1e-9 {
					t.Errorf("K=%d %s %s: lower bound %v, scikit-learn 11.97763349155493", k, init, ct, m.LowerBound())
				}
				for _, l := range m.Predict(X) {
					if l != m.Predict(X)[0] {
						t.Errorf("K=%d %s %s: identical points get different labels", k, init, ct)
					}
				}
			}
		}
	}
	m := fitAll(t, "identical K=2", GaussianMixture{NComponents: 2}, X)[Full]
	if w := m.Weights(); w[0] < 1-1e-12 || w[1] > 1e-12 {
		t.Errorf("identical K=2 weights %v, scikit-learn [1, 2.2e-16]", w)
	}
}

// TestTwoDistinctPointsThreeComponents: five copies each of (0, 0) and
// (1, 1) with K=3. scikit-learn's kmeans init gives weights [0.5, 0.5, 0]
// and lower_bound 11.284486310994982 (with the "distinct clusters"
// warning); random init spreads three components, full lower_bound
// 4.916511720700383.
func TestTwoDistinctPointsThreeComponents(t *testing.T) {
	X := mat.NewDense(10, 2, nil)
	for i := 5; i < 10; i++ {
		X.SetRow(i, []float64{1, 1})
	}
	m := fitAll(t, "two distinct", GaussianMixture{NComponents: 3}, X)
	for ct, mm := range m {
		if math.Abs(mm.LowerBound()-11.284486310994982) > 1e-9 {
			t.Errorf("%s: lower bound %v, scikit-learn 11.284486310994982", ct, mm.LowerBound())
		}
	}
	r := fitAll(t, "two distinct random", GaussianMixture{NComponents: 3, InitParams: InitRandom}, X)
	if lb := r[Full].LowerBound(); math.Abs(lb-4.916511720700383) > 1e-6 {
		t.Errorf("random full: lower bound %v, scikit-learn 4.916511720700383", lb)
	}
	for _, init := range InitMethods {
		fitAll(t, "two distinct "+string(init), GaussianMixture{NComponents: 3, InitParams: init, RandomState: 3}, X)
	}
}

// TestMoreComponentsThanDistinctPoints: three distinct points, each three
// times, K=5. Every init fits; the spare components carry ~0 weight.
func TestMoreComponentsThanDistinctPoints(t *testing.T) {
	X := mat.NewDense(9, 2, nil)
	for i := 0; i < 9; i++ {
		X.SetRow(i, []float64{float64(i % 3), float64(i%3) * 2})
	}
	for _, init := range InitMethods {
		fitAll(t, "K=5 on 3 points "+string(init), GaussianMixture{NComponents: 5, InitParams: init, RandomState: 7}, X)
	}
}

// TestExtremeScales: values near 1e-150 and 1e150 fit (scikit-learn too:
// lower_bound 11.977633491554933 at 1e-150 where RegCovar dominates, and
// the unscaled fit's clusters at 1e150); from about 1e154 the sums of
// squares overflow, where scikit-learn raises "array must not contain
// infs or NaNs" (full) or returns NaN means (diag), and we return an error
// that says to standardise.
func TestExtremeScales(t *testing.T) {
	base := normalData(0, 100, 2)
	scaled := func(s float64) *mat.Dense {
		X := mat.DenseCopyOf(base)
		X.Scale(s, X)
		return X
	}
	tiny := fitAll(t, "1e-150", GaussianMixture{NComponents: 2}, scaled(1e-150))
	for ct, m := range tiny {
		if math.Abs(m.LowerBound()-11.977633491554933) > 1e-9 {
			t.Errorf("1e-150 %s: lower bound %v, scikit-learn 11.977633491554933", ct, m.LowerBound())
		}
	}
	plain := fitAll(t, "unscaled", GaussianMixture{NComponents: 2}, base)
	huge := fitAll(t, "1e150", GaussianMixture{NComponents: 2}, scaled(1e150))
	for _, ct := range CovarianceTypes {
		// RegCovar is negligible at 1e150 but not at 1, so compare loosely.
		a, b := plain[ct].Means(), huge[ct].Means()
		for c := 0; c < 2; c++ {
			for j := 0; j < 2; j++ {
				if math.Abs(b.At(c, j)/1e150-a.At(c, j)) > 1e-3 {
					t.Errorf("1e150 %s: mean[%d][%d]/1e150 = %v, unscaled %v", ct, c, j, b.At(c, j)/1e150, a.At(c, j))
				}
			}
		}
	}
	for _, s := range []float64{1e154, 1e200, 1e300} {
		X := scaled(s)
		lo, hi, maxAbs := mat.Min(X.ColView(0)), mat.Max(X.ColView(0)), math.Max(mat.Max(X), -mat.Min(X))
		want := fmt.Sprintf("gmmlab: X is too spread out for float64 arithmetic (column 0 spans %.3g, the largest |value| is %.3g): "+
			"its sums of squares would overflow; standardise the features (subtract each column's mean, divide by its standard deviation) before fitting",
			hi-lo, maxAbs)
		for _, ct := range CovarianceTypes {
			_, err := GaussianMixture{NComponents: 2, CovarianceType: ct}.Fit(X)
			wantError(t, fmt.Sprintf("scale %g %s", s, ct), err, want)
		}
		_, err := KMeans{NClusters: 2}.Fit(X)
		wantError(t, fmt.Sprintf("scale %g KMeans", s), err, want)
	}
	// A huge offset with a small spread is still sums of modest squares
	// about the means... but the sums of the values themselves overflow.
	X := mat.DenseCopyOf(base)
	X.Apply(func(_, _ int, v float64) float64 { return 1e306 + v*1e290 }, X)
	if _, err := (GaussianMixture{}).Fit(X); err == nil || !strings.HasPrefix(err.Error(), "gmmlab: X is too spread out") {
		t.Errorf("offset 1e306: error %v", err)
	}
}

// TestHugeNTinyK: 200000×2 with K=1 is the sample mean and covariance
// (numpy's cov with ddof=0, plus RegCovar).
func TestHugeNTinyK(t *testing.T) {
	const n = 200000
	X := normalData(5, n, 2)
	models := fitAll(t, "200k×2 K=1", GaussianMixture{NComponents: 1}, X)
	var mu [2]float64
	for i := 0; i < n; i++ {
		mu[0] += X.At(i, 0)
		mu[1] += X.At(i, 1)
	}
	mu[0], mu[1] = mu[0]/n, mu[1]/n
	var c00, c01, c11 float64
	for i := 0; i < n; i++ {
		a, b := X.At(i, 0)-mu[0], X.At(i, 1)-mu[1]
		c00, c01, c11 = c00+a*a, c01+a*b, c11+b*b
	}
	want := []float64{c00/n + 1e-6, c01 / n, c01 / n, c11/n + 1e-6}
	cov := models[Full].Covariances()[0]
	for i, w := range want {
		if got := cov.At(i/2, i%2); math.Abs(got-w) > 1e-12 {
			t.Errorf("cov[%d] = %v, want %v", i, got, w)
		}
	}
	for j := 0; j < 2; j++ {
		if got := models[Full].Means().At(0, j); math.Abs(got-mu[j]) > 1e-12 {
			t.Errorf("mean[%d] = %v, want %v", j, got, mu[j])
		}
	}
	if !models[Full].Converged() || models[Full].NIter() > 2 {
		t.Errorf("K=1 should converge at once, took %d iterations", models[Full].NIter())
	}
}

// TestNEqualsK: ten samples, ten components. scikit-learn gives every
// component one sample, weight 0.1 and covariance RegCovar·I
// (lower_bound 9.675048398560886 for its data).
func TestNEqualsK(t *testing.T) {
	X := normalData(0, 10, 2)
	for _, init := range InitMethods {
		models := fitAll(t, "N=K=10 "+string(init), GaussianMixture{NComponents: 10, InitParams: init}, X)
		if init != InitKMeans {
			continue
		}
		for ct, m := range models {
			seen := map[int]bool{}
			for _, l := range m.Predict(X) {
				seen[l] = true
			}
			if len(seen) != 10 {
				t.Errorf("%s: %d distinct labels, want one component per sample", ct, len(seen))
			}
			for _, w := range m.Weights() {
				if math.Abs(w-0.1) > 1e-12 {
					t.Errorf("%s: weight %v, want 0.1", ct, w)
				}
			}
		}
	}
}

func TestNonConvergenceIsNotAnError(t *testing.T) {
	X := denseOf(loadReference(t).Fits[0].X)
	m, err := GaussianMixture{NComponents: 3, MaxIter: 1, RandomState: 170}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	checkSane(t, "MaxIter 1", m)
	if m.NIter() != 1 || m.Converged() {
		t.Errorf("MaxIter 1: NIter %d converged %v, want 1 false", m.NIter(), m.Converged())
	}
	var log bytes.Buffer
	m, err = GaussianMixture{NComponents: 3, Tol: 1e-300, MaxIter: 20, RandomState: 170, Verbose: 1, Log: &log}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	checkSane(t, "tiny Tol", m)
	if m.Converged() || m.NIter() != 20 {
		t.Errorf("tiny Tol: converged %v after %d iterations, want false after 20", m.Converged(), m.NIter())
	}
	if !strings.Contains(log.String(), "ConvergenceWarning: Initialization 1 did not converge.") {
		t.Errorf("tiny Tol: no ConvergenceWarning in %q", log.String())
	}
}

// TestWarmStartContinues: 2 iterations, then 3 more from that model, are
// the same bits as 5 iterations at once (Tol tiny so neither converges).
func TestWarmStartContinues(t *testing.T) {
	X := denseOf(loadReference(t).Fits[0].X)
	for _, ct := range CovarianceTypes {
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, Tol: 1e-300, RandomState: 170}
		g.MaxIter = 2
		a, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		g.MaxIter, g.WarmStart = 3, a
		b, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		g.MaxIter, g.WarmStart = 5, nil
		c, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		checkSane(t, "warm start", b)
		b.nIter = c.nIter // NIter counts the iterations of this call only
		if !sameModel(b, c) {
			t.Errorf("%s: 2+3 warm-started iterations differ from 5", ct)
		}
		if sameModel(a, c) {
			t.Errorf("%s: the warm start did not move the model", ct)
		}
	}
}

// TestNInitRandom: the best of three random inits is at least as good as
// the first, which draws the same numbers as NInit 1.
func TestNInitRandom(t *testing.T) {
	X := denseOf(loadReference(t).Fits[0].X)
	for _, ct := range CovarianceTypes {
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, InitParams: InitRandom, RandomState: 11}
		one, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		g.NInit = 3
		three, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		checkSane(t, "NInit 3", three)
		if three.LowerBound() < one.LowerBound() {
			t.Errorf("%s: best of 3 inits %v is worse than the first %v", ct, three.LowerBound(), one.LowerBound())
		}
	}
}

// TestPredictionsFinite: on the training data, responsibilities are
// finite rows summing to 1 and scores are finite, for every degenerate
// set above that fits.
func TestPredictionsFinite(t *testing.T) {
	same := mat.NewDense(6, 2, []float64{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2})
	for name, X := range map[string]*mat.Dense{"identical": same, "normal": normalData(1, 50, 3), "small": smallData()} {
		for _, m := range fitAll(t, name, GaussianMixture{NComponents: 3}, X) {
			checkPredictionsFinite(t, name, m, X)
		}
	}
}

func checkPredictionsFinite(t testing.TB, name string, m *Mixture, X mat.Matrix) {
	t.Helper()
	if err := finitePredictions(m, X); err != nil {
		t.Errorf("%s: %v", name, err)
	}
}

// finitePredictions checks PredictProba, ScoreSamples and Predict on X.
func finitePredictions(m *Mixture, X mat.Matrix) error {
	p := m.PredictProba(X)
	r, c := p.Dims()
	for i := 0; i < r; i++ {
		s := 0.0
		for j := 0; j < c; j++ {
			v := p.At(i, j)
			if math.IsNaN(v) || v < 0 || v > 1 {
				return fmt.Errorf("PredictProba[%d][%d] = %v", i, j, v)
			}
			s += v
		}
		if math.Abs(s-1) > 1e-9 {
			return fmt.Errorf("PredictProba row %d sums to %v", i, s)
		}
	}
	for i, v := range m.ScoreSamples(X) {
		if math.IsNaN(v) || math.IsInf(v, 1) {
			return fmt.Errorf("ScoreSamples[%d] = %v", i, v)
		}
	}
	for i, l := range m.Predict(X) {
		if l < 0 || l >= m.NComponents() {
			return fmt.Errorf("Predict[%d] = %d", i, l)
		}
	}
	return nil
}
