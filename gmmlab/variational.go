package gmmlab

import (
	"math"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// variational is the posterior of a BayesianGaussianMixture fit as the EM
// loop iterates it (an emModel): scikit-learn's weight_concentration_,
// mean_precision_, means_, degrees_of_freedom_, covariances_ and
// precisions_cholesky_. Its means, covariances and precision factors are a
// Gaussian model's, in the covariance type's layout, so it embeds model and
// inherits the Gaussian E-step kernels: only the per-component constant
// off differs (constants), and the M-step and the lower bound are its own.
type variational struct {
	model
	pr       *priors   // the fit's priors; shared by clones, never written
	alpha    []float64 // weight_concentration_[0] (DP) or weight_concentration_ (Dirichlet), K
	beta     []float64 // weight_concentration_[1] (DP), K; nil for a Dirichlet distribution
	meanPrec []float64 // mean_precision_, K
	dof      []float64 // degrees_of_freedom_, K (Tied: one value repeated)

	xk, sk []float64 // the M-step's working memory: data means K×D, empirical covariances
}

func newVariational(ct CovarianceType, k, d int, pr *priors) *variational {
	v := &variational{model: *newModel(ct, k, d), pr: pr, alpha: make([]float64, k),
		meanPrec: make([]float64, k), dof: make([]float64, k)}
	if pr.dp {
		v.beta = make([]float64, k)
	}
	v.off = make([]float64, k)
	return v
}

// mStep is scikit-learn's _m_step: the posterior from the statistics of
// an E-step pass, taken about the current means.
func (v *variational) mStep(t *stats, reg float64) error { return v.update(t, v.means, reg) }

// update sets the posterior from statistics t accumulated about ref:
// scikit-learn's _estimate_gaussian_parameters, then _estimate_weights,
// _estimate_means and _estimate_precisions (the Wishart update and the
// precision factors), and the E-step's constants.
func (v *variational) update(t *stats, ref []float64, reg float64) error {
	k, d, pr, st := v.k, v.d, v.pr, v.strategy()
	if v.xk == nil {
		v.xk, v.sk = make([]float64, k*d), make([]float64, st.paramLen(k, d))
	}
	estimateGaussian(st, t, ref, reg, k, d, v.xk, v.sk)
	nk := t.nkEps
	if pr.dp {
		// β_c = γ₀ + Σ_{j>c} N_j, summed from the last component as numpy's
		// cumsum of the reversed masses.
		tail := 0.0
		for c := k - 1; c >= 0; c-- {
			v.alpha[c] = 1 + nk[c]
			v.beta[c] = pr.weight + tail
			tail += nk[c]
		}
	} else {
		for c := range v.alpha {
			v.alpha[c] = pr.weight + nk[c]
		}
	}
	for c := 0; c < k; c++ {
		v.meanPrec[c] = pr.meanPrec + nk[c]
		for j := 0; j < d; j++ {
			v.means[c*d+j] = (pr.meanPrec*pr.mean[j] + nk[c]*v.xk[c*d+j]) / v.meanPrec[c]
		}
	}
	st.wishart(v.cov, v.dof, pr, nk, v.xk, v.sk, v.meanPrec, k, d)
	if err := st.precisionCholesky(v.pc, v.cov, k, d); err != nil {
		return err
	}
	v.constants()
	return nil
}

// constants sets off[c], the E-step's constant of component c:
// scikit-learn's _estimate_log_weights (E[log π_c]) plus what
// _estimate_log_prob adds to the Gaussian kernel: log det L_c - D/2·log 2π
// - D/2·log ν_c + ½(E[log |Λ_c|] - D/β_c), with E[log |Λ_c|] = D·log 2 +
// Σ_j ψ((ν_c - j)/2).
func (v *variational) constants() {
	k, d := v.k, v.d
	v.strategy().logDet(v.off, v.pc, k, d)
	logW := v.logWeights()
	fd := float64(d)
	for c := 0; c < k; c++ {
		logLambda := fd * math.Ln2
		for j := 0; j < d; j++ {
			logLambda += digamma(0.5 * (v.dof[c] - float64(j)))
		}
		v.off[c] = -0.5*fd*log2Pi + v.off[c] - 0.5*fd*math.Log(v.dof[c]) + 0.5*(logLambda-fd/v.meanPrec[c]) + logW[c]
	}
}

// logWeights returns E[log π_c] under the posterior of the weights,
// scikit-learn's _estimate_log_weights: for the Dirichlet process ψ(α_c) -
// ψ(α_c+β_c) + Σ_{j<c} (ψ(β_j) - ψ(α_j+β_j)), for the Dirichlet
// distribution ψ(α_c) - ψ(Σα).
func (v *variational) logWeights() []float64 {
	out := make([]float64, v.k)
	if v.pr.dp {
		acc := 0.0
		for c := range out {
			dsum := digamma(v.alpha[c] + v.beta[c])
			out[c] = digamma(v.alpha[c]) - dsum + acc
			acc += digamma(v.beta[c]) - dsum
		}
		return out
	}
	dsum := digamma(numpy.PairwiseSum(v.alpha))
	for c, a := range v.alpha {
		out[c] = digamma(a) - dsum
	}
	return out
}

// lowerBound is scikit-learn's _compute_lower_bound: the ELBO up to
// constants, -Σ r log r (from the E-step pass t) minus the normalisers of
// the Wishart posteriors and of the weights' posterior, minus D/2·Σ log β_c.
// It is a bound for the whole data set, not a mean per sample.
func (v *variational) lowerBound(t *stats, n int) float64 {
	k, d := v.k, v.d
	fd := float64(d)
	ld := make([]float64, k)
	v.strategy().logDet(ld, v.pc, k, d)
	logWishart := 0.0
	for c := 0; c < k; c++ {
		nu := v.dof[c]
		ldc := ld[c] - 0.5*fd*math.Log(nu)
		g := 0.0
		for j := 0; j < d; j++ {
			g += gammaln(0.5 * (nu - float64(j)))
		}
		logWishart -= nu*ldc + nu*fd*0.5*math.Ln2 + g
	}
	var logNormWeight float64
	if v.pr.dp {
		for c := range v.alpha {
			logNormWeight -= betaln(v.alpha[c], v.beta[c])
		}
	} else {
		logNormWeight = gammaln(numpy.PairwiseSum(v.alpha))
		for _, a := range v.alpha {
			logNormWeight -= gammaln(a)
		}
	}
	logMeanPrec := 0.0
	for _, b := range v.meanPrec {
		logMeanPrec += math.Log(b)
	}
	return -t.rlogr - logWishart - logNormWeight - 0.5*fd*logMeanPrec
}

// pointWeights returns scikit-learn's weights_, the expected weights under
// the posterior: for the Dirichlet process α_c/(α_c+β_c)·Π_{j<c}
// β_j/(α_j+β_j), for the Dirichlet distribution α_c/Σα, normalised to sum
// to 1 as numpy does.
func (v *variational) pointWeights() []float64 {
	w := make([]float64, v.k)
	if v.pr.dp {
		prod := 1.0
		for c := range w {
			sum := v.alpha[c] + v.beta[c]
			w[c] = v.alpha[c] / sum * prod
			prod *= v.beta[c] / sum
		}
		total := numpy.PairwiseSum(w)
		for c := range w {
			w[c] /= total
		}
		return w
	}
	total := numpy.PairwiseSum(v.alpha)
	for c, a := range v.alpha {
		w[c] = a / total
	}
	return w
}

// tieRows narrows runEM's tie rule to bounds within an ulp or so: the
// ELBO is a total whose data term, Σ r log r, is small beside the
// others, and restarts that reach the same optimum stop, at Tol, at
// bounds further apart than the rounding of either (seen: 5e-10 apart,
// each within 4e-11 of scikit-learn's). scikit-learn then keeps the
// higher, so only bounds that are equal, or an ulp apart, tie.
func (v *variational) tieRows(n int) int { return 1 }

func (v *variational) clone() emModel {
	c := *v
	c.model = *v.model.clone().(*model)
	c.alpha = append([]float64(nil), v.alpha...)
	if v.beta != nil {
		c.beta = append([]float64(nil), v.beta...)
	}
	c.meanPrec = append([]float64(nil), v.meanPrec...)
	c.dof = append([]float64(nil), v.dof...)
	c.xk, c.sk = nil, nil
	return &c
}

// keepLogProb copies the weighted log probabilities of the b rows of s.wlp
// into s.pre before responsibilities overwrites them.
func (s *scratch) keepLogProb(b, k int) {
	if s.pre == nil {
		s.pre = make([]float64, len(s.wlp))
	}
	for c := 0; c < k; c++ {
		copy(s.pre[c*chunkRows:c*chunkRows+b], s.wlp[c*chunkRows:c*chunkRows+b])
	}
}

// rLogR returns Σ_i Σ_c r_ic log r_ic over the b rows whose
// responsibilities s.wlp holds, their weighted log probabilities s.pre
// and row maxima s.mx, ll being their log-likelihood responsibilities
// returned. With s_i = Σ_c exp(pre_ic - mx_i), log r_ic = pre_ic - mx_i -
// log s_i, Σ_c r_ic = 1 and Σ_i log s_i = ll - Σ_i mx_i; each row's terms
// are of the size of its entropy, so nothing large cancels. Terms with r
// = 0 add 0.
func (s *scratch) rLogR(b, k int, ll float64) float64 {
	mx := s.mx[:b]
	sum := 0.0
	for c := 0; c < k; c++ {
		pre, r := s.pre[c*chunkRows:c*chunkRows+b], s.wlp[c*chunkRows:c*chunkRows+b]
		for i, ri := range r {
			if ri != 0 {
				sum += ri * (pre[i] - mx[i])
			}
		}
	}
	mxSum := 0.0
	for _, m := range mx {
		mxSum += m
	}
	return sum - (ll - mxSum)
}
