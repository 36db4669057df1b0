package plotting

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestMarks checks the data range, the default colours and that every
// marker draws over a plot without panicking.
func TestMarks(t *testing.T) {
	X := mat.NewDense(3, 3, []float64{
		1, 10, -5,
		2, 20, 5,
		-3, 30, 0,
	})
	mk, err := NewMarks(X, []int{0, 2, 1})
	if err != nil {
		t.Fatal(err)
	}
	if x0, x1, y0, y1 := mk.DataRange(); x0 != -3 || x1 != 2 || y0 != 10 || y1 != 30 {
		t.Errorf("DataRange = %v %v %v %v, want -3 2 10 30", x0, x1, y0, y1)
	}
	mk.Features = [2]int{2, 0}
	if x0, x1, y0, y1 := mk.DataRange(); x0 != -5 || x1 != 5 || y0 != -3 || y1 != 2 {
		t.Errorf("DataRange of features 2, 0 = %v %v %v %v, want -5 5 -3 2", x0, x1, y0, y1)
	}
	if cs := mk.colors(); len(cs) != 3 || cs[0] != darken(Colors(3)[0], 0.85) {
		t.Errorf("label colours = %v, want Colors(3) darkened", cs)
	}
	X.Set(0, 0, math.NaN()) // NewMarks copied X
	if x0, _, _, _ := mk.DataRange(); x0 != -5 {
		t.Errorf("marks changed with their input matrix")
	}
	plain, err := NewMarks(mat.NewDense(2, 2, []float64{0, 0, 1, 1}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cs := plain.colors(); len(cs) != 1 || cs[0] != color.Black {
		t.Errorf("unlabelled colours = %v, want black", cs)
	}
	for _, marker := range []string{"", "x", "o", "*", "s", "^", "."} {
		p, err := Clusters{}.Plot(blobs(), nil)
		if err != nil {
			t.Fatal(err)
		}
		plain.Marker = marker
		p.Add(plain)
		p.Legend.Add("marks", plain)
		img := vgimg.New(vg.Inch*3, vg.Inch*2)
		p.Draw(draw.New(img))
	}
}

// TestMarksErrors checks that bad input gives errors and misuse panics,
// both starting "plotting: ".
func TestMarksErrors(t *testing.T) {
	good := mat.NewDense(2, 2, []float64{0, 0, 1, 1})
	for name, f := range map[string]func() error{
		"NaN":            func() error { _, err := NewMarks(mat.NewDense(1, 2, []float64{math.NaN(), 0}), nil); return err },
		"label count":    func() error { _, err := NewMarks(good, []int{0}); return err },
		"negative label": func() error { _, err := NewMarks(good, []int{0, -1}); return err },
	} {
		if err := f(); err == nil || !strings.HasPrefix(err.Error(), "plotting: ") {
			t.Errorf("%s: error %v, want a plotting: error", name, err)
		}
	}
	for name, f := range map[string]func(){
		"marker":  func() { m, _ := NewMarks(good, nil); m.Marker = "?"; m.glyph() },
		"feature": func() { m, _ := NewMarks(good, nil); m.Features = [2]int{0, 2}; m.DataRange() },
		"colours": func() { m, _ := NewMarks(good, []int{0, 1}); m.Colors = []color.Color{color.Black}; m.colors() },
	} {
		wantPlottingPanic(t, name, f)
	}
}
