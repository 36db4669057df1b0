package gmmlab_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
	"github.com/gmmlab/gmmlab/gmmlab"
	"github.com/gmmlab/gmmlab/nprand"
)

// testdata/init_example.json is scikit-learn 1.2.1's plot_gmm_init flow,
// written by gen_init_example.py beside it: for each init method one
// RandomState(1234) is shared by the max_iter=0 fit that gives the initial
// means and by the fit that starts from them.
func TestInitExampleParity(t *testing.T) {
	b, err := os.ReadFile("testdata/init_example.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Method       string      `json:"method"`
		InitialMeans [][]float64 `json:"initial_means"`
		NIter        int         `json:"n_iter"`
		Means        [][]float64 `json:"means"`
		LowerBound   float64     `json:"lower_bound"`
		Labels       []int       `json:"labels_first20"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	X0, _, err := datagen.MakeBlobs(datagen.Blobs{NSamples: 4000, Centers: 4, ClusterStd: []float64{0.6}, RandomState: 0})
	if err != nil {
		t.Fatal(err)
	}
	// X = X[:, ::-1]
	n, _ := X0.Dims()
	X := mat.NewDense(n, 2, nil)
	for i := 0; i < n; i++ {
		X.Set(i, 0, X0.At(i, 1))
		X.Set(i, 1, X0.At(i, 0))
	}
	near := func(got, want float64) bool {
		return math.Abs(got-want) <= 1e-6*math.Max(math.Abs(got), math.Abs(want))+1e-12
	}
	for _, c := range cases {
		r := nprand.New(1234)
		ini, err := gmmlab.GaussianMixture{NComponents: 4, InitParams: gmmlab.InitMethod(c.Method), Tol: 1e-9, RandomSource: r}.Initialize(X)
		if err != nil {
			t.Fatal(err)
		}
		if ini.NIter() != 0 || ini.Converged() {
			t.Errorf("%s: Initialize ran EM", c.Method)
		}
		means := ini.Means()
		for k := range c.InitialMeans {
			for j := range c.InitialMeans[k] {
				if !near(means.At(k, j), c.InitialMeans[k][j]) {
					t.Errorf("%s: initial mean[%d][%d] = %v, scikit-learn %v", c.Method, k, j, means.At(k, j), c.InitialMeans[k][j])
				}
			}
		}
		m, err := gmmlab.GaussianMixture{NComponents: 4, MeansInit: means, Tol: 1e-9, MaxIter: 2000, RandomSource: r}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		if m.NIter() != c.NIter {
			t.Errorf("%s: n_iter %d, scikit-learn %d", c.Method, m.NIter(), c.NIter)
		}
		if !near(m.LowerBound(), c.LowerBound) {
			t.Errorf("%s: lower bound %v, scikit-learn %v", c.Method, m.LowerBound(), c.LowerBound)
		}
		if got := fmt.Sprint(m.Predict(X)[:20]); got != fmt.Sprint(c.Labels) {
			t.Errorf("%s: labels %s, scikit-learn %v", c.Method, got, c.Labels)
		}
	}
}

func TestModelSelectionRefusesSharedStream(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("ModelSelection with Base.RandomSource did not panic")
		}
	}()
	X := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	_, _ = gmmlab.ModelSelection{Base: gmmlab.GaussianMixture{RandomSource: nprand.New(0)}}.Fit(X)
}

func TestKMeansPredictRejectsNaN(t *testing.T) {
	km, err := gmmlab.KMeans{NClusters: 2}.Fit(mat.NewDense(4, 1, []float64{0, 1, 10, 11}))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "NaN") {
			t.Errorf("Predict on NaN: panic %v", r)
		}
	}()
	km.Predict(mat.NewDense(1, 1, []float64{math.NaN()}))
}
