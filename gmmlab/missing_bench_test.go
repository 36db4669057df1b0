package gmmlab

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// missingBenchData is 20,000 rows of four 6-feature groups (numpy's seed
// 11), and the same rows with 20 % of the entries removed at random (up
// to 32 missingness patterns: column 0 is always observed).
func missingBenchData() (full, holes *mat.Dense) {
	const n, d = 20000, 6
	rs := nprand.New(11)
	x := rs.NormalN(0, 1, n*d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			x[i*d+j] += float64((i%4)*(j%3)) * 2
		}
	}
	full = mat.NewDense(n, d, x)
	u := rs.UniformN(0, 1, n*d)
	h := append([]float64(nil), x...)
	for i := 0; i < n; i++ {
		for j := 1; j < d; j++ { // column 0 always observed: no empty row
			if u[i*d+j] < 0.2 {
				h[i*d+j] = math.NaN()
			}
		}
	}
	return full, mat.NewDense(n, d, h)
}

// BenchmarkFitMissing is 10 EM iterations of 4 full components with
// Missing: Marginalize on the data with holes; BenchmarkFitMissingComplete
// the same fit of the complete rows, for comparison.
func BenchmarkFitMissing(b *testing.B) {
	_, holes := missingBenchData()
	benchFitMissing(b, holes)
}

func BenchmarkFitMissingComplete(b *testing.B) {
	full, _ := missingBenchData()
	benchFitMissing(b, full)
}

func benchFitMissing(b *testing.B, X *mat.Dense) {
	g := GaussianMixture{NComponents: 4, MaxIter: 10, Tol: Zero, RandomState: 0, Missing: Marginalize}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Fit(X); err != nil {
			b.Fatal(err)
		}
	}
}
