package gmmlab_test

import (
	"errors"
	"fmt"
	"log"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/gmmlab"
	"github.com/gmmlab/gmmlab/nprand"
)

// twoGroups is the quick-start data: np.random.seed(0), then
// normal(0, 1, (100, 2)) and normal(5, 1, (100, 2)) stacked.
func twoGroups() *mat.Dense {
	rs := nprand.New(0)
	x := append(rs.NormalN(0, 1, 200), rs.NormalN(5, 1, 200)...)
	return mat.NewDense(200, 2, x)
}

// The quick start of the Python tutorial: two groups, two components. The
// printed numbers are scikit-learn's for the same code.
func ExampleGaussianMixture_Fit() {
	X := twoGroups()
	m, err := gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	labels := m.Predict(X)
	counts := make([]int, 2)
	for _, l := range labels {
		counts[l]++
	}
	fmt.Println("group sizes:", counts)
	fmt.Println("first five:", labels[:5])
	fmt.Printf("weights: %.3f\n", m.Weights())
	fmt.Printf("means:\n%.3f\n", mat.Formatted(m.Means()))
	fmt.Printf("converged after %d iterations: %v\n", m.NIter(), m.Converged())
	// Output:
	// group sizes: [100 100]
	// first five: [1 1 1 1 1]
	// weights: [0.500 0.500]
	// means:
	// ⎡ 4.857   4.887⎤
	// ⎣-0.001   0.143⎦
	// converged after 2 iterations: true
}

// PredictProba gives the soft assignment of each sample, as predict_proba.
func ExampleMixture_PredictProba() {
	X := twoGroups()
	m, err := gmmlab.GaussianMixture{NComponents: 2, CovarianceType: gmmlab.Diag, RandomState: 0}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	p := m.PredictProba(mat.NewDense(2, 2, []float64{0, 0, 2.5, 2.5}))
	fmt.Printf("%.4f\n", mat.Formatted(p))
	// Output:
	// ⎡0.0000  1.0000⎤
	// ⎣0.3779  0.6221⎦
}

// Sample draws new data from the fitted model, grouped by component.
func ExampleMixture_Sample() {
	m, err := gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}.Fit(twoGroups())
	if err != nil {
		log.Fatal(err)
	}
	X, comp := m.Sample(4)
	fmt.Printf("%.3f\n", mat.Formatted(X))
	fmt.Println(comp)
	// Output:
	// ⎡ 4.965   6.455⎤
	// ⎢ 7.392   4.723⎥
	// ⎢ 1.904   1.171⎥
	// ⎣-1.344   0.545⎦
	// [0 0 1 1]
}

// ModelSelection fits a grid and picks the model with the lowest BIC.
func ExampleModelSelection() {
	sel, err := gmmlab.ModelSelection{NComponents: []int{1, 2, 3, 4}}.Fit(twoGroups())
	if err != nil {
		log.Fatal(err)
	}
	best := sel.Best(gmmlab.BIC)
	fmt.Println("best:", best.NComponents, best.CovarianceType)
	// Output:
	// best: 2 spherical
}

// KMeans clusters with k-means++ seeding and Lloyd's iterations.
func ExampleKMeans() {
	km, err := gmmlab.KMeans{NClusters: 2, RandomState: 0}.Fit(twoGroups())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(km.Labels()[:5], km.NIter())
	fmt.Printf("%.3f\n", mat.Formatted(km.Centers()))
	// Output:
	// [1 1 1 1 1] 2
	// ⎡ 4.857   4.887⎤
	// ⎣-0.001   0.143⎦
}

// Zero asks for the values a zero field cannot: scikit-learn's max_iter=0
// (the initialisation itself), tol=0 (every iteration runs) and
// reg_covar=0. scikit-learn prints the same numbers for the same settings.
func ExampleGaussianMixture_Fit_zero() {
	X := twoGroups()
	ini, err := gmmlab.GaussianMixture{NComponents: 2, MaxIter: gmmlab.Zero, RandomState: 0}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("max_iter=0:", ini.NIter(), ini.LowerBound(), ini.Converged())
	fmt.Printf("%.3f\n", mat.Formatted(ini.Means()))
	all, err := gmmlab.GaussianMixture{NComponents: 2, Tol: gmmlab.Zero, MaxIter: 5, RandomState: 0}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("tol=0:", all.NIter(), all.Converged())
	// Output:
	// max_iter=0: 0 -Inf false
	// ⎡ 4.857   4.887⎤
	// ⎣-0.001   0.143⎦
	// tol=0: 5 false
}

// A fit that stops at MaxIter is still a model: Fit returns it without an
// error (so nb.Must(gm.Fit(X)) keeps working), and Warning reports
// scikit-learn's ConvergenceWarning.
func ExampleMixture_Warning() {
	m, err := gmmlab.GaussianMixture{NComponents: 2, MaxIter: 1, RandomState: 0}.Fit(twoGroups())
	if err != nil {
		log.Fatal(err)
	}
	if w := m.Warning(); errors.Is(w, gmmlab.ErrNotConverged) {
		fmt.Println(w)
	}
	// Output:
	// gmmlab: EM did not converge: after MaxIter = 1 iterations the lower bound still changed by Tol = 0.001 or more; try other InitParams, increase MaxIter or Tol, or check for degenerate data
}

// Errors wrap sentinels that errors.Is tells apart, as gonum's mat.ErrShape.
func ExampleErrNonFinite() {
	X := mat.NewDense(3, 1, []float64{1, math.NaN(), 3})
	_, err := gmmlab.GaussianMixture{}.Fit(X)
	fmt.Println(errors.Is(err, gmmlab.ErrNonFinite))
	fmt.Println(err)
	// Output:
	// true
	// gmmlab: X contains NaN at row 1, column 0; drop or impute the missing values before fitting
}

// A BIC sweep written fit by fit, as a learner writes it. The k-means
// initialisation of each component count is computed for the first
// covariance type and reused for the other three (same data, same
// RandomState): the numbers are those of fits from scratch, scikit-learn's
// for the same loop. ForgetInits drops the remembered initialisations, as
// a benchmark does before each repeat.
func ExampleForgetInits() {
	X := twoGroups()
	best, bestK, bestType := math.Inf(1), 0, gmmlab.CovarianceType("")
	for _, ct := range []gmmlab.CovarianceType{gmmlab.Full, gmmlab.Tied, gmmlab.Diag, gmmlab.Spherical} {
		for k := 1; k <= 4; k++ {
			m, err := gmmlab.GaussianMixture{NComponents: k, CovarianceType: ct, RandomState: 0}.Fit(X)
			if err != nil {
				log.Fatal(err)
			}
			if bic := m.BIC(X); bic < best {
				best, bestK, bestType = bic, k, ct
			}
		}
	}
	fmt.Printf("lowest BIC: %d %s components, BIC = %.3f\n", bestK, bestType, best)
	gmmlab.ForgetInits()
	// Output:
	// lowest BIC: 2 spherical components, BIC = 1433.564
}
