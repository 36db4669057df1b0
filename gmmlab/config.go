package gmmlab

import (
	"cmp"
	"io"
	"math"
	"os"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
)

// CovarianceType says how each component's covariance matrix is
// parameterised, as scikit-learn's covariance_type.
type CovarianceType string

const (
	// Full gives each component its own general covariance matrix.
	Full CovarianceType = "full"
	// Tied makes all components share one general covariance matrix.
	Tied CovarianceType = "tied"
	// Diag gives each component its own diagonal covariance matrix.
	Diag CovarianceType = "diag"
	// Spherical gives each component its own single variance.
	Spherical CovarianceType = "spherical"
)

// CovarianceTypes lists the four covariance types in scikit-learn's order.
var CovarianceTypes = []CovarianceType{Spherical, Tied, Diag, Full}

// InitMethod says how the responsibilities that start EM are chosen, as
// scikit-learn's init_params.
type InitMethod string

const (
	// InitKMeans runs KMeans (one init) and starts from its hard labels.
	// Fit reuses the labels of a recent k-means on the same data with the
	// same number of components and stream state (see ForgetInits).
	InitKMeans InitMethod = "kmeans"
	// InitKMeansPlusPlus picks k-means++ seeds and starts from them alone.
	InitKMeansPlusPlus InitMethod = "k-means++"
	// InitRandom draws uniform responsibilities for every sample.
	InitRandom InitMethod = "random"
	// InitRandomFromData picks NComponents distinct samples at random.
	InitRandomFromData InitMethod = "random_from_data"
)

// InitMethods lists the four initialisation methods.
var InitMethods = []InitMethod{InitKMeans, InitKMeansPlusPlus, InitRandom, InitRandomFromData}

// Zero, given as MaxIter, Tol or RegCovar, asks for zero itself where a
// zero field means scikit-learn's default:
//
//	GaussianMixture{MaxIter: gmmlab.Zero} // max_iter=0: no EM iteration, the model is the initialisation
//	GaussianMixture{Tol: gmmlab.Zero}     // tol=0: every one of MaxIter iterations runs
//	GaussianMixture{RegCovar: gmmlab.Zero} // reg_covar=0: no regularisation
//
// KMeans.Tol accepts it too (tol=0: Lloyd iterations stop only when the
// labels stop changing). Zero is a distinctive negative number, so any
// other negative setting still panics as a mistake.
const Zero = -1 << 31

// GaussianMixture configures the fit of a Gaussian mixture model by
// expectation-maximisation. Its zero value is scikit-learn's
// GaussianMixture() with defaults: every zero field means the default that
// its comment documents.
type GaussianMixture struct {
	// NComponents is the number of mixture components. If 0, 1 is used.
	NComponents int
	// CovarianceType is the covariance parameterisation. If "", Full is used.
	CovarianceType CovarianceType
	// Tol is the convergence threshold on the change of the lower bound
	// (the mean log-likelihood): an initialisation stops once
	// |change| < Tol. If 0, 1e-3 is used; Zero asks for 0 (tol=0: it never
	// stops before MaxIter).
	Tol float64
	// RegCovar is added to the diagonal of every covariance so that they
	// stay positive definite. If 0, 1e-6 is used; Zero asks for 0.
	RegCovar float64
	// MaxIter is the number of EM iterations at most. If 0, 100 is used;
	// Zero asks for none (max_iter=0): Fit returns the initialisation, the
	// last one with NInit > 1, with NIter 0 and LowerBound -Inf, as
	// Initialize does.
	MaxIter int
	// NInit is the number of initialisations; the best result by lower
	// bound is kept. If 0, 1 is used.
	NInit int
	// InitParams chooses how EM starts. If "", InitKMeans is used.
	InitParams InitMethod
	// WeightsInit, if not nil, gives the NComponents initial weights. They
	// must lie in [0, 1] and sum to 1.
	WeightsInit []float64
	// MeansInit, if not nil, gives the initial means, NComponents×D.
	MeansInit mat.Matrix
	// PrecisionsInit, if not nil, gives the initial precision (inverse
	// covariance) matrices: NComponents of them, or one for Tied. They must
	// be symmetric positive definite with the structure of the covariance
	// type: diagonal for Diag, a multiple of the identity for Spherical.
	PrecisionsInit []*mat.SymDense
	// RandomState seeds the numpy-compatible random stream: the same value
	// as scikit-learn's random_state gives the same draws. It must lie in
	// [0, 2^32); Fit panics with an error wrapping ErrSeed otherwise.
	RandomState int64
	// RandomSource, if not nil, is the random stream the initialisation
	// draws from instead of a new one seeded with RandomState, and the fit
	// advances it: scikit-learn's random_state=np.random.RandomState(...)
	// shared between fits. A stream must not be shared by fits that run at
	// the same time. Sample still draws from RandomState's seed.
	RandomSource *nprand.RandomState
	// WarmStart, if not nil, starts EM from this fitted model (scikit-learn's
	// warm_start on a fitted estimator): one initialisation, no random
	// draws, the lower bound carried over.
	WarmStart *Mixture
	// Verbose prints scikit-learn-like progress lines to Log: 1 prints the
	// initialisations and every tenth iteration, 2 adds timings and the
	// change of the lower bound.
	Verbose int
	// Log receives the Verbose output. If nil, os.Stderr is used.
	Log io.Writer
	// Missing says what NaN entries of X are. RejectMissing, the zero
	// value, makes them an error, as in scikit-learn; Marginalize makes
	// them missing values, which Fit and the model's predictions integrate
	// out (missing.go).
	Missing MissingPolicy
}

