package plotting

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gmmlab/gmmlab/gmmlab"
)

// Criteria draws information criteria against the number of components for
// one covariance type, as the guide's plt.plot(n_components, bic) and
// plt.plot(n_components, aic), each line's minimum ringed and named in the
// legend. Every zero field means the default its comment gives.
type Criteria struct {
	// Title is the plot title. If "", "Information criteria" is used.
	Title string
	// XLabel and YLabel name the axes. If "", "Number of components" and
	// "Score (lower is better)" are used.
	XLabel, YLabel string
	// CovarianceType chooses the row of the grid drawn. If "", the
	// selection's first covariance type is used.
	CovarianceType gmmlab.CovarianceType
	// Criteria are the lines drawn. If nil, BIC and AIC are drawn.
	Criteria []gmmlab.Criterion
}

// Plot returns the lines of the selection's scores. It returns an error if
// sel has no fitted candidate of the covariance type or a score is NaN.
// Failed fits (+Inf scores) are left out of the lines. It panics if sel is
// nil.
func (cr Criteria) Plot(sel *gmmlab.Selection) (*plot.Plot, error) {
	if sel == nil || len(sel.Candidates) == 0 {
		return nil, fmt.Errorf("plotting: the selection is empty; fit a gmmlab.ModelSelection first")
	}
	ct := cr.CovarianceType
	if ct == "" {
		ct = sel.Candidates[0].CovarianceType
	}
	crits := cr.Criteria
	if crits == nil {
		crits = []gmmlab.Criterion{gmmlab.BIC, gmmlab.AIC}
	}
	title, xl, yl := cr.Title, cr.XLabel, cr.YLabel
	if title == "" {
		title = "Information criteria"
	}
	if xl == "" {
		xl = "Number of components"
	}
	if yl == "" {
		yl = "Score (lower is better)"
	}
	p := newPlot(title, xl, yl)
	p.Add(lightGrid())
	p.X.Tick.Marker = integerTicks{}
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}}
	for i, c := range crits {
		ks, scores := sel.Scores(ct, c)
		var xys plotter.XYs
		best := -1
		for j, s := range scores {
			if math.IsNaN(s) {
				return nil, fmt.Errorf("plotting: %s of %d components is NaN", c, ks[j])
			}
			if math.IsInf(s, 0) {
				continue
			}
			xys = append(xys, plotter.XY{X: float64(ks[j]), Y: s})
			if best < 0 || s < xys[best].Y {
				best = len(xys) - 1
			}
		}
		if len(xys) == 0 {
			return nil, fmt.Errorf("plotting: the selection has no fitted %q model; check CovarianceType and the candidates' Err", ct)
		}
		col := tab10[i%len(tab10)]
		line, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("plotting: %v", err)
		}
		line.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(2)}
		pts.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(3), Shape: shapes[i%len(shapes)]}
		ring, _ := plotter.NewScatter(xys[best : best+1])
		ring.GlyphStyle = draw.GlyphStyle{Color: colorBlack, Radius: vg.Points(7), Shape: draw.RingGlyph{}}
		p.Add(line, pts, ring)
		p.Legend.Add(fmt.Sprintf("%s (min at %d)", c, int(xys[best].X)), line, pts)
	}
	p.Y.Min -= 0.04 * (p.Y.Max - p.Y.Min)
	headroom(p, len(crits))
	return p, nil
}

// SelectionBars draws scikit-learn's plot_gmm_selection bar chart: one group
// of bars per number of components, one bar per covariance type, the best
// model starred. Every zero field means the default its comment gives.
type SelectionBars struct {
	// Title is the plot title. If "", "BIC score per model" (for the
	// criterion chosen) is used.
	Title string
	// XLabel and YLabel name the axes. If "", "Number of components" and
	// the criterion's name are used.
	XLabel, YLabel string
	// Criterion is the score drawn. If "", BIC is used.
	Criterion gmmlab.Criterion
	// Colors are the colours of the covariance types in the grid's order.
	// If nil, scikit-learn's navy, turquoise, cornflowerblue and
	// darkorange are used.
	Colors []color.Color
}

