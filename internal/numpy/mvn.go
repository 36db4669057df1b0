package numpy

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// MultivariateNormal appends to out the n draws of numpy's legacy
// RandomState.multivariate_normal(mean, cov, n), made from the n×d
// standard normals z (row-major) that numpy draws first: z·(√s·Vᵀ) +
// mean, with (U, s, Vᵀ) the SVD of cov. For a symmetric positive
// (semi-)definite cov the rows of numpy's Vᵀ are the columns of U, with
// LAPACK's signs, so U is used. It reports false if the SVD does not
// converge. Package datagen draws with it; gmmlab samples a fitted
// mixture's full and tied components with it.
func MultivariateNormal(out, z, mean []float64, cov mat.Symmetric, n int) ([]float64, bool) {
	d := cov.SymmetricDim()
	var svd mat.SVD
	if !svd.Factorize(cov, mat.SVDFull) {
		return out, false
	}
	s := svd.Values(nil)
	var u mat.Dense
	svd.UTo(&u)
	a := make([]float64, d*d) // √s·Vᵀ, row-major
	for t := 0; t < d; t++ {
		r := math.Sqrt(s[t])
		for j := 0; j < d; j++ {
			a[t*d+j] = r * u.At(j, t)
		}
	}
	for i := 0; i < n; i++ {
		zi := z[i*d : i*d+d]
		for j := 0; j < d; j++ {
			acc := 0.0
			for t, v := range zi {
				acc += v * a[t*d+j]
			}
			out = append(out, acc+mean[j])
		}
	}
	return out, true
}
