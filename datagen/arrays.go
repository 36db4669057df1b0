package datagen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"gonum.org/v1/gonum/mat"
)

// The one-liners of numpy that the notebooks use on labels, masks and rows,
// so that a cell reads like its Python twin: np.bincount(labels),
// X[y == 1], np.sum(scores < t), [X[y == i].mean(axis=0) for i in range(k)].

// Bincount counts how often each label 0, 1, ..., max(labels) occurs, as
// np.bincount(labels) does: Bincount([]int{1, 1, 3}) is [0 2 0 1]. It
// returns an empty slice for no labels and panics on a negative label.
func Bincount(labels []int) []int {
	counts := []int{}
	for i, l := range labels {
		if l < 0 {
			panic(fmt.Sprintf("datagen: Bincount: label %d of element %d is negative; labels must be 0, 1, ...", l, i))
		}
		for l >= len(counts) {
			counts = append(counts, 0)
		}
		counts[l]++
	}
	return counts
}

// Counts holds the distinct values of a slice in increasing order and how
// often each occurs: Python's
//
//	unique, counts = np.unique(labels, return_counts=True)
//
// Its String method prints it as dict(zip(unique, counts)) prints:
// {0: 100, 1: 100}.
type Counts struct {
	Values []int
	Counts []int
}

// ValueCounts returns the distinct labels in increasing order and how often
// each occurs, as np.unique(labels, return_counts=True) does. Unlike
// Bincount it lists only the labels that occur, and they may be negative.
func ValueCounts(labels []int) Counts {
	sorted := slices.Clone(labels)
	slices.Sort(sorted)
	var c Counts
	for i, v := range sorted {
		if i == 0 || v != sorted[i-1] {
			c.Values = append(c.Values, v)
			c.Counts = append(c.Counts, 0)
		}
		c.Counts[len(c.Counts)-1]++
	}
	return c
}

// String returns the counts as Python prints a dict of them: {0: 100, 1: 100},
// or {} when there are none.
func (c Counts) String() string {
	var b strings.Builder
	b.WriteString("{")
	for i, v := range c.Values {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d: %d", v, c.Counts[i])
	}
	b.WriteString("}")
	return b.String()
}

// Labels returns counts[0] zeros, then counts[1] ones, and so on: the true
// labels of data stacked from groups, Python's [0] * 500 + [1] * 100.
// It panics if a count is negative.
func Labels(counts ...int) []int {
	var y []int
	for l, n := range counts {
		if n < 0 {
			panic(fmt.Sprintf("datagen: Labels: count %d of label %d is negative", n, l))
		}
		for range n {
			y = append(y, l)
		}
	}
	return y
}

// Equal returns the mask of the labels equal to l, numpy's y == l.
func Equal(labels []int, l int) []bool {
	mask := make([]bool, len(labels))
	for i, v := range labels {
		mask[i] = v == l
	}
	return mask
}

// Less returns the mask of the values below t, numpy's scores < t. A NaN
// is not below anything, as in numpy.
func Less(x []float64, t float64) []bool {
	mask := make([]bool, len(x))
	for i, v := range x {
		mask[i] = v < t
	}
	return mask
}

// CountTrue returns how many elements of mask are true, numpy's
// np.sum(mask) (or np.count_nonzero): CountTrue(Less(scores, t)) counts
// the scores below t.
func CountTrue(mask []bool) int {
	n := 0
	for _, m := range mask {
		if m {
			n++
		}
	}
	return n
}

// Ints returns mask as labels, 1 for true and 0 for false, numpy's
// mask.astype(int), for the functions of package metrics that take labels.
func Ints(mask []bool) []int {
	y := make([]int, len(mask))
	for i, m := range mask {
		if m {
			y[i] = 1
		}
	}
	return y
}