// Plot returns the grouped bar chart of the selection. The value axis starts
// a little below the lowest score, as in scikit-learn's example, so the
// differences show. It returns an error if sel is empty, a score is NaN or
// every fit failed.
func (sb SelectionBars) Plot(sel *gmmlab.Selection) (*plot.Plot, error) {
	if sel == nil || len(sel.Candidates) == 0 {
		return nil, fmt.Errorf("plotting: the selection is empty; fit a gmmlab.ModelSelection first")
	}
	crit := sb.Criterion
	if crit == "" {
		crit = gmmlab.BIC
	}
	title, xl, yl := sb.Title, sb.XLabel, sb.YLabel
	if title == "" {
		title = string(crit) + " score per model"
	}
	if xl == "" {
		xl = "Number of components"
	}
	if yl == "" {
		yl = string(crit)
	}
	// Grid order: covariance types outer, component counts inner.
	var types []gmmlab.CovarianceType
	var ks []int
	seenK := map[int]bool{}
	for _, c := range sel.Candidates {
		if len(types) == 0 || types[len(types)-1] != c.CovarianceType {
			types = append(types, c.CovarianceType)
		}
		if !seenK[c.NComponents] {
			seenK[c.NComponents] = true
			ks = append(ks, c.NComponents)
		}
	}
	colors := sb.Colors
	if colors == nil {
		colors = sklearnSelectionColors
	}
	p := newPlot(title, xl, yl)
	p.Add(lightGrid())
	lo, hi := math.Inf(1), math.Inf(-1)
	best, bestType, bestK := math.Inf(1), -1, -1
	const groupWidth = 0.8 // of the distance between groups, in data units
	barW := groupWidth / float64(len(types))
	for ti, ct := range types {
		tks, scores := sel.Scores(ct, crit)
		vals := make(plotter.XYs, 0, len(scores))
		for j, s := range scores {
			if math.IsNaN(s) {
				return nil, fmt.Errorf("plotting: %s of %s with %d components is NaN", crit, ct, tks[j])
			}
			if math.IsInf(s, 0) {
				continue
			}
			ki := indexOf(ks, tks[j])
			vals = append(vals, plotter.XY{X: float64(ki) + (float64(ti)-float64(len(types)-1)/2)*barW, Y: s})
			lo, hi = math.Min(lo, s), math.Max(hi, s)
			if s < best {
				best, bestType, bestK = s, ti, ki
			}
		}
		bars := &bars{xys: vals, width: barW, color: colors[ti%len(colors)]}
		p.Add(bars)
		p.Legend.Add(string(ct), bars)
	}
	if bestType < 0 {
		return nil, fmt.Errorf("plotting: every fit of the selection failed; see the candidates' Err")
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(math.Abs(hi), 1)
	}
	p.Y.Min = lo - 0.2*span
	p.Y.Max = hi + 0.05*span
	p.X.Min, p.X.Max = -0.6, float64(len(ks))-0.4
	names := make([]plot.Tick, len(ks))
	for i, k := range ks {
		names[i] = plot.Tick{Value: float64(i), Label: strconv.Itoa(k)}
	}
	p.X.Tick.Marker = plot.ConstantTicks(names)
	star := &textMark{
		x: float64(bestK) + (float64(bestType)-float64(len(types)-1)/2)*barW,
		y: best, text: "*",
	}
	p.Add(star)
	p.Legend.Top = true
	headroom(p, len(types))
	return p, nil
}

// sklearnSelectionColors are plot_gmm_selection's colours.
var sklearnSelectionColors = []color.Color{
	color.NRGBA{R: 0x00, G: 0x00, B: 0x80, A: 0xff}, // navy
	color.NRGBA{R: 0x40, G: 0xe0, B: 0xd0, A: 0xff}, // turquoise
	color.NRGBA{R: 0x64, G: 0x95, B: 0xed, A: 0xff}, // cornflowerblue
	color.NRGBA{R: 0xff, G: 0x8c, B: 0x00, A: 0xff}, // darkorange
}

func indexOf(s []int, v int) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// bars draws vertical bars from the bottom of the plot up to each Y,
// centred on each X, width data units wide.
type bars struct {
	xys   plotter.XYs
	width float64
	color color.Color
}

func (b *bars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for _, q := range b.xys {
		x0, x1 := trX(q.X-b.width/2), trX(q.X+b.width/2)
		y0, y1 := c.Min.Y, trY(q.Y)
		c.FillPolygon(b.color, c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}))
	}
}

func (b *bars) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(b.color, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
}

// textMark writes text just above a data point, as plt.text.
type textMark struct {
	x, y float64
	text string
}

func (t *textMark) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	sty := text.Style{Color: colorBlack, Font: font.From(sans, 20), XAlign: draw.XCenter, YAlign: draw.YBottom, Handler: plt.TextHandler}
	c.FillText(sty, vg.Point{X: trX(t.x), Y: trY(t.y) - vg.Points(3)}, t.text)
}

// lightGrid returns faint grid lines, as matplotlib's style for line charts.
func lightGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 0xdd}
	g.Horizontal.Color = color.Gray{Y: 0xdd}
	g.Vertical.Width = vg.Points(0.6)
	g.Horizontal.Width = vg.Points(0.6)
	return g
}

// integerTicks marks whole numbers only, as n_components takes.
type integerTicks struct{}

func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	step := math.Max(1, math.Ceil((hi-lo)/10))
	var ts []plot.Tick
	for v := math.Ceil(lo); v <= hi; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return ts
}
