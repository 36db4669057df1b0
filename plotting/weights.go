package plotting

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WeightBars draws a mixture's weights as bars, one per component, each
// labelled with its percentage, as scikit-learn's plot_concentration_prior
// draws weights_ under each fit: the picture of how many components a
// Bayesian mixture keeps. Every zero field means the default its comment
// gives.
type WeightBars struct {
	// Title is the plot title. If "", "Weight of each component" is used.
	Title string
	// XLabel and YLabel name the axes. If "", "Component" and "Weight"
	// are used.
	XLabel, YLabel string
	// Color fills the bars. If nil, the example's sky blue #56B4E9 is used.
	Color color.Color
}

// Plot returns the bar chart of m's weights: bars 0.9 wide with black
// edges on a light grid, each with its percentage to one decimal above
// it, the weight axis from 0 to 1.1 as in the example. It returns an error
// if m is nil or a weight is NaN or outside [0, 1].
func (wb WeightBars) Plot(m Mixture) (*plot.Plot, error) {
	if m == nil {
		return nil, fmt.Errorf("plotting: WeightBars of a nil mixture; fit one first")
	}
	w := m.Weights()
	for k, v := range w {
		if !(v >= 0 && v <= 1) {
			return nil, fmt.Errorf("plotting: weight %d is %v; weights lie in [0, 1]", k, v)
		}
	}
	title, xl, yl := wb.Title, wb.XLabel, wb.YLabel
	if title == "" {
		title = "Weight of each component"
	}
	if xl == "" {
		xl = "Component"
	}
	if yl == "" {
		yl = "Weight"
	}
	fill := wb.Color
	if fill == nil {
		fill = color.NRGBA{R: 0x56, G: 0xb4, B: 0xe9, A: 0xff}
	}
	p := newPlot(title, xl, yl)
	grid := lightGrid()
	grid.Vertical.Color = nil
	p.Add(grid, &weightBars{weights: w, fill: fill})
	p.X.Min, p.X.Max = -0.6, float64(len(w))-0.4
	p.Y.Min, p.Y.Max = 0, 1.1
	ticks := make([]plot.Tick, len(w))
	for k := range w {
		ticks[k] = plot.Tick{Value: float64(k), Label: strconv.Itoa(k)}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	return p, nil
}

// weightBars draws the bars of WeightBars with their labels.
type weightBars struct {
	weights []float64
	fill    color.Color
}

func (b *weightBars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	edge := draw.LineStyle{Color: colorBlack, Width: vg.Points(0.8)}
	label := text.Style{Color: colorBlack, Font: font.From(sans, tickSize), XAlign: draw.XCenter, YAlign: draw.YBottom,
		Handler: plt.TextHandler}
	for k, w := range b.weights {
		x0, x1 := trX(float64(k)-0.45), trX(float64(k)+0.45)
		y0, y1 := trY(0), trY(w)
		box := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}}
		c.FillPolygon(b.fill, c.ClipPolygonXY(box))
		c.StrokeLines(edge, c.ClipLinesXY(box)...)
		c.FillText(label, vg.Point{X: trX(float64(k)), Y: trY(w+0.007) + vg.Points(1)}, fmt.Sprintf("%.1f%%", 100*w))
	}
}

// DataRange implements plot.DataRanger: the bars and the room for their
// labels.
func (b *weightBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	top := 0.0
	for _, w := range b.weights {
		top = math.Max(top, w)
	}
	return -0.6, float64(len(b.weights)) - 0.4, 0, math.Max(1.1, top+0.1)
}
