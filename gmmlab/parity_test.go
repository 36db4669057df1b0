package gmmlab

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The reference numbers in testdata/gaussian_mixture.json are what
// scikit-learn 1.2.1 with numpy 1.24.2 printed for
// GaussianMixture(**params).fit(X), KMeans(n_clusters=3, n_init=1,
// random_state=170) and the BIC/AIC sweep of the guide, written by
// testdata/gen_gaussian_mixture.py (`make fixtures` reruns it).

type refFit struct {
	Name   string         `json:"name"`
	Params map[string]any `json:"params"`
	X      [][]float64    `json:"X"`
	expected
	ProbaFirst5       [][]float64 `json:"proba_first5"`
	ScoreSamplesFirst []float64   `json:"score_samples_first5"`
}

type refFile struct {
	Fits   []refFit `json:"fits"`
	BICAIC []struct {
		NComponents int     `json:"n_components"`
		BIC         float64 `json:"bic"`
		AIC         float64 `json:"aic"`
	} `json:"bic_aic_guide_blobs_170"`
	KMeans struct {
		Params  map[string]any `json:"params"`
		Labels  []int          `json:"labels"`
		Centers [][]float64    `json:"cluster_centers"`
		Inertia float64        `json:"inertia"`
		NIter   int            `json:"n_iter"`
	} `json:"kmeans_guide_blobs_170"`
}

func loadReference(t testing.TB) refFile {
	t.Helper()
	b, err := os.ReadFile("testdata/gaussian_mixture.json")
	if err != nil {
		t.Fatal(err)
	}
	var r refFile
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func denseOf(rows [][]float64) *mat.Dense {
	m := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		m.SetRow(i, r)
	}
	return m
}

// configOf turns scikit-learn keyword arguments into a GaussianMixture.
func configOf(t testing.TB, p map[string]any) GaussianMixture {
	var g GaussianMixture
	for k, v := range p {
		switch k {
		case "n_components":
			g.NComponents = int(v.(float64))
		case "covariance_type":
			g.CovarianceType = CovarianceType(v.(string))
		case "random_state":
			g.RandomState = int64(v.(float64))
		case "init_params":
			g.InitParams = InitMethod(v.(string))
		case "n_init":
			g.NInit = int(v.(float64))
		case "tol":
			g.Tol = zeroIsZero(v.(float64))
		case "reg_covar":
			g.RegCovar = zeroIsZero(v.(float64))
		case "max_iter":
			g.MaxIter = int(zeroIsZero(v.(float64)))
		default:
			t.Fatalf("unknown reference parameter %q", k)
		}
	}
	return g
}

// zeroIsZero is how a caller asks for scikit-learn's tol=0, reg_covar=0 or
// max_iter=0: with Zero, where a zero field means the default.
func zeroIsZero(v float64) float64 {
	if v == 0 {
		return Zero
	}
	return v
}

// near reports whether got is within 1e-6 relative of want (with an
// absolute floor for values that are zero up to rounding).
func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-6*math.Max(math.Abs(got), math.Abs(want))+1e-12
}

func checkClose(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %.17g, scikit-learn %.17g", what, got, want)
	}
}

