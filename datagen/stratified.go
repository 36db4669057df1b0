package datagen

import (
	"fmt"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// Fold is one train/test split of a cross-validation: the row indices of
// the training and of the test part, each in increasing order.
type Fold struct {
	Train, Test []int
}

// StratifiedKFold returns the nSplits folds of scikit-learn 1.2.1's
//
//	for train_index, test_index in StratifiedKFold(n_splits=nSplits).split(X, y):
//
// (shuffle=False, its default), index for index. Every row is in the test
// part of exactly one fold, and each class is spread over the folds as
// evenly as its count allows, in row order: the first rows of a class go
// to fold 0's test part, the next to fold 1's, and so on. Nothing is random,
// so the first fold of scikit-learn's plot_gmm_covariances example is
//
//	fold := datagen.StratifiedKFold(iris.Y, 4)[0]
//	Xtrain, Xtest, ytrain, ytest := fold.Split(iris.X, iris.Y)
//
// As in scikit-learn, the labels may be any ints; classes are counted in
// the order they first appear in y. y is not modified.
//
// StratifiedKFold panics if nSplits < 2, if nSplits exceeds len(y), or if
// every class has fewer than nSplits rows (scikit-learn's ValueErrors).
func StratifiedKFold(y []int, nSplits int) []Fold {
	if nSplits < 2 {
		panic(fmt.Sprintf("datagen: StratifiedKFold: nSplits is %d; cross-validation needs at least 2 folds", nSplits))
	}
	if nSplits > len(y) {
		panic(fmt.Sprintf("datagen: StratifiedKFold: nSplits is %d but there are only %d samples; lower nSplits", nSplits, len(y)))
	}
	// Encode the classes in order of first appearance, as scikit-learn does.
	code := map[int]int{}
	enc := make([]int, len(y))
	var counts []int
	for i, l := range y {
		c, ok := code[l]
		if !ok {
			c = len(counts)
			code[l] = c
			counts = append(counts, 0)
		}
		enc[i] = c
		counts[c]++
	}
	enough := false
	for _, n := range counts {
		enough = enough || n >= nSplits
	}
	if !enough {
		panic(fmt.Sprintf("datagen: StratifiedKFold: nSplits is %d but every class has fewer samples; lower nSplits", nSplits))
	}
	// allocation[f][c]: how many rows of class c fold f tests, dealt round
	// robin over the sorted codes (y_order[f::n_splits] in scikit-learn).
	order := append([]int(nil), enc...)
	sort.Ints(order)
	allocation := make([][]int, nSplits)
	for f := range allocation {
		allocation[f] = make([]int, len(counts))
		for i := f; i < len(order); i += nSplits {
			allocation[f][order[i]]++
		}
	}
	// The rows of each class, in order, fill fold 0's share, then fold 1's...
	testFold := make([]int, len(y))
	next := make([]int, len(counts)) // fold each class is filling
	used := make([]int, len(counts)) // rows given to that fold so far
	for i, c := range enc {
		for used[c] == allocation[next[c]][c] {
			next[c]++
			used[c] = 0
		}
		testFold[i] = next[c]
		used[c]++
	}
	folds := make([]Fold, nSplits)
	for i, f := range testFold {
		for g := range folds {
			if g == f {
				folds[g].Test = append(folds[g].Test, i)
			} else {
				folds[g].Train = append(folds[g].Train, i)
			}
		}
	}
	return folds
}

// Split returns the rows of X and y in the fold's train and test parts,
// as X[train_index], X[test_index], y[train_index], y[test_index] do in
// Python. y may be nil; then ytrain and ytest are nil. It panics if a part
// is empty (every fold of StratifiedKFold has both) or an index is out of
// range for X or y. X and y are not modified.
func (f Fold) Split(X mat.Matrix, y []int) (Xtrain, Xtest *mat.Dense, ytrain, ytest []int) {
	if len(f.Train) == 0 || len(f.Test) == 0 {
		panic(fmt.Sprintf("datagen: Fold.Split: the fold has %d train and %d test rows; both parts need rows", len(f.Train), len(f.Test)))
	}
	return takeRows(X, f.Train), takeRows(X, f.Test), takeInts(y, f.Train), takeInts(y, f.Test)
}
