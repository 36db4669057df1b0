package datagen

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Missing values, numpy's NaN idiom: entries removed at random, the rows
// left complete, the per-column counts and scikit-learn's mean imputation,
// so that a lesson on missing data reads like its Python twin.

// RemoveAtRandom returns a copy of X in which each entry is NaN with
// probability share, independently of the others and of the values: one
// uniform draw from rs per entry, in row-major order, removes the entry
// when it is below share. For the same seed it removes the entries numpy's
//
//	X_miss = X.copy()
//	X_miss[rng.rand(*X.shape) < share] = np.nan
//
// removes. X is not modified. It panics if share is outside [0, 1] or X is
// empty.
func RemoveAtRandom(X mat.Matrix, share float64, rs *RandomState) *mat.Dense {
	if !(share >= 0 && share <= 1) {
		panic(fmt.Sprintf("datagen: RemoveAtRandom: share %v must lie in [0, 1]", share))
	}
	r, c := X.Dims()
	u := rs.RandomSample(r, c)
	out := mat.DenseCopyOf(X)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if u.At(i, j) < share {
				out.Set(i, j, math.NaN())
			}
		}
	}
	return out
}

// CompleteRows reports which rows of X hold no NaN, numpy's
// ~np.isnan(X).any(axis=1): SelectRows(X, CompleteRows(X)) drops the
// incomplete rows.
func CompleteRows(X mat.Matrix) []bool {
	r, c := X.Dims()
	mask := make([]bool, r)
	for i := range mask {
		mask[i] = true
		for j := 0; j < c; j++ {
			if math.IsNaN(X.At(i, j)) {
				mask[i] = false
				break
			}
		}
	}
	return mask
}

// CountNaN returns the number of NaN entries in each column of X, numpy's
// np.isnan(X).sum(axis=0).
func CountNaN(X mat.Matrix) []int {
	r, c := X.Dims()
	counts := make([]int, c)
	for i := 0; i < r; i++ {
		for j := range counts {
			if math.IsNaN(X.At(i, j)) {
				counts[j]++
			}
		}
	}
	return counts
}

// ImputeMean returns X with each NaN replaced by the mean of the observed
// values of its column, scikit-learn's
// SimpleImputer(strategy="mean").fit_transform(X): the observed values are
// added in row order and divided by their number, as numpy's masked mean
// does. X is not modified. It panics if a column has no observed value
// (scikit-learn drops such a column with a warning).
func ImputeMean(X mat.Matrix) *mat.Dense {
	r, c := X.Dims()
	sum, cnt := make([]float64, c), make([]int, c)
	for i := 0; i < r; i++ {
		for j := range sum {
			if v := X.At(i, j); !math.IsNaN(v) {
				sum[j] += v
				cnt[j]++
			}
		}
	}
	for j := range sum {
		if cnt[j] == 0 {
			panic(fmt.Sprintf("datagen: ImputeMean: column %d has no observed value; drop it first", j))
		}
		sum[j] /= float64(cnt[j])
	}
	out := mat.DenseCopyOf(X)
	for i := 0; i < r; i++ {
		for j, m := range sum {
			if math.IsNaN(out.At(i, j)) {
				out.Set(i, j, m)
			}
		}
	}
	return out
}
