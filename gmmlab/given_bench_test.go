package gmmlab

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
)

// The side-by-side cases of bench/compare.py that start from given
// parameters: make_blobs data (seed 0), weights 1/K, the first K rows as
// means, identity precisions and a Tol so small that every iteration runs.
// These are large; run them with -benchtime=3x or so.

func benchmarkGiven(b *testing.B, n, d, centers int, std float64, k int, ct CovarianceType, iters int) {
	X, _, err := datagen.MakeBlobs(datagen.Blobs{NSamples: n, NFeatures: d, Centers: centers,
		ClusterStd: []float64{std}})
	if err != nil {
		b.Fatal(err)
	}
	w := make([]float64, k)
	prec := make([]*mat.SymDense, k)
	for c := range w {
		w[c] = 1 / float64(k)
		prec[c] = mat.NewSymDense(d, nil)
		for j := 0; j < d; j++ {
			prec[c].SetSym(j, j, 1)
		}
	}
	g := GaussianMixture{NComponents: k, CovarianceType: ct, Tol: 1e-300, MaxIter: iters,
		InitParams: InitRandomFromData, WeightsInit: w, MeansInit: X.Slice(0, k, 0, d), PrecisionsInit: prec}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, err := g.Fit(X)
		if err != nil {
			b.Fatal(err)
		}
		if m.NIter() != iters {
			b.Fatalf("ran %d iterations, want %d", m.NIter(), iters)
		}
	}
}

// BenchmarkGivenP2: make_blobs(1e6×2, 5 centers), 5 full, 20 iterations.
func BenchmarkGivenP2(b *testing.B) { benchmarkGiven(b, 1_000_000, 2, 5, 1, 5, Full, 20) }

// BenchmarkGivenP3: make_blobs(1e5×16, 8 centers, std 4), 8 full, 20 iterations.
func BenchmarkGivenP3(b *testing.B) { benchmarkGiven(b, 100_000, 16, 8, 4, 8, Full, 20) }

// BenchmarkGivenP4: make_blobs(2e5×50, 10 centers), 10 full, 10 iterations.
func BenchmarkGivenP4(b *testing.B) { benchmarkGiven(b, 200_000, 50, 10, 1, 10, Full, 10) }

// BenchmarkGivenP5: as P2 with 5 diag components.
func BenchmarkGivenP5(b *testing.B) { benchmarkGiven(b, 1_000_000, 2, 5, 1, 5, Diag, 20) }