// fullCovariances expands scikit-learn's per-type covariance array.
func fullCovariances(t *testing.T, ct CovarianceType, raw json.RawMessage, k, d int) [][][]float64 {
	out := make([][][]float64, k)
	for c := range out {
		out[c] = make([][]float64, d)
		for i := range out[c] {
			out[c][i] = make([]float64, d)
		}
	}
	var err error
	switch ct {
	case Full:
		var v [][][]float64
		err = json.Unmarshal(raw, &v)
		out = v
	case Tied:
		var v [][]float64
		err = json.Unmarshal(raw, &v)
		for c := range out {
			out[c] = v
		}
	case Diag:
		var v [][]float64
		err = json.Unmarshal(raw, &v)
		for c := range out {
			for i := 0; i < d; i++ {
				out[c][i][i] = v[c][i]
			}
		}
	case Spherical:
		var v []float64
		err = json.Unmarshal(raw, &v)
		for c := range out {
			for i := 0; i < d; i++ {
				out[c][i][i] = v[c]
			}
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// expected is what scikit-learn reported for a fit: the fitted attributes
// every estimator shares and the predictions on the rows Rows of X.
type expected struct {
	Weights            []float64       `json:"weights"`
	Means              [][]float64     `json:"means"`
	Covariances        json.RawMessage `json:"covariances"`
	PrecisionsCholesky json.RawMessage `json:"precisions_cholesky"`
	Converged          bool            `json:"converged"`
	NIter              int             `json:"n_iter"`
	LowerBound         *float64        `json:"lower_bound"` // nil: -Inf
	ConvergenceWarning *bool           `json:"convergence_warning"`
	Labels             []int           `json:"labels"`
	Rows               []int           `json:"rows"`
	Proba              [][]float64     `json:"proba"`
	ScoreSamples       []float64       `json:"score_samples"`
	Score              float64         `json:"score"`
	BIC                *float64        `json:"bic"` // GaussianMixture only
	AIC                *float64        `json:"aic"`
	SampleX            [][]float64     `json:"sample_X"`
	SampleY            []int           `json:"sample_y"`
}

// expectedOf is r in the form checkFit reads.
func expectedOf(r refFit) expected {
	e := r.expected
	e.Rows, e.Proba, e.ScoreSamples = []int{0, 1, 2, 3, 4}, r.ProbaFirst5, r.ScoreSamplesFirst
	return e
}

// checkFit compares a fitted mixture with what scikit-learn reported for
// the same fit of X: every number to 1e-6 relative, n_iter, converged and
// the labels exactly.
func checkFit(t *testing.T, m *Mixture, X *mat.Dense, r expected) {
	t.Helper()
	k, d := m.NComponents(), m.NFeatures()
	if m.NIter() != r.NIter || m.Converged() != r.Converged {
		t.Errorf("n_iter %d converged %v, scikit-learn %d %v", m.NIter(), m.Converged(), r.NIter, r.Converged)
	}
	if r.ConvergenceWarning != nil && (m.Warning() != nil) != *r.ConvergenceWarning {
		t.Errorf("Warning() = %v, scikit-learn warned: %v", m.Warning(), *r.ConvergenceWarning)
	}
	if r.LowerBound == nil {
		if !math.IsInf(m.LowerBound(), -1) {
			t.Errorf("lower_bound %v, scikit-learn -inf", m.LowerBound())
		}
	} else {
		checkClose(t, "lower_bound", m.LowerBound(), *r.LowerBound)
	}
	for c, w := range m.Weights() {
		checkClose(t, fmt.Sprintf("weights[%d]", c), w, r.Weights[c])
	}
	means := m.Means()
	want := fullCovariances(t, m.CovarianceType(), r.Covariances, k, d)
	var wantPrec [][][]float64
	if r.PrecisionsCholesky != nil {
		wantPrec = precisionsOf(t, m.CovarianceType(), r.PrecisionsCholesky, k, d)
	}
	precs := m.Precisions()
	for c, cov := range m.Covariances() {
		for i := 0; i < d; i++ {
			checkClose(t, fmt.Sprintf("means[%d][%d]", c, i), means.At(c, i), r.Means[c][i])
			for j := 0; j < d; j++ {
				checkClose(t, fmt.Sprintf("covariances[%d][%d][%d]", c, i, j), cov.At(i, j), want[c][i][j])
				if wantPrec != nil {
					checkCloseTo(t, fmt.Sprintf("precisions[%d][%d][%d]", c, i, j), precs[c].At(i, j), wantPrec[c][i][j], precs[c].At(i, i))
				}
			}
		}
	}
	labels := m.Predict(X)
	bad := 0
	for i, l := range labels {
		if l != r.Labels[i] {
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d labels differ from scikit-learn's", bad, len(labels))
	}
	proba := m.PredictProba(X)
	ss := m.ScoreSamples(X)
	for q, i := range r.Rows {
		checkClose(t, fmt.Sprintf("score_samples[%d]", i), ss[i], r.ScoreSamples[q])
		for c := 0; c < k; c++ {
			checkCloseTo(t, fmt.Sprintf("proba[%d][%d]", i, c), proba.At(i, c), r.Proba[q][c], 1)
		}
	}
	checkClose(t, "score", m.Score(X), r.Score)
	if r.BIC != nil {
		checkClose(t, "bic", m.BIC(X), *r.BIC)
		checkClose(t, "aic", m.AIC(X), *r.AIC)
	}
	if r.SampleY != nil {
		sx, sy := m.Sample(len(r.SampleY))
		for i, y := range r.SampleY {
			if sy[i] != y {
				t.Fatalf("sample label %d is %d, scikit-learn %d", i, sy[i], y)
			}
			for j, v := range r.SampleX[i] {
				checkClose(t, fmt.Sprintf("sample[%d][%d]", i, j), sx.At(i, j), v)
			}
		}
	}
}

// checkCloseTo is checkClose for an entry of a matrix or vector whose
// scale is scale: within 1e-6 relative to the larger of the two (an
// off-diagonal entry or a probability can be zero up to rounding).
func checkCloseTo(t *testing.T, what string, got, want, scale float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6*max(math.Abs(got), math.Abs(want), math.Abs(scale))+1e-12 {
		t.Errorf("%s = %.17g, scikit-learn %.17g", what, got, want)
	}
}

// precisionsOf returns scikit-learn's precision matrices from its
// precisions_cholesky_ (P = L·Lᵀ for full and tied, L² for diag and
// spherical), one full matrix per component.
func precisionsOf(t *testing.T, ct CovarianceType, raw json.RawMessage, k, d int) [][][]float64 {
	chol := fullCovariances(t, ct, raw, k, d)
	out := make([][][]float64, k)
	for c := range out {
		out[c] = make([][]float64, d)
		for i := range out[c] {
			out[c][i] = make([]float64, d)
			for j := range out[c][i] {
				for q := 0; q < d; q++ {
					out[c][i][j] += chol[c][i][q] * chol[c][j][q]
				}
			}
		}
	}
	return out
}

func TestGaussianMixtureParity(t *testing.T) {
	ref := loadReference(t)
	for _, r := range ref.Fits {
		t.Run(r.Name, func(t *testing.T) {
			X := denseOf(r.X)
			m, err := configOf(t, r.Params).Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			checkFit(t, m, X, expectedOf(r))
		})
	}
}

func TestBICSweepParity(t *testing.T) {
	ref := loadReference(t)
	X := denseOf(ref.Fits[0].X)
	for _, r := range ref.BICAIC {
		m, err := GaussianMixture{NComponents: r.NComponents, RandomState: 0}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		checkClose(t, fmt.Sprintf("bic(%d)", r.NComponents), m.BIC(X), r.BIC)
		checkClose(t, fmt.Sprintf("aic(%d)", r.NComponents), m.AIC(X), r.AIC)
	}
}

func TestKMeansParity(t *testing.T) {
	ref := loadReference(t)
	X := denseOf(ref.Fits[0].X)
	r := ref.KMeans
	km, err := KMeans{NClusters: 3, NInit: 1, RandomState: 170}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	if km.NIter() != r.NIter {
		t.Errorf("n_iter %d, scikit-learn %d", km.NIter(), r.NIter)
	}
	checkClose(t, "inertia", km.Inertia(), r.Inertia)
	c := km.Centers()
	for i := range r.Centers {
		for j := range r.Centers[i] {
			checkClose(t, fmt.Sprintf("centers[%d][%d]", i, j), c.At(i, j), r.Centers[i][j])
		}
	}
	bad := 0
	for i, l := range km.Labels() {
		if l != r.Labels[i] {
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d labels differ from scikit-learn's", bad)
	}
	pred := km.Predict(X)
	for i, l := range pred {
		if l != r.Labels[i] {
			t.Fatalf("Predict(X)[%d] = %d, Labels %d", i, l, r.Labels[i])
		}
	}
}
