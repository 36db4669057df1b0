package gmmlab

import (
	"gonum.org/v1/gonum/mat"
)

// BayesianMixture is a fitted Bayesian Gaussian mixture: the posterior of a
// BayesianGaussianMixture fit. It has every method of Mixture, with
// scikit-learn's meaning for BayesianGaussianMixture: Weights, Means,
// Covariances and Precisions are the point estimates weights_, means_,
// covariances_ and precisions_ (the posterior's expected weights, its
// means and its Wishart scales normalised by their degrees of freedom),
// Sample draws from the Gaussian mixture they make, and Predict,
// PredictProba, ScoreSamples and Score use the variational E-step (the
// expected log weights and log densities under the posterior), so
// ScoreSamples is not the log-density of that Gaussian mixture.
// WeightConcentration, MeanPrecision and DegreesOfFreedom give the rest of
// the posterior, and the *Prior methods the priors the fit used.
//
// A BayesianMixture is immutable: every method may be called from many
// goroutines at once. Every method of the zero BayesianMixture, which no
// fit made, panics with ErrNotFitted, except UnmarshalJSON and
// UnmarshalBinary, which fill it, and MarshalJSON and MarshalBinary, which
// return ErrNotFitted.
type BayesianMixture struct {
	m *Mixture     // the point estimates, with v as the E-step; nil in the zero value
	v *variational // the posterior; nil in the zero value
}

// newBayesianMixture returns the model of the posterior v, with the fit
// information of m: m gets the point estimates (weights_ from the weight
// concentration, the Gaussian constants refreshed) and v as the E-step its
// predictions evaluate.
func newBayesianMixture(v *variational, m *Mixture) *BayesianMixture {
	v.xk, v.sk = nil, nil
	g := v.model.clone().(*model)
	g.weights = v.pointWeights()
	copy(v.weights, g.weights)
	g.refresh()
	m.p, m.e = g, v
	return &BayesianMixture{m: m, v: v}
}

// fitted returns the posterior and panics with ErrNotFitted for a zero (or
// nil) BayesianMixture.
func (b *BayesianMixture) fitted() *variational {
	if b == nil || b.v == nil {
		notFitted("BayesianMixture")
	}
	return b.v
}

// mixture returns the point-estimate Mixture, panicking like fitted.
func (b *BayesianMixture) mixture() *Mixture {
	b.fitted()
	return b.m
}

// NComponents returns the number of components K, used or not.
func (b *BayesianMixture) NComponents() int { return b.fitted().k }

// NFeatures returns the number of features D the model was fit on.
func (b *BayesianMixture) NFeatures() int { return b.fitted().d }

// CovarianceType returns the covariance parameterisation of the model.
func (b *BayesianMixture) CovarianceType() CovarianceType { return b.fitted().ct }

// WeightConcentrationPriorType returns the prior on the weights the model
// was fit with.
func (b *BayesianMixture) WeightConcentrationPriorType() WeightConcentrationPriorType {
	return b.fitted().pr.priorType()
}

// Converged reports whether the lower bound reached Tol, as scikit-learn
// 1.2.1's converged_ (with NInit > 1: whether any initialisation did; see
// Mixture.Converged).
func (b *BayesianMixture) Converged() bool { return b.mixture().Converged() }

// Warning returns scikit-learn's ConvergenceWarning as an error wrapping
// ErrNotConverged when no initialisation converged within MaxIter, and nil
// otherwise (see Mixture.Warning).
func (b *BayesianMixture) Warning() error { return b.mixture().Warning() }

// NIter returns the number of iterations of the initialisation kept, as
// scikit-learn's n_iter_ (0 for MaxIter: Zero).
func (b *BayesianMixture) NIter() int { return b.mixture().NIter() }

// LowerBound returns the lower bound on the evidence (the ELBO, up to
// constants) of the training data at the last iteration of the
// initialisation kept, as scikit-learn's lower_bound_: a total over the
// samples, not a mean as GaussianMixture's (-Inf when no iteration ran).
func (b *BayesianMixture) LowerBound() float64 { return b.mixture().LowerBound() }

// RandomState returns the seed that Sample draws with.
func (b *BayesianMixture) RandomState() int64 { return b.mixture().RandomState() }

// Weights returns a copy of weights_, the K weights the posterior expects.
// Components the data do not need have weights near zero.
func (b *BayesianMixture) Weights() []float64 { return b.mixture().Weights() }

// Means returns a copy of means_, the posterior means of the component
// means, K×D.
func (b *BayesianMixture) Means() *mat.Dense { return b.mixture().Means() }

// Covariances returns covariances_, each component's Wishart scale
// divided by its degrees of freedom, as K full D×D matrices whatever the
// covariance type (see Mixture.Covariances).
func (b *BayesianMixture) Covariances() []*mat.SymDense { return b.mixture().Covariances() }

// Precisions returns precisions_, the inverses of Covariances, as K full
// D×D matrices.
func (b *BayesianMixture) Precisions() []*mat.SymDense { return b.mixture().Precisions() }

