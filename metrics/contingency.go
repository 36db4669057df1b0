package metrics

import (
	"fmt"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// checkLengths panics unless the two labelings have the same length.
func checkLengths(labelsTrue, labelsPred []int) {
	if len(labelsTrue) != len(labelsPred) {
		panic(fmt.Sprintf("metrics: labelsTrue has %d labels but labelsPred has %d", len(labelsTrue), len(labelsPred)))
	}
}

// uniqueInverse returns the sorted distinct values of labels and, for every
// label, the index of its value in that sorted list (numpy's
// np.unique(labels, return_inverse=True)).
func uniqueInverse(labels []int) (classes, index []int) {
	classes = slices.Clone(labels)
	slices.Sort(classes)
	classes = slices.Compact(classes)
	index = make([]int, len(labels))
	for i, l := range labels {
		index[i], _ = slices.BinarySearch(classes, l)
	}
	return classes, index
}

// cell is one non-zero entry of a contingency table.
type cell struct {
	row, col, count int
}

// contingency is a sparse contingency table: rowSums[i] samples carry the
// i-th true class, colSums[j] samples the j-th predicted cluster, and cells
// lists the non-zero counts ordered by column, then row, which is the order
// in which scipy.sparse.find hands them to scikit-learn. Keeping that order
// lets the sums below round exactly as scikit-learn's do.
type contingency struct {
	n                int
	trueClasses      []int
	predClasses      []int
	rowSums, colSums []int
	cells            []cell
}

// newContingency builds the sparse contingency table of two labelings of
// equal length. It uses O(n log n) time and O(n) memory whatever the number
// of distinct labels, so all-singleton labelings of many samples are cheap.
func newContingency(labelsTrue, labelsPred []int) *contingency {
	checkLengths(labelsTrue, labelsPred)
	c := &contingency{n: len(labelsTrue)}
	var ti, pi []int
	c.trueClasses, ti = uniqueInverse(labelsTrue)
	c.predClasses, pi = uniqueInverse(labelsPred)
	r := len(c.trueClasses)
	c.rowSums = make([]int, r)
	c.colSums = make([]int, len(c.predClasses))
	keys := make([]int, c.n)
	for s := range keys {
		c.rowSums[ti[s]]++
		c.colSums[pi[s]]++
		keys[s] = pi[s]*r + ti[s]
	}
	sort.Ints(keys)
	for s := 0; s < len(keys); {
		e := s
		for e < len(keys) && keys[e] == keys[s] {
			e++
		}
		c.cells = append(c.cells, cell{row: keys[s] % r, col: keys[s] / r, count: e - s})
		s = e
	}
	return c
}

// dense returns the table as an r×c matrix, or an empty matrix when there
// are no samples.
func (c *contingency) dense() *mat.Dense {
	if c.n == 0 {
		return &mat.Dense{}
	}
	m := mat.NewDense(len(c.trueClasses), len(c.predClasses), nil)
	for _, e := range c.cells {
		m.Set(e.row, e.col, float64(e.count))
	}
	return m
}

// ContingencyMatrix counts how the samples of each true class spread over
// the predicted clusters, like sklearn.metrics.cluster.contingency_matrix.
//
// table.At(i, j) is the number of samples with label trueClasses[i] in
// labelsTrue and label predClasses[j] in labelsPred. trueClasses and
// predClasses are the sorted distinct labels of each labeling, so the label
// values may be any integers, negative or far apart. For empty input table
// is an empty mat.Dense (table.IsEmpty() is true) and both class slices are
// empty, where scikit-learn returns a 0×0 array.
//
// ContingencyMatrix panics if the labelings have different lengths.
func ContingencyMatrix(labelsTrue, labelsPred []int) (table *mat.Dense, trueClasses, predClasses []int) {
	c := newContingency(labelsTrue, labelsPred)
	return c.dense(), c.trueClasses, c.predClasses
}

// ConfusionMatrix is the supervised counterpart of ContingencyMatrix, like
// sklearn.metrics.confusion_matrix: rows and columns are indexed by the same
// list of labels, the sorted union of both labelings, so that the diagonal
// counts the samples whose predicted label equals their true label.
//
// table.At(i, j) is the number of samples with true label labels[i] and
// predicted label labels[j]. For empty input table is an empty mat.Dense.
// Cluster ids found by an unsupervised method are arbitrary, so their
// confusion matrix is only meaningful after relabeling; see MatchedAccuracy.
//
// ConfusionMatrix panics if the labelings have different lengths.
func ConfusionMatrix(labelsTrue, labelsPred []int) (table *mat.Dense, labels []int) {
	checkLengths(labelsTrue, labelsPred)
	labels, index := uniqueInverse(slices.Concat(labelsTrue, labelsPred))
	if len(labels) == 0 {
		return &mat.Dense{}, labels
	}
	n := len(labelsTrue)
	table = mat.NewDense(len(labels), len(labels), nil)
	for s := 0; s < n; s++ {
		i, j := index[s], index[n+s]
		table.Set(i, j, table.At(i, j)+1)
	}
	return table, labels
}
