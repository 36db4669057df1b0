package metrics

import "math/big"

// pairCounts is scikit-learn's pair_confusion_matrix: over all ordered pairs
// of distinct samples, tn pairs are split by both labelings, tp are joined by
// both, fp are joined by labelsPred only and fn by labelsTrue only.
func (c *contingency) pairCounts() (tn, fp, fn, tp int64) {
	var sumSquares, rowSquares, colSquares int64
	for _, e := range c.cells {
		sumSquares += int64(e.count) * int64(e.count)
	}
	for _, s := range c.rowSums {
		rowSquares += int64(s) * int64(s)
	}
	for _, s := range c.colSums {
		colSquares += int64(s) * int64(s)
	}
	n := int64(c.n)
	tp = sumSquares - n
	fp = colSquares - sumSquares
	fn = rowSquares - sumSquares
	tn = n*n - fp - fn - sumSquares
	return tn, fp, fn, tp
}

// RandScore returns the Rand index of two labelings, like
// sklearn.metrics.rand_score: the fraction of pairs of samples on which the
// labelings agree (both put the pair in one cluster, or both split it).
// It lies in [0, 1] and does not depend on the label values.
//
// As in scikit-learn, RandScore is 1 when there are fewer than two samples.
// It panics if the labelings have different lengths.
func RandScore(labelsTrue, labelsPred []int) float64 {
	tn, fp, fn, tp := newContingency(labelsTrue, labelsPred).pairCounts()
	agree, pairs := tn+tp, tn+fp+fn+tp
	if agree == pairs || pairs == 0 {
		return 1
	}
	return float64(agree) / float64(pairs)
}

// AdjustedRandScore returns the Rand index adjusted for chance (Hubert and
// Arabie's ARI), like sklearn.metrics.adjusted_rand_score:
//
//	ARI = (RI - E[RI]) / (max(RI) - E[RI])
//
// It is 1 for identical labelings up to a renaming of the labels, close to 0
// for independent random labelings, and can go down to -0.5 for especially
// discordant ones. It is symmetric in its arguments.
//
// As in scikit-learn, AdjustedRandScore is exactly 1 whenever no pair of
// samples is split by one labeling and joined by the other: identical
// partitions, both labelings a single cluster, both all singletons, or fewer
// than two samples (including empty input). The final ratio is formed from
// exact integers, so it does not overflow for large inputs.
//
// AdjustedRandScore panics if the labelings have different lengths.
func AdjustedRandScore(labelsTrue, labelsPred []int) float64 {
	tn, fp, fn, tp := newContingency(labelsTrue, labelsPred).pairCounts()
	if fn == 0 && fp == 0 {
		return 1
	}
	// scikit-learn computes 2.0 * (tp*tn - fn*fp) / ((tp+fn)*(fn+tn) + (tp+fp)*(fp+tn))
	// with Python integers, which round to float64 only at the end.
	mul := func(a, b int64) *big.Int { return new(big.Int).Mul(big.NewInt(a), big.NewInt(b)) }
	num := new(big.Int).Sub(mul(tp, tn), mul(fn, fp))
	den := new(big.Int).Add(mul(tp+fn, fn+tn), mul(tp+fp, fp+tn))
	fnum, _ := num.Float64()
	fden, _ := den.Float64()
	return 2 * fnum / fden
}
