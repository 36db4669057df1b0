package plotting

import "gonum.org/v1/gonum/mat"

// Mixture is a fitted mixture model as the figures draw it: its weights,
// means and covariances (Ellipses), its log-likelihood (Density), its
// posterior probabilities (Uncertainty) and its samples (Samples).
// *gmmlab.Mixture satisfies it, and so does any other fitted mixture with
// the same methods (the Bayesian one), so every figure works for both
// estimators. The methods are gmmlab.Mixture's, documented there.
type Mixture interface {
	NComponents() int
	NFeatures() int
	Weights() []float64
	Means() *mat.Dense
	Covariances() []*mat.SymDense
	PredictProba(X mat.Matrix) *mat.Dense
	ScoreSamples(X mat.Matrix) []float64
	Sample(n int) (*mat.Dense, []int)
}
