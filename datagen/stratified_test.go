package datagen

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestStratifiedKFoldReference checks every case of stratified_kfold.json,
// written by testdata/gen_stratified.py from scikit-learn 1.2.1's
// StratifiedKFold: the same folds, index for index.
func TestStratifiedKFoldReference(t *testing.T) {
	data, err := os.ReadFile("testdata/stratified_kfold.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name    string `json:"name"`
		Y       []int  `json:"y"`
		NSplits int    `json:"n_splits"`
		Folds   []struct {
			Train []int `json:"train"`
			Test  []int `json:"test"`
		} `json:"folds"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		y := slices.Clone(c.Y)
		folds := StratifiedKFold(y, c.NSplits)
		if !slices.Equal(y, c.Y) {
			t.Errorf("%s: y was modified", c.Name)
		}
		if len(folds) != len(c.Folds) {
			t.Fatalf("%s: %d folds, want %d", c.Name, len(folds), len(c.Folds))
		}
		for i, f := range folds {
			if !slices.Equal(f.Train, c.Folds[i].Train) || !slices.Equal(f.Test, c.Folds[i].Test) {
				t.Errorf("%s fold %d:\n train %v\n test  %v\nwant\n train %v\n test  %v", c.Name, i, f.Train, f.Test, c.Folds[i].Train, c.Folds[i].Test)
			}
		}
	}
}

// TestFoldSplit checks that Split takes the fold's rows of X and y.
func TestFoldSplit(t *testing.T) {
	X := mat.NewDense(4, 2, []float64{0, 1, 10, 11, 20, 21, 30, 31})
	y := []int{0, 1, 0, 1}
	f := StratifiedKFold(y, 2)[1]
	Xtr, Xte, ytr, yte := f.Split(X, y)
	if !mat.Equal(Xtr, mat.NewDense(2, 2, []float64{0, 1, 10, 11})) || !mat.Equal(Xte, mat.NewDense(2, 2, []float64{20, 21, 30, 31})) {
		t.Errorf("Split X = %v, %v", mat.Formatted(Xtr), mat.Formatted(Xte))
	}
	if !slices.Equal(ytr, []int{0, 1}) || !slices.Equal(yte, []int{0, 1}) {
		t.Errorf("Split y = %v, %v", ytr, yte)
	}
	if _, _, a, b := f.Split(X, nil); a != nil || b != nil {
		t.Errorf("Split with nil y = %v, %v, want nil", a, b)
	}
}

// TestStratifiedKFoldPanics checks scikit-learn's ValueErrors as panics
// starting "datagen: ".
func TestStratifiedKFoldPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"one split":     func() { StratifiedKFold([]int{0, 1, 0, 1}, 1) },
		"too many":      func() { StratifiedKFold([]int{0, 1, 0}, 4) },
		"empty part":    func() { Fold{Train: []int{0}}.Split(mat.NewDense(1, 1, nil), nil) },
		"classes small": func() { StratifiedKFold([]int{0, 1, 2, 0, 1, 2}, 3) },
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "datagen: ") {
					t.Errorf("%s: recovered %v, want a datagen: panic", name, r)
				}
			}()
			f()
		}()
	}
}
