package gmmlab

import (
	"io"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// WeightConcentrationPriorType says which prior a BayesianGaussianMixture
// puts on the mixing weights, as scikit-learn's
// weight_concentration_prior_type.
type WeightConcentrationPriorType string

const (
	// DirichletProcess is the Dirichlet process prior in its stick-breaking
	// form, truncated at NComponents: component k takes a Beta-distributed
	// share of what components 0..k-1 left. It tends to use as few
	// components as the data need and switches the others off.
	DirichletProcess WeightConcentrationPriorType = "dirichlet_process"
	// DirichletDistribution is the finite mixture's symmetric Dirichlet
	// prior on the NComponents weights. It favours more evenly used
	// components than DirichletProcess.
	DirichletDistribution WeightConcentrationPriorType = "dirichlet_distribution"
)

// BayesianGaussianMixture configures the variational Bayesian fit of a
// Gaussian mixture, scikit-learn 1.2.1's BayesianGaussianMixture: priors
// on the weights (a Dirichlet process or a Dirichlet distribution), on the
// means (Gaussian) and on the precisions (Wishart), and a posterior over
// all of them found by maximising a lower bound on the evidence (the
// ELBO). Components the data do not need get weights near zero, so
// NComponents is an upper bound rather than a guess of K.
//
// Its zero value is scikit-learn's BayesianGaussianMixture() with
// defaults: every zero field means the default that its comment documents.
// The fields it shares with GaussianMixture mean what they mean there.
type BayesianGaussianMixture struct {
	// NComponents is the number of components the posterior may use. If
	// 0, 1 is used.
	NComponents int
	// CovarianceType is the covariance parameterisation. If "", Full is used.
	CovarianceType CovarianceType
	// Tol is the convergence threshold on the change of the lower bound
	// (the ELBO of the whole data set, not a mean per sample): an
	// initialisation stops once |change| < Tol. If 0, 1e-3 is used; Zero
	// asks for 0.
	Tol float64
	// RegCovar is added to the diagonal of every component's empirical
	// covariance before the Wishart update. If 0, 1e-6 is used; Zero asks
	// for 0 (the covariance prior keeps the covariances positive definite).
	RegCovar float64
	// MaxIter is the number of variational iterations at most. If 0, 100
	// is used; Zero asks for none: the fit is the initialisation, with
	// NIter 0 and LowerBound -Inf.
	MaxIter int
	// NInit is the number of initialisations; the one with the highest
	// lower bound is kept. If 0, 1 is used.
	NInit int
	// InitParams chooses how the responsibilities that start the fit are
	// drawn, as for GaussianMixture. If "", InitKMeans is used.
	InitParams InitMethod
	// RandomState seeds the numpy-compatible random stream, as
	// scikit-learn's random_state. It must lie in [0, 2^32); Fit panics
	// with an error wrapping ErrSeed otherwise.
	RandomState int64
	// Verbose prints scikit-learn-like progress lines to Log (1: the
	// initialisations and every tenth iteration; 2: with timings and the
	// change of the lower bound).
	Verbose int
	// WarmStart, if not nil, continues from this fitted model
	// (scikit-learn's warm_start on a fitted estimator): one
	// initialisation, no random draws, its posterior and lower bound
	// carried over; the priors are those of this config and these data.
	// It must have the config's NComponents, CovarianceType and
	// WeightConcentrationPriorType and the data's number of features.
	WarmStart *BayesianMixture
	// WeightConcentrationPriorType is the prior on the weights. If "",
	// DirichletProcess is used.
	WeightConcentrationPriorType WeightConcentrationPriorType
	// WeightConcentrationPrior is the concentration γ₀ of the weight
	// prior (scikit-learn's weight_concentration_prior): small values put
	// the weight on few components, large ones spread it. If 0,
	// 1/NComponents is used; it must be positive.
	WeightConcentrationPrior float64
	// MeanPrecisionPrior is β₀, the precision of the prior on the means
	// relative to the components' own: large values pull the means
	// towards MeanPrior. If 0, 1 is used; it must be positive.
	MeanPrecisionPrior float64
	// MeanPrior is the prior mean of the means, one value per feature. If
	// nil, the mean of X is used.
	MeanPrior []float64
	// DegreesOfFreedomPrior is ν₀, the degrees of freedom of the Wishart
	// prior on the precisions. If 0, the number of features D is used; it
	// must be greater than D-1.
	DegreesOfFreedomPrior float64
	// CovariancePrior is the scale of the Wishart prior, as a covariance
	// in the shape of the covariance type (scikit-learn's
	// covariance_prior): a D×D symmetric positive-definite matrix for Full
	// and Tied; for Diag the D positive variances as a vector (D×1 or 1×D,
	// a *mat.VecDense for instance) or a diagonal D×D matrix; for
	// Spherical one positive variance as a 1×1 matrix or a multiple of the
	// D×D identity. If nil, scikit-learn's default from X is used: the
	// covariance of X (Full, Tied), the variance of each feature (Diag) or
	// their mean (Spherical), with N-1 in the denominator.
	CovariancePrior mat.Matrix
	// RandomSource, if not nil, is the random stream the initialisation
	// draws from instead of a new one seeded with RandomState, and the fit
	// advances it, as GaussianMixture's RandomSource. Sample still draws
	// from RandomState's seed.
	RandomSource *nprand.RandomState
	// Log receives the Verbose output. If nil, os.Stderr is used.
	Log io.Writer
}

// priors are a BayesianGaussianMixture's priors resolved against the data
// of a fit (scikit-learn's attributes with a trailing underscore: they are
// computed anew on every fit, warm started or not).
type priors struct {
	dp       bool      // DirichletProcess, else DirichletDistribution
	weight   float64   // weight_concentration_prior_: γ₀
	meanPrec float64   // mean_precision_prior_: β₀
	mean     []float64 // mean_prior_: m₀, D
	dof      float64   // degrees_of_freedom_prior_: ν₀
	cov      []float64 // covariance_prior_: the covariance strategy's layout for one component
}

// priorType returns the prior's WeightConcentrationPriorType.
func (pr *priors) priorType() WeightConcentrationPriorType {
	if pr.dp {
		return DirichletProcess
	}
	return DirichletDistribution
}

// bayesSettings is a BayesianGaussianMixture with its defaults filled in,
// the priors that depend on X aside.
type bayesSettings struct {
	emConfig
	b BayesianGaussianMixture
}

// withDefaults validates what it can of g without the data and fills the
// zero fields of the settings BaseMixture shares. It panics with
// ErrSetting (or ErrSeed) on an invalid setting.
func (g BayesianGaussianMixture) withDefaults() bayesSettings {
	s := bayesSettings{emConfig: emConfig{
		NComponents: g.NComponents, CovarianceType: g.CovarianceType, Tol: g.Tol, RegCovar: g.RegCovar,
		MaxIter: g.MaxIter, NInit: g.NInit, InitParams: g.InitParams, RandomState: g.RandomState,
		RandomSource: g.RandomSource, Verbose: g.Verbose, Log: g.Log,
	}.withDefaults(), b: g}
	switch s.b.WeightConcentrationPriorType {
	case "":
		s.b.WeightConcentrationPriorType = DirichletProcess
	case DirichletProcess, DirichletDistribution:
	default:
		panicf(ErrSetting, "gmmlab: unknown WeightConcentrationPriorType %q; use DirichletProcess or DirichletDistribution",
			string(g.WeightConcentrationPriorType))
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"WeightConcentrationPrior", g.WeightConcentrationPrior}, {"MeanPrecisionPrior", g.MeanPrecisionPrior},
		{"DegreesOfFreedomPrior", g.DegreesOfFreedomPrior}} {
		if !(f.v >= 0) || math.IsInf(f.v, 1) {
			panicf(ErrSetting, "gmmlab: %s is %v; it must be positive and finite (0 means scikit-learn's default)", f.name, f.v)
		}
	}
	return s
}

