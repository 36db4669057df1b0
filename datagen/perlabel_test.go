package datagen

import (
	"fmt"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestFirstPerLabel(t *testing.T) {
	// Row i of X is (i, 10·i), so the kept rows say which rows were taken.
	X := mat.NewDense(8, 2, []float64{0, 0, 1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60, 7, 70})
	y := []int{2, 0, 1, 0, 2, 0, 1, 3}
	tests := []struct {
		name   string
		counts []int
		rows   []int // rows of X expected, in order
	}{
		{"first of each", []int{1, 1, 1}, []int{1, 2, 0}},
		{"uneven", []int{3, 1, 2}, []int{1, 3, 5, 2, 0, 4}},
		{"more than there are (numpy's [:n])", []int{5, 0, 9}, []int{1, 3, 5, 0, 4}},
		{"label 3 only", []int{0, 0, 0, 1}, []int{7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, labels := FirstPerLabel(X, y, tt.counts)
			var rows, want []int
			r, _ := got.Dims()
			for i := range r {
				if got.At(i, 1) != 10*got.At(i, 0) {
					t.Fatalf("row %d is %v, not a row of X", i, mat.Row(nil, i, got))
				}
				rows = append(rows, int(got.At(i, 0)))
			}
			for _, i := range tt.rows {
				want = append(want, y[i])
			}
			if !slices.Equal(rows, tt.rows) || !slices.Equal(labels, want) {
				t.Errorf("rows %v labels %v, want rows %v labels %v", rows, labels, tt.rows, want)
			}
		})
	}
}

func TestFirstPerLabelDoesNotModify(t *testing.T) {
	X := mat.NewDense(3, 1, []float64{1, 2, 3})
	y := []int{1, 0, 1}
	Xf, yf := FirstPerLabel(X, y, []int{1, 1})
	Xf.Set(0, 0, 99)
	yf[0] = 7
	if X.At(1, 0) != 2 || !slices.Equal(y, []int{1, 0, 1}) {
		t.Errorf("inputs changed: X %v y %v", mat.Col(nil, 0, X), y)
	}
}

func TestFirstPerLabelPanics(t *testing.T) {
	X := mat.NewDense(2, 1, []float64{1, 2})
	for _, tt := range []struct {
		name   string
		y      []int
		counts []int
	}{
		{"short y", []int{0}, []int{1}},
		{"negative count", []int{0, 1}, []int{1, -1}},
		{"no counts", []int{0, 1}, nil},
		{"absent label", []int{0, 0}, []int{0, 5}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil || fmt.Sprint(r)[:8] != "datagen:" {
					t.Errorf("panic %v, want a datagen: message", r)
				}
			}()
			FirstPerLabel(X, tt.y, tt.counts)
		})
	}
}

// The unevenly sized blobs of scikit-learn's plot_kmeans_assumptions:
// 500, 100 and 10 points of make_blobs(n_samples=1500, random_state=170).
func ExampleFirstPerLabel() {
	X, y, err := MakeBlobs(Blobs{NSamples: 1500, RandomState: 170})
	if err != nil {
		panic(err)
	}
	Xf, yf := FirstPerLabel(X, y, []int{500, 100, 10})
	r, _ := Xf.Dims()
	fmt.Println(r, yf[499], yf[500], yf[599], yf[600])
	fmt.Printf("%.8f\n", mat.Row(nil, 0, Xf))
	// Output:
	// 610 0 1 1 2
	// [-10.84489837 -7.55352273]
}
