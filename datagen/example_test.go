package datagen_test

import (
	"fmt"
	"strings"

	"github.com/gmmlab/gmmlab/datagen"
	"gonum.org/v1/gonum/mat"
)

// The blobs of scikit-learn's GMM and k-means examples: the same points as
// make_blobs(n_samples=1500, centers=3, cluster_std=[1.0, 2.5, 0.5],
// random_state=170); Python prints X[:3] rounded to 4 decimals as below.
func ExampleMakeBlobs() {
	X, y, err := datagen.MakeBlobs(datagen.Blobs{
		NSamples:    1500,
		Centers:     3,
		ClusterStd:  []float64{1.0, 2.5, 0.5},
		RandomState: 170,
	})
	if err != nil {
		panic(err)
	}
	for i := range 3 {
		fmt.Printf("%8.4f %8.4f   %d\n", X.At(i, 0), X.At(i, 1), y[i])
	}
	// Output:
	//  -6.1112   1.4715   1
	//  -7.4967   0.9134   1
	// -10.8449  -7.5535   0
}

func ExampleMakeBlobs_error() {
	_, _, err := datagen.MakeBlobs(datagen.Blobs{Centers: 3, ClusterStd: []float64{1, 2}})
	fmt.Println(err)
	// Output:
	// datagen: Blobs.ClusterStd has 2 values but there are 3 centers; give one value for all centers or one per center
}

// np.random.seed(0); X1 = np.random.normal(0, 1, (100, 2));
// X2 = np.random.normal(5, 1, (100, 2)); X = np.vstack([X1, X2]).
func ExampleRandomState() {
	rs := datagen.NewRandomState(0)
	X := datagen.VStack(rs.Normal(0, 1, 100, 2), rs.Normal(5, 1, 100, 2))
	fmt.Printf("%.4f\n", mat.Formatted(X.Slice(0, 2, 0, 2)))
	fmt.Printf("%.4f\n", mat.Formatted(X.Slice(100, 102, 0, 2)))
	// Output:
	// ⎡1.7641  0.4002⎤
	// ⎣0.9787  2.2409⎦
	// ⎡4.6308  4.7606⎤
	// ⎣6.0997  5.6553⎦
}

// The stretched blobs of scikit-learn's k-means assumptions example.
func ExampleAnisotropic() {
	X, _, _ := datagen.MakeBlobs(datagen.Blobs{NSamples: 1500, RandomState: 170})
	Xa := datagen.Anisotropic(X, [][]float64{{0.6, -0.6}, {-0.4, 0.8}})
	fmt.Printf("%.4f\n", mat.Formatted(Xa.Slice(0, 2, 0, 2)))
	// Output:
	// ⎡-3.3756   3.6324⎤
	// ⎣-3.6188   3.7863⎦
}

func ExampleMakeMoons() {
	X, y, _ := datagen.MakeMoons(datagen.Moons{NSamples: 500, Noise: 0.05, RandomState: 170})
	r, c := X.Dims()
	fmt.Println(r, c, y[:10])
	// Output:
	// 500 2 [0 1 0 0 1 0 0 0 1 1]
}

func ExampleIris() {
	iris := datagen.Iris()
	fmt.Println(iris.X.Dims())
	fmt.Println(iris.FeatureNames)
	fmt.Println(iris.TargetNames[iris.Y[0]], iris.X.RawRowView(0))
	// Output:
	// 150 4
	// [sepal length (cm) sepal width (cm) petal length (cm) petal width (cm)]
	// setosa [5.1 3.5 1.4 0.2]
}

func ExampleOldFaithful() {
	f := datagen.OldFaithful()
	fmt.Println(f.X.Dims())
	fmt.Println(f.FeatureNames, f.X.RawRowView(0))
	// Output:
	// 272 2
	// [eruptions waiting] [3.6 79]
}

func ExampleReadCSV() {
	// ReadCSV takes a file name; ReadCSVFrom any io.Reader.
	in := strings.NewReader("id,waiting,eruptions\n1,79,3.600\n2,54,1.800\n3,,3.333\n")
	_, _, err := datagen.ReadCSVFrom(in, "eruptions", "waiting")
	fmt.Println(err)

	in = strings.NewReader("id,waiting,eruptions\n1,79,3.600\n2,54,1.800\n3,,3.333\n")
	X, names, err := datagen.CSV{Columns: []string{"eruptions", "waiting"}, DropMissing: true}.Read(in)
	fmt.Println(names, X.RawMatrix().Data, err)
	// Output:
	// datagen: CSV input: line 4, column 2 ("waiting"): missing value (empty); fill it in, or set CSV.DropMissing to leave such rows out
	// [eruptions waiting] [3.6 79 1.8 54] <nil>
}

func ExampleStandardScaler() {
	X := mat.NewDense(3, 2, []float64{1, 10, 2, 10, 3, 10})
	var sc datagen.StandardScaler
	Xs, _ := sc.FitTransform(X)
	fmt.Println(sc.Mean, sc.Scale) // the constant column keeps scale 1
	fmt.Printf("%.4f\n", mat.Formatted(Xs))
	// Output:
	// [2 10] [0.816496580927726 1]
	// ⎡-1.2247   0.0000⎤
	// ⎢ 0.0000   0.0000⎥
	// ⎣ 1.2247   0.0000⎦
}

func ExampleTrainTestSplit() {
	iris := datagen.Iris()
	Xtr, Xte, ytr, yte := datagen.TrainTestSplit(iris.X, iris.Y, 0.2, 42)
	rtr, _ := Xtr.Dims()
	rte, _ := Xte.Dims()
	fmt.Println(rtr, rte, len(ytr), yte[:10])
	// Output:
	// 120 30 120 [1 0 2 1 1 0 1 2 1 1]
}
