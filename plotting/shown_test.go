package plotting

import (
	"io"
	"path/filepath"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestShown checks that Show records what it displayed: titles, axis
// labels, and the ellipses and marks drawn on each plot, panels in layout
// order; and that Save, which displays nothing, records nothing.
func TestShown(t *testing.T) {
	m := guideModel()
	X := mat.NewDense(3, 2, []float64{0, 0, 1, 1, 2, 0})
	d := Display{Dir: t.TempDir(), Log: io.Discard}
	before := len(Shown())

	p, err := Clusters{Title: "clusters", XLabel: "x", YLabel: "y"}.Plot(X, []int{0, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	p.Add(NewEllipses(m))
	marks, err := NewMarks(X, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Add(marks)
	bare, err := Clusters{}.Plot(X, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Show(EqualAspect(p)); err != nil {
		t.Fatal(err)
	}
	if err := d.Show(bare, p); err != nil {
		t.Fatal(err)
	}
	if err := d.Save(p, filepath.Join(t.TempDir(), "p.png")); err != nil {
		t.Fatal(err)
	}

	got := Shown()[before:]
	withAll := ShownPlot{Title: "clusters", XLabel: "x", YLabel: "y", Ellipses: []int{m.NComponents()}, Marks: 1}
	want := []ShownFigure{
		{Plots: []ShownPlot{withAll}},
		{Plots: []ShownPlot{{Title: bare.Title.Text, XLabel: bare.X.Label.Text, YLabel: bare.Y.Label.Text}, withAll}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Shown() = %+v,\nwant %+v", got, want)
	}
}
