package datagen_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
)

// Python's print(np.array(...)), character for character.
func ExampleArrayString() {
	fmt.Println(datagen.ArrayString([]float64{0.49999967468, 0.50000032532}))
	fmt.Println(datagen.ArrayString(mat.NewDense(2, 3, []float64{0.853, 0, 0.147, 5.9e-61, 1, 2e-9})))
	fmt.Println(datagen.ArrayString([]int{1, -20, 300}))
	// Output:
	// [0.49999967 0.50000033]
	// [[8.53e-01 0.00e+00 1.47e-01]
	//  [5.90e-61 1.00e+00 2.00e-09]]
	// [  1 -20 300]
}

// unique, counts = np.unique(labels, return_counts=True)
// print("Group counts:", dict(zip(unique, counts)))
// print(np.bincount(labels))
func ExampleValueCounts() {
	labels := []int{1, 1, 0, 1, 3}
	fmt.Println("Group counts:", datagen.ValueCounts(labels))
	fmt.Println(datagen.Bincount(labels))
	// Output:
	// Group counts: {0: 1, 1: 3, 3: 1}
	// [1 3 0 1]
}

// X[y == 1], np.sum(scores < -1), (scores < -1).astype(int)
func ExampleSelectRows() {
	X := mat.NewDense(4, 2, []float64{1, 2, 3, 4, 5, 6, 7, 8})
	y := []int{0, 1, 0, 1}
	fmt.Println(mat.Formatted(datagen.SelectRows(X, datagen.Equal(y, 1))))
	scores := []float64{-0.5, -3, -1.2, 0.1}
	fmt.Println(datagen.CountTrue(datagen.Less(scores, -1)), datagen.Ints(datagen.Less(scores, -1)))
	// Output:
	// ⎡3  4⎤
	// ⎣7  8⎦
	// 2 [0 1 1 0]
}

// np.array([X[y == i].mean(axis=0) for i in range(2)])
func ExampleClassMeans() {
	X := mat.NewDense(4, 2, []float64{1, 2, 3, 4, 5, 6, 7, 8})
	fmt.Println(mat.Formatted(datagen.ClassMeans(X, []int{0, 1, 0, 1}, 2)))
	// Output:
	// ⎡3  4⎤
	// ⎣5  6⎦
}

// X, y = make_blobs(n_samples=1500, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170)
func ExampleBlobs_Make() {
	blobs, err := datagen.Blobs{NSamples: 1500, Centers: 3, ClusterStd: []float64{1.0, 2.5, 0.5}, RandomState: 170}.Make()
	if err != nil {
		fmt.Println(err)
		return
	}
	X, y := blobs.X, blobs.Y
	fmt.Printf("%.4f %v\n", mat.Row(nil, 0, X), y[:5])
	fmt.Println(datagen.Linspace(0.5, 2, 5))
	// Output:
	// [-6.1112 1.4715] [1 1 0 1 1]
	// [0.5 0.875 1.25 1.625 2]
}
