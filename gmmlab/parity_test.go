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
	Name              string          `json:"name"`
	Params            map[string]any  `json:"params"`
	X                 [][]float64     `json:"X"`
	Weights           []float64       `json:"weights"`
	Means             [][]float64     `json:"means"`
	Covariances       json.RawMessage `json:"covariances"`
	Converged         bool            `json:"converged"`
	NIter             int             `json:"n_iter"`
	LowerBound        float64         `json:"lower_bound"`
	Labels            []int           `json:"labels"`
	ProbaFirst5       [][]float64     `json:"proba_first5"`
	ScoreSamplesFirst []float64       `json:"score_samples_first5"`
	Score             float64         `json:"score"`
	BIC               float64         `json:"bic"`
	AIC               float64         `json:"aic"`
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
			g.Tol = v.(float64)
		case "reg_covar":
			g.RegCovar = v.(float64)
		case "max_iter":
			g.MaxIter = int(v.(float64))
		default:
			t.Fatalf("unknown reference parameter %q", k)
		}
	}
	return g
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

func TestGaussianMixtureParity(t *testing.T) {
	ref := loadReference(t)
	for _, r := range ref.Fits {
		t.Run(r.Name, func(t *testing.T) {
			g := configOf(t, r.Params)
			X := denseOf(r.X)
			m, err := g.Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			k, d := m.NComponents(), m.NFeatures()
			if m.NIter() != r.NIter || m.Converged() != r.Converged {
				t.Errorf("n_iter %d converged %v, scikit-learn %d %v", m.NIter(), m.Converged(), r.NIter, r.Converged)
			}
			checkClose(t, "lower_bound", m.LowerBound(), r.LowerBound)
			for c, w := range m.Weights() {
				checkClose(t, fmt.Sprintf("weights[%d]", c), w, r.Weights[c])
			}
			means := m.Means()
			want := fullCovariances(t, m.CovarianceType(), r.Covariances, k, d)
			for c, cov := range m.Covariances() {
				for i := 0; i < d; i++ {
					checkClose(t, fmt.Sprintf("means[%d][%d]", c, i), means.At(c, i), r.Means[c][i])
					for j := 0; j < d; j++ {
						checkClose(t, fmt.Sprintf("covariances[%d][%d][%d]", c, i, j), cov.At(i, j), want[c][i][j])
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
			for i := 0; i < 5; i++ {
				checkClose(t, fmt.Sprintf("score_samples[%d]", i), ss[i], r.ScoreSamplesFirst[i])
				for c := 0; c < k; c++ {
					checkClose(t, fmt.Sprintf("proba[%d][%d]", i, c), proba.At(i, c), r.ProbaFirst5[i][c])
				}
			}
			checkClose(t, "score", m.Score(X), r.Score)
			checkClose(t, "bic", m.BIC(X), r.BIC)
			checkClose(t, "aic", m.AIC(X), r.AIC)
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
