// Package gmmlab fits Gaussian mixture models and k-means clusterings that
// give scikit-learn's numbers for the same seed.
//
// A learner porting a scikit-learn lab writes RandomState: 170 where Python
// says random_state=170 and sees the same fitted weights, means,
// covariances, labels and BIC:
//
//	gm := gmmlab.GaussianMixture{NComponents: 3, RandomState: 170}
//	m, err := gm.Fit(X) // X mat.Matrix, one sample per row
//	if err != nil {
//		log.Fatal(err) // NaN in X, too few samples, a collapsed component...
//	}
//	labels := m.Predict(X)      // predict
//	proba := m.PredictProba(X)  // predict_proba
//	fmt.Println(m.Weights(), m.BIC(X))
//	samples, comps := m.Sample(100)
//	if w := m.Warning(); w != nil {
//		fmt.Println(w) // scikit-learn's ConvergenceWarning
//	}
//
// # Names
//
// Names carry over from scikit-learn: NComponents is n_components,
// CovarianceType is covariance_type (Full, Tied, Diag, Spherical),
// InitParams is init_params, PredictProba is predict_proba, ScoreSamples is
// score_samples, and so on. A zero field of GaussianMixture or KMeans means
// scikit-learn's default, so GaussianMixture{} is GaussianMixture(). Where
// scikit-learn also accepts zero itself, the constant Zero asks for it:
// MaxIter: gmmlab.Zero is max_iter=0 (the initialisation, no EM
// iteration), Tol: gmmlab.Zero is tol=0 (every iteration runs), RegCovar:
// gmmlab.Zero is reg_covar=0.
//
// # Same numbers
//
// Random draws come from package nprand, numpy's legacy RandomState
// reproduced bit for bit; the algorithm is scikit-learn 1.2.1's: k-means
// initialisation with KMeans(n_init=1) on the same random stream, 10·eps
// added to every component mass, RegCovar added after dividing by the mass,
// the lower bound taken before the M-step, strict |change| < Tol, a final
// E-step so that Predict after Fit agrees with fit_predict. Results agree
// with scikit-learn to rounding: the tests hold them to 1e-6 relative, with
// labels and iteration counts exact, on data with 1 to 7 features and every
// covariance type and initialisation method (testdata/gen_*.py write the
// reference files; `make fixtures` reruns them).
//
// Of NInit restarts the one with the highest lower bound is kept, the first
// when bounds tie. Restarts that reach the same optimum with the components
// in another order get bounds that differ only by rounding, which here is
// not scikit-learn's, so bounds within N·eps·|bound| count as a tie.
// Converged is scikit-learn 1.2.1's converged_: true if any restart
// converged.
//
// # Errors and panics
//
// Following gonum, Fit returns an error for what the data decide (NaN or
// Inf in X, fewer than 2 samples, fewer samples than components, a
// covariance that is not positive definite even after RegCovar) and panics
// for what the caller controls (negative or unknown settings, a seed
// outside numpy's range, initial parameters of the wrong shape, X with the
// wrong number of columns in Predict, a model no fit made). Messages start
// with "gmmlab: " and say what to do; every error and panic value wraps
// one of the sentinels ErrNonFinite, ErrTooFewSamples, ErrTooSpread,
// ErrIllDefined, ErrShape, ErrSetting, ErrSeed, ErrNotFitted, ErrCorrupt,
// for errors.Is.
//
// Not converging is not an error, as in scikit-learn, where it is a
// warning: Fit returns the model with a nil error, Converged reports false
// and Warning returns an error wrapping ErrNotConverged; Verbose also
// prints scikit-learn's ConvergenceWarning line. A zero Mixture,
// BayesianMixture or KMeansModel, which no fit made, panics with
// ErrNotFitted in every method.
//
// # Speed
//
// One E+M pass streams over the rows in chunks, spread over all cores, and
// reduces per-block sufficient statistics in a fixed order: the same seed
// gives the same bits whatever GOMAXPROCS is. Second moments are
// accumulated about the current means, so data far from the origin fit as
// well as centred data. On amd64 with AVX2 the two-feature loops run four
// values at a time, each lane doing the Go loop's operations, so with the
// same bits (build with -tags purego for the Go loops alone). Fit
// remembers the k-means initialisations of its last fits on small data,
// keyed by the data, the component count and the random stream's state,
// bit for bit: a sweep over covariance types computes each once
// (ForgetInits empties that memory).
//
// # How the fit is built
//
// As scikit-learn's _base.py, the EM loop is written once (runEM, fit.go)
// and each covariance type contributes its strategy: its log density, the
// moments it accumulates and its estimate (covariance.go). The loop iterates
// an emModel, the pass (pass.go) runs its eStep over the rows, and the
// initialisations and the tie rule are shared, so another estimator of the
// mixture family supplies only its E-step constants, its M-step and its
// lower bound.
//
// # Bayesian mixtures
//
// BayesianGaussianMixture is scikit-learn's BayesianGaussianMixture:
// variational inference with a Dirichlet process (DirichletProcess, the
// default) or a Dirichlet distribution (DirichletDistribution) prior on the
// weights, a Gaussian prior on the means and a Wishart prior on the
// precisions. Given more components than the data need, it drives the
// weights of the surplus ones towards zero:
//
//	m, err := gmmlab.BayesianGaussianMixture{NComponents: 10, WeightConcentrationPrior: 0.01}.Fit(X)
//	fmt.Printf("%.3f\n", m.Weights()) // a few large weights, the rest near 0
//	alpha, beta := m.WeightConcentration()
//
// Its fields are GaussianMixture's that scikit-learn's BaseMixture shares
// (with the same zero values and Zero) plus the priors, whose zero values
// are scikit-learn's defaults (1/NComponents, 1, the mean of X, the number
// of features, the covariance of X). The fit reuses the EM loop, the
// pass, the initialisations and the covariance strategies; only the
// E-step constants, the M-step (estimateGaussian, then the posterior's
// weights, means and Wishart update) and the lower bound, the ELBO, are
// its own. The lower bound is a total over the samples, not a mean; of
// NInit restarts the one with the highest bound is kept, ties only within
// an ulp. The fitted BayesianMixture has every method of Mixture plus the
// posterior (WeightConcentration, MeanPrecision, DegreesOfFreedom) and the
// priors the fit resolved; Predict, PredictProba and ScoreSamples use the
// variational E-step, as scikit-learn's do, and Sample draws from the
// point estimates. The parity tests cover both prior types with every
// covariance type, initialisation, restarts, warm starts and given priors
// of every kind on data with 1 to 7 features, all to 1e-6 relative.
//
// # Choosing a model
//
// ModelSelection fits a grid of component counts and covariance types and
// scores each by BIC, AIC and ICL; Selection.Best picks the winner.
//
// # Saving models
//
// A fitted Mixture, BayesianMixture or KMeansModel round-trips exactly
// through JSON (json.Marshal and json.Unmarshal) and, for the mixtures,
// MarshalBinary. Each
// saved form carries a format version; a document from a newer gmmlab, or
// a damaged one, gives an error wrapping ErrCorrupt.
package gmmlab
