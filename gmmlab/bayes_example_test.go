package gmmlab_test

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/gmmlab/gmmlab/gmmlab"
)

// Five components for two groups: the Dirichlet process prior switches
// the surplus three off. The printed numbers are scikit-learn's for
// BayesianGaussianMixture(n_components=5, random_state=0).fit(X).
func ExampleBayesianGaussianMixture_Fit() {
	X := twoGroups()
	m, err := gmmlab.BayesianGaussianMixture{NComponents: 5, RandomState: 0}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("weights: %.3f\n", m.Weights())
	used := map[int]int{}
	for _, l := range m.Predict(X) {
		used[l]++
	}
	fmt.Println("samples per component:", used)
	fmt.Printf("converged after %d iterations: %v, lower bound %.3f\n", m.NIter(), m.Converged(), m.LowerBound())
	alpha, beta := m.WeightConcentration()
	fmt.Printf("sticks: α %.3f\n        β %.3f\n", alpha, beta)
	fmt.Printf("mean precision %.3f\n", m.MeanPrecision())
	// Output:
	// weights: [0.502 0.497 0.001 0.000 0.000]
	// samples per component: map[0:100 1:100]
	// converged after 41 iterations: true, lower bound -370.477
	// sticks: α [101.001 100.999 1.000 1.000 1.000]
	//         β [100.199 0.200 0.200 0.200 0.200]
	// mean precision [101.001 100.999 1.000 1.000 1.000]
}

// A finite Dirichlet prior with a large concentration keeps every
// component in use, splitting the groups: scikit-learn's weights for
// weight_concentration_prior_type="dirichlet_distribution",
// weight_concentration_prior=1000.
func ExampleBayesianGaussianMixture_dirichletDistribution() {
	X := twoGroups()
	m, err := gmmlab.BayesianGaussianMixture{NComponents: 5, RandomState: 0,
		WeightConcentrationPriorType: gmmlab.DirichletDistribution, WeightConcentrationPrior: 1000}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("weights: %.3f\n", m.Weights())
	// Output:
	// weights: [0.202 0.199 0.199 0.198 0.202]
}

// A fitted model saves to JSON with its posterior and priors, and reads
// back bit for bit.
func ExampleBayesianMixture_MarshalJSON() {
	m, err := gmmlab.BayesianGaussianMixture{NComponents: 3, MaxIter: gmmlab.Zero}.Fit(twoGroups())
	if err != nil {
		log.Fatal(err)
	}
	js, err := json.Marshal(m)
	if err != nil {
		log.Fatal(err)
	}
	var back gmmlab.BayesianMixture
	if err := json.Unmarshal(js, &back); err != nil {
		log.Fatal(err)
	}
	fmt.Println(back.NComponents(), back.WeightConcentrationPriorType(), back.NIter(), back.LowerBound())
	// Output:
	// 3 dirichlet_process 0 -Inf
}
