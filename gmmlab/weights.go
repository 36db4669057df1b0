package gmmlab

import (
	"cmp"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// FitWeighted is Fit with a weight per sample: w[i] ≥ 0 is how much row i
// of X counts, as R mclust's me.weighted and scikit-learn's
// KMeans(sample_weight) take them. In every sufficient statistic of EM the
// responsibilities of row i are multiplied by w[i], and the lower bound
// (LowerBound, and the change Tol is compared with) is the weighted mean
// log-likelihood Σ w_i log p(x_i) / Σ w_i. Weights are relative: scaling
// them all by one factor gives the same fit up to rounding. A row of
// weight 0 is ignored by EM (it still counts as a sample for the checks on
// the number of samples).
//
// The initialisations follow scikit-learn 1.2.1's KMeans(sample_weight):
// InitKMeans runs Lloyd with weighted centres on k-means++ seeds drawn
// without the weights (1.2.1 seeds unweighted, and centres and scales the
// tolerance unweighted too); InitKMeansPlusPlus and InitRandomFromData
// pick their seeds without the weights; every initial responsibility is
// then multiplied by its row's weight, and the initial mixing weights are
// the weighted masses over Σ w.
//
// Integer weights give the fit of X with row i repeated w[i] times, to
// rounding. Weights all 1 give Fit's result bit for bit: a chunk of rows
// whose weights are all 1 takes the unweighted path.
//
// BIC and AIC of the fitted model score the rows they are given, each
// once; BICWeighted and AICWeighted score weighted rows, as frequency
// weights: -2·Σ w_i·log p(x_i) + p·ln Σ w_i (AIC: + 2p), the criterion of
// the rows repeated w_i times.
//
// FitWeighted returns an error wrapping ErrShape if len(w) is not the
// number of rows, ErrNonFinite for NaN or Inf in w, ErrWeights for a
// negative weight or weights that sum to zero, and Fit's errors otherwise.
// It panics as Fit does. It never modifies X or w.
func (g GaussianMixture) FitWeighted(X mat.Matrix, w []float64) (*Mixture, error) {
	s, p, em, err := g.setup(X, 0)
	if err != nil {
		return nil, err
	}
	if p.mass, err = checkWeights(w, p.n); err != nil {
		return nil, err
	}
	p.w = w
	if mp, ok := em.(*missingPass); ok {
		mp.w, mp.mass = w, p.mass
	}
	return g.fitOn(s, p, em)
}

// FitWeighted is Fit with a weight per sample, as scikit-learn 1.2.1's
// KMeans.fit(X, sample_weight=w): the weights weight Lloyd's centres, the
// relocation of empty clusters and the inertia; the k-means++ seeding, the
// centring of X and the tolerance's variance stay unweighted, as in 1.2.1.
// Weights all 1 give Fit's result bit for bit. Errors are
// GaussianMixture.FitWeighted's and Fit's.
func (km KMeans) FitWeighted(X mat.Matrix, w []float64) (*KMeansModel, error) {
	tol := km.checked()
	k := cmp.Or(km.NClusters, 8)
	x, n, d, err := km.data(X, k)
	if err != nil {
		return nil, err
	}
	if _, err := checkWeights(w, n); err != nil {
		return nil, err
	}
	labels, centers, inertia, nIter := kmeansFit(x, w, n, d, k, cmp.Or(km.NInit, 1), cmp.Or(km.MaxIter, 300), tol, nprand.NewInt64(km.RandomState), 0)
	return &KMeansModel{k: k, d: d, centers: centers, labels: labels, inertia: inertia, nIter: nIter}, nil
}

// checkWeights validates the sample weights of n rows and returns their
// sum.
func checkWeights(w []float64, n int) (float64, error) {
	if len(w) != n {
		return 0, errorf(ErrShape, "gmmlab: the sample weights have %d values but X has %d rows; pass one weight per row", len(w), n)
	}
	sum := 0.0
	for i, v := range w {
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return 0, errorf(ErrNonFinite, "gmmlab: sample weight %d is %v; weights must be finite", i, v)
		case v < 0:
			return 0, errorf(ErrWeights, "gmmlab: sample weight %d is %v; weights must not be negative", i, v)
		}
		sum += v
	}
	if sum == 0 {
		return 0, errorf(ErrWeights, "gmmlab: the sample weights sum to zero; at least one row must have a positive weight")
	}
	if math.IsInf(sum, 0) {
		return 0, errorf(ErrNonFinite, "gmmlab: the sample weights sum to more than float64 holds; divide them by their largest value")
	}
	return sum, nil
}

// BICWeighted is BIC for rows with sample weights, as frequency weights:
// -2·Σ w_i·log p(x_i) + p·ln Σ w_i, the BIC of X with row i repeated w[i]
// times for integer weights. With weights all 1 it is BIC(X). Its errors
// are FitWeighted's for the weights; it panics as BIC does.
func (m *Mixture) BICWeighted(X mat.Matrix, w []float64) (float64, error) {
	ll, mass, err := m.weightedLogLikelihood(X, w)
	return -2*ll + float64(m.NParameters())*math.Log(mass), err
}

// AICWeighted is AIC for rows with sample weights, as frequency weights:
// -2·Σ w_i·log p(x_i) + 2p. Its errors are FitWeighted's for the weights;
// it panics as AIC does.
func (m *Mixture) AICWeighted(X mat.Matrix, w []float64) (float64, error) {
	ll, _, err := m.weightedLogLikelihood(X, w)
	return -2*ll + 2*float64(m.NParameters()), err
}

// weightedLogLikelihood returns Σ w_i log p(x_i) and Σ w_i.
func (m *Mixture) weightedLogLikelihood(X mat.Matrix, w []float64) (ll, mass float64, err error) {
	m.fitted()
	n, _ := X.Dims()
	if mass, err = checkWeights(w, n); err != nil {
		return math.NaN(), 0, err
	}
	for i, v := range m.ScoreSamples(X) {
		ll += w[i] * v
	}
	return ll, mass, nil
}
