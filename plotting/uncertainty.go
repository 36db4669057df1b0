package plotting

import (
	"fmt"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Uncertainty draws the data shaded by how unsure the mixture is of each
// point's component: 1 − max_k PredictProba(X)[i, k], 0 for a point surely in
// one component, up to 1 − 1/K where all K are equally likely. Unsure
// points are drawn larger and on top, so the soft boundaries between
// components stand out. Every zero field means the default its comment
// gives.
type Uncertainty struct {
	// Title is the plot title. If "", "GMM uncertainty (1 − max
	// responsibility)" is used.
	Title string
	// XLabel and YLabel name the axes. If "", "Feature i" is used.
	XLabel, YLabel string
	// Features are the two columns drawn. If both are 0, columns 0 and 1
	// are used.
	Features [2]int
}

// Plot returns the shaded scatter with a colour bar of the uncertainty. It
// returns an error if X is empty or holds NaN or Inf, and panics if X and m
// differ in number of features or a feature is out of range.
func (u Uncertainty) Plot(m Mixture, X mat.Matrix) (*WithColorBar, error) {
	if err := checkMatrix("X", X); err != nil {
		return nil, err
	}
	checkModel(m, X)
	n, d := X.Dims()
	p, fx, fy := axes(u.Title, "GMM uncertainty (1 − max responsibility)", u.XLabel, u.YLabel, u.Features, d)
	proba := m.PredictProba(X)
	unc := make([]float64, n)
	for i := range unc {
		unc[i] = 1 - mat.Max(proba.RowView(i))
	}
	// Draw the surest points first, so the unsure ones lie on top.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return unc[order[a]] < unc[order[b]] })
	top := 1 - 1/float64(max(m.NComponents(), 2))
	cmap := NewViridis()
	cmap.SetMax(top)
	s, err := plotter.NewScatter(columns(X, fx, fy, order))
	if err != nil {
		return nil, fmt.Errorf("plotting: %v", err)
	}
	s.GlyphStyleFunc = func(i int) draw.GlyphStyle {
		v := min(unc[order[i]], top)
		col, _ := cmap.At(v)
		return draw.GlyphStyle{Color: col, Radius: vg.Points(2 + 3*v/top), Shape: draw.CircleGlyph{}}
	}
	p.Add(s)
	return &WithColorBar{Plot: p, ColorMap: cmap, Label: "1 − max responsibility"}, nil
}