// Predict returns the most probable component of each row of X under the
// variational posterior, as scikit-learn's predict. It panics if X has the
// wrong number of columns (ErrShape) or holds NaN or Inf (ErrNonFinite).
func (b *BayesianMixture) Predict(X mat.Matrix) []int { return b.mixture().Predict(X) }

// PredictProba returns the responsibilities of the components for each row
// of X, N×K, as scikit-learn's predict_proba. It panics like Predict.
func (b *BayesianMixture) PredictProba(X mat.Matrix) *mat.Dense { return b.mixture().PredictProba(X) }

// ScoreSamples returns scikit-learn's score_samples for each row of X:
// log Σ_c exp(E[log π_c] + E[log p(x | c)]) under the posterior. It
// panics like Predict; so do Score, BIC and AIC.
func (b *BayesianMixture) ScoreSamples(X mat.Matrix) []float64 { return b.mixture().ScoreSamples(X) }

// Score returns the mean of ScoreSamples over the rows of X, as
// scikit-learn's score. It panics with ErrShape if X has no rows.
func (b *BayesianMixture) Score(X mat.Matrix) float64 { return b.mixture().Score(X) }

// NParameters returns the number of free parameters of a GaussianMixture
// of the same shape (Mixture.NParameters).
func (b *BayesianMixture) NParameters() int { return b.mixture().NParameters() }

// BIC returns -2·N·Score(X) + NParameters·ln N, Mixture.BIC's formula with
// the variational Score. scikit-learn's BayesianGaussianMixture has no
// bic: there the number of components is the posterior's business (see
// Weights), and this number is no reference for choosing it.
func (b *BayesianMixture) BIC(X mat.Matrix) float64 { return b.mixture().BIC(X) }

// AIC returns -2·N·Score(X) + 2·NParameters, Mixture.AIC's formula with the
// variational Score; as BIC, scikit-learn has no such method for this
// estimator.
func (b *BayesianMixture) AIC(X mat.Matrix) float64 { return b.mixture().AIC(X) }

// Sample draws n samples from the Gaussian mixture of the point estimates
// (Weights, Means, Covariances) and returns them with the component each
// came from, grouped by component, as scikit-learn's sample. The draws
// come from the config's RandomState, so repeated calls return the same
// samples. It panics with ErrSetting if n < 1.
func (b *BayesianMixture) Sample(n int) (*mat.Dense, []int) { return b.mixture().Sample(n) }

// WeightConcentration returns weight_concentration_, the posterior of the
// weights: for DirichletProcess the parameters (α_k, β_k) of each stick's
// Beta distribution, α_k = 1 + N_k and β_k = γ₀ + Σ_{j>k} N_j; for
// DirichletDistribution the Dirichlet parameters α_k = γ₀ + N_k and a nil
// beta. N_k is the expected number of samples of component k.
func (b *BayesianMixture) WeightConcentration() (alpha, beta []float64) {
	v := b.fitted()
	return append([]float64(nil), v.alpha...), append([]float64(nil), v.beta...)
}

// MeanPrecision returns mean_precision_, the precisions β_k = β₀ + N_k of
// the posteriors of the component means, relative to the components' own
// precisions.
func (b *BayesianMixture) MeanPrecision() []float64 {
	return append([]float64(nil), b.fitted().meanPrec...)
}

// DegreesOfFreedom returns degrees_of_freedom_, the degrees of freedom ν_k
// = ν₀ + N_k of the components' Wishart posteriors. For Tied, whose
// components share one Wishart, it repeats scikit-learn's single value ν₀
// + ΣN_k/K for every component.
func (b *BayesianMixture) DegreesOfFreedom() []float64 {
	return append([]float64(nil), b.fitted().dof...)
}

// WeightConcentrationPrior returns weight_concentration_prior_, the γ₀ the
// fit used.
func (b *BayesianMixture) WeightConcentrationPrior() float64 { return b.fitted().pr.weight }

// MeanPrecisionPrior returns mean_precision_prior_, the β₀ the fit used.
func (b *BayesianMixture) MeanPrecisionPrior() float64 { return b.fitted().pr.meanPrec }

// MeanPrior returns a copy of mean_prior_, the prior mean m₀ the fit used
// (the mean of X unless given).
func (b *BayesianMixture) MeanPrior() []float64 { return append([]float64(nil), b.fitted().pr.mean...) }

// DegreesOfFreedomPrior returns degrees_of_freedom_prior_, the ν₀ the fit
// used.
func (b *BayesianMixture) DegreesOfFreedomPrior() float64 { return b.fitted().pr.dof }

// CovariancePrior returns covariance_prior_, the scale of the Wishart prior
// the fit used, as a full D×D matrix whatever the covariance type: the
// given or default matrix for Full and Tied, diagonal for Diag, a multiple
// of the identity for Spherical.
func (b *BayesianMixture) CovariancePrior() *mat.SymDense {
	v := b.fitted()
	out := mat.NewSymDense(v.d, nil)
	v.strategy().expand(out, v.pr.cov, 0, v.d, false)
	return out
}
