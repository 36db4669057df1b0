package gmmlab

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The BayesianGaussianMixture cases of testdata/mixture_nd.json are what
// scikit-learn 1.2.1 (numpy 1.24.2, scipy 1.10.1) reported for
// BayesianGaussianMixture(**params).fit(X), written by
// testdata/gen_mixture_nd.py (`make fixtures` reruns it; the script says
// what each case is for).

type bayesExpected struct {
	expected
	WeightConcentration      [][]float64     `json:"weight_concentration"`
	MeanPrecision            []float64       `json:"mean_precision"`
	DegreesOfFreedom         []float64       `json:"degrees_of_freedom"`
	WeightConcentrationPrior float64         `json:"weight_concentration_prior"`
	MeanPrecisionPrior       float64         `json:"mean_precision_prior"`
	MeanPrior                []float64       `json:"mean_prior"`
	DegreesOfFreedomPrior    float64         `json:"degrees_of_freedom_prior"`
	CovariancePrior          json.RawMessage `json:"covariance_prior"`
}

type bayesCase struct {
	Name      string         `json:"name"`
	Estimator string         `json:"estimator"`
	Data      string         `json:"data"`
	Params    map[string]any `json:"params"`
	WarmFrom  map[string]any `json:"warm_from"`
	Expect    *bayesExpected `json:"expect"`
}

// loadBayes returns the BayesianGaussianMixture cases of mixture_nd.json
// and its data sets.
func loadBayes(t testing.TB) ([]bayesCase, map[string]*mat.Dense) {
	t.Helper()
	_, data := loadND(t)
	b, err := os.ReadFile("testdata/mixture_nd.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []bayesCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	var out []bayesCase
	for _, c := range f.Cases {
		if c.Estimator == "BayesianGaussianMixture" {
			out = append(out, c)
		}
	}
	return out, data
}

// bayesConfigOf turns scikit-learn keyword arguments into a
// BayesianGaussianMixture.
func bayesConfigOf(t testing.TB, p map[string]any) BayesianGaussianMixture {
	var g BayesianGaussianMixture
	shared := map[string]any{}
	for k, v := range p {
		switch k {
		case "weight_concentration_prior_type":
			g.WeightConcentrationPriorType = WeightConcentrationPriorType(v.(string))
		case "weight_concentration_prior":
			g.WeightConcentrationPrior = v.(float64)
		case "mean_precision_prior":
			g.MeanPrecisionPrior = v.(float64)
		case "degrees_of_freedom_prior":
			g.DegreesOfFreedomPrior = v.(float64)
		case "mean_prior":
			for _, x := range v.([]any) {
				g.MeanPrior = append(g.MeanPrior, x.(float64))
			}
		case "covariance_prior":
			g.CovariancePrior = priorMatrix(v)
		default:
			shared[k] = v
		}
	}
	s := configOf(t, shared)
	g.NComponents, g.CovarianceType, g.Tol, g.RegCovar, g.MaxIter = s.NComponents, s.CovarianceType, s.Tol, s.RegCovar, s.MaxIter
	g.NInit, g.InitParams, g.RandomState = s.NInit, s.InitParams, s.RandomState
	return g
}

// priorMatrix is a covariance_prior as gmmlab takes it: a matrix for a
// list of lists, a vector for a list, 1×1 for a number.
func priorMatrix(v any) mat.Matrix {
	switch v := v.(type) {
	case float64:
		return mat.NewDense(1, 1, []float64{v})
	case []any:
		if _, ok := v[0].([]any); !ok {
			x := make([]float64, len(v))
			for i, e := range v {
				x[i] = e.(float64)
			}
			return mat.NewVecDense(len(x), x)
		}
		m := mat.NewDense(len(v), len(v), nil)
		for i, row := range v {
			for j, e := range row.([]any) {
				m.Set(i, j, e.(float64))
			}
		}
		return m
	}
	panic(fmt.Sprintf("covariance_prior %v", v))
}

// fitBayesCase fits a case as scikit-learn did: after its warm-start fit,
// if it has one.
func fitBayesCase(t *testing.T, c bayesCase, X *mat.Dense) (BayesianGaussianMixture, *BayesianMixture) {
	t.Helper()
	g := bayesConfigOf(t, c.Params)
	if c.WarmFrom != nil {
		first, err := bayesConfigOf(t, c.WarmFrom).Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		g.WarmStart = first
	}
	m, err := g.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	return g, m
}

// TestBayesianParity: every BayesianGaussianMixture case of
// mixture_nd.json. Fit gives scikit-learn's weights, means, covariances,
// precisions, lower bound, posterior (weight_concentration_,
// mean_precision_, degrees_of_freedom_), resolved priors, predictions and
// samples to 1e-6 relative, and its labels, n_iter, converged_ and
// ConvergenceWarning exactly.
func TestBayesianParity(t *testing.T) {
	cases, data := loadBayes(t)
	if len(cases) < 60 {
		t.Fatalf("only %d BayesianGaussianMixture cases", len(cases))
	}
	counts := map[string]int{}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			X := data[c.Data]
			g, m := fitBayesCase(t, c, X)
			r := c.Expect
			checkFit(t, m.m, X, r.expected)
			checkBayesExtras(t, m, *r)
			if g.MaxIter == Zero {
				ini, err := g.Initialize(X)
				if err != nil {
					t.Fatal(err)
				}
				if !sameBayes(ini, m) {
					t.Error("Initialize differs from Fit with MaxIter: Zero")
				}
			}
		})
		s := bayesConfigOf(t, c.Params).withDefaults()
		_, d := data[c.Data].Dims()
		counts[fmt.Sprintf("%s/%s/D=%d", s.CovarianceType, s.b.WeightConcentrationPriorType, d)]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s:%d", k, counts[k])
	}
	t.Logf("%d cases per covariance type, prior type and D:%s", len(cases), b.String())
}

