package plotting

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Figure is anything Show and Save can draw: a *plot.Plot, a *WithColorBar,
// a *Panels grid or an EqualAspect plot.
type Figure interface {
	Draw(draw.Canvas)
}

// Panels lays several figures out in a grid in one image, as matplotlib's
// plt.subplots(rows, cols). Show(a, b) is the common 1×2 case; build a
// Panels for more rows.
type Panels struct {
	// Cols is the number of columns. If 0, all figures go in one row.
	Cols int
	// Figures are drawn row by row; a nil entry leaves its cell empty.
	Figures []Figure
	// Pad is the space between cells. If 0, 0.15 inch is used.
	Pad vg.Length
}

// Grid returns the figures laid out cols to a row, as plt.subplots(rows,
// cols) with rows = ⌈len(figs)/cols⌉. It panics if cols < 1.
func Grid(cols int, figs ...Figure) *Panels {
	if cols < 1 {
		panic("plotting: Grid needs at least one column")
	}
	return &Panels{Cols: cols, Figures: figs}
}

// dims returns the number of rows and columns.
func (p *Panels) dims() (rows, cols int) {
	cols = p.Cols
	if cols <= 0 || cols > len(p.Figures) {
		cols = max(len(p.Figures), 1)
	}
	return (len(p.Figures) + cols - 1) / cols, cols
}

// pad returns the space between cells.
func (p *Panels) pad() vg.Length {
	if p.Pad == 0 {
		return vg.Inch * 0.15
	}
	return p.Pad
}

// Draw implements Figure.
func (p *Panels) Draw(c draw.Canvas) {
	rows, cols := p.dims()
	pad := p.pad()
	t := draw.Tiles{Rows: rows, Cols: cols, PadX: pad, PadY: pad}
	c.SetColor(colorWhite)
	c.Fill(c.Rectangle.Path())
	for i, f := range p.Figures {
		if f != nil {
			f.Draw(t.At(c, i%cols, i/cols))
		}
	}
}

// EqualAspect returns p as a Figure drawn with equal units on both axes, as
// matplotlib's ax.axis('equal'): the axis with fewer units per inch is
// widened, so circles look round and covariance ellipses keep their true
// shape and angle. The plot's ranges are changed when it is drawn.
//
// Show and Save (at Display's default width) make the image as wide as the
// data's shape needs at the default height, within 3.5 to 9 inches per
// panel, rather than fill a fixed width with empty data area; in a grid
// every cell takes the widest panel's width.
func EqualAspect(p *plot.Plot) Figure { return equalAspect{p} }

type equalAspect struct{ p *plot.Plot }

func (e equalAspect) Draw(c draw.Canvas) {
	setEqualAspect(e.p, c)
	e.p.Draw(c)
}

// widthFor returns the width of a canvas h tall on which the plot's data
// area has the data's shape, so that drawing it equal-aspect widens
// neither axis, but at least as wide as the title and with room in the data
// area for the legend; 0 if the ranges are empty.
func (e equalAspect) widthFor(h vg.Length) vg.Length {
	p := e.p
	dx, dy := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
	if !(dx > 0 && dy > 0) || math.IsInf(dx, 0) || math.IsInf(dy, 0) {
		return 0
	}
	const trial = 6 * vg.Inch
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: trial, Y: h}}}
	dc := p.DataCanvas(c)
	w, hd := dc.Max.X-dc.Min.X, dc.Max.Y-dc.Min.Y
	if w <= 0 || hd <= 0 {
		return 0
	}
	need := hd * vg.Length(dx/dy)
	need = max(need, p.Legend.Rectangle(dc).Size().X+vg.Inch/4)
	width := trial - w + need
	if p.Title.Text != "" {
		width = max(width, p.Title.TextStyle.Rectangle(p.Title.Text).Size().X+vg.Inch/4)
	}
	return width
}

// widthFitter is a figure that knows the width it needs at a given height.
type widthFitter interface {
	widthFor(h vg.Length) vg.Length
}

// setEqualAspect widens one axis of p so that a data unit has the same length
// on both axes when p is drawn on c. Tick labels change with the range and
// can move the data area a little, so it refines twice.
func setEqualAspect(p *plot.Plot, c draw.Canvas) {
	for range 3 {
		dc := p.DataCanvas(c)
		w, h := float64(dc.Max.X-dc.Min.X), float64(dc.Max.Y-dc.Min.Y)
		dx, dy := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
		if w <= 0 || h <= 0 || dx <= 0 || dy <= 0 {
			return
		}
		ux, uy := dx/w, dy/h // data units per point
		if math.Abs(ux-uy) <= 1e-9*math.Max(ux, uy) {
			return
		}
		if ux > uy {
			grow := (ux*h - dy) / 2
			p.Y.Min, p.Y.Max = p.Y.Min-grow, p.Y.Max+grow
		} else {
			grow := (uy*w - dx) / 2
			p.X.Min, p.X.Max = p.X.Min-grow, p.X.Max+grow
		}
	}
}
