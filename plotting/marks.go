package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Marks is a plot.Plotter that draws chosen points over another figure with
// a marker of their own, as the tutorials' second
// plt.scatter(X_test[:, 0], X_test[:, 1], marker="x") call: held-out test
// points as crosses over the training data, flagged anomalies ringed over
// a density plot, new points starred over the clusters.
//
//	p, _ := plotting.Clusters{}.Plot(Xtrain, ytrain)
//	test, _ := plotting.NewMarks(Xtest, ytest) // crosses coloured by label
//	p.Add(test)
//	p.Legend.Add("test", test)
//
// Set the fields before adding the marks to a plot, since plot.Add reads the
// data range.
type Marks struct {
	// Features are the two columns drawn. If both are 0, columns 0 and 1
	// are used.
	Features [2]int
	// Marker is the symbol, as matplotlib's marker argument: "x" a cross,
	// "o" a ring, "*" a star, "s" a square, "^" a triangle, "." a dot.
	// If "", "x" is used.
	Marker string
	// Colors are the colours of the labels, label l getting Colors[l]. If
	// nil, the points are black without labels and take the colours
	// Clusters gives the same labels (darkened a little) with them.
	Colors []color.Color
	// Radius is the size of the markers. If 0, 5 points is used.
	Radius vg.Length

	x      *mat.Dense
	labels []int
}

// NewMarks returns the marks of the rows of X, coloured by labels if labels
// is not nil. It returns an error if X is empty or holds NaN or Inf, if
// labels and X differ in length, or if a label is negative. X and labels are
// copied.
func NewMarks(X mat.Matrix, labels []int) (*Marks, error) {
	if err := checkMatrix("X", X); err != nil {
		return nil, err
	}
	n, _ := X.Dims()
	if labels != nil && len(labels) != n {
		return nil, fmt.Errorf("plotting: %d labels for %d rows of X; pass one label per row", len(labels), n)
	}
	for i, l := range labels {
		if l < 0 {
			return nil, fmt.Errorf("plotting: label %d of row %d is negative; labels must be 0, 1, ...", l, i)
		}
	}
	m := &Marks{x: mat.DenseCopyOf(X)}
	if labels != nil {
		m.labels = append([]int(nil), labels...)
	}
	return m, nil
}

// glyph returns the marker's drawer. It panics on an unknown Marker.
func (m *Marks) glyph() draw.GlyphDrawer {
	switch m.Marker {
	case "", "x":
		return thickCross{}
	case "o":
		return thickRing{}
	case "*":
		return star{}
	case "s":
		return draw.SquareGlyph{}
	case "^":
		return draw.TriangleGlyph{}
	case ".":
		return draw.CircleGlyph{}
	}
	panic(fmt.Sprintf("plotting: unknown marker %q; use \"x\", \"o\", \"*\", \"s\", \"^\" or \".\"", m.Marker))
}

// colors returns the colour of each label (one colour when there are no
// labels). It panics if Colors is too short for the labels.
func (m *Marks) colors() []color.Color {
	k := 1
	for _, l := range m.labels {
		k = max(k, l+1)
	}
	if m.Colors != nil {
		if len(m.Colors) < k {
			panic(fmt.Sprintf("plotting: %d marker colours for labels up to %d", len(m.Colors), k-1))
		}
		return m.Colors
	}
	if m.labels == nil {
		return []color.Color{color.Black}
	}
	cs := Colors(k)
	for i, c := range cs {
		cs[i] = darken(c, 0.85)
	}
	return cs
}

func (m *Marks) style(c color.Color) draw.GlyphStyle {
	r := m.Radius
	if r == 0 {
		r = vg.Points(5)
	}
	return draw.GlyphStyle{Color: c, Radius: r, Shape: m.glyph()}
}

// Plot implements plot.Plotter. It panics if a feature is out of range.
func (m *Marks) Plot(c draw.Canvas, plt *plot.Plot) {
	_, d := m.x.Dims()
	fx, fy := featurePair(m.Features, d)
	trX, trY := plt.Transforms(&c)
	colors := m.colors()
	n, _ := m.x.Dims()
	for i := range n {
		l := 0
		if m.labels != nil {
			l = m.labels[i]
		}
		pt := vg.Point{X: trX(m.x.At(i, fx)), Y: trY(m.x.At(i, fy))}
		if c.Contains(pt) {
			c.DrawGlyph(m.style(colors[l]), pt)
		}
	}
}

// DataRange implements plot.DataRanger: the range of the two features.
func (m *Marks) DataRange() (xmin, xmax, ymin, ymax float64) {
	_, d := m.x.Dims()
	fx, fy := featurePair(m.Features, d)
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	n, _ := m.x.Dims()
	for i := range n {
		x, y := m.x.At(i, fx), m.x.At(i, fy)
		xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
		ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail implements plot.Thumbnailer: one marker for a legend entry such
// as "test data", in the marks' colour, or dark grey when the marks carry
// several colours (test points coloured by class), since the entry stands
// for all of them.
func (m *Marks) Thumbnail(c *draw.Canvas) {
	pt := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}
	col := m.colors()[0]
	if len(m.labels) > 0 {
		col = m.colors()[m.labels[0]]
		for _, l := range m.labels {
			if l != m.labels[0] {
				col = legendGrey
				break
			}
		}
	}
	sty := m.style(col)
	sty.Radius = min(sty.Radius, vg.Points(5)) // fit the legend's thumbnail
	c.DrawGlyph(sty, pt)
}

// legendGrey stands in a legend for marks of several colours.
var legendGrey = color.Gray{Y: 0x40}

// thickRing is an open circle with a stroke thick enough to read over dots.
type thickRing struct{}

func (thickRing) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	halo := draw.LineStyle{Color: withAlpha(colorWhite, 0.7), Width: vg.Points(3.2)}
	ls := draw.LineStyle{Color: sty.Color, Width: vg.Points(1.6)}
	ring := make([]vg.Point, 41)
	for i := range ring {
		t := 2 * math.Pi * float64(i) / 40
		ring[i] = vg.Point{X: pt.X + sty.Radius*vg.Length(math.Cos(t)), Y: pt.Y + sty.Radius*vg.Length(math.Sin(t))}
	}
	c.StrokeLines(halo, ring)
	c.StrokeLines(ls, ring)
}

// star is a filled five-pointed star with a black outline, so that it
// stands out over dots of its own colour.
type star struct{}

func (star) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	pts := make([]vg.Point, 11)
	for i := range 10 {
		r := sty.Radius * 1.3
		if i%2 == 1 {
			r *= 0.45
		}
		t := math.Pi/2 + math.Pi*float64(i)/5
		pts[i] = vg.Point{X: pt.X + r*vg.Length(math.Cos(t)), Y: pt.Y + r*vg.Length(math.Sin(t))}
	}
	pts[10] = pts[0]
	c.FillPolygon(sty.Color, pts[:10])
	c.StrokeLines(draw.LineStyle{Color: color.Black, Width: vg.Points(1.1)}, pts)
}
