package gmmlab

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// What each covariance type contributes to BayesianGaussianMixture: the
// Wishart update of its M-step (scikit-learn's _estimate_wishart_full,
// _tied, _diag and _spherical) and its covariance prior, the default from
// X and a given one checked. The prior is kept in the type's layout for
// one component: D×D for Full and Tied, D for Diag, 1 for Spherical.

// wishartFactor is the factor nk·β₀/β_c of the means' spread about the
// prior mean in the Wishart update of component c, evaluated as numpy
// does: nk[k] * mean_precision_prior_ / mean_precision_[k].
func wishartFactor(pr *priors, nk, meanPrec []float64, c int) float64 {
	return nk[c] * pr.meanPrec / meanPrec[c]
}

// priorDiff sets diff to xk_c - m₀.
func priorDiff(diff, xk, mean []float64, c, d int) {
	for j := range diff {
		diff[j] = xk[c*d+j] - mean[j]
	}
}

func (fullCov) wishart(cov, dof []float64, pr *priors, nk, xk, sk, meanPrec []float64, k, d int) {
	diff := make([]float64, d)
	for c := 0; c < k; c++ {
		dof[c] = pr.dof + nk[c]
		priorDiff(diff, xk, pr.mean, c, d)
		f := wishartFactor(pr, nk, meanPrec, c)
		cc, sc := cov[c*d*d:(c+1)*d*d], sk[c*d*d:(c+1)*d*d]
		for i := 0; i < d; i++ {
			for j := 0; j < d; j++ {
				cc[i*d+j] = (pr.cov[i*d+j] + nk[c]*sc[i*d+j] + f*(diff[i]*diff[j])) / dof[c]
			}
		}
	}
}

func (tiedCov) wishart(cov, dof []float64, pr *priors, nk, xk, sk, meanPrec []float64, k, d int) {
	total := numpy.PairwiseSum(nk)
	kf := float64(k)
	shared := pr.dof + total/kf
	for c := range dof[:k] {
		dof[c] = shared
	}
	// np.dot((nk / mean_precision_) * diff.T, diff)
	diff := make([]float64, k*d)
	for c := 0; c < k; c++ {
		priorDiff(diff[c*d:c*d+d], xk, pr.mean, c, d)
	}
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			spread := 0.0
			for c := 0; c < k; c++ {
				spread += nk[c] / meanPrec[c] * diff[c*d+i] * diff[c*d+j]
			}
			cov[i*d+j] = (pr.cov[i*d+j] + sk[i*d+j]*total/kf + pr.meanPrec/kf*spread) / shared
		}
	}
}

func (diagCov) wishart(cov, dof []float64, pr *priors, nk, xk, sk, meanPrec []float64, k, d int) {
	diff := make([]float64, d)
	for c := 0; c < k; c++ {
		dof[c] = pr.dof + nk[c]
		priorDiff(diff, xk, pr.mean, c, d)
		r := pr.meanPrec / meanPrec[c]
		for j, v := range diff {
			cov[c*d+j] = (pr.cov[j] + nk[c]*(sk[c*d+j]+r*(v*v))) / dof[c]
		}
	}
}

func (sphericalCov) wishart(cov, dof []float64, pr *priors, nk, xk, sk, meanPrec []float64, k, d int) {
	diff, sq := make([]float64, d), make([]float64, d)
	for c := 0; c < k; c++ {
		dof[c] = pr.dof + nk[c]
		priorDiff(diff, xk, pr.mean, c, d)
		for j, v := range diff {
			sq[j] = v * v
		}
		cov[c] = (pr.cov[0] + nk[c]*(sk[c]+pr.meanPrec/meanPrec[c]*numpy.Mean(sq))) / dof[c]
	}
}

// dataCovariance returns np.cov(X.T): the D×D covariance of the n rows of
// x about their mean, with n-1 in the denominator.
func dataCovariance(x, mean []float64, n, d int) []float64 {
	c := make([]float64, d*d)
	diff := make([]float64, d)
	for r := 0; r < n; r++ {
		for j, v := range x[r*d : r*d+d] {
			diff[j] = v - mean[j]
		}
		for i := 0; i < d; i++ {
			row := c[i*d : i*d+i+1]
			for j := range row {
				row[j] += diff[i] * diff[j]
			}
		}
	}
	f := 1 / float64(n-1)
	for i := 0; i < d; i++ {
		for j := 0; j <= i; j++ {
			c[i*d+j] *= f
			c[j*d+i] = c[i*d+j]
		}
	}
	return c
}

