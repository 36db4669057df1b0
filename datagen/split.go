package datagen

import (
	"fmt"
	"math"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
	"gonum.org/v1/gonum/mat"
)

// TrainTestSplit splits the rows of X (and y with them) into a random train
// and test part exactly as scikit-learn 1.2.1's
//
//	X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=testSize, random_state=randomState)
//
// does, through ShuffleSplit: n_test = ceil(testSize·n), n_train = n -
// n_test, perm = RandomState(randomState).permutation(n), the test rows are
// perm[:n_test] and the train rows perm[n_test:], each in that order.
//
// testSize in (0, 1) is the fraction of rows to test on; 0 means
// scikit-learn's default 0.25. A whole number testSize >= 1 is a count of
// test rows, as an int test_size is in scikit-learn. y may be nil; then
// ytrain and ytest are nil. X and y are not modified.
//
// TrainTestSplit panics if y is not nil and its length differs from X's
// number of rows, if testSize is negative, NaN, not whole when >= 1, or
// leaves no row for training or testing, or if randomState is outside
// numpy's seed range 0..2**32-1.
func TrainTestSplit(X mat.Matrix, y []int, testSize float64, randomState int64) (Xtrain, Xtest *mat.Dense, ytrain, ytest []int) {
	n, _ := X.Dims()
	if y != nil && len(y) != n {
		panic(fmt.Sprintf("datagen: TrainTestSplit: X has %d rows but y has %d labels; give one label per row, or nil", n, len(y)))
	}
	numpy.CheckSeed("datagen: TrainTestSplit's randomState", randomState)
	if testSize == 0 {
		testSize = 0.25
	}
	var nTest int
	switch {
	case testSize > 0 && testSize < 1:
		nTest = int(math.Ceil(testSize * float64(n)))
	case testSize >= 1 && testSize == math.Trunc(testSize) && testSize < float64(n):
		nTest = int(testSize)
	default:
		panic(fmt.Sprintf("datagen: TrainTestSplit: testSize is %v; give a fraction in (0, 1) or a whole number of rows in [1, %d)", testSize, n))
	}
	nTrain := n - nTest
	if nTrain <= 0 {
		panic(fmt.Sprintf("datagen: TrainTestSplit: with %d rows and testSize %v no row is left for training; lower testSize", n, testSize))
	}
	perm := nprand.NewInt64(randomState).Permutation(n)
	test, train := perm[:nTest], perm[nTest:]
	return takeRows(X, train), takeRows(X, test), takeInts(y, train), takeInts(y, test)
}
