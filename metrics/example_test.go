package metrics_test

import (
	"fmt"

	"github.com/gmmlab/gmmlab/metrics"
	"gonum.org/v1/gonum/mat"
)

// A mixture model found the three blobs but named them 2, 0 and 1, and put
// one sample of blob 1 with blob 2. scikit-learn 1.2.1 prints the same
// rounded values.
func Example() {
	truth := []int{0, 0, 0, 1, 1, 1, 2, 2, 2}
	found := []int{2, 2, 2, 0, 0, 1, 1, 1, 1}

	fmt.Printf("accuracy as labeled:  %.3f\n", metrics.Accuracy(truth, found))
	acc, mapping := metrics.MatchedAccuracy(truth, found)
	fmt.Printf("accuracy matched:     %.3f with cluster -> class %v\n", acc, mapping)
	fmt.Printf("adjusted Rand index:  %.3f\n", metrics.AdjustedRandScore(truth, found))
	fmt.Printf("normalized MI:        %.3f\n", metrics.NormalizedMutualInfo(truth, found))
	fmt.Printf("adjusted MI:          %.3f\n", metrics.AdjustedMutualInfo(truth, found))
	// Output:
	// accuracy as labeled:  0.111
	// accuracy matched:     0.889 with cluster -> class map[0:1 1:2 2:0]
	// adjusted Rand index:  0.643
	// normalized MI:        0.786
	// adjusted MI:          0.692
}

func ExampleAdjustedRandScore() {
	// Renaming clusters does not change the score.
	fmt.Println(metrics.AdjustedRandScore([]int{0, 0, 1, 1}, []int{1, 1, 0, 0}))
	// Splitting a class is penalized.
	fmt.Printf("%.4f\n", metrics.AdjustedRandScore([]int{0, 0, 1, 1}, []int{0, 0, 1, 2}))
	// Worse than chance is negative.
	fmt.Println(metrics.AdjustedRandScore([]int{0, 0, 1, 1}, []int{0, 1, 0, 1}))
	// Output:
	// 1
	// 0.5714
	// -0.5
}

func ExampleContingencyMatrix() {
	truth := []int{-1, -1, 5, 5, 5}
	found := []int{7, 3, 3, 3, 3}
	table, trueClasses, predClasses := metrics.ContingencyMatrix(truth, found)
	fmt.Println("rows", trueClasses, "columns", predClasses)
	fmt.Printf("%v\n", mat.Formatted(table))
	// Output:
	// rows [-1 5] columns [3 7]
	// ⎡1  1⎤
	// ⎣3  0⎦
}

func ExampleHomogeneityCompletenessVMeasure() {
	// Each cluster holds one class (homogeneous), but class 1 is split.
	h, c, v := metrics.HomogeneityCompletenessVMeasure([]int{0, 0, 1, 1}, []int{0, 0, 1, 2})
	fmt.Printf("homogeneity %.3f, completeness %.3f, V-measure %.3f\n", h, c, v)
	// Output:
	// homogeneity 1.000, completeness 0.667, V-measure 0.800
}

func ExampleHungarian() {
	// Three workers, three jobs: cost[worker][job].
	cost := [][]float64{
		{4, 1, 3},
		{2, 0, 5},
		{3, 2, 2},
	}
	fmt.Println(metrics.Hungarian(cost)) // job for each worker, total 5

	// More workers than jobs: one worker gets none (-1).
	fmt.Println(metrics.Hungarian([][]float64{{1, 9}, {2, 3}, {0, 8}}))
	// Output:
	// [1 0 2]
	// [-1 1 0]
}
