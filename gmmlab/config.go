package gmmlab

import (
	"fmt"
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
	// (the mean log-likelihood). If 0, 1e-3 is used.
	Tol float64
	// RegCovar is added to the diagonal of every covariance so that they
	// stay positive definite. If 0, 1e-6 is used.
	RegCovar float64
	// MaxIter is the number of EM iterations at most. If 0, 100 is used.
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
	// [0, 2^32).
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
}

// settings holds a GaussianMixture with its defaults filled in.
type settings struct {
	GaussianMixture
}

// withDefaults validates g and fills its zero fields. It panics on a
// setting the caller controls, as the GaussianMixture docs say.
func (g GaussianMixture) withDefaults() settings {
	if g.NComponents < 0 {
		panic(fmt.Sprintf("gmmlab: NComponents is %d; it must be at least 1 (0 means 1)", g.NComponents))
	}
	if g.NComponents == 0 {
		g.NComponents = 1
	}
	if g.CovarianceType == "" {
		g.CovarianceType = Full
	}
	if _, ok := strategies[g.CovarianceType]; !ok {
		panic(fmt.Sprintf("gmmlab: unknown CovarianceType %q; use Full, Tied, Diag or Spherical", string(g.CovarianceType)))
	}
	if g.Tol < 0 || math.IsNaN(g.Tol) {
		panic(fmt.Sprintf("gmmlab: Tol is %v; it must be positive (0 means 1e-3)", g.Tol))
	}
	if g.Tol == 0 {
		g.Tol = 1e-3
	}
	if g.RegCovar < 0 || math.IsNaN(g.RegCovar) || math.IsInf(g.RegCovar, 1) {
		panic(fmt.Sprintf("gmmlab: RegCovar is %v; it must be positive and finite (0 means 1e-6)", g.RegCovar))
	}
	if g.RegCovar == 0 {
		g.RegCovar = 1e-6
	}
	if g.MaxIter < 0 {
		panic(fmt.Sprintf("gmmlab: MaxIter is %d; it must be at least 1 (0 means 100)", g.MaxIter))
	}
	if g.MaxIter == 0 {
		g.MaxIter = 100
	}
	if g.NInit < 0 {
		panic(fmt.Sprintf("gmmlab: NInit is %d; it must be at least 1 (0 means 1)", g.NInit))
	}
	if g.NInit == 0 {
		g.NInit = 1
	}
	if g.InitParams == "" {
		g.InitParams = InitKMeans
	}
	switch g.InitParams {
	case InitKMeans, InitKMeansPlusPlus, InitRandom, InitRandomFromData:
	default:
		panic(fmt.Sprintf("gmmlab: unknown InitParams %q; use InitKMeans, InitKMeansPlusPlus, InitRandom or InitRandomFromData", string(g.InitParams)))
	}
	numpy.CheckSeed("gmmlab: RandomState", g.RandomState)
	if g.Verbose < 0 {
		panic(fmt.Sprintf("gmmlab: Verbose is %d; use 0, 1 or 2", g.Verbose))
	}
	if g.Log == nil {
		g.Log = os.Stderr
	}
	return settings{g}
}

// checkInits validates the optional initial parameters against the data's
// dimension d and returns them in the internal layout: weights (K), means
// (K×D row-major) and the precision Cholesky factors in the covariance
// type's layout. Each is nil where the config gives none.
func (s *settings) checkInits(d int) (weights, means, precChol []float64) {
	k := s.NComponents
	if s.WeightsInit != nil {
		if len(s.WeightsInit) != k {
			panic(fmt.Sprintf("gmmlab: WeightsInit has %d values but NComponents is %d", len(s.WeightsInit), k))
		}
		sum := 0.0
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, w := range s.WeightsInit {
			sum += w
			lo, hi = math.Min(lo, w), math.Max(hi, w)
		}
		if !(lo >= 0 && hi <= 1) {
			panic(fmt.Sprintf("gmmlab: WeightsInit must lie in [0, 1], but got max value %.5f, min value %.5f", hi, lo))
		}
		// numpy's allclose(|1 - sum|, 0): atol 1e-8.
		if !(math.Abs(1-sum) <= 1e-8) {
			panic(fmt.Sprintf("gmmlab: WeightsInit must be normalized, but got sum(weights) = %.5f; divide them by their sum", sum))
		}
		weights = append([]float64(nil), s.WeightsInit...)
	}
	if s.MeansInit != nil {
		r, c := s.MeansInit.Dims()
		if r != k || c != d {
			panic(fmt.Sprintf("gmmlab: MeansInit is %d×%d but must be NComponents×features = %d×%d", r, c, k, d))
		}
		means = make([]float64, k*d)
		for i := 0; i < k; i++ {
			for j := 0; j < d; j++ {
				v := s.MeansInit.At(i, j)
				if math.IsNaN(v) || math.IsInf(v, 0) {
					panic(fmt.Sprintf("gmmlab: MeansInit[%d][%d] is %v; initial means must be finite", i, j, v))
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
