package datagen

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestMultivariateNormal: numpy's draws in testdata/multivariate_normal.json
// (testdata/gen_multivariate_normal.py), to 1e-12 relative: the diagonal
// blobs of plot_concentration_prior from one stream, a full 3×3 covariance,
// a singular one and a diagonal one with its larger variance second (the
// SVD reorders the axes).
func TestMultivariateNormal(t *testing.T) {
	b, err := os.ReadFile("testdata/multivariate_normal.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases []struct {
			Seed      int64
			Continues bool
			Mean      []float64
			Cov       [][]float64
			N         int
			X         [][]float64
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	var rs *RandomState
	for i, c := range ref.Cases {
		if !c.Continues {
			rs = NewRandomState(c.Seed)
		}
		d := len(c.Mean)
		cov := mat.NewSymDense(d, nil)
		for p := 0; p < d; p++ {
			for q := p; q < d; q++ {
				cov.SetSym(p, q, c.Cov[p][q])
			}
		}
		X := rs.MultivariateNormal(c.Mean, cov, c.N)
		for r, row := range c.X {
			for j, want := range row {
				if got := X.At(r, j); math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Errorf("case %d: X[%d][%d] = %.17g, numpy %.17g", i, r, j, got, want)
				}
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a 3-value mean with a 2×2 cov did not panic")
		}
	}()
	NewRandomState(1).MultivariateNormal([]float64{0, 0, 0}, mat.NewSymDense(2, nil), 3)
}
