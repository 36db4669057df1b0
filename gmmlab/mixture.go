package gmmlab

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
)

// Mixture is a fitted Gaussian mixture model. It is immutable: every method
// may be called from many goroutines at once.
//
// A Mixture comes from GaussianMixture.Fit (or Initialize, or a saved
// model read back with json.Unmarshal). Every method of the zero Mixture,
// which no fit made, panics with ErrNotFitted, except UnmarshalJSON and
// UnmarshalBinary, which fill it, and MarshalJSON and MarshalBinary, which
// return ErrNotFitted.
type Mixture struct {
	p *model // the Gaussian parameters; nil in the zero Mixture
	// e is the E-step the predictions evaluate, if not p's: the
	// variational one of a BayesianGaussianMixture fit, whose weights,
	// means and covariances p holds.
	e          eStep
	converged  bool
	nIter      int
	lowerBound float64
	seed       int64
	warning    error
	// rowsSeen is the weight of the rows the model learnt from, and
	// regCovar its fit's RegCovar: PartialFit's running count and
	// regularisation (0 and 0 for a model saved before they were kept).
	rowsSeen, regCovar float64
	missing            MissingPolicy // the fit's Missing setting
}

// fitted returns the model's parameters, and panics with ErrNotFitted for
// a zero (or nil) Mixture.
func (m *Mixture) fitted() *model {
	if m == nil || m.p == nil {
		notFitted("Mixture")
	}
	return m.p
}

// eStep is the E-step the predictions evaluate: e, or the Gaussian one of
// the parameters.
func (m *Mixture) eStep() eStep {
	p := m.fitted()
	if m.e != nil {
		return m.e
	}
	return p
}

// NComponents returns the number of components K.
func (m *Mixture) NComponents() int { return m.fitted().k }

// NFeatures returns the number of features D the model was fit on.
func (m *Mixture) NFeatures() int { return m.fitted().d }

// CovarianceType returns the covariance parameterisation of the model.
func (m *Mixture) CovarianceType() CovarianceType { return m.fitted().ct }

// Converged reports whether EM reached Tol, as scikit-learn 1.2.1's
// converged_. With NInit > 1 it is true if any initialisation converged,
// even when the one kept (the best lower bound, whose NIter and LowerBound
// the model reports) ran to MaxIter; scikit-learn 1.4 and later report the
// kept initialisation's flag instead. A model from Initialize or MaxIter:
// Zero has not converged.
func (m *Mixture) Converged() bool {
	m.fitted()
	return m.converged
}

// Warning returns scikit-learn's ConvergenceWarning as an error wrapping
// ErrNotConverged when no initialisation converged within MaxIter (MaxIter
// > 0), and nil otherwise. A fit that did not converge is still a model:
// Fit returns it with a nil error, and Verbose 0 prints nothing, so a
// caller that cares asks here:
//
//	m := nb.Must(gm.Fit(X))
//	if w := m.Warning(); w != nil {
//		fmt.Println(w)
//	}
//
// A model read back from JSON or binary reports the warning again if it
// did not converge.
func (m *Mixture) Warning() error {
	m.fitted()
	return m.warning
}

// NIter returns the number of EM iterations of the best initialisation,
// counted from 1, as scikit-learn's n_iter_ (0 for MaxIter: Zero).
func (m *Mixture) NIter() int {
	m.fitted()
	return m.nIter
}

// LowerBound returns the mean log-likelihood of the training data at the
// last iteration of the best initialisation, as scikit-learn's
// lower_bound_ (-Inf when no iteration ran).
func (m *Mixture) LowerBound() float64 {
	m.fitted()
	return m.lowerBound
}

// RandomState returns the seed that Sample draws with.
func (m *Mixture) RandomState() int64 {
	m.fitted()
	return m.seed
}

// Weights returns a copy of the K mixing weights.
func (m *Mixture) Weights() []float64 { return append([]float64(nil), m.fitted().weights...) }

// Means returns a copy of the component means, K×D.
func (m *Mixture) Means() *mat.Dense {
	p := m.fitted()
	return mat.NewDense(p.k, p.d, append([]float64(nil), p.means...))
}

