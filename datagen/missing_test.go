package datagen

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestRemoveAtRandomIris: for seed 0 and 20 %, the entries numpy removes
// from Iris with X[np.random.RandomState(0).rand(150, 4) < 0.2] = np.nan:
// np.isnan(X).sum(axis=0) is [29 26 26 38] and 59 rows stay complete
// (numpy 1.24.2, printed by notebooks/python/13-missing-values.py).
func TestRemoveAtRandomIris(t *testing.T) {
	X := Iris().X
	Xm := RemoveAtRandom(X, 0.2, NewRandomState(0))
	equalInts(t, "CountNaN", CountNaN(Xm), []int{29, 26, 26, 38})
	if got := CountTrue(CompleteRows(Xm)); got != 59 {
		t.Errorf("%d complete rows, numpy 59", got)
	}
	u := NewRandomState(0).RandomSample(150, 4)
	for i := 0; i < 150; i++ {
		for j := 0; j < 4; j++ {
			v := Xm.At(i, j)
			if removed := u.At(i, j) < 0.2; removed != math.IsNaN(v) || (!removed && v != X.At(i, j)) {
				t.Fatalf("entry (%d, %d) = %v, draw %v", i, j, v, u.At(i, j))
			}
		}
	}
	if math.IsNaN(X.At(0, 0)) || CountTrue(CompleteRows(X)) != 150 {
		t.Error("RemoveAtRandom modified X")
	}
}

// TestImputeMean: SimpleImputer(strategy="mean").fit_transform on a small
// array, worked by hand: column 0's observed values 1 and 3 give 2, column
// 1's 2, 4 and 9 give 5.
func TestImputeMean(t *testing.T) {
	nan := math.NaN()
	X := mat.NewDense(3, 2, []float64{1, 2, nan, 4, 3, 9})
	got := ImputeMean(X)
	want := mat.NewDense(3, 2, []float64{1, 2, 2, 4, 3, 9})
	if !mat.Equal(got, want) {
		t.Errorf("ImputeMean\n%v\nwant\n%v", mat.Formatted(got), mat.Formatted(want))
	}
	if !math.IsNaN(X.At(1, 0)) {
		t.Error("ImputeMean modified X")
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("a column with no observed value did not panic")
		}
	}()
	ImputeMean(mat.NewDense(2, 2, []float64{1, nan, 2, nan}))
}
