package datagen

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// MultivariateNormal returns multivariate_normal(mean, cov, size=n): n rows
// drawn from the Gaussian with that mean and covariance, as numpy's legacy
// RandomState draws them (n·d standard normals, then the SVD of cov), so
// that a cell ports scikit-learn's plot_concentration_prior data
//
//	rng = np.random.RandomState(2)
//	X = rng.multivariate_normal([0.0, -0.7], [[0.7, 0.0], [0.0, 0.1]], 200)
//
// with the same numbers:
//
//	rng := datagen.NewRandomState(2)
//	X := rng.MultivariateNormal([]float64{0, -0.7}, mat.NewSymDense(2, []float64{0.7, 0, 0, 0.1}), 200)
//
// cov must be symmetric positive semi-definite (numpy only warns
// otherwise; the draws then mean nothing). It panics if mean and cov
// differ in size, n is not positive, or the SVD of cov does not converge.
func (rs *RandomState) MultivariateNormal(mean []float64, cov mat.Symmetric, n int) *mat.Dense {
	d := len(mean)
	if cov == nil || cov.SymmetricDim() != d {
		panic(fmt.Sprintf("datagen: RandomState.MultivariateNormal: mean has %d values but cov is not %d×%d", d, d, d))
	}
	checkSize("MultivariateNormal", n, d)
	out, ok := numpy.MultivariateNormal(make([]float64, 0, n*d), rs.rng.StandardNormalN(n*d), mean, cov, n)
	if !ok {
		panic("datagen: RandomState.MultivariateNormal: the SVD of cov did not converge")
	}
	return mat.NewDense(n, d, out)
}