// priors resolves the priors against the n rows of x (D = d features): the
// defaults scikit-learn computes from X, and the given ones checked. It
// panics with ErrSetting on a prior of the wrong shape or value.
func (s *bayesSettings) priors(x []float64, n, d int) *priors {
	g, st := s.b, strategies[s.CovarianceType]
	pr := &priors{
		dp:       g.WeightConcentrationPriorType == DirichletProcess,
		weight:   zeroOr(g.WeightConcentrationPrior, 1/float64(s.NComponents)),
		meanPrec: zeroOr(g.MeanPrecisionPrior, 1),
		dof:      zeroOr(g.DegreesOfFreedomPrior, float64(d)),
	}
	if !(pr.dof > float64(d)-1) {
		panicf(ErrSetting, "gmmlab: DegreesOfFreedomPrior should be greater than %d (the number of features minus 1), but got %.3f",
			d-1, pr.dof)
	}
	dataMean := columnMeans(x, n, d)
	if g.MeanPrior == nil {
		pr.mean = dataMean
	} else {
		if len(g.MeanPrior) != d {
			panicf(ErrSetting, "gmmlab: MeanPrior has %d values but the data have %d features", len(g.MeanPrior), d)
		}
		for j, v := range g.MeanPrior {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panicf(ErrSetting, "gmmlab: MeanPrior[%d] is %v; it must be finite", j, v)
			}
		}
		pr.mean = append([]float64(nil), g.MeanPrior...)
	}
	if g.CovariancePrior == nil {
		pr.cov = st.defaultCovPrior(x, dataMean, n, d)
	} else {
		pr.cov = st.covPriorOf(g.CovariancePrior, d)
	}
	return pr
}