// dataVariances returns np.var(X, axis=0, ddof=1): each feature's variance
// about its mean, with n-1 in the denominator.
func dataVariances(x, mean []float64, n, d int) []float64 {
	v := make([]float64, d)
	for r := 0; r < n; r++ {
		for j, e := range x[r*d : r*d+d] {
			e -= mean[j]
			v[j] += e * e
		}
	}
	for j := range v {
		v[j] /= float64(n - 1)
	}
	return v
}

func (fullCov) defaultCovPrior(x, mean []float64, n, d int) []float64 {
	return dataCovariance(x, mean, n, d)
}
func (tiedCov) defaultCovPrior(x, mean []float64, n, d int) []float64 {
	return dataCovariance(x, mean, n, d)
}
func (diagCov) defaultCovPrior(x, mean []float64, n, d int) []float64 {
	return dataVariances(x, mean, n, d)
}
func (sphericalCov) defaultCovPrior(x, mean []float64, n, d int) []float64 {
	return []float64{numpy.Mean(dataVariances(x, mean, n, d))}
}

// symmetricPrior checks a Full or Tied CovariancePrior as scikit-learn
// does (np.allclose(P, P.T) and positive eigenvalues) and returns its
// entries as given, row-major.
func symmetricPrior(m mat.Matrix, d int, ct CovarianceType) []float64 {
	r, c := m.Dims()
	if r != d || c != d {
		panicf(ErrSetting, "gmmlab: CovariancePrior is %d×%d but %q covariance needs a %d×%d matrix, one row and column per feature",
			r, c, string(ct), d, d)
	}
	out := make([]float64, d*d)
	sym := mat.NewSymDense(d, nil)
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			v, t := m.At(i, j), m.At(j, i)
			if math.IsNaN(v) || math.IsInf(v, 0) || !(math.Abs(v-t) <= 1e-8+1e-5*math.Abs(t)) {
				panicf(ErrSetting, "gmmlab: CovariancePrior must be symmetric, positive-definite and finite for %q covariance", string(ct))
			}
			out[i*d+j] = v
		}
		for j := i; j < d; j++ {
			sym.SetSym(i, j, m.At(i, j))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(sym, false) || !(floatsMin(eig.Values(nil)) > 0) {
		panicf(ErrSetting, "gmmlab: CovariancePrior must be symmetric, positive-definite and finite for %q covariance", string(ct))
	}
	return out
}

func floatsMin(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

// diagonalPrior returns the diagonal of a Diag or Spherical
// CovariancePrior given as a vector (want values, D×1 or 1×D, or 1×1 for
// Spherical) or as a D×D diagonal matrix (a multiple of the identity for
// Spherical), and panics unless its values are positive and finite.
func diagonalPrior(m mat.Matrix, d, want int, ct CovarianceType) []float64 {
	r, c := m.Dims()
	var v []float64
	switch {
	case r*c == want && (r == 1 || c == 1):
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				v = append(v, m.At(i, j))
			}
		}
	case r == d && c == d:
		for i := 0; i < d; i++ {
			for j := 0; j < d; j++ {
				if i != j && m.At(i, j) != 0 {
					panicf(ErrSetting, "gmmlab: CovariancePrior has off-diagonal entries; a %q prior is diagonal", string(ct))
				}
			}
			if want == 1 && m.At(i, i) != m.At(0, 0) {
				panicf(ErrSetting, "gmmlab: CovariancePrior must be a multiple of the identity for %q covariance", string(ct))
			}
			v = append(v, m.At(i, i))
		}
		v = v[:want]
	default:
		shape := fmt.Sprintf("%d values (a vector) or a diagonal %d×%d matrix", want, d, d)
		if want == 1 {
			shape = fmt.Sprintf("a 1×1 matrix or a multiple of the %d×%d identity", d, d)
		}
		panicf(ErrSetting, "gmmlab: CovariancePrior is %d×%d but %q covariance needs %s", r, c, string(ct), shape)
	}
	for _, x := range v {
		if !(x > 0) || math.IsInf(x, 0) {
			panicf(ErrSetting, "gmmlab: %q CovariancePrior should be positive and finite, but holds %v", string(ct), x)
		}
	}
	return v
}

func (fullCov) covPriorOf(m mat.Matrix, d int) []float64 { return symmetricPrior(m, d, Full) }
func (tiedCov) covPriorOf(m mat.Matrix, d int) []float64 { return symmetricPrior(m, d, Tied) }
func (diagCov) covPriorOf(m mat.Matrix, d int) []float64 { return diagonalPrior(m, d, d, Diag) }
func (sphericalCov) covPriorOf(m mat.Matrix, d int) []float64 {
	return diagonalPrior(m, d, 1, Spherical)
}
