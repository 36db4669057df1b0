package metrics

import (
	"math"
	"slices"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// entropy is scikit-learn's entropy of a labeling given its class counts,
// in nats. Like scikit-learn it returns 1 for no samples.
func entropy(counts []int) float64 {
	if len(counts) == 0 {
		return 1
	}
	if len(counts) == 1 {
		return 0
	}
	var total float64
	for _, c := range counts {
		total += float64(c)
	}
	logTotal := math.Log(total)
	terms := make([]float64, len(counts))
	for i, c := range counts {
		p := float64(c)
		terms[i] = float64(p/total) * (math.Log(p) - logTotal)
	}
	return -numpy.PairwiseSum(terms)
}

// mutualInfo is scikit-learn's mutual_info_score computed from a contingency
// table, term by term in the same order.
func (c *contingency) mutualInfo() float64 {
	if len(c.rowSums) <= 1 || len(c.colSums) <= 1 {
		// A labeling with one cluster has zero entropy, so MI = 0. No
		// samples at all also lands here (scikit-learn raises instead).
		return 0
	}
	n := float64(c.n)
	logN := math.Log(n)
	terms := make([]float64, len(c.cells))
	for k, e := range c.cells {
		nij := float64(e.count)
		p := nij / n
		outer := float64(int64(c.rowSums[e.row]) * int64(c.colSums[e.col]))
		logOuter := -math.Log(outer) + logN + logN
		t := float64(p*(math.Log(nij)-logN)) + float64(p*logOuter)
		if math.Abs(t) < numpy.Eps {
			t = 0
		}
		terms[k] = t
	}
	return math.Max(numpy.PairwiseSum(terms), 0)
}

// MutualInfo returns the mutual information between two labelings in nats,
// like sklearn.metrics.mutual_info_score:
//
//	MI(U, V) = Σ_ij (n_ij/N) log(N n_ij / (|U_i| |V_j|))
//
// where n_ij is the contingency table (see ContingencyMatrix). It is 0 when
// either labeling is a single cluster and is not bounded above; see
// NormalizedMutualInfo and AdjustedMutualInfo for scores in [0, 1].
//
// For empty input MutualInfo returns 0, where scikit-learn raises a
// ValueError. It panics if the labelings have different lengths.
func MutualInfo(labelsTrue, labelsPred []int) float64 {
	return newContingency(labelsTrue, labelsPred).mutualInfo()
}

// bothTrivial reports scikit-learn's "perfect match" special case of the
// normalized scores: both labelings are one cluster, or there are no samples.
func (c *contingency) bothTrivial() bool {
	r, k := len(c.rowSums), len(c.colSums)
	return r == k && r <= 1
}

// NormalizedMutualInfo returns the mutual information divided by the
// arithmetic mean of the two entropies, like
// sklearn.metrics.normalized_mutual_info_score with its default
// average_method="arithmetic":
//
//	NMI(U, V) = MI(U, V) / ((H(U) + H(V)) / 2)
//
// It lies in [0, 1], is 1 for identical labelings up to a renaming of the
// labels and is symmetric. It is not adjusted for chance: random labelings
// with many clusters score above 0 (see AdjustedMutualInfo). It equals the
// V-measure of HomogeneityCompletenessVMeasure.
//
// As in scikit-learn, NormalizedMutualInfo is 1 when both labelings are a
// single cluster and for empty input, and 0 whenever the mutual information
// is 0. It panics if the labelings have different lengths.
func NormalizedMutualInfo(labelsTrue, labelsPred []int) float64 {
	c := newContingency(labelsTrue, labelsPred)
	if c.bothTrivial() {
		return 1
	}
	mi := c.mutualInfo()
	if mi == 0 {
		return 0
	}
	return mi / ((entropy(c.rowSums) + entropy(c.colSums)) / 2)
}

// AdjustedMutualInfo returns the mutual information adjusted for chance,
// like sklearn.metrics.adjusted_mutual_info_score with its default
// average_method="arithmetic":
//
//	AMI(U, V) = (MI - E[MI]) / ((H(U) + H(V)) / 2 - E[MI])
//
// where E[MI] is the expected mutual information of two random labelings
// with the same cluster sizes (Vinh, Epps and Bailey, JMLR 2010). It is 1
// for identical labelings up to a renaming, about 0 on average for
// independent ones, and can be negative. It costs more than the other
// scores: O(R·C·min(N, max cluster size)) for R classes and C clusters.
//
// As in scikit-learn, AdjustedMutualInfo is 1 when both labelings are a
// single cluster and for empty input. When the denominator is smaller than
// machine epsilon in magnitude it is replaced by ±epsilon, keeping its sign,
// so a labeling compared with itself can give 0 instead of 1 when its
// expected mutual information equals its entropy (for example two samples,
// each in its own cluster in both labelings). AdjustedMutualInfo panics if
// the labelings have different lengths.
func AdjustedMutualInfo(labelsTrue, labelsPred []int) float64 {
	c := newContingency(labelsTrue, labelsPred)
	if c.bothTrivial() {
		return 1
	}
	mi := c.mutualInfo()
	emi := c.expectedMutualInfo()
	den := (entropy(c.rowSums)+entropy(c.colSums))/2 - emi
	if den < 0 {
		den = math.Min(den, -numpy.Eps)
	} else {
		den = math.Max(den, numpy.Eps)
	}
	return (mi - emi) / den
}

// expectedMutualInfo is a port of scikit-learn's
// _expected_mutual_info_fast.expected_mutual_information: the mean of the
// mutual information under the hypergeometric model of randomness, summed
// over every possible n_ij in log space to avoid overflowing factorials.
func (c *contingency) expectedMutualInfo() float64 {
	a, b := c.rowSums, c.colSums
	if len(a) == 1 || len(b) == 1 {
		return 0
	}
	n := float64(c.n)
	maxCount := max(slices.Max(a), slices.Max(b))
	logN := math.Log(n)
	lgN := lgamma(n + 1)
	// Index nij runs from 1; index 0 is unused, as in scikit-learn.
	term1 := make([]float64, maxCount+1)
	logNnij := make([]float64, maxCount+1)
	lgNij := make([]float64, maxCount+1)
	for k := range term1 {
		nij := float64(max(k, 1))
		term1[k] = nij / n
		logNnij[k] = logN + math.Log(nij)
		lgNij[k] = lgamma(nij + 1)
	}
	logA, lgA, lgNA := logGammaTables(a, n)
	logB, lgB, lgNB := logGammaTables(b, n)
	var emi float64
	for i, ai := range a {
		for j, bj := range b {
			start := max(ai-c.n+bj, 1)
			end := min(ai, bj) + 1
			for nij := start; nij < end; nij++ {
				term2 := logNnij[nij] - logA[i] - logB[j]
				gln := lgA[i] + lgB[j] + lgNA[i] + lgNB[j] - lgN - lgNij[nij] -
					lgamma(float64(ai-nij+1)) - lgamma(float64(bj-nij+1)) -
					lgamma(n-float64(ai)-float64(bj)+float64(nij)+1)
				term3 := math.Exp(gln)
				emi += float64(float64(term1[nij]*term2) * term3)
			}
		}
	}
	return emi
}

// logGammaTables returns log(s), lgamma(s+1) and lgamma(n-s+1) for each
// cluster size s.
func logGammaTables(sizes []int, n float64) (logS, lgS, lgNS []float64) {
	logS = make([]float64, len(sizes))
	lgS = make([]float64, len(sizes))
	lgNS = make([]float64, len(sizes))
	for i, s := range sizes {
		f := float64(s)
		logS[i] = math.Log(f)
		lgS[i] = lgamma(f + 1)
		lgNS[i] = lgamma(n - f + 1)
	}
	return logS, lgS, lgNS
}

// lgamma is log|Γ(x)|.
func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// HomogeneityCompletenessVMeasure returns three entropy-based scores at
// once, like sklearn.metrics.homogeneity_completeness_v_measure with
// beta = 1:
//
//   - homogeneity = MI / H(true): 1 when every cluster holds samples of a
//     single class;
//   - completeness = MI / H(pred): 1 when every class sits in a single
//     cluster;
//   - vMeasure, their harmonic mean, which equals NormalizedMutualInfo.
//
// All three lie in [0, 1]. As in scikit-learn, homogeneity is 1 when
// labelsTrue is a single class, completeness is 1 when labelsPred is a
// single cluster, and all three are 1 for empty input. It panics if the
// labelings have different lengths.
func HomogeneityCompletenessVMeasure(labelsTrue, labelsPred []int) (homogeneity, completeness, vMeasure float64) {
	c := newContingency(labelsTrue, labelsPred)
	if c.n == 0 {
		return 1, 1, 1
	}
	hTrue, hPred := entropy(c.rowSums), entropy(c.colSums)
	mi := c.mutualInfo()
	homogeneity, completeness = 1, 1
	if hTrue != 0 {
		homogeneity = mi / hTrue
	}
	if hPred != 0 {
		completeness = mi / hPred
	}
	if homogeneity+completeness == 0 {
		return homogeneity, completeness, 0
	}
	return homogeneity, completeness, 2 * homogeneity * completeness / (homogeneity + completeness)
}
