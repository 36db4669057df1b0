package datagen

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// FirstPerLabel keeps, for each label l = 0, 1, ..., len(counts)-1, the
// first counts[l] rows of X whose label y is l, grouped by label in label
// order: the unevenly sized blobs of scikit-learn's k-means assumptions
// example,
//
//	X_filtered = np.vstack((X[y == 0][:500], X[y == 1][:100], X[y == 2][:10]))
//	y_filtered = [0] * 500 + [1] * 100 + [2] * 10
//
// are
//
//	Xf, yf := datagen.FirstPerLabel(X, y, []int{500, 100, 10})
//
// As numpy's slice [:n] does, a label with fewer than counts[l] rows gives
// all the rows it has; labels not below len(counts) are left out. yf holds
// the label of each kept row. X and y are not modified.
//
// FirstPerLabel panics if y and X differ in length, a count is negative or
// no row is kept (gonum has no empty matrix).
func FirstPerLabel(X mat.Matrix, y []int, counts []int) (*mat.Dense, []int) {
	r, _ := X.Dims()
	if len(y) != r {
		panic(fmt.Sprintf("datagen: FirstPerLabel: %d labels for %d rows of X; pass one label per row", len(y), r))
	}
	for l, n := range counts {
		if n < 0 {
			panic(fmt.Sprintf("datagen: FirstPerLabel: counts[%d] is %d; counts must not be negative", l, n))
		}
	}
	var idx []int
	for l, n := range counts {
		for i := 0; i < r && n > 0; i++ {
			if y[i] == l {
				idx = append(idx, i)
				n--
			}
		}
	}
	if len(idx) == 0 {
		panic(fmt.Sprintf("datagen: FirstPerLabel: counts %v keep no row of X; ask for at least one row of a label that occurs", counts))
	}
	return takeRows(X, idx), takeInts(y, idx)
}
