package gmmlab

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// rowsOf returns the rows of X as one row-major slice. A *mat.Dense whose
// rows are contiguous is read in place, never written; any other matrix is
// copied.
func rowsOf(X mat.Matrix) (x []float64, n, d int) {
	if X == nil {
		panicf(ErrShape, "gmmlab: X is nil; pass a matrix with one sample per row")
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

// checkFinite reports the first NaN or infinite value of x, or values so
// spread out that the sums of squares EM and k-means accumulate would
// overflow float64.
func checkFinite(x []float64, d int) error {
	if err := firstNonFinite(x, d, "fitting"); err != nil {
		return err
	}
	return checkMagnitude(x, d)
}

// firstNonFinite reports the first NaN or infinite value of x; doing names
// the step that needs finite data.
func firstNonFinite(x []float64, d int, doing string) error {
	for i, v := range x {
		if math.IsNaN(v) {
			return errorf(ErrNonFinite, "gmmlab: X contains NaN at row %d, column %d; drop or impute the missing values before %s", i/d, i%d, doing)
		}
		if math.IsInf(v, 0) {
			return errorf(ErrNonFinite, "gmmlab: X contains %v at row %d, column %d; drop or clip the infinite values before %s", v, i/d, i%d, doing)
		}
	}
	return nil
}

// predictRows returns the rows of X, as rowsOf, for a model fit on want
// features. It panics unless X has want columns (ErrShape) and only finite
// values (ErrNonFinite), as scikit-learn's predict raises.
func predictRows(X mat.Matrix, want int) (x []float64, n int) {
	x, n, d := rowsOf(X)
	checkFeatures(d, want)
	if err := firstNonFinite(x, d, "predicting"); err != nil {
		panic(err)
	}
	return x, n
}

// checkMagnitude reports data whose sums bound the accumulations of a fit
// beyond float64: n·Σ_j range_j² bounds every sum of squared deviations
// and n·max|x| every sum of values. The margin of 64 covers the cross
// terms of k-means distances (-2x·c + ‖c‖² + ‖x‖²). Data scaled near 1e150
// with a few hundred rows still fit; 1e154 does not.
func checkMagnitude(x []float64, d int) error {
	n := len(x) / d
	if n == 0 {
		return nil
	}
	r := newColRange(x[:d])
	r.add(x, d)
	return r.check(n)
}

// colRange is the range of every column and the largest |value| of rows
// seen so far, for checkMagnitude.
type colRange struct {
	lo, hi []float64
	maxAbs float64
}

// newColRange starts a colRange at the row first.
func newColRange(first []float64) *colRange {
	return &colRange{lo: append([]float64(nil), first...), hi: append([]float64(nil), first...)}
}

// add takes the rows of x (d columns) into the range.
func (r *colRange) add(x []float64, d int) {
	for i := 0; i < len(x)/d; i++ {
		for j, v := range x[i*d : i*d+d] {
			r.lo[j], r.hi[j] = min(r.lo[j], v), max(r.hi[j], v)
			r.maxAbs = max(r.maxAbs, math.Abs(v))
		}
	}
}

// check reports a range of n rows too spread for float64 (ErrTooSpread).
func (r *colRange) check(n int) error {
	const limit = math.MaxFloat64 / 64
	ss, worst, span := 0.0, 0, 0.0
	for j := range r.lo {
		w := r.hi[j] - r.lo[j]
		if w > span {
			worst, span = j, w
		}
		ss += w * w
	}
	if !(float64(n)*ss < limit) || !(float64(n)*r.maxAbs < limit) {
		return errorf(ErrTooSpread, "gmmlab: X is too spread out for float64 arithmetic (column %d spans %.3g, the largest |value| is %.3g): "+
			"its sums of squares would overflow; standardise the features (subtract each column's mean, divide by its standard deviation) before fitting",
			worst, span, r.maxAbs)
	}
	return nil
}

// checkFitData validates the data of a fit with k components.
func checkFitData(x []float64, n, d, k int) error {
	if d == 0 {
		return errorf(ErrShape, "gmmlab: X has %d samples but no features; pass one feature per column", n)
	}
	if n < 2 {
		return errorf(ErrTooFewSamples, "gmmlab: Fit needs at least 2 samples, got %d; pass one sample per row", n)
	}
	if n < k {
		return errorf(ErrTooFewSamples, "gmmlab: expected at least as many samples as components but got NComponents = %d, samples = %d; use fewer components or more data", k, n)
	}
	return checkFinite(x, d)
}

// checkFeatures panics unless X has the d columns the model was fit on.
func checkFeatures(got, want int) {
	if got != want {
		panicf(ErrShape, "gmmlab: X has %d features but the model was fit on %d", got, want)
	}
}
