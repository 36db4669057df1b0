package datagen

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// arraysRef is testdata/numpy_arrays.json, made by testdata/gen_arrays.py
// with numpy 1.24.2 and scikit-learn 1.2.1.
type arraysRef struct {
	Bincount struct{ Labels, Want []int }
	Unique   struct {
		Labels, Values, Counts []int
		Str                    string
	}
	Masks struct {
		X          []float64
		Rows, Cols int
		Y          []int
		Scores     []*float64
		T          float64
		Equal1     []bool
		Less       []bool
		CountLess  int       `json:"count_less"`
		LessAsInt  []int     `json:"less_as_int"`
		XYIs1      []float64 `json:"X_y_is_1"`
	}
	IrisClassMeans []float64 `json:"iris_class_means"`
	Linspace       map[string][]float64
	Shifted        []float64
}

func loadArraysRef(t *testing.T) arraysRef {
	t.Helper()
	raw, err := os.ReadFile("testdata/numpy_arrays.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref arraysRef
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

func TestBincountAndValueCounts(t *testing.T) {
	ref := loadArraysRef(t)
	if got := Bincount(ref.Bincount.Labels); !slices.Equal(got, ref.Bincount.Want) {
		t.Errorf("Bincount = %v, np.bincount gives %v", got, ref.Bincount.Want)
	}
	if got := Bincount(nil); len(got) != 0 {
		t.Errorf("Bincount(nil) = %v, want []", got)
	}
	if got := Bincount([]int{1, 1, 3}); !slices.Equal(got, []int{0, 2, 0, 1}) {
		t.Errorf("Bincount([1 1 3]) = %v, np.bincount gives [0 2 0 1]", got)
	}
	c := ValueCounts(ref.Unique.Labels)
	if !slices.Equal(c.Values, ref.Unique.Values) || !slices.Equal(c.Counts, ref.Unique.Counts) {
		t.Errorf("ValueCounts = %v %v, np.unique gives %v %v", c.Values, c.Counts, ref.Unique.Values, ref.Unique.Counts)
	}
	if got := c.String(); got != ref.Unique.Str {
		t.Errorf("Counts.String() = %q, Python prints %q", got, ref.Unique.Str)
	}
	if got := ValueCounts(nil).String(); got != "{}" {
		t.Errorf("empty Counts prints %q, Python prints {}", got)
	}
	mustPanic(t, "Bincount of a negative label", func() { Bincount([]int{0, -1}) })
}

func TestMasksAndRows(t *testing.T) {
	m := loadArraysRef(t).Masks
	X := mat.NewDense(m.Rows, m.Cols, m.X)
	scores := make([]float64, len(m.Scores))
	for i, s := range m.Scores {
		scores[i] = math.NaN() // null in the JSON: numpy's nan
		if s != nil {
			scores[i] = *s
		}
	}
	if got := Equal(m.Y, 1); !slices.Equal(got, m.Equal1) {
		t.Errorf("Equal(y, 1) = %v, numpy's y == 1 is %v", got, m.Equal1)
	}
	less := Less(scores, m.T)
	if !slices.Equal(less, m.Less) {
		t.Errorf("Less = %v, numpy's scores < t is %v", less, m.Less)
	}
	if got := CountTrue(less); got != m.CountLess {
		t.Errorf("CountTrue = %d, np.sum gives %d", got, m.CountLess)
	}
	if got := Ints(less); !slices.Equal(got, m.LessAsInt) {
		t.Errorf("Ints = %v, astype(int) gives %v", got, m.LessAsInt)
	}
	sel := SelectRows(X, Equal(m.Y, 1))
	if !slices.Equal(sel.RawMatrix().Data, m.XYIs1) {
		t.Errorf("SelectRows(X, y == 1) = %v, X[y == 1] is %v", sel.RawMatrix().Data, m.XYIs1)
	}
	if X.At(0, 0) != m.X[0] {
		t.Error("SelectRows modified X")
	}
	mustPanic(t, "SelectRows with a short mask", func() { SelectRows(X, []bool{true}) })
	mustPanic(t, "SelectRows selecting nothing", func() { SelectRows(X, make([]bool, m.Rows)) })
	if got := Labels(3, 0, 2); !slices.Equal(got, []int{0, 0, 0, 2, 2}) {
		t.Errorf("Labels(3, 0, 2) = %v, [0]*3 + [1]*0 + [2]*2 is [0 0 0 2 2]", got)
	}
	mustPanic(t, "Labels with a negative count", func() { Labels(1, -1) })
}

// TestClassMeansIris: the class means of plot_gmm_covariances's training
// fold, bit for bit as numpy's mean(axis=0) computes them.
func TestClassMeansIris(t *testing.T) {
	want := loadArraysRef(t).IrisClassMeans
	iris := Iris()
	Xtrain, _, ytrain, _ := StratifiedKFold(iris.Y, 4)[0].Split(iris.X, iris.Y)
	got := ClassMeans(Xtrain, ytrain, 3).RawMatrix().Data
	if !slices.Equal(got, want) {
		t.Errorf("ClassMeans = %v, numpy gives %v", got, want)
	}
	mustPanic(t, "ClassMeans with an empty class", func() { ClassMeans(Xtrain, ytrain, 4) })
	mustPanic(t, "ClassMeans with a label out of range", func() { ClassMeans(Xtrain, ytrain, 2) })
}

func TestLinspaceAndShift(t *testing.T) {
	ref := loadArraysRef(t)
	for args, want := range ref.Linspace {
		var a, b float64
		var n int
		if _, err := fmt.Sscanf(args, "%g,%g,%d", &a, &b, &n); err != nil {
			t.Fatal(err)
		}
		if got := Linspace(a, b, n); !slices.Equal(got, want) {
			t.Errorf("Linspace(%s) = %v, np.linspace gives %v", args, got, want)
		}
	}
	rs := NewRandomState(0)
	rs.StandardNormal(500, 2)
	got := Shift(rs.Normal(0, 0.7, 500, 2), []float64{-4, 1}).RawMatrix().Data
	if !slices.Equal(got, ref.Shifted) {
		t.Error("Shift(rs.Normal(0, 0.7, 500, 2), [-4 1]) differs from 0.7 * np.random.randn(500, 2) + np.array([-4, 1])")
	}
	mustPanic(t, "Shift with a short vector", func() { Shift(mat.NewDense(1, 2, nil), []float64{1}) })
}

func TestBlobsMake(t *testing.T) {
	b := Blobs{NSamples: 60, ClusterStd: []float64{1.0, 2.5, 0.5}, RandomState: 170}
	ds, err := b.Make()
	if err != nil {
		t.Fatal(err)
	}
	X, y, _ := MakeBlobs(b)
	if !mat.Equal(ds.X, X) || !slices.Equal(ds.Y, y) {
		t.Error("Make differs from MakeBlobs")
	}
	if !slices.Equal(ds.FeatureNames, []string{"Feature 1", "Feature 2"}) || len(ds.TargetNames) != 3 {
		t.Errorf("names %v %v", ds.FeatureNames, ds.TargetNames)
	}
	if _, err := (Blobs{NSamples: -1}).Make(); err == nil {
		t.Error("Make of a negative NSamples gave no error")
	}
}