// checkBayesExtras compares the posterior and the priors with
// scikit-learn's.
func checkBayesExtras(t *testing.T, m *BayesianMixture, r bayesExpected) {
	t.Helper()
	alpha, beta := m.WeightConcentration()
	want := r.WeightConcentration
	if (beta == nil) != (len(want) == 1) {
		t.Fatalf("weight_concentration_ has %d arrays in scikit-learn, beta %v here", len(want), beta)
	}
	for c := range alpha {
		checkClose(t, fmt.Sprintf("weight_concentration_[0][%d]", c), alpha[c], want[0][c])
		if beta != nil {
			checkClose(t, fmt.Sprintf("weight_concentration_[1][%d]", c), beta[c], want[1][c])
		}
	}
	for c, v := range m.MeanPrecision() {
		checkClose(t, fmt.Sprintf("mean_precision_[%d]", c), v, r.MeanPrecision[c])
	}
	for c, v := range m.DegreesOfFreedom() {
		checkClose(t, fmt.Sprintf("degrees_of_freedom_[%d]", c), v, r.DegreesOfFreedom[c])
	}
	checkClose(t, "weight_concentration_prior_", m.WeightConcentrationPrior(), r.WeightConcentrationPrior)
	checkClose(t, "mean_precision_prior_", m.MeanPrecisionPrior(), r.MeanPrecisionPrior)
	checkClose(t, "degrees_of_freedom_prior_", m.DegreesOfFreedomPrior(), r.DegreesOfFreedomPrior)
	d := m.NFeatures()
	for j, v := range m.MeanPrior() {
		checkCloseTo(t, fmt.Sprintf("mean_prior_[%d]", j), v, r.MeanPrior[j], 1)
	}
	var raw any
	if err := json.Unmarshal(r.CovariancePrior, &raw); err != nil {
		t.Fatal(err)
	}
	wantPrior := priorMatrix(raw)
	got := m.CovariancePrior()
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			var w float64
			switch rr, cc := wantPrior.Dims(); {
			case rr == d && cc == d:
				w = wantPrior.At(i, j)
			case i == j && rr*cc == d:
				w = mat.Col(nil, 0, wantPrior)[i]
			case i == j:
				w = wantPrior.At(0, 0)
			}
			checkCloseTo(t, fmt.Sprintf("covariance_prior_[%d][%d]", i, j), got.At(i, j), w, got.At(i, i))
		}
	}
}

// sameBayes reports whether two models are the same bit for bit: the
// Mixture parts and the posterior.
func sameBayes(a, b *BayesianMixture) bool {
	v, w := a.v, b.v
	return sameModel(a.m, b.m) && sameBits(v.alpha, w.alpha) && sameBits(v.beta, w.beta) && sameBits(v.meanPrec, w.meanPrec) &&
		sameBits(v.dof, w.dof) && sameBits(v.off, w.off) && sameBits(v.means, w.means) && sameBits(v.pc, w.pc) &&
		v.pr.dp == w.pr.dp && sameBits([]float64{v.pr.weight, v.pr.meanPrec, v.pr.dof}, []float64{w.pr.weight, w.pr.meanPrec, w.pr.dof}) &&
		sameBits(v.pr.mean, w.pr.mean) && sameBits(v.pr.cov, w.pr.cov)
}
