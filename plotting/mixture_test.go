package plotting

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/gmmlab"
)

var _ Mixture = (*gmmlab.Mixture)(nil)

// otherMixture is a fitted mixture that is not a *gmmlab.Mixture, as the
// Bayesian estimator's model will be: it has the same methods and
// overrides one.
type otherMixture struct {
	*gmmlab.Mixture
	sampled int
}

func (o *otherMixture) Sample(n int) (*mat.Dense, []int) {
	o.sampled += n
	return o.Mixture.Sample(n)
}

// TestAnyMixture: every model figure takes any Mixture and draws the same
// figure as for the *gmmlab.Mixture it wraps.
func TestAnyMixture(t *testing.T) {
	m := guideModel()
	o := &otherMixture{Mixture: m}
	X := blobs()
	if a, b := NewEllipses(o), NewEllipses(m); a.Ellipse(1, 2, 8)[3] != b.Ellipse(1, 2, 8)[3] {
		t.Error("Ellipses differ")
	}
	ga, err := Density{}.Grid(o, X)
	if err != nil {
		t.Fatal(err)
	}
	gb, _ := Density{}.Grid(m, X)
	if ga.Min() != gb.Min() || ga.Max() != gb.Max() {
		t.Error("Density grids differ")
	}
	if _, err := (Uncertainty{}).Plot(o, X); err != nil {
		t.Fatal(err)
	}
	if _, err := (Samples{N: 17}).Plot(o, X); err != nil || o.sampled != 17 {
		t.Fatalf("Samples drew %d from the wrapper (%v)", o.sampled, err)
	}
}
