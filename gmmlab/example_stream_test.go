package gmmlab_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
	"github.com/gmmlab/gmmlab/gmmlab"
	"github.com/gmmlab/gmmlab/nprand"
)

// Sample weights say how much each row counts: here every row of the
// second group counts three times, so its component gets three quarters of
// the weight. Integer weights fit as the rows repeated would.
func ExampleGaussianMixture_FitWeighted() {
	X := twoGroups() // 100 rows around (0, 0), then 100 around (5, 5)
	w := make([]float64, 200)
	for i := range w {
		w[i] = 1
		if i >= 100 {
			w[i] = 3
		}
	}
	m, err := gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}.FitWeighted(X, w)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("weights %.3f\n", m.Weights())
	fmt.Printf("means\n%.3f\n", mat.Formatted(m.Means()))
	fmt.Println("rows seen:", m.RowsSeen())
	// Output:
	// weights [0.750 0.250]
	// means
	// ⎡ 4.857   4.887⎤
	// ⎣-0.001   0.143⎦
	// rows seen: 400
}

// KMeans takes sample weights as scikit-learn's KMeans.fit(X,
// sample_weight=w) does.
func ExampleKMeans_FitWeighted() {
	X := mat.NewDense(4, 1, []float64{0, 1, 10, 11})
	m, err := gmmlab.KMeans{NClusters: 2}.FitWeighted(X, []float64{1, 3, 1, 1})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.2f\n", mat.Formatted(m.Centers().T()))
	// Output:
	// [ 0.75  10.50]
}

// A fit over a file too large for memory reads it chunk by chunk, once per
// iteration, and gives the fit in memory bit for bit.
func ExampleGaussianMixture_FitSource() {
	dir, err := os.MkdirTemp("", "gmmlab")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "x.npy")
	X := twoGroups()
	if err := datagen.WriteNPY(path, X); err != nil { // np.save("x.npy", X)
		log.Fatal(err)
	}

	src, err := datagen.OpenNPY(path) // or datagen.OpenCSV(path, columns...)
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	gm := gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}
	m, err := gm.FitSource(src)
	if err != nil {
		log.Fatal(err)
	}
	inMemory, _ := gm.Fit(X)
	fmt.Printf("means\n%.3f\n", mat.Formatted(m.Means()))
	fmt.Println("the same bits as Fit:", m.LowerBound() == inMemory.LowerBound() && mat.Equal(m.Means(), inMemory.Means()))
	// Output:
	// means
	// ⎡ 4.857   4.887⎤
	// ⎣-0.001   0.143⎦
	// the same bits as Fit: true
}

// PartialFit updates a model with data that arrive over time, one batch at
// a time; each call returns a new model and leaves the old one as it was.
func ExampleMixture_PartialFit() {
	rs := nprand.New(0)
	batch := func() *mat.Dense { // 100 rows: half around (0, 0), half around (5, 5)
		x := rs.StandardNormalN(200)
		for i := 100; i < 200; i++ {
			x[i] += 5
		}
		return mat.NewDense(100, 2, x)
	}
	m, err := gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}.Fit(batch())
	if err != nil {
		log.Fatal(err)
	}
	first := m
	for t := 0; t < 50; t++ {
		if m, err = m.PartialFit(batch()); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("rows seen:", first.RowsSeen(), "then", m.RowsSeen())
	fmt.Printf("weights %.2f\n", m.Weights())
	fmt.Printf("means\n%.2f\n", mat.Formatted(m.Means()))
	// Output:
	// rows seen: 100 then 5100
	// weights [0.50 0.50]
	// means
	// ⎡ 0.03  -0.05⎤
	// ⎣ 4.96   5.02⎦
}