// emConfig holds the settings every mixture estimator shares (those of
// scikit-learn's BaseMixture), under their GaussianMixture names; the EM
// loop (fit.go) reads them. BayesianGaussianMixture fills one from its own
// fields of the same names.
type emConfig struct {
	NComponents    int
	CovarianceType CovarianceType
	Tol            float64
	RegCovar       float64
	MaxIter        int
	NInit          int
	InitParams     InitMethod
	RandomState    int64
	RandomSource   *nprand.RandomState
	Verbose        int
	Log            io.Writer
}

// settings holds a GaussianMixture with its defaults filled in.
type settings struct {
	emConfig
	WeightsInit    []float64
	MeansInit      mat.Matrix
	PrecisionsInit []*mat.SymDense
	WarmStart      *Mixture
	Missing        MissingPolicy
}

// withDefaults validates g and fills its zero fields. It panics on a
// setting the caller controls, as the GaussianMixture docs say.
func (g GaussianMixture) withDefaults() settings {
	return settings{
		emConfig: emConfig{
			NComponents: g.NComponents, CovarianceType: g.CovarianceType, Tol: g.Tol, RegCovar: g.RegCovar,
			MaxIter: g.MaxIter, NInit: g.NInit, InitParams: g.InitParams, RandomState: g.RandomState,
			RandomSource: g.RandomSource, Verbose: g.Verbose, Log: g.Log,
		}.withDefaults(),
		WeightsInit: g.WeightsInit, MeansInit: g.MeansInit, PrecisionsInit: g.PrecisionsInit, WarmStart: g.WarmStart,
		Missing: g.Missing.checked(),
	}
}

