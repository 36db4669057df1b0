package gmmlab

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
)

// Mixture is a fitted Gaussian mixture model. It is immutable: every method
// may be called from many goroutines at once.
type Mixture struct {
	model
	converged  bool
	nIter      int
	lowerBound float64
	seed       int64
}

// NComponents returns the number of components K.
func (m *Mixture) NComponents() int { return m.k }

// NFeatures returns the number of features D the model was fit on.
func (m *Mixture) NFeatures() int { return m.d }

// CovarianceType returns the covariance parameterisation of the model.
func (m *Mixture) CovarianceType() CovarianceType { return m.ct }

// Converged reports whether EM reached Tol in some initialisation, as
// scikit-learn's converged_.
func (m *Mixture) Converged() bool { return m.converged }

// NIter returns the number of EM iterations of the best initialisation,
// counted from 1, as scikit-learn's n_iter_.
func (m *Mixture) NIter() int { return m.nIter }

// LowerBound returns the mean log-likelihood of the training data at the
// last iteration of the best initialisation, as scikit-learn's lower_bound_.
func (m *Mixture) LowerBound() float64 { return m.lowerBound }

// RandomState returns the seed that Sample draws with.
func (m *Mixture) RandomState() int64 { return m.seed }

// Weights returns a copy of the K mixing weights.
func (m *Mixture) Weights() []float64 { return append([]float64(nil), m.weights...) }

// Means returns a copy of the component means, K×D.
func (m *Mixture) Means() *mat.Dense {
	return mat.NewDense(m.k, m.d, append([]float64(nil), m.means...))
}

// Covariances returns the K covariance matrices as full D×D matrices,
// whatever the covariance type: Tied repeats its one matrix, Diag and
// Spherical fill the diagonal.
func (m *Mixture) Covariances() []*mat.SymDense {
	cov := m.covariances()
	return m.expandAll(cov, false)
}

// Precisions returns the K precision (inverse covariance) matrices as full
// D×D matrices, like Covariances.
func (m *Mixture) Precisions() []*mat.SymDense { return m.expandAll(m.pc, true) }

func (m *Mixture) expandAll(p []float64, precision bool) []*mat.SymDense {
	out := make([]*mat.SymDense, m.k)
	for c := range out {
		out[c] = mat.NewSymDense(m.d, nil)
		m.strategy().expand(out[c], p, c, m.d, precision)
	}
	return out
}

// covariances returns the covariances in the type's layout: the estimated
// ones, or the inverted precisions of a model that has none (one made by
// Initialize from PrecisionsInit).
func (m *Mixture) covariances() []float64 {
	if m.cov != nil {
		return m.cov
	}
	st := m.strategy()
	cov := make([]float64, st.paramLen(m.k, m.d))
	switch m.ct {
	case Full, Tied:
		for c := 0; c < len(cov)/(m.d*m.d); c++ {
			p := mat.NewSymDense(m.d, nil)
			st.expand(p, m.pc, c, m.d, true)
			var inv mat.Dense
			_ = inv.Inverse(p)
			for i := 0; i < m.d; i++ {
				for j := 0; j < m.d; j++ {
					cov[c*m.d*m.d+i*m.d+j] = inv.At(i, j)
				}
			}
		}
	default:
		for i, v := range m.pc {
			cov[i] = 1 / (v * v)
		}
	}
	return cov
}

// eval calls fn(i, wlp) for every row i of the n rows x (from
// predictRows) with the K weighted log probabilities log w_c + log N(x_i |
// μ_c, Σ_c), rows spread over all cores. fn must only write state that
// belongs to row i.
func (m *Mixture) eval(x []float64, n int, fn func(i int, wlp []float64)) {
	d := m.d
	work := make([]*scratch, numWorkers(n))
	forBlocks(n, func(w, _, lo, hi int) {
		if work[w] == nil {
			work[w] = newScratch(m.k, m.d)
		}
		s := work[w]
		for c0 := lo; c0 < hi; c0 += chunkRows {
			c1 := min(c0+chunkRows, hi)
			m.weightedLogProb(s, x[c0*d:c1*d], c1-c0)
			for i := c0; i < c1; i++ {
				fn(i, s.wlpRow(i-c0, m.k))
			}
		}
	})
}

// Predict returns the most probable component of each row of X, as
// scikit-learn's predict. It panics if X has the wrong number of columns
// or holds NaN or Inf.
func (m *Mixture) Predict(X mat.Matrix) []int {
	x, n := predictRows(X, m.d)
	labels := make([]int, n)
	m.eval(x, n, func(i int, wlp []float64) {
		best := 0
		for c, v := range wlp {
			if v > wlp[best] {
				best = c
			}
		}
		labels[i] = best
	})
	return labels
}

