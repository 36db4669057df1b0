package gmmlab

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The benchmarks of default fits forget the k-means initialisations of
// the previous iteration first: each times fits from scratch, as the
// first run of a learner's cell does.

// BenchmarkFitGuide is the whole default Fit of the guide's data
// (make_blobs(1500, stds 1.0/2.5/0.5, seed 170), 3 full components).
func BenchmarkFitGuide(b *testing.B) {
	X := denseOf(loadReference(b).Fits[0].X)
	b.ReportAllocs()
	for b.Loop() {
		ForgetInits()
		if _, err := (GaussianMixture{NComponents: 3, RandomState: 170}).Fit(X); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModelSelectionGuide is the BIC sweep of the guide: 1..10
// components × 4 covariance types.
func BenchmarkModelSelectionGuide(b *testing.B) {
	X := denseOf(loadReference(b).Fits[0].X)
	for b.Loop() {
		ForgetInits()
		if _, err := (ModelSelection{NComponents: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}).Fit(X); err != nil {
			b.Fatal(err)
		}
	}
}

// sweepBIC is the guide's BIC sweep as a learner writes it: 1..10
// components × the four covariance types, each a separate default Fit with
// RandomState 170, one after the other, each scored by BIC on X. It
// returns the lowest BIC.
func sweepBIC(b *testing.B, X *mat.Dense) float64 {
	best := math.Inf(1)
	for _, ct := range []CovarianceType{Full, Tied, Diag, Spherical} {
		for k := 1; k <= 10; k++ {
			m, err := GaussianMixture{NComponents: k, CovarianceType: ct, RandomState: 170}.Fit(X)
			if err != nil {
				b.Fatal(err)
			}
			best = min(best, m.BIC(X))
		}
	}
	return best
}

// BenchmarkSweepGuide is case P7 of bench/compare.py: the guide's BIC
// sweep as 40 sequential Fit calls (no ModelSelection).
func BenchmarkSweepGuide(b *testing.B) {
	X := denseOf(loadReference(b).Fits[0].X)
	b.ReportAllocs()
	for b.Loop() {
		ForgetInits()
		sinkFloat = sweepBIC(b, X)
	}
}
