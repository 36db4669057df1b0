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

// Draw implements Figure.
func (p *Panels) Draw(c draw.Canvas) {
	rows, cols := p.dims()
	pad := p.Pad
	if pad == 0 {
		pad = vg.Inch * 0.15
	}
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
func EqualAspect(p *plot.Plot) Figure { return equalAspect{p} }

type equalAspect struct{ p *plot.Plot }

func (e equalAspect) Draw(c draw.Canvas) {
	setEqualAspect(e.p, c)
	e.p.Draw(c)
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
