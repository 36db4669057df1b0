package gmmlab

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// testdata/weighted.json holds what scikit-learn 1.2.1's
// KMeans(sample_weight) and R mclust 6.0's me.weighted printed for weighted
// data, written by testdata/gen_weighted.py (`make fixtures` reruns it).
type weightedCase struct {
	Name   string      `json:"name"`
	X      [][]float64 `json:"X"`
	W      []float64   `json:"w"`
	KMeans struct {
		NClusters   int         `json:"n_clusters"`
		RandomState int64       `json:"random_state"`
		Labels      []int       `json:"labels"`
		Centers     [][]float64 `json:"cluster_centers"`
		Inertia     float64     `json:"inertia"`
		NIter       int         `json:"n_iter"`
	} `json:"kmeans"`
	Iterations int                             `json:"iterations"`
	EM         map[string]map[string]mclustFit `json:"em"`
}

type mclustFit struct {
	Pro       []float64     `json:"pro"`
	Mean      [][]float64   `json:"mean"`
	Sigma     [][][]float64 `json:"sigma"`
	LogLik    float64       `json:"loglik"`
	WeightSum float64       `json:"weight_sum"`
}

func loadWeighted(t *testing.T) []weightedCase {
	b, err := os.ReadFile("testdata/weighted.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []weightedCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// KMeans.FitWeighted is scikit-learn's KMeans.fit(X, sample_weight=w).
func TestKMeansFitWeightedReference(t *testing.T) {
	for _, c := range loadWeighted(t) {
		r := c.KMeans
		m, err := KMeans{NClusters: r.NClusters, RandomState: r.RandomState}.FitWeighted(denseOf(c.X), c.W)
		if err != nil {
			t.Fatal(err)
		}
		if !sameInts(m.Labels(), r.Labels) {
			t.Errorf("%s: labels differ from scikit-learn's", c.Name)
		}
		if m.NIter() != r.NIter {
			t.Errorf("%s: NIter %d, scikit-learn %d", c.Name, m.NIter(), r.NIter)
		}
		checkWithin(t, c.Name+" inertia", m.Inertia(), r.Inertia, 1e-12)
		checkMatrix(t, c.Name+" centres", m.Centers(), r.Centers, 1e-12)
	}
}

// FitWeighted is mclust's weighted EM: after the same iterations from the
// same start (the weighted KMeans labels), the same parameters and
// weighted log-likelihood, and the same fit at convergence.
func TestFitWeightedMclust(t *testing.T) {
	for _, c := range loadWeighted(t) {
		if c.EM == nil {
			continue
		}
		X := denseOf(c.X)
		for ct, runs := range c.EM {
			g := GaussianMixture{NComponents: c.KMeans.NClusters, CovarianceType: CovarianceType(ct), RegCovar: Zero, Tol: Zero,
				RandomState: c.KMeans.RandomState}
			// mclust's iteration t ends with the M-step on the t-th E-step;
			// gmmlab's initialisation is the first M-step.
			g.MaxIter = c.Iterations - 1
			m, err := g.FitWeighted(X, c.W)
			if err != nil {
				t.Fatal(err)
			}
			name := c.Name + " " + ct
			checkMclust(t, name, m, runs["fixed"], 1e-9)
			// One more E-step scores those parameters.
			g.MaxIter = c.Iterations
			if m, err = g.FitWeighted(X, c.W); err != nil {
				t.Fatal(err)
			}
			checkWithin(t, name+" lower bound", m.LowerBound(), runs["fixed"].LogLik/runs["fixed"].WeightSum, 1e-12)
			g.Tol, g.MaxIter = 1e-13, 100000
			if m, err = g.FitWeighted(X, c.W); err != nil {
				t.Fatal(err)
			}
			checkMclust(t, name+" converged", m, runs["converged"], 1e-5)
		}
	}
}

func checkMclust(t *testing.T, name string, m *Mixture, r mclustFit, tol float64) {
	t.Helper()
	for c, w := range m.Weights() {
		if math.Abs(w-r.Pro[c]) > tol {
			t.Errorf("%s: weight %d is %v, mclust %v", name, c, w, r.Pro[c])
		}
	}
	checkMatrix(t, name+" means", m.Means(), r.Mean, tol)
	for c, cov := range m.Covariances() {
		checkMatrix(t, name+" covariance", cov, r.Sigma[c], tol)
	}
}

func checkMatrix(t *testing.T, name string, got mat.Matrix, want [][]float64, tol float64) {
	t.Helper()
	for i, row := range want {
		for j, v := range row {
			if g := got.At(i, j); math.Abs(g-v) > tol*(1+math.Abs(v)) {
				t.Errorf("%s [%d][%d]: %v, reference %v", name, i, j, g, v)
				return
			}
		}
	}
}

func checkWithin(t *testing.T, name string, got, want, rel float64) {
	t.Helper()
	if math.Abs(got-want) > rel*math.Abs(want) {
		t.Errorf("%s = %.17g, reference %.17g", name, got, want)
	}
}