// PredictProba returns the posterior probability of each component for each
// row of X (the responsibilities), N×K, as scikit-learn's predict_proba.
// It panics like Predict.
func (m *Mixture) PredictProba(X mat.Matrix) *mat.Dense {
	x, n := predictRows(X, m.d)
	out := make([]float64, n*m.k)
	m.eval(x, n, func(i int, wlp []float64) {
		lse := numpy.LogSumExp(wlp)
		for c, v := range wlp {
			out[i*m.k+c] = math.Exp(v - lse)
		}
	})
	if n == 0 {
		return &mat.Dense{}
	}
	return mat.NewDense(n, m.k, out)
}

// ScoreSamples returns the log-likelihood of each row of X under the model,
// as scikit-learn's score_samples. It panics like Predict; so do Score, BIC
// and AIC, which call it.
func (m *Mixture) ScoreSamples(X mat.Matrix) []float64 {
	x, n := predictRows(X, m.d)
	out := make([]float64, n)
	m.eval(x, n, func(i int, wlp []float64) { out[i] = numpy.LogSumExp(wlp) })
	return out
}

// Score returns the mean log-likelihood of the rows of X.
func (m *Mixture) Score(X mat.Matrix) float64 {
	s := m.ScoreSamples(X)
	if len(s) == 0 {
		panic("gmmlab: Score needs at least one sample")
	}
	return numpy.Mean(s)
}

// NParameters returns the number of free parameters of the model, as
// scikit-learn's _n_parameters: covariance, mean and K-1 weight parameters.
func (m *Mixture) NParameters() int {
	return m.strategy().nCovParams(m.k, m.d) + m.k*m.d + m.k - 1
}

// BIC returns the Bayesian information criterion of the model on X, lower is
// better: -2·log L + p·ln N.
func (m *Mixture) BIC(X mat.Matrix) float64 {
	n, _ := X.Dims()
	return -2*m.Score(X)*float64(n) + float64(m.NParameters())*math.Log(float64(n))
}

// AIC returns the Akaike information criterion of the model on X, lower is
// better: -2·log L + 2p.
func (m *Mixture) AIC(X mat.Matrix) float64 {
	n, _ := X.Dims()
	return -2*m.Score(X)*float64(n) + 2*float64(m.NParameters())
}

// Sample draws n samples from the model and returns them with the component
// each came from, grouped by component as scikit-learn's sample does. The
// draws come from the config's RandomState, so repeated calls return the
// same samples, as with an integer random_state in scikit-learn. Sample
// panics if n < 1.
func (m *Mixture) Sample(n int) (*mat.Dense, []int) {
	if n < 1 {
		panic(fmt.Sprintf("gmmlab: Sample needs n >= 1, got %d", n))
	}
	rs := nprand.NewInt64(m.seed)
	counts := rs.Multinomial(n, m.weights)
	d := m.d
	out := make([]float64, 0, n*d)
	labels := make([]int, 0, n)
	covs := m.Covariances()
	for c, nc := range counts {
		mu := m.means[c*d : c*d+d]
		z := rs.StandardNormalN(nc * d)
		switch m.ct {
		case Full, Tied:
			// numpy's multivariate_normal: z · (√s · Vᵀ) + μ.
			a := normalFactor(covs[c])
			for i := 0; i < nc; i++ {
				zi := z[i*d : i*d+d]
				for j := 0; j < d; j++ {
					acc := 0.0
					for t, v := range zi {
						acc += v * a[t*d+j]
					}
					out = append(out, acc+mu[j])
				}
			}
		default:
			// mean + standard_normal(size=(n, d)) * sqrt(covariance).
			sd := make([]float64, d)
			for j := range sd {
				sd[j] = math.Sqrt(covs[c].At(j, j))
			}
			for i := 0; i < nc; i++ {
				for j := 0; j < d; j++ {
					out = append(out, mu[j]+z[i*d+j]*sd[j])
				}
			}
		}
		for i := 0; i < nc; i++ {
			labels = append(labels, c)
		}
	}
	return mat.NewDense(n, d, out), labels
}

// normalFactor returns the d×d matrix √s·Vᵀ (row-major) that numpy's legacy
// RandomState.multivariate_normal multiplies standard normals by, from the
// SVD of cov. numpy's vh rows are the columns of u for a symmetric positive
// definite matrix, with LAPACK's signs, so u is used.
func normalFactor(cov *mat.SymDense) []float64 {
	d := cov.SymmetricDim()
	var svd mat.SVD
	if !svd.Factorize(cov, mat.SVDFull) {
		panic("gmmlab: the SVD of a covariance did not converge")
	}
	s := svd.Values(nil)
	var u mat.Dense
	svd.UTo(&u)
	a := make([]float64, d*d)
	for t := 0; t < d; t++ {
		r := math.Sqrt(s[t])
		for j := 0; j < d; j++ {
			a[t*d+j] = r * u.At(j, t)
		}
	}
	return a
}
