package nbcache_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/gmmlab"
	"github.com/gmmlab/gmmlab/nbcache"
)

// A fit declared through Value is computed by the first cell that declares
// it and read back, the same model, by every later cell of the notebook
// session. (Outside GoNB, as here, Value simply fits.)
func ExampleValue() {
	X := mat.NewDense(6, 1, []float64{0.9, 1.0, 1.1, 4.9, 5.0, 5.1})

	// In a notebook: var gm = nbcache.Value(func() (*gmmlab.Mixture, error) { ... }, X)
	gm := nbcache.Value(func() (*gmmlab.Mixture, error) {
		return gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}.Fit(X)
	}, X)
	fmt.Println(gm.Predict(X))
	// Output: [1 1 1 0 0 0]
}
