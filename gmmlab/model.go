package gmmlab

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// model is the parameter set of a Gaussian mixture, in the covariance
// type's layout (covariance.go): what GaussianMixture's EM estimates and
// what a Mixture predicts and samples with. It is the Gaussian E-step
// (eStep) and GaussianMixture's iteration (emModel, fit.go).
type model struct {
	ct      CovarianceType
	k, d    int
	weights []float64 // K
	means   []float64 // K×D
	cov     []float64 // layout of ct; nil for a model started from PrecisionsInit
	pc      []float64 // precision factors, layout of ct
	// off[c] is the E-step's constant of component c: log w_c + log det
	// L_c - D/2·log 2π, from weights and pc (refresh).
	off []float64
}

// newModel returns a model of k components on d features with room for
// every parameter.
func newModel(ct CovarianceType, k, d int) *model {
	n := strategies[ct].paramLen(k, d)
	return &model{ct: ct, k: k, d: d, weights: make([]float64, k), means: make([]float64, k*d),
		cov: make([]float64, n), pc: make([]float64, n)}
}

func (m *model) strategy() covStrategy { return strategies[m.ct] }

func (m *model) shape() (k, d int) { return m.k, m.d }

func (m *model) center() []float64 { return m.means }

// refresh recomputes off from pc and weights.
func (m *model) refresh() {
	if m.off == nil {
		m.off = make([]float64, m.k)
	}
	m.strategy().logDet(m.off, m.pc, m.k, m.d)
	half := float64(m.d) * log2Pi
	for c, w := range m.weights {
		m.off[c] = -0.5*half + m.off[c] + math.Log(w)
	}
}

// weightedLogProb sets s.wlp[c*chunkRows+i] to log w_c + log N(x_i | μ_c,
// Σ_c) for the b rows of x, leaving x_i - μ_c in s.diff unless D = 2.
func (m *model) weightedLogProb(s *scratch, x []float64, b int) {
	k, d := m.k, m.d
	st := m.strategy()
	for c := 0; c < k; c++ {
		st.logProb(s.wlp[c*chunkRows:c*chunkRows+b], m.off[c], x, m.means[c*d:c*d+d], s.diffOf(c, d), b, d, c, m.pc)
	}
}

// estimateGaussian is scikit-learn's _estimate_gaussian_parameters on the
// statistics t of a pass taken about the means ref: it sets t.nkEps to the
// component masses plus 10·eps, means to the new means and cov (the
// strategy's layout) to the covariances with reg added to the diagonal.
// means may be ref itself. BayesianGaussianMixture's M-step starts from
// the same three.
func estimateGaussian(st covStrategy, t *stats, ref []float64, reg float64, k, d int, means, cov []float64) {
	if t.nkEps == nil {
		t.nkEps, t.shift = make([]float64, k), make([]float64, k*d)
	}
	nk, shift := t.nkEps, t.shift
	for c := 0; c < k; c++ {
		nk[c] = t.nk[c] + eps10
		for j := 0; j < d; j++ {
			shift[c*d+j] = t.sumDiff[c*d+j] / nk[c]
		}
	}
	st.estimate(cov, t.s, nk, shift, k, d, reg)
	for i := range shift {
		means[i] = ref[i] + shift[i]
	}
}

// setFrom sets every parameter from the statistics t accumulated about
// ref. Weights are divided by mass when mass > 0 (initialisation: the
// number of samples, or the sum of the sample weights) and by their sum
// otherwise, as scikit-learn does.
func (m *model) setFrom(t *stats, ref []float64, mass float64, reg float64) error {
	st := m.strategy()
	if m.cov == nil {
		m.cov = make([]float64, st.paramLen(m.k, m.d))
	}
	estimateGaussian(st, t, ref, reg, m.k, m.d, m.means, m.cov)
	total := mass
	if mass == 0 {
		total = 0
		for _, v := range t.nkEps {
			total += v
		}
	}
	for c := range m.weights {
		m.weights[c] = t.nkEps[c] / total
	}
	if err := st.precisionCholesky(m.pc, m.cov, m.k, m.d); err != nil {
		return err
	}
	m.refresh()
	return nil
}

// mStep is GaussianMixture's M-step from the statistics of an E-step pass.
func (m *model) mStep(t *stats, reg float64) error { return m.setFrom(t, m.means, 0, reg) }

// lowerBound is GaussianMixture's: the mean log-likelihood of the E-step
// that preceded the M-step, weighted by the sample weights of a weighted
// fit (Σ w_i log p(x_i) / Σ w_i; t.mass is n without weights).
func (m *model) lowerBound(t *stats, n int) float64 { return t.ll / t.mass }

func (m *model) clone() emModel {
	c := *m
	c.weights = append([]float64(nil), m.weights...)
	c.means = append([]float64(nil), m.means...)
	if m.cov != nil {
		c.cov = append([]float64(nil), m.cov...)
	}
	c.pc = append([]float64(nil), m.pc...)
	c.off = append([]float64(nil), m.off...)
	return &c
}

// covariances returns the covariances in the type's layout: the estimated
// ones, or the inverted precisions of a model that has none (one started
// from PrecisionsInit).
func (m *model) covariances() []float64 {
	if m.cov != nil {
		return m.cov
	}
	st := m.strategy()
	cov := make([]float64, st.paramLen(m.k, m.d))
	st.covFromPrecision(cov, m.pc, m.k, m.d)
	return cov
}

// expandAll returns the K full D×D matrices of param (the covariances, or
// with precision the precision factors as precisions).
func (m *model) expandAll(param []float64, precision bool) []*mat.SymDense {
	out := make([]*mat.SymDense, m.k)
	for c := range out {
		out[c] = mat.NewSymDense(m.d, nil)
		m.strategy().expand(out[c], param, c, m.d, precision)
	}
	return out
}

// saved returns the saved form of m's parameters (persist.go).
func (m *model) saved() savedModel {
	return savedModel{CovarianceType: string(m.ct), NComponents: m.k, NFeatures: m.d,
		Weights: m.weights, Means: m.means, Covariances: m.covariances(), PrecisionsCholesky: m.pc}
}

// nParameters is scikit-learn's _n_parameters: covariance, mean and K-1
// weight parameters.
func (m *model) nParameters() int {
	return m.strategy().nCovParams(m.k, m.d) + m.k*m.d + m.k - 1
}

// sample is scikit-learn's sample(n) with the stream rs: the component
// counts from one multinomial draw, then each component's samples in
// turn.
func (m *model) sample(n int, rs *nprand.RandomState) (*mat.Dense, []int) {
	counts := rs.Multinomial(n, m.weights)
	d := m.d
	out := make([]float64, 0, n*d)
	labels := make([]int, 0, n)
	covs := m.expandAll(m.covariances(), false)
	st := m.strategy()
	for c, nc := range counts {
		out = st.draw(out, rs.StandardNormalN(nc*d), m.means[c*d:c*d+d], covs[c], nc, d)
		for i := 0; i < nc; i++ {
			labels = append(labels, c)
		}
	}
	return mat.NewDense(n, d, out), labels
}
