package gmmlab

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// rowsOf returns the rows of X as one row-major slice. A *mat.Dense whose
// rows are contiguous is read in place, never written; any other matrix is
// copied.
func rowsOf(X mat.Matrix) (x []float64, n, d int) {
	if X == nil {
		panic("gmmlab: X is nil; pass a matrix with one sample per row")
	}
	n, d = X.Dims()
	if rm, ok := X.(mat.RawMatrixer); ok {
		raw := rm.RawMatrix()
		if raw.Stride == d || n <= 1 {
			return raw.Data[:n*d], n, d
		}
	}
	x = make([]float64, n*d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			x[i*d+j] = X.At(i, j)
		}
	}
	return x, n, d
}

// checkFinite reports the first NaN or infinite value of x.
func checkFinite(x []float64, d int) error {
	for i, v := range x {
		if math.IsNaN(v) {
			return fmt.Errorf("gmmlab: X contains NaN at row %d, column %d; drop or impute the missing values before fitting", i/d, i%d)
		}
		if math.IsInf(v, 0) {
			return fmt.Errorf("gmmlab: X contains %v at row %d, column %d; drop or clip the infinite values before fitting", v, i/d, i%d)
		}
	}
	return nil
}

// checkFitData validates the data of a fit with k components.
func checkFitData(x []float64, n, d, k int) error {
	if d == 0 {
		return fmt.Errorf("gmmlab: X has %d samples but no features; pass one feature per column", n)
	}
	if n < 2 {
		return fmt.Errorf("gmmlab: Fit needs at least 2 samples, got %d; pass one sample per row", n)
	}
	if n < k {
		return fmt.Errorf("gmmlab: expected at least as many samples as components but got NComponents = %d, samples = %d; use fewer components or more data", k, n)
	}
	return checkFinite(x, d)
}

// checkFeatures panics unless X has the d columns the model was fit on.
func checkFeatures(got, want int) {
	if got != want {
		panic(fmt.Sprintf("gmmlab: X has %d features but the model was fit on %d", got, want))
	}
}
