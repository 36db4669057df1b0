package gmmlab_test

import (
	"fmt"
	"log"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/gmmlab"
)

// Missing: gmmlab.Marginalize fits on rows with NaN entries by integrating
// the missing coordinates out, and the fitted model scores rows with holes
// on their observed coordinates. Without it, NaN is an error. The numbers
// are those of an EM with missing values written in numpy (the one of
// testdata/gen_missing.py) on the same data.
func ExampleMarginalize() {
	// The quick start's two groups, with every fifth value of the second
	// feature missing.
	X := twoGroups()
	for i := 0; i < 200; i += 5 {
		X.Set(i, 1, math.NaN())
	}
	if _, err := (gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}).Fit(X); err != nil {
		fmt.Println(err)
	}
	gm := gmmlab.GaussianMixture{NComponents: 2, RandomState: 0, Missing: gmmlab.Marginalize}
	m, err := gm.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("weights: %.3f\n", m.Weights())
	fmt.Printf("means:\n%.3f\n", mat.Formatted(m.Means()))
	// A point seen only through its first feature.
	x := mat.NewDense(2, 2, []float64{5, math.NaN(), 0, 0})
	fmt.Println("labels:", m.Predict(x))
	fmt.Printf("log-likelihoods: %.3f\n", m.ScoreSamples(x))
	// Output:
	// gmmlab: X contains NaN at row 0, column 1; drop or impute the missing values before fitting
	// weights: [0.500 0.500]
	// means:
	// ⎡ 4.854   4.940⎤
	// ⎣-0.002   0.104⎦
	// labels: [0 1]
	// log-likelihoods: [-1.591 -2.583]
}
