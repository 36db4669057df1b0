package metrics

import "math"

// Accuracy returns the fraction of samples whose predicted label equals
// their true label, like sklearn.metrics.accuracy_score. It compares label
// values as they are, so it is the right score for a classifier but not
// for a clustering, whose cluster ids are arbitrary: use MatchedAccuracy
// there.
//
// For empty input Accuracy returns NaN, as scikit-learn does. It panics if
// the labelings have different lengths.
func Accuracy(labelsTrue, labelsPred []int) float64 {
	checkLengths(labelsTrue, labelsPred)
	if len(labelsTrue) == 0 {
		return math.NaN()
	}
	correct := 0
	for i, t := range labelsTrue {
		if t == labelsPred[i] {
			correct++
		}
	}
	return float64(correct) / float64(len(labelsTrue))
}

// MatchedAccuracy returns the accuracy of a clustering after renaming its
// cluster ids to true labels in the best possible way. It is how one says
// "the mixture found the three blobs" when the model called them 2, 0 and 1.
//
// The renaming is one-to-one: mapping[clusterID] = trueLabel. It maximizes
// the number of samples whose renamed cluster equals their true label and
// is found with Hungarian on the contingency table. When there are more
// clusters than true classes, the extra clusters are absent from mapping
// and their samples count as errors; when there are fewer, some classes get
// no cluster. Ties between equally good renamings are broken as
// scipy.optimize.linear_sum_assignment(C.T, maximize=True) breaks them, C
// being the contingency table of ContingencyMatrix.
//
// For empty input MatchedAccuracy returns NaN and an empty mapping, like
// Accuracy. It panics if the labelings have different lengths.
func MatchedAccuracy(labelsTrue, labelsPred []int) (acc float64, mapping map[int]int) {
	c := newContingency(labelsTrue, labelsPred)
	mapping = make(map[int]int)
	if c.n == 0 {
		return math.NaN(), mapping
	}
	// Rows are clusters, columns true classes; negate to maximize.
	cost := make([][]float64, len(c.predClasses))
	for k := range cost {
		cost[k] = make([]float64, len(c.trueClasses))
	}
	for _, e := range c.cells {
		cost[e.col][e.row] = -float64(e.count)
	}
	correct := 0.0
	for k, t := range Hungarian(cost) {
		if t >= 0 {
			mapping[c.predClasses[k]] = c.trueClasses[t]
			correct -= cost[k][t]
		}
	}
	return correct / float64(c.n), mapping
}
