package datagen_test

import (
	"fmt"

	"github.com/gmmlab/gmmlab/datagen"
)

// The first of four stratified folds of the iris data, as scikit-learn's
// plot_gmm_covariances example takes it with
// next(iter(StratifiedKFold(n_splits=4).split(iris.data, iris.target))).
func ExampleStratifiedKFold() {
	iris := datagen.Iris()
	fold := datagen.StratifiedKFold(iris.Y, 4)[0]
	Xtrain, Xtest, _, ytest := fold.Split(iris.X, iris.Y)
	fmt.Println(Xtrain.Dims())
	fmt.Println(Xtest.Dims())
	fmt.Println(fold.Test[:5], ytest[:5])
	// Output:
	// 112 4
	// 38 4
	// [0 1 2 3 4] [0 0 0 0 0]
}