// SelectRows returns the rows of X where mask is true, in order, numpy's
// X[mask]: SelectRows(X, Equal(y, 1)) is X[y == 1]. X is not modified. It
// panics if mask and X differ in length or no row is selected (gonum has
// no empty matrix).
func SelectRows(X mat.Matrix, mask []bool) *mat.Dense {
	r, _ := X.Dims()
	if len(mask) != r {
		panic(fmt.Sprintf("datagen: SelectRows: a mask of %d elements for %d rows of X; pass one element per row", len(mask), r))
	}
	var idx []int
	for i, m := range mask {
		if m {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		panic("datagen: SelectRows: the mask selects no row of X")
	}
	return takeRows(X, idx)
}

// ClassMeans returns a k×d matrix whose row i is the mean of the rows of X
// labelled i, Python's
//
//	np.array([X[y == i].mean(axis=0) for i in range(k)])
//
// the class means scikit-learn's plot_gmm_covariances example starts its
// mixtures from. Each mean adds its rows in order and divides by their
// number. It panics if y and X differ in length, a label is outside 0..k-1
// or a class has no row.
func ClassMeans(X mat.Matrix, y []int, k int) *mat.Dense {
	r, d := X.Dims()
	if len(y) != r {
		panic(fmt.Sprintf("datagen: ClassMeans: %d labels for %d rows of X; pass one label per row", len(y), r))
	}
	sums := mat.NewDense(k, d, nil)
	counts := make([]int, k)
	for i, c := range y {
		if c < 0 || c >= k {
			panic(fmt.Sprintf("datagen: ClassMeans: label %d of row %d is outside 0..%d", c, i, k-1))
		}
		for j := range d {
			sums.Set(c, j, sums.At(c, j)+X.At(i, j))
		}
		counts[c]++
	}
	for c := range k {
		if counts[c] == 0 {
			panic(fmt.Sprintf("datagen: ClassMeans: class %d has no row; a mean needs at least one", c))
		}
		for j := range d {
			sums.Set(c, j, sums.At(c, j)/float64(counts[c]))
		}
	}
	return sums
}

// Shift returns X + v, v added to every row, numpy's broadcasting
// X + np.array(v): Shift(rs.Normal(0, 0.7, 500, 2), []float64{-4, 1}) is
// 0.7 * np.random.randn(500, 2) + np.array([-4, 1]). X is not modified. It
// panics if v and the rows of X differ in length.
func Shift(X mat.Matrix, v []float64) *mat.Dense {
	r, d := X.Dims()
	if len(v) != d {
		panic(fmt.Sprintf("datagen: Shift: a vector of %d values for rows of %d", len(v), d))
	}
	out := mat.NewDense(r, d, nil)
	out.Apply(func(_, j int, x float64) float64 { return x + v[j] }, X)
	return out
}

// Linspace returns num evenly spaced values from start to stop, both
// included, with numpy's arithmetic, as np.linspace(start, stop, num).
// It panics if num is negative.
func Linspace(start, stop float64, num int) []float64 {
	if num < 0 {
		panic(fmt.Sprintf("datagen: Linspace: num is %d; it must not be negative", num))
	}
	return numpy.Linspace(start, stop, num, true)
}

// Make draws the blobs as MakeBlobs does and returns them as a Dataset, X
// the points and Y the blob each was drawn around, so that a notebook cell
// needs one line, as Python's make_blobs call:
//
//	var blobs = nb.Must(datagen.Blobs{NSamples: 1500, ClusterStd: []float64{1.0, 2.5, 0.5}, RandomState: 170}.Make())
//	var X, y = blobs.X, blobs.Y
//
// Its FeatureNames are "Feature 1", "Feature 2", ..., its TargetNames
// "Blob 0", "Blob 1", .... It returns MakeBlobs's errors.
func (b Blobs) Make() (*Dataset, error) {
	X, y, err := MakeBlobs(b)
	if err != nil {
		return nil, err
	}
	_, d := X.Dims()
	ds := &Dataset{X: X, Y: y, Description: fmt.Sprintf("make_blobs with random_state=%d", b.RandomState)}
	for j := range d {
		ds.FeatureNames = append(ds.FeatureNames, fmt.Sprintf("Feature %d", j+1))
	}
	for l := 0; len(y) > 0 && l <= slices.Max(y); l++ {
		ds.TargetNames = append(ds.TargetNames, fmt.Sprintf("Blob %d", l))
	}
	return ds, nil
}