// columnMeans returns X.mean(axis=0): each column's sum over the rows in
// order, as numpy reduces a C-ordered array along its first axis, divided
// by n.
func columnMeans(x []float64, n, d int) []float64 {
	m := make([]float64, d)
	for i := 0; i < n; i++ {
		for j, v := range x[i*d : i*d+d] {
			m[j] += v
		}
	}
	for j := range m {
		m[j] /= float64(n)
	}
	return m
}

// Fit estimates the posterior of a Bayesian Gaussian mixture from X, one
// sample per row: NInit initialisations (as GaussianMixture's), each
// iterated, variational E-step then M-step, until the lower bound (the
// ELBO) changes by less than Tol or MaxIter iterations have run; the
// initialisation with the highest bound is kept. For the same RandomState
// the result is scikit-learn 1.2.1's BayesianGaussianMixture(...).fit(X),
// to rounding.
//
// Errors and panics are GaussianMixture.Fit's: an error for what the data
// decide (ErrNonFinite, ErrTooFewSamples, ErrTooSpread, ErrIllDefined), a
// panic for an invalid setting (ErrSetting), including a prior of the
// wrong shape or value for X and a WarmStart that does not fit. Not
// converging is not an error (Converged, Warning). Fit never modifies X.
func (g BayesianGaussianMixture) Fit(X mat.Matrix) (*BayesianMixture, error) { return g.fit(X, 0) }

// fit is Fit on at most workers goroutines (0: GOMAXPROCS); the result does
// not depend on workers.
func (g BayesianGaussianMixture) fit(X mat.Matrix, workers int) (*BayesianMixture, error) {
	s := g.withDefaults()
	x, n, d := rowsOf(X)
	if err := checkFitData(x, n, d, s.NComponents); err != nil {
		return nil, err
	}
	pr := s.priors(x, n, d)
	k, ct := s.NComponents, s.CovarianceType
	p := newPasser(x, n, d, k, workers, strategies[ct])
	p.entropy = true
	warm, nInit := s.b.WarmStart, s.NInit
	if warm != nil {
		w := warm.fitted()
		if w.d != d || w.k != k || w.ct != ct || w.pr.dp != pr.dp {
			panicf(ErrSetting, "gmmlab: WarmStart is a %d-component %q model with a %s prior on %d features "+
				"but the config asks for %d %q components with a %s prior on %d features",
				w.k, string(w.ct), w.pr.priorType(), w.d, k, string(ct), pr.priorType(), d)
		}
		nInit = 1
	}
	rs := s.randomSource()
	r, err := runEM(p, &s.emConfig, nInit, func() (emModel, float64, error) {
		if warm != nil {
			v := warm.v.clone().(*variational)
			v.pr = pr
			return v, warm.m.lowerBound, nil
		}
		v, err := s.initialize(p, rs, pr)
		return v, math.Inf(-1), err
	})
	if err != nil {
		return nil, err
	}
	return newBayesianMixture(r.best.(*variational), &Mixture{converged: r.converged, nIter: r.nIter,
		lowerBound: r.lowerBound, seed: s.RandomState, warning: r.warning}), nil
}

// Initialize returns the posterior the fit would start from, before any
// iteration: scikit-learn's _initialize on the responsibilities InitParams
// draws. It is Fit with MaxIter: Zero (with NInit > 1 the last
// initialisation is kept; NIter 0, Converged false, LowerBound -Inf).
// Errors and panics are Fit's.
func (g BayesianGaussianMixture) Initialize(X mat.Matrix) (*BayesianMixture, error) {
	g.MaxIter = Zero
	g.WarmStart = nil
	return g.Fit(X)
}

// initialize draws the starting responsibilities with InitParams and turns
// them into a posterior with the priors pr (scikit-learn's _initialize:
// the M-step on those responsibilities).
func (s *bayesSettings) initialize(p *passer, rs *nprand.RandomState, pr *priors) (*variational, error) {
	k, d := p.k, p.d
	resp, err := s.initialResponsibilities(p, rs)
	if err != nil {
		return nil, err
	}
	_, ref, err := p.respMeansPass(resp)
	if err != nil {
		return nil, err
	}
	t, err := p.respPass(resp, ref, true)
	if err != nil {
		return nil, err
	}
	v := newVariational(s.CovarianceType, k, d, pr)
	if err := v.update(t, ref, s.RegCovar); err != nil {
		return nil, err
	}
	return v, nil
}
