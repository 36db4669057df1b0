package gmmlab

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// StepDecay is the exponent κ of PartialFit's step size γ = (b/(N+b))^κ for
// a batch of b rows after N rows seen. It lies in (0.5, 1]: 1 makes the
// statistics the plain running average over every row seen (incremental
// EM), smaller values forget old batches faster, which lets the model
// follow drifting data and leave a poor start sooner. 0.6 is the choice of
// Cappé & Moulines (2009) in their experiments.
const StepDecay = 0.6

// PartialFit returns a new model: m updated with one more batch of rows,
// by stochastic (online) EM, Cappé & Moulines, "On-line
// expectation-maximization algorithm for latent data models" (J. R. Stat.
// Soc. B 71, 2009), with mini-batches as the stepwise EM of Liang & Klein,
// "Online EM for unsupervised models" (NAACL 2009). m is left unchanged.
//
// The model stands for its normalised sufficient statistics: the mixing
// weights π_c, π_c·μ_c and π_c·(Σ_c + μ_c μ_cᵀ) less RegCovar (the
// statistics its last M-step was made from). The batch's E-step under m
// gives its own, each row counting 1/b; they are blended,
//
//	s ← (1 - γ)·s + γ·s_batch,   γ = (b / (N + b))^κ,
//
// with N the rows m has seen (its fit's rows, or the sum of its sample
// weights, plus every batch since) and κ = StepDecay, and the M-step of
// GaussianMixture turns s into the new parameters, RegCovar added again.
// The steps γ_t ≈ t^-κ with κ in (0.5, 1] satisfy Robbins–Monro's
// conditions (Σγ = ∞, Σγ² < ∞), under which the updates converge to a
// stationary point of the likelihood of the stream's distribution: on
// batches of one distribution, the full-batch fit's neighbourhood.
//
// The new model has seen N + b rows; its LowerBound is the mean
// log-likelihood of the batch under m (a running measure of fit, not a
// bound); NIter, Converged and RandomState are m's. A model read back from
// a saved file of format version 1 or 2, which did not record the rows it
// had seen nor its RegCovar, counts as having seen b rows at its first
// update, with RegCovar 1e-6.
//
// PartialFit returns an error wrapping ErrTooFewSamples for an empty
// batch, ErrNonFinite for NaN or Inf in it (for a model fit with Missing:
// Marginalize, NaN is a missing value, integrated out as Fit does, and a
// row with no observed value the error) and ErrIllDefined if a
// covariance stops being positive definite. It panics with ErrShape if the
// batch has not the model's number of features, and with ErrSetting for
// the model of a BayesianGaussianMixture (whose posterior is not updated
// this way). It never modifies batch.
func (m *Mixture) PartialFit(batch mat.Matrix) (*Mixture, error) {
	p := m.fitted()
	if m.e != nil {
		panicf(ErrSetting, "gmmlab: PartialFit updates the model of a GaussianMixture; a BayesianGaussianMixture's posterior cannot be updated by a batch")
	}
	x, b, d := rowsOf(batch)
	if b == 0 {
		return nil, errorf(ErrTooFewSamples, "gmmlab: PartialFit got an empty batch; pass at least one row")
	}
	checkFeatures(d, p.d)
	k, st := p.k, p.strategy()
	pass, err := m.batchPass(x, b, d, k, st)
	if err != nil {
		return nil, err
	}
	reg, seen := m.regCovar, m.rowsSeen
	if seen == 0 { // a model saved before format version 3
		reg, seen = 1e-6, float64(b)
	}
	t, _ := pass.eStepPass(p)
	gamma := math.Pow(float64(b)/(seen+float64(b)), StepDecay)
	old := make([]float64, st.statLen(k, d))
	st.momentsOf(old, p.covariances(), p.weights, k, d, reg)
	u := newStats(st, k, d)
	per := gamma / float64(b)
	for c, w := range p.weights {
		u.nk[c] = (1-gamma)*w + per*t.nk[c]
	}
	for i, v := range t.sumDiff {
		u.sumDiff[i] = per * v
	}
	for i, v := range t.s {
		u.s[i] = (1-gamma)*old[i] + per*v
	}
	q := p.clone().(*model)
	if err := q.setFrom(u, q.means, 0, reg); err != nil {
		return nil, err
	}
	return &Mixture{p: q, converged: m.converged, nIter: m.nIter, lowerBound: t.ll / float64(b), seed: m.seed,
		warning: m.warning, rowsSeen: seen + float64(b), regCovar: reg, missing: m.missing}, nil
}

// RowsSeen returns the rows the model has learnt from: its fit's number of
// rows (or the sum of its sample weights), plus the rows of every
// PartialFit since; 0 for a model read from a file of format version 1 or
// 2, which did not record it.
func (m *Mixture) RowsSeen() float64 {
	m.fitted()
	return m.rowsSeen
}

func (fullCov) momentsOf(s, cov, w []float64, k, d int, reg float64) {
	for c := 0; c < k; c++ {
		lowerMomentsOf(s[c*d*d:(c+1)*d*d], cov[c*d*d:], w[c], d, reg)
	}
}

func (tiedCov) momentsOf(s, cov, w []float64, k, d int, reg float64) {
	total := 0.0
	for _, v := range w {
		total += v
	}
	lowerMomentsOf(s, cov, total, d, reg)
}

// lowerMomentsOf sets the lower triangle of the d×d s to w·(cov - reg·I).
func lowerMomentsOf(s, cov []float64, w float64, d int, reg float64) {
	for i := 0; i < d; i++ {
		for j := 0; j <= i; j++ {
			v := cov[i*d+j]
			if i == j {
				v -= reg
			}
			s[i*d+j] = w * v
		}
	}
}

func (diagCov) momentsOf(s, cov, w []float64, k, d int, reg float64) {
	for c := 0; c < k; c++ {
		for j := 0; j < d; j++ {
			s[c*d+j] = w[c] * (cov[c*d+j] - reg)
		}
	}
}

func (sphericalCov) momentsOf(s, cov, w []float64, k, d int, reg float64) {
	for c := 0; c < k; c++ {
		for j := 0; j < d; j++ {
			s[c*d+j] = w[c] * (cov[c] - reg)
		}
	}
}
