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

// Ellipses is a plot.Plotter drawing the covariance ellipses of a mixture's
// components: for each component and each scale s, the curve at s standard
// deviations (Mahalanobis distance s) from the mean, in the plane of two
// features. For more than two features it is the ellipse of the two
// features' marginal covariance (their 2×2 sub-block). It works the same for
// every covariance type, since Mixture.Covariances gives full matrices.
//
// Add it to a Clusters plot of the same model to see what the components
// cover:
//
//	p, _ := plotting.Clusters{Title: "GMM Predicted Clusters"}.Plot(X, m.Predict(X))
//	p.Add(plotting.NewEllipses(m))
//
// Change Features before adding it to a plot, since plot.Add reads the data
// range.
type Ellipses struct {
	// Features are the two feature columns drawn. If both are 0, columns 0
	// and 1 are used.
	Features [2]int
	// Scales are the distances drawn, in standard deviations; the default
	// is 1, 2, 3. The tutorial's nested ellipses are 0.5, 1, 1.5, 2.
	Scales []float64
	// Colors are the components' colours; the default is Colors(K), the
	// colours Clusters gives the labels 0..K-1.
	Colors []color.Color
	// LineStyle outlines each ellipse, over a faint white halo; a zero
	// Width draws no outline. A nil Color means the component's colour
	// darkened by a third.
	LineStyle draw.LineStyle
	// FillAlpha, if positive, fills each ellipse with its component's colour
	// at opacity FillAlpha·weight/max weight, as the Python Data Science
	// Handbook's plot_gmm does, so heavy components look denser. Nested
	// fills add up towards the centre. The default is 0.2.
	FillAlpha float64
	// Opacity says how the fill's opacity varies between components:
	// ByMaxWeight (the default) FillAlpha·weight/max weight, ByWeight
	// FillAlpha·weight for the fill and the outline alike (matplotlib's
	// patch alpha set to weights_[k], as scikit-learn's
	// plot_concentration_prior does, so components the model switched off
	// vanish), Uniform FillAlpha for every component (plot_gmm's alpha 0.5).
	Opacity Opacity
	// Components, if not nil, are the components drawn, as scikit-learn's
	// plot_gmm skips those that predict no sample; nil draws them all.
	Components []int
	// Points is the number of vertices of each ellipse; the default is 100.
	Points int

	means   *mat.Dense
	covs    []*mat.SymDense
	weights []float64
}

// Opacity is how an Ellipses' fill opacity depends on the components'
// weights.
type Opacity int

const (
	// ByMaxWeight fills each ellipse at FillAlpha·weight/max weight.
	ByMaxWeight Opacity = iota
	// ByWeight fills and outlines each ellipse at FillAlpha·weight.
	ByWeight
	// Uniform fills every ellipse at FillAlpha.
	Uniform
)

// NewEllipses returns the ellipses of every component of m at 1, 2 and 3
// standard deviations, outlined and lightly filled by weight. It panics if m
// is nil.
func NewEllipses(m Mixture) *Ellipses {
	if m == nil {
		panic("plotting: NewEllipses of a nil Mixture")
	}
	return &Ellipses{
		Scales:    []float64{1, 2, 3},
		Colors:    Colors(m.NComponents()),
		LineStyle: draw.LineStyle{Width: vg.Points(1.5)},
		FillAlpha: 0.2,
		Points:    100,
		means:     m.Means(),
		covs:      m.Covariances(),
		weights:   m.Weights(),
	}
}

// features returns the two columns drawn, and panics if one is out of range.
func (e *Ellipses) features() (fx, fy int) {
	_, d := e.means.Dims()
	return featurePair(e.Features, d)
}

func (e *Ellipses) scales() []float64 {
	if len(e.Scales) == 0 {
		return []float64{1, 2, 3}
	}
	for _, s := range e.Scales {
		if !(s > 0) || math.IsInf(s, 0) {
			panic(fmt.Sprintf("plotting: ellipse scale %v must be positive and finite", s))
		}
	}
	return e.Scales
}

