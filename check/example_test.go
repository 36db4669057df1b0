package check_test

import (
	"github.com/gmmlab/gmmlab/check"
	"github.com/gmmlab/gmmlab/gmmlab"
)

// countLabels is a learner's answer: it counts the rows of each label.
func countLabels(labels []int) []int {
	counts := make([]int, 3)
	for _, l := range labels {
		counts[l]++
	}
	return counts
}

// A check cell calls the learner's function and compares its result; a
// failed comparison prints the difference and the hint, and the program
// goes on.
func ExampleExercise() {
	check.Exercise(4, func(t *check.T) {
		t.Equal("the counts", countLabels([]int{0, 2, 2, 1}), []int{1, 1, 2})
		t.SameClustering("the labels", []int{2, 2, 0}, []int{0, 0, 1})
	})
	check.Exercise(5, func(t *check.T) {
		t.Hint("each row of PredictProba sums to 1")
		t.Near("the total probability", 0.9, 1.0, 1e-9)
	})
	check.Exercise(6, func(t *check.T) {
		var fit func() (*gmmlab.Mixture, error) = func() (*gmmlab.Mixture, error) { panic(check.NotDone) }
		gm, err := fit()
		t.NoError(err)
		t.Equal("the number of components", gm.NComponents(), 3)
	})
	// Output:
	// ✔ Exercise 4 passed.
	// ✘ Exercise 5: the total probability is 0.9; expected 1 (± 1e-09).
	//   Hint: each row of PredictProba sums to 1
	// … Exercise 6 is not done yet.
}