// withDefaults validates the shared settings and fills their zero fields:
// NComponents 1, Full, Tol 1e-3, RegCovar 1e-6, MaxIter 100, NInit 1,
// InitKMeans, Log os.Stderr; Zero becomes 0. It panics with ErrSetting (or
// ErrSeed) on a setting the caller controls.
func (c emConfig) withDefaults() emConfig {
	if c.NComponents < 0 {
		panicf(ErrSetting, "gmmlab: NComponents is %d; it must be at least 1 (0 means 1)", c.NComponents)
	}
	c.NComponents = cmp.Or(c.NComponents, 1)
	c.CovarianceType = cmp.Or(c.CovarianceType, Full)
	if _, ok := strategies[c.CovarianceType]; !ok {
		panicf(ErrSetting, "gmmlab: unknown CovarianceType %q; use Full, Tied, Diag or Spherical", string(c.CovarianceType))
	}
	c.Tol = zeroOr(c.Tol, 1e-3)
	if !(c.Tol >= 0) {
		panicf(ErrSetting, "gmmlab: Tol is %v; it must be positive (0 means 1e-3, gmmlab.Zero means 0)", c.Tol)
	}
	c.RegCovar = zeroOr(c.RegCovar, 1e-6)
	if !(c.RegCovar >= 0) || math.IsInf(c.RegCovar, 1) {
		panicf(ErrSetting, "gmmlab: RegCovar is %v; it must be positive and finite (0 means 1e-6, gmmlab.Zero means 0)", c.RegCovar)
	}
	c.MaxIter = zeroOr(c.MaxIter, 100)
	if c.MaxIter < 0 {
		panicf(ErrSetting, "gmmlab: MaxIter is %d; it must be at least 1 (0 means 100, gmmlab.Zero means no iteration)", c.MaxIter)
	}
	if c.NInit < 0 {
		panicf(ErrSetting, "gmmlab: NInit is %d; it must be at least 1 (0 means 1)", c.NInit)
	}
	c.NInit = cmp.Or(c.NInit, 1)
	c.InitParams = cmp.Or(c.InitParams, InitKMeans)
	switch c.InitParams {
	case InitKMeans, InitKMeansPlusPlus, InitRandom, InitRandomFromData:
	default:
		panicf(ErrSetting, "gmmlab: unknown InitParams %q; use InitKMeans, InitKMeansPlusPlus, InitRandom or InitRandomFromData", string(c.InitParams))
	}
	numpy.CheckSeed("gmmlab: RandomState", c.RandomState)
	if c.Verbose < 0 {
		panicf(ErrSetting, "gmmlab: Verbose is %d; use 0, 1 or 2", c.Verbose)
	}
	if c.Log == nil {
		c.Log = os.Stderr
	}
	return c
}

// zeroOr resolves a setting where 0 means def and Zero means 0.
func zeroOr[T int | float64](v, def T) T {
	switch v {
	case 0:
		return def
	case Zero:
		return 0
	}
	return v
}

// checkInits validates the optional initial parameters against the data's
// dimension d and returns them in the internal layout: weights (K), means
// (K×D row-major) and the precision Cholesky factors in the covariance
// type's layout. Each is nil where the config gives none.
func (s *settings) checkInits(d int) (weights, means, precChol []float64) {
	k := s.NComponents
	if s.WeightsInit != nil {
		if len(s.WeightsInit) != k {
			panicf(ErrSetting, "gmmlab: WeightsInit has %d values but NComponents is %d", len(s.WeightsInit), k)
		}
		sum := 0.0
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, w := range s.WeightsInit {
			sum += w
			lo, hi = math.Min(lo, w), math.Max(hi, w)
		}
		if !(lo >= 0 && hi <= 1) {
			panicf(ErrSetting, "gmmlab: WeightsInit must lie in [0, 1], but got max value %.5f, min value %.5f", hi, lo)
		}
		// numpy's allclose(|1 - sum|, 0): atol 1e-8.
		if !(math.Abs(1-sum) <= 1e-8) {
			panicf(ErrSetting, "gmmlab: WeightsInit must be normalized, but got sum(weights) = %.5f; divide them by their sum", sum)
		}
		weights = append([]float64(nil), s.WeightsInit...)
	}
	if s.MeansInit != nil {
		r, c := s.MeansInit.Dims()
		if r != k || c != d {
			panicf(ErrSetting, "gmmlab: MeansInit is %d×%d but must be NComponents×features = %d×%d", r, c, k, d)
		}
		means = make([]float64, k*d)
		for i := 0; i < k; i++ {
			for j := 0; j < d; j++ {
				v := s.MeansInit.At(i, j)
				if math.IsNaN(v) || math.IsInf(v, 0) {
					panicf(ErrSetting, "gmmlab: MeansInit[%d][%d] is %v; initial means must be finite", i, j, v)
				}
				means[i*d+j] = v
			}
		}
	}
	if s.PrecisionsInit != nil {
		precChol = strategies[s.CovarianceType].precisionInit(s.PrecisionsInit, k, d)
	}
	return weights, means, precChol
}