// Ellipse returns the n vertices of the ellipse of component k at scale
// standard deviations, in data coordinates of the two Features. The axes come
// from the eigen-decomposition of the 2×2 covariance: semi-axes
// scale·√λ along the eigenvectors.
func (e *Ellipses) Ellipse(k int, scale float64, n int) [][2]float64 {
	fx, fy := e.features()
	c := e.covs[k]
	sub := mat.NewSymDense(2, []float64{
		c.At(fx, fx), c.At(fx, fy),
		c.At(fy, fx), c.At(fy, fy),
	})
	var eig mat.EigenSym
	if !eig.Factorize(sub, true) {
		panic("plotting: eigen-decomposition of a 2×2 covariance failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	mx, my := e.means.At(k, fx), e.means.At(k, fy)
	a := scale * math.Sqrt(math.Max(vals[0], 0))
	b := scale * math.Sqrt(math.Max(vals[1], 0))
	pts := make([][2]float64, n)
	for i := range pts {
		t := 2 * math.Pi * float64(i) / float64(n)
		u, v := a*math.Cos(t), b*math.Sin(t)
		pts[i] = [2]float64{
			mx + u*vecs.At(0, 0) + v*vecs.At(0, 1),
			my + u*vecs.At(1, 0) + v*vecs.At(1, 1),
		}
	}
	return pts
}

// Plot implements plot.Plotter: fills first, largest first, then outlines.
func (e *Ellipses) Plot(c draw.Canvas, plt *plot.Plot) {
	noteDrawn(plt, func(p *ShownPlot) { p.Ellipses = append(p.Ellipses, len(e.covs)) })
	trX, trY := plt.Transforms(&c)
	scales := e.scales()
	n := e.Points
	if n < 3 {
		n = 100
	}
	wmax := 0.0
	for _, w := range e.weights {
		wmax = math.Max(wmax, w)
	}
	k := len(e.covs)
	colors := e.Colors
	if len(colors) < k {
		colors = Colors(k)
	}
	drawn := e.drawn()
	paths := make([][][]vg.Point, k)
	for _, j := range drawn {
		for _, s := range scales {
			pts := e.Ellipse(j, s, n)
			path := make([]vg.Point, n+1)
			for i, q := range pts {
				path[i] = vg.Point{X: trX(q[0]), Y: trY(q[1])}
			}
			path[n] = path[0]
			paths[j] = append(paths[j], path)
		}
	}
	alpha := func(j int) float64 {
		switch e.Opacity {
		case ByWeight:
			return math.Min(1, e.FillAlpha*e.weights[j])
		case Uniform:
			return math.Min(1, e.FillAlpha)
		}
		return math.Min(1, e.FillAlpha*e.weights[j]/wmax)
	}
	if e.FillAlpha > 0 {
		for _, j := range drawn {
			fill := withAlpha(colors[j], alpha(j))
			for _, path := range paths[j] {
				c.FillPolygon(fill, c.ClipPolygonXY(path))
			}
		}
	}
	if e.LineStyle.Width > 0 {
		for _, j := range drawn {
			ls := e.LineStyle
			if ls.Color == nil {
				ls.Color = darken(colors[j], 0.67)
			}
			haloAlpha := 0.6
			if e.Opacity == ByWeight {
				ls.Color = withAlpha(ls.Color, alpha(j))
				haloAlpha *= alpha(j)
			}
			lines := c.ClipLinesXY(paths[j]...)
			// A faint white halo keeps the outline visible over points of
			// its own colour, as dark purple over dark purple.
			halo := draw.LineStyle{Color: withAlpha(colorWhite, haloAlpha), Width: ls.Width + vg.Points(2)}
			c.StrokeLines(halo, lines...)
			c.StrokeLines(ls, lines...)
		}
	}
}

// drawn returns the components drawn: Components, or all of them. It
// panics if one is out of range.
func (e *Ellipses) drawn() []int {
	if e.Components == nil {
		all := make([]int, len(e.covs))
		for j := range all {
			all[j] = j
		}
		return all
	}
	for _, j := range e.Components {
		if j < 0 || j >= len(e.covs) {
			panic(fmt.Sprintf("plotting: Ellipses.Components holds %d but the mixture has %d components", j, len(e.covs)))
		}
	}
	return e.Components
}

// DataRange implements plot.DataRanger: the bounding box of the largest
// ellipses drawn, s·√var on either side of each mean.
func (e *Ellipses) DataRange() (xmin, xmax, ymin, ymax float64) {
	fx, fy := e.features()
	smax := 0.0
	for _, s := range e.scales() {
		smax = math.Max(smax, s)
	}
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, k := range e.drawn() {
		c := e.covs[k]
		mx, my := e.means.At(k, fx), e.means.At(k, fy)
		dx, dy := smax*math.Sqrt(c.At(fx, fx)), smax*math.Sqrt(c.At(fy, fy))
		xmin, xmax = math.Min(xmin, mx-dx), math.Max(xmax, mx+dx)
		ymin, ymax = math.Min(ymin, my-dy), math.Max(ymax, my+dy)
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail implements plot.Thumbnailer: a small ellipse in the first
// component's style, for a legend entry such as "covariance ellipses".
func (e *Ellipses) Thumbnail(c *draw.Canvas) {
	colors := e.Colors
	if len(colors) == 0 {
		colors = Colors(1)
	}
	cx, cy := (c.Min.X+c.Max.X)/2, (c.Min.Y+c.Max.Y)/2
	rx, ry := (c.Max.X-c.Min.X)/2, (c.Max.Y-c.Min.Y)/2.5
	pts := make([]vg.Point, 41)
	for i := range pts {
		t := 2 * math.Pi * float64(i) / 40
		pts[i] = vg.Point{X: cx + rx*vg.Length(math.Cos(t)), Y: cy + ry*vg.Length(math.Sin(t))}
	}
	if e.FillAlpha > 0 {
		c.FillPolygon(withAlpha(colors[0], math.Min(1, 2*e.FillAlpha)), pts)
	}
	if e.LineStyle.Width > 0 {
		ls := e.LineStyle
		if ls.Color == nil {
			ls.Color = darken(colors[0], 0.67)
		}
		c.StrokeLines(ls, pts)
	}
}
