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
// Inf in X, unless Missing makes NaN a missing value; fewer than 2
// samples, fewer samples than components, a covariance that is not
// positive definite even after RegCovar) and panics
// for what the caller controls (negative or unknown settings, a seed
// outside numpy's range, initial parameters of the wrong shape, X with the
// wrong number of columns in Predict, a model no fit made). Messages start
// with "gmmlab: " and say what to do; every error and panic value wraps
// one of the sentinels ErrNonFinite, ErrTooFewSamples, ErrTooSpread,
// ErrIllDefined, ErrShape, ErrSetting, ErrSeed, ErrNotFitted, ErrCorrupt,
// ErrWeights, ErrSource, for errors.Is.
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
// # Missing values
//
// scikit-learn refuses NaN, and so does Fit by default (Missing is
// RejectMissing, the zero value): X with NaN gives ErrNonFinite. With
// Missing: Marginalize a NaN entry is a missing value, integrated out:
//
//	gm := gmmlab.GaussianMixture{NComponents: 3, Missing: gmmlab.Marginalize}
//	m, err := gm.Fit(X)     // X may hold NaN
//	labels := m.Predict(X2) // rows scored on their observed coordinates
//
// EM then maximises the likelihood of the observed values (Ghahramani and
// Jordan 1994), for every covariance type. The E-step scores each row on its
// observed coordinates o, log w_c + log N(x_o | μ_c,o, Σ_c,oo): the
// marginal of a Gaussian is the Gaussian of the sub-vector and sub-block.
// The M-step replaces each missing coordinate m by its conditional
// expectation given the observed ones, μ_c,m + Σ_c,mo Σ_c,oo⁻¹ (x_o -
// μ_c,o), and adds its conditional covariance Σ_c,mm - Σ_c,mo Σ_c,oo⁻¹
// Σ_c,om to the second moments; each covariance type keeps what it keeps of
// those (Tied their sum over components, Diag the diagonal, Spherical its
// mean), RegCovar added as always. The lower bound is the mean observed
// log-likelihood per row. The missingness must not depend on the missing
// values themselves (missing at random) for the fit to be unbiased.
//
// The initialisation needs complete rows (k-means, k-means++, samples drawn
// from the data): it runs, with the usual InitParams and RandomState, on
// the data with every missing entry replaced by its column's mean over the
// observed values. Starting from the complete rows alone would fail when few
// rows are complete (with 20 % of 10 features missing, one row in nine is),
// while the imputed data keep every row, and EM moves away from the
// imputed values from the first iteration on. Given initial parameters
// (MeansInit, ...) and WarmStart work as usual.
//
// A row with every coordinate missing carries no information and is an
// error naming it (ErrNonFinite), as is a column with no observed value
// and an infinite value: only NaN counts as missing. On X without NaN the
// setting changes nothing: the fit is the ordinary one, bit for bit. Each
// distinct pattern of missing coordinates costs a Cholesky factorisation
// per component and E-step pass; the rows are taken pattern by pattern in a
// fixed partition and reduced in a fixed order, so the result does not
// depend on the number of cores. The fitted Mixture remembers the setting
// (Mixture.Missing, saved with the model): its Predict, PredictProba,
// ScoreSamples, Score, BIC and AIC accept rows with NaN and score them on
// their observed coordinates, while a model fit without it keeps panicking
// on NaN as scikit-learn's predict raises. ModelSelection with
// Base.Missing: Marginalize fits its grid on data with NaN the same way,
// and FitWeighted weights each row's statistics and log-likelihood (the
// initialisation's column means stay unweighted), and PartialFit of such
// a model takes batches with NaN. FitSource does not marginalise: a
// source's NaN is an error.
// # Sample weights
//
// FitWeighted takes a weight per row, as R mclust's me.weighted and
// scikit-learn's KMeans(sample_weight) do (scikit-learn's GaussianMixture
// has none):
//
//	m, err := gm.FitWeighted(X, w)             // w[i] ≥ 0: how much row i counts
//	km, err := gmmlab.KMeans{NClusters: 3}.FitWeighted(X, w)
//
// Every sufficient statistic of EM weighs row i's responsibilities by
// w[i], the lower bound is the weighted mean log-likelihood, and the
// k-means initialisation is scikit-learn 1.2.1's KMeans(sample_weight):
// weighted Lloyd from unweighted k-means++ seeds. Integer weights fit as
// the rows repeated would; weights all 1 give Fit's result bit for bit. A
// wrong length (ErrShape), NaN or Inf (ErrNonFinite), a negative weight or
// weights that sum to zero (ErrWeights) are errors. The tests hold the
// weighted fits to mclust's and scikit-learn's numbers
// (testdata/gen_weighted.py). BIC and AIC score the rows they are given,
// each once; GaussianMixture.FitWeighted says how to weigh them.
//
// # Data larger than memory
//
// A RowSource is a table read in chunks (Dims and ReadRows); datagen's
// OpenNPY and OpenCSV return one, and so can any reader of a shard of
// data. FitSource runs the same EM over it, reading it once per
// iteration, with Fit's result bit for bit for every setting and
// initialisation, in memory that does not grow with the number of rows:
//
//	src, err := datagen.OpenNPY("x.npy") // 20,000,000 rows: 1.28 GB on disk
//	m, err := gm.FitSource(src)          // a few MB of memory
//
// The pass's blocks, fixed by the number of rows alone, and the order of
// every sum are Fit's; the initialisations stream too (Lloyd and k-means++
// recompute what they would keep per row; random_from_data draws numpy's
// permutation head without the permutation). Each block's sufficient
// statistics are a sum over its rows, added in block order: the map and
// reduce of a map-reduce engine, which is how a fit would spread over
// machines (README, "Data larger than memory").
//
// # Online updates
//
// PartialFit updates a fitted model with one more batch and returns a new
// model, by stochastic EM (Cappé & Moulines 2009; Liang & Klein 2009): the
// model's normalised sufficient statistics are blended with the batch's
// with the step γ = (b/(N+b))^StepDecay for a batch of b rows after N seen
// (RowsSeen), then turned into parameters by the M-step:
//
//	m2, err := m.PartialFit(batch) // m is unchanged
//
// On batches of one distribution the updates settle near the full-batch
// fit of all the rows.
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
// a damaged one, gives an error wrapping ErrCorrupt. A Mixture is saved
// with the rows it has seen and its RegCovar (format version 3), which
// PartialFit continues from; models saved in versions 1 and 2 are read
// too.
package gmmlab
