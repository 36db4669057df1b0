package gmmlab

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func smallData() *mat.Dense {
	return mat.NewDense(6, 2, []float64{0, 0, 0.1, 0.2, -0.1, 0.1, 5, 5, 5.2, 4.9, 4.8, 5.1})
}

func TestFitErrors(t *testing.T) {
	nan := smallData()
	nan.Set(3, 1, math.NaN())
	inf := smallData()
	inf.Set(2, 0, math.Inf(-1))
	cases := []struct {
		name string
		g    GaussianMixture
		X    mat.Matrix
		want string
	}{
		{"NaN", GaussianMixture{NComponents: 2}, nan, "NaN at row 3, column 1"},
		{"Inf", GaussianMixture{NComponents: 2}, inf, "-Inf at row 2, column 0"},
		{"one sample", GaussianMixture{}, mat.NewDense(1, 2, []float64{1, 2}), "at least 2 samples"},
		{"fewer samples than components", GaussianMixture{NComponents: 7}, smallData(), "NComponents = 7, samples = 6"},
		{"collapsed", GaussianMixture{NComponents: 3, RegCovar: 1e-300, InitParams: InitRandomFromData},
			mat.NewDense(4, 2, []float64{1, 1, 1, 1, 1, 1, 1, 1}), "increase RegCovar"},
	}
	for _, c := range cases {
		_, err := c.g.Fit(c.X)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "gmmlab: ") {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func mustPanic(t *testing.T, name, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		msg := fmt.Sprint(r)
		if r == nil || !strings.HasPrefix(msg, "gmmlab: ") || !strings.Contains(msg, want) {
			t.Errorf("%s: panic %v, want one containing %q", name, r, want)
		}
	}()
	f()
}

func TestSettingPanics(t *testing.T) {
	X := smallData()
	for _, c := range []struct {
		name, want string
		g          GaussianMixture
	}{
		{"negative components", "NComponents is -1", GaussianMixture{NComponents: -1}},
		{"unknown covariance", `unknown CovarianceType "ful"`, GaussianMixture{CovarianceType: "ful"}},
		{"unknown init", `unknown InitParams "kmeans++"`, GaussianMixture{InitParams: "kmeans++"}},
		{"negative tol", "Tol is -1", GaussianMixture{Tol: -1}},
		{"negative reg", "RegCovar is -1", GaussianMixture{RegCovar: -1}},
		{"negative iter", "MaxIter is -5", GaussianMixture{MaxIter: -5}},
		{"negative init", "NInit is -2", GaussianMixture{NInit: -2}},
		{"bad seed", "RandomState is -3", GaussianMixture{RandomState: -3}},
		{"weights length", "WeightsInit has 3 values", GaussianMixture{NComponents: 2, WeightsInit: []float64{.2, .3, .5}}},
		{"weights sum", "sum(weights) = 0.90000", GaussianMixture{NComponents: 2, WeightsInit: []float64{.4, .5}}},
		{"means shape", "MeansInit is 2×3", GaussianMixture{NComponents: 2, MeansInit: mat.NewDense(2, 3, nil)}},
		{"precisions count", "PrecisionsInit has 1 matrices", GaussianMixture{NComponents: 2, PrecisionsInit: []*mat.SymDense{eye(2)}}},
		{"precision not PD", "positive-definite", GaussianMixture{NComponents: 1, PrecisionsInit: []*mat.SymDense{mat.NewSymDense(2, []float64{1, 2, 2, 1})}}},
		{"diag not diagonal", "must be diagonal", GaussianMixture{NComponents: 1, CovarianceType: Diag, PrecisionsInit: []*mat.SymDense{mat.NewSymDense(2, []float64{1, .5, .5, 1})}}},
	} {
		mustPanic(t, c.name, c.want, func() { _, _ = c.g.Fit(X) })
	}
	m, err := GaussianMixture{NComponents: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	wrong := mat.NewDense(2, 3, nil)
	mustPanic(t, "Predict", "X has 3 features but the model was fit on 2", func() { m.Predict(wrong) })
	mustPanic(t, "PredictProba", "X has 3 features", func() { m.PredictProba(wrong) })
	mustPanic(t, "ScoreSamples", "X has 3 features", func() { m.ScoreSamples(wrong) })
	mustPanic(t, "Sample", "n >= 1", func() { m.Sample(0) })
}

func eye(d int) *mat.SymDense {
	m := mat.NewSymDense(d, nil)
	for i := 0; i < d; i++ {
		m.SetSym(i, i, 1)
	}
	return m
}

func TestFitLeavesXAlone(t *testing.T) {
	X := denseOf(loadReference(t).Fits[0].X)
	before := mat.DenseCopyOf(X)
	for _, init := range InitMethods {
		if _, err := (GaussianMixture{NComponents: 3, InitParams: init, RandomState: 1}).Fit(X); err != nil {
			t.Fatal(err)
		}
	}
	if !mat.Equal(X, before) {
		t.Fatal("Fit modified X")
	}
}

func TestOffsetDataFitsLikeCentred(t *testing.T) {
	f := loadReference(t).Fits[0]
	X := denseOf(f.X)
	shifted := mat.DenseCopyOf(X)
	r, c := shifted.Dims()
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			shifted.Set(i, j, X.At(i, j)+1e8)
		}
	}
	for _, ct := range CovarianceTypes {
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 170}
		a, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		b, err := g.Fit(shifted)
		if err != nil {
			t.Fatalf("%s: %v", ct, err)
		}
		la, lb := a.Predict(X), b.Predict(shifted)
		diff := 0
		for i := range la {
			if la[i] != lb[i] {
				diff++
			}
		}
		if diff > 0 {
			t.Errorf("%s: %d labels change when the data move by 1e8", ct, diff)
		}
		ca, cb := a.Covariances(), b.Covariances()
		for k := range ca {
			for i := 0; i < c; i++ {
				if d := math.Abs(ca[k].At(i, i) - cb[k].At(i, i)); d > 1e-6*ca[k].At(i, i) {
					t.Errorf("%s: variance %d,%d is %v centred but %v offset", ct, k, i, ca[k].At(i, i), cb[k].At(i, i))
				}
			}
		}
	}
}

func TestVerbose(t *testing.T) {
	var log bytes.Buffer
	_, err := GaussianMixture{NComponents: 3, RandomState: 170, MaxIter: 2, Verbose: 1, Log: &log}.Fit(denseOf(loadReference(t).Fits[0].X))
	if err != nil {
		t.Fatal(err)
	}
	want := "Initialization 0\nInitialization converged: False\nConvergenceWarning: Initialization 1 did not converge. " +
		"Try different init parameters, or increase max_iter, tol or check for degenerate data.\n"
	if log.String() != want {
		t.Errorf("verbose output:\n%s\nwant:\n%s", log.String(), want)
	}
}
