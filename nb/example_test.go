package nb_test

import (
	"fmt"
	"strconv"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/gmmlab"
	"github.com/gmmlab/gmmlab/nb"
)

// A cell keeps the value and goes on when there is no error.
func ExampleMust() {
	n := nb.Must(strconv.Atoi("3"))
	fmt.Println(n + 1)
	// Output: 4
}

// A fit declared through Cache is computed by the first cell that declares
// it and read back, the same model, by every later cell of the notebook
// session. (Outside GoNB, as here, Cache simply fits.)
func ExampleCache() {
	X := mat.NewDense(6, 1, []float64{0.9, 1.0, 1.1, 4.9, 5.0, 5.1})

	// In a notebook: var gm = nb.Cache(func() (*gmmlab.Mixture, error) { ... }, X)
	gm := nb.Cache(func() (*gmmlab.Mixture, error) {
		return gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}.Fit(X)
	}, X)
	fmt.Println(gm.Predict(X))
	// Output: [1 1 1 0 0 0]
}