// Covariances returns the K covariance matrices as full D×D matrices,
// whatever the covariance type: Tied repeats its one matrix, Diag and
// Spherical fill the diagonal.
func (m *Mixture) Covariances() []*mat.SymDense {
	p := m.fitted()
	return p.expandAll(p.covariances(), false)
}

// Precisions returns the K precision (inverse covariance) matrices as full
// D×D matrices, like Covariances.
func (m *Mixture) Precisions() []*mat.SymDense {
	p := m.fitted()
	return p.expandAll(p.pc, true)
}

// Predict returns the most probable component of each row of X, as
// scikit-learn's predict. It panics if X has the wrong number of columns
// (ErrShape) or holds NaN or Inf (ErrNonFinite).
func (m *Mixture) Predict(X mat.Matrix) []int {
	e := m.eStep()
	k, d := e.shape()
	x, n := m.predictRows(X, d)
	labels := make([]int, n)
	m.evalRows(e, x, n, func(i int, wlp []float64) {
		best := 0
		for c, v := range wlp[:k] {
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
	e := m.eStep()
	k, d := e.shape()
	x, n := m.predictRows(X, d)
	out := make([]float64, n*k)
	m.evalRows(e, x, n, func(i int, wlp []float64) {
		lse := numpy.LogSumExp(wlp)
		for c, v := range wlp {
			out[i*k+c] = math.Exp(v - lse)
		}
	})
	if n == 0 {
		return &mat.Dense{}
	}
	return mat.NewDense(n, k, out)
}

// ScoreSamples returns the log-likelihood of each row of X under the model,
// as scikit-learn's score_samples. It panics like Predict; so do Score, BIC
// and AIC, which call it.
func (m *Mixture) ScoreSamples(X mat.Matrix) []float64 {
	e := m.eStep()
	_, d := e.shape()
	x, n := m.predictRows(X, d)
	k, _ := e.shape()
	out := make([]float64, n)
	if m.marginalizes(x) {
		m.evalRows(e, x, n, func(i int, wlp []float64) { out[i] = numpy.LogSumExp(wlp) })
		return out
	}
	forChunks(e, x, n, 0, func(s *scratch, lo, hi int) { s.logSumExps(hi-lo, k, out[lo:hi]) })
	return out
}

// Score returns the mean log-likelihood of the rows of X. It panics with
// ErrShape if X has no rows.
func (m *Mixture) Score(X mat.Matrix) float64 {
	s := m.ScoreSamples(X)
	if len(s) == 0 {
		panicf(ErrShape, "gmmlab: Score needs at least one sample")
	}
	return numpy.Mean(s)
}

// NParameters returns the number of free parameters of the model, as
// scikit-learn's _n_parameters: covariance, mean and K-1 weight parameters.
func (m *Mixture) NParameters() int { return m.fitted().nParameters() }

// BIC returns the Bayesian information criterion of the model on X, lower is
// better: -2·log L + p·ln N. Each row counts once; for rows with sample
// weights, use BICWeighted.
func (m *Mixture) BIC(X mat.Matrix) float64 {
	n, _ := X.Dims()
	return -2*m.Score(X)*float64(n) + float64(m.NParameters())*math.Log(float64(n))
}

// AIC returns the Akaike information criterion of the model on X, lower is
// better: -2·log L + 2p. Each row counts once; for rows with sample
// weights, use AICWeighted.
func (m *Mixture) AIC(X mat.Matrix) float64 {
	n, _ := X.Dims()
	return -2*m.Score(X)*float64(n) + 2*float64(m.NParameters())
}

// Sample draws n samples from the model and returns them with the component
// each came from, grouped by component as scikit-learn's sample does. The
// draws come from the config's RandomState, so repeated calls return the
// same samples, as with an integer random_state in scikit-learn. Sample
// panics with ErrSetting if n < 1.
func (m *Mixture) Sample(n int) (*mat.Dense, []int) {
	p := m.fitted()
	if n < 1 {
		panicf(ErrSetting, "gmmlab: Sample needs n >= 1, got %d", n)
	}
	return p.sample(n, nprand.NewInt64(m.seed))
}
