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
//
// # Names
//
// Names carry over from scikit-learn: NComponents is n_components,
// CovarianceType is covariance_type (Full, Tied, Diag, Spherical),
// InitParams is init_params, PredictProba is predict_proba, ScoreSamples is
// score_samples, and so on. A zero field of GaussianMixture or KMeans means
// scikit-learn's default, so GaussianMixture{} is GaussianMixture().
//
// # Same numbers
//
// Random draws come from package nprand, numpy's legacy RandomState
// reproduced bit for bit; the algorithm is scikit-learn 1.2.1's: k-means
// initialisation with KMeans(n_init=1) on the same random stream, 10·eps
// added to every component mass, RegCovar added after dividing by the mass,
// the lower bound taken before the M-step, strict |change| < Tol, a final
// E-step so that Predict after Fit agrees with fit_predict. Results agree
// with scikit-learn to rounding (the tests hold them to 1e-6 relative, with
// labels and iteration counts exact).
//
// # Errors and panics
//
// Following gonum, Fit returns an error for what the data decide (NaN or
// Inf in X, fewer than 2 samples, fewer samples than components, a
// covariance that is not positive definite even after RegCovar) and panics
// with a "gmmlab: ..." message for what the caller controls (negative or
// unknown settings, initial parameters of the wrong shape, X with the wrong
// number of columns in Predict). Not converging is not an error: Converged
// reports it, and Verbose prints scikit-learn's warning.
//
// # Speed
//
// One E+M pass streams over the rows in chunks, spread over all cores, and
// reduces per-block sufficient statistics in a fixed order: the same seed
// gives the same bits whatever GOMAXPROCS is. Second moments are
// accumulated about the current means, so data far from the origin fit as
// well as centred data.
//
// # Choosing a model
//
// ModelSelection fits a grid of component counts and covariance types and
// scores each by BIC, AIC and ICL; Selection.Best picks the winner.
//
// # Saving models
//
// A fitted Mixture or KMeansModel round-trips exactly through JSON
// (json.Marshal and json.Unmarshal) and, for Mixture, MarshalBinary.
package gmmlab
