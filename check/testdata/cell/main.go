// Command cell is shaped like a GoNB notebook cell of an exercise notebook:
// package main holds the learner's functions and the check cell's code.
package main

import (
	"github.com/gmmlab/gmmlab/check"
	"github.com/gmmlab/gmmlab/gmmlab"
)

func fitThree() (*gmmlab.Mixture, error) {
	// YOUR CODE HERE
	panic(check.NotDone)
}

func countLabels(labels []int) map[int]int {
	var counts map[int]int
	for _, l := range labels {
		counts[l]++
	}
	return counts
}

func main() {
	check.Exercise(1, func(t *check.T) {
		gm, err := fitThree()
		t.NoError(err)
		t.Equal("the number of components", gm.NComponents(), 3)
	})
	check.Exercise(2, func(t *check.T) {
		t.Equal("the counts", countLabels([]int{0, 1, 1}), map[int]int{0: 1, 1: 2})
	})
}
