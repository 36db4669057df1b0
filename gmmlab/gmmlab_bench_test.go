package gmmlab

import "testing"

// BenchmarkFitGuide is the whole default Fit of the guide's data
// (make_blobs(1500, stds 1.0/2.5/0.5, seed 170), 3 full components).
func BenchmarkFitGuide(b *testing.B) {
	X := denseOf(loadReference(b).Fits[0].X)
	b.ReportAllocs()
	for b.Loop() {
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
		if _, err := (ModelSelection{NComponents: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}).Fit(X); err != nil {
			b.Fatal(err)
		}
	}
}
