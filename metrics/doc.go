// Package metrics scores a clustering against known labels, matching the
// values of scikit-learn 1.2.1 (sklearn.metrics and
// sklearn.metrics.cluster).
//
// A mixture model numbers its components in whatever order the fit found
// them, so a perfect clustering of three blobs may call them 2, 0 and 1.
// Every score here except Accuracy ignores such renaming:
//
//	truth := []int{0, 0, 0, 1, 1, 1, 2, 2, 2}
//	found := []int{2, 2, 2, 0, 0, 1, 1, 1, 1} // one sample of blob 1 went astray
//
//	metrics.AdjustedRandScore(truth, found)    // 1 for a perfect match, about 0 by chance
//	metrics.NormalizedMutualInfo(truth, found) // in [0, 1]
//	acc, mapping := metrics.MatchedAccuracy(truth, found)
//	// acc = 8/9; mapping = map[0:1 1:2 2:0] renames found ids to true labels
//
// The functions follow scikit-learn's names:
//
//	ContingencyMatrix                sklearn.metrics.cluster.contingency_matrix
//	RandScore                        rand_score
//	AdjustedRandScore                adjusted_rand_score
//	MutualInfo                       mutual_info_score
//	NormalizedMutualInfo             normalized_mutual_info_score (average_method="arithmetic")
//	AdjustedMutualInfo               adjusted_mutual_info_score (average_method="arithmetic")
//	HomogeneityCompletenessVMeasure  homogeneity_completeness_v_measure (beta=1)
//	Accuracy                         sklearn.metrics.accuracy_score
//	ConfusionMatrix                  sklearn.metrics.confusion_matrix
//	Hungarian                        scipy.optimize.linear_sum_assignment
//
// MatchedAccuracy has no scikit-learn counterpart; it is the accuracy after
// the renaming of cluster ids that Hungarian finds on the contingency table.
//
// # Labels
//
// Labels are any int values: negative, far apart, not starting at 0. Only
// which samples share a label matters (except for Accuracy and
// ConfusionMatrix, which compare values). Every function of two labelings takes the true
// labeling first and panics if the two labelings have different lengths.
// Inputs are never modified.
//
// # Special cases
//
// Degenerate inputs get scikit-learn's values, listed in each function's
// documentation. In short: AdjustedRandScore, RandScore,
// NormalizedMutualInfo and AdjustedMutualInfo are 1 for empty input and
// when both labelings put every sample in one cluster; AdjustedRandScore and
// RandScore are also 1 when both labelings are all singletons. Accuracy and
// MatchedAccuracy are NaN for empty input. The one departure: MutualInfo of
// empty input is 0, where scikit-learn raises a ValueError.
//
// # Agreement with scikit-learn
//
// The tests compare against reference values written by
// testdata/gen_reference.py. ContingencyMatrix, ConfusionMatrix, RandScore,
// AdjustedRandScore, Accuracy and MatchedAccuracy agree bit for bit (the
// last two with scipy's tie-breaking too), and so does Hungarian with
// scipy's linear_sum_assignment. The information-theoretic scores repeat
// scikit-learn's arithmetic in the same order, numpy's pairwise summation
// included, and agree to about 1e-14 relative; where their sums cancel
// (nearly independent labelings, or the expected mutual information of
// AdjustedMutualInfo for thousands of samples) the last-bit differences
// between numpy's log, scipy's gammaln and Go's math.Log and math.Lgamma
// grow to about 1e-10 relative, 1e-13 absolute. scikit-learn's own results
// move by as much between machines with and without AVX-512, where numpy
// switches log implementations.
package metrics
