package gmmlab

import (
	"testing"

	"github.com/gmmlab/gmmlab/datagen"
)

// BenchmarkGivenB1 is bench/compare.py's Bayesian case B1:
// make_blobs(1e5×8, 6 centers, std 4, seed 0), BayesianGaussianMixture
// with 6 full components, InitRandomFromData with RandomState 0 (the same
// six rows as scikit-learn's init_params="random_from_data",
// random_state=0, so the same start) and a Tol so small that all 20
// iterations run. Large: run it with -benchtime=3x or so.
func BenchmarkGivenB1(b *testing.B) {
	X, _, err := datagen.MakeBlobs(datagen.Blobs{NSamples: 100_000, NFeatures: 8, Centers: 6, ClusterStd: []float64{4}})
	if err != nil {
		b.Fatal(err)
	}
	g := BayesianGaussianMixture{NComponents: 6, CovarianceType: Full, Tol: 1e-300, MaxIter: 20, InitParams: InitRandomFromData}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, err := g.Fit(X)
		if err != nil {
			b.Fatal(err)
		}
		if m.NIter() != 20 {
			b.Fatalf("ran %d iterations, want 20", m.NIter())
		}
	}
}
