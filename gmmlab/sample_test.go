package gmmlab

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// testdata/sample_reference.json is what scikit-learn 1.2.1 returned for
// sample(n) after fitting the first six reference fits; gen_sample.py beside
// it made the file.
func TestSampleParity(t *testing.T) {
	b, err := os.ReadFile("testdata/sample_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name string      `json:"name"`
		N    int         `json:"n"`
		X    [][]float64 `json:"X"`
		Y    []int       `json:"y"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	fits := map[string]refFit{}
	for _, f := range loadReference(t).Fits {
		fits[f.Name] = f
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%d", c.Name, c.N), func(t *testing.T) {
			f := fits[c.Name]
			m, err := configOf(t, f.Params).Fit(denseOf(f.X))
			if err != nil {
				t.Fatal(err)
			}
			X, y := m.Sample(c.N)
			for i := range c.Y {
				if y[i] != c.Y[i] {
					t.Fatalf("label %d is %d, scikit-learn %d", i, y[i], c.Y[i])
				}
				for j := range c.X[i] {
					checkClose(t, fmt.Sprintf("X[%d][%d]", i, j), X.At(i, j), c.X[i][j])
				}
			}
			X2, _ := m.Sample(c.N)
			if !equalDense(X, X2) {
				t.Error("two Sample calls returned different draws")
			}
		})
	}
}

func equalDense(a, b interface {
	At(i, j int) float64
	Dims() (int, int)
}) bool {
	r, c := a.Dims()
	r2, c2 := b.Dims()
	if r != r2 || c != c2 {
		return false
	}
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if a.At(i, j) != b.At(i, j) {
				return false
			}
		}
	}
	return true
}
