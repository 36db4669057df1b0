package plotting

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// Density draws a mixture's negative log-likelihood over a grid of two
// features as contour lines, and optionally a heat map, with a colour bar, as
// scikit-learn's plot_gmm_pdf example does with
// plt.contour(X, Y, -score_samples, norm=LogNorm()). Contour levels are evenly
// spaced in log(1 + NLL − min NLL), which is LogNorm's spacing but also works
// where the density exceeds 1 and the NLL is negative. Every zero field means
// the default its comment gives.
type Density struct {
	// Title is the plot title. If "", "Negative log-likelihood predicted by
	// a GMM" is used.
	Title string
	// XLabel and YLabel name the axes. If "", "Feature i" is used.
	XLabel, YLabel string
	// Features are the two columns drawn. If both are 0, columns 0 and 1
	// are used. For a model of more than two features the density drawn is
	// the two features' marginal.
	Features [2]int
	// Resolution is the number of grid points along each axis. If 0, 100.
	Resolution int
	// Levels is the number of contour lines. If 0, 10 are drawn.
	Levels int
	// HeatMap fills the plane with the colour of the NLL under the contours.
	HeatMap bool
	// NoPoints leaves out the data points drawn over the contours.
	NoPoints bool
	// Margin widens the grid beyond the data's range on each side, as a
	// fraction of the range. If 0, 0.1 is used.
	Margin float64
}

// DensityGrid is the negative log-likelihood of a mixture on a regular grid
// of two features. It implements plotter.GridXYZ, so it can feed
// plotter.NewContour or plotter.NewHeatMap directly.
type DensityGrid struct {
	xs, ys []float64
	nll    []float64 // row-major: nll[r*len(xs)+c] is at (xs[c], ys[r])
}

// Dims implements plotter.GridXYZ.
func (g *DensityGrid) Dims() (c, r int) { return len(g.xs), len(g.ys) }

// X implements plotter.GridXYZ.
func (g *DensityGrid) X(c int) float64 { return g.xs[c] }

// Y implements plotter.GridXYZ.
func (g *DensityGrid) Y(r int) float64 { return g.ys[r] }

// Z implements plotter.GridXYZ: -log p(x, y).
func (g *DensityGrid) Z(c, r int) float64 { return g.nll[r*len(g.xs)+c] }

// Min returns the smallest NLL on the grid, near the densest point.
func (g *DensityGrid) Min() float64 {
	m := math.Inf(1)
	for _, v := range g.nll {
		m = math.Min(m, v)
	}
	return m
}

// Max returns the largest NLL on the grid.
func (g *DensityGrid) Max() float64 {
	m := math.Inf(-1)
	for _, v := range g.nll {
		m = math.Max(m, v)
	}
	return m
}

// Grid evaluates m's negative log-likelihood on the grid Density would draw
// over X. It returns an error if X is empty or holds NaN or Inf, and panics
// if X and m differ in number of features or a feature is out of range.
func (d Density) Grid(m Mixture, X mat.Matrix) (*DensityGrid, error) {
	if err := checkMatrix("X", X); err != nil {
		return nil, err
	}
	checkModel(m, X)
	_, dim := X.Dims()
	fx, fy := featurePair(d.Features, dim)
	xys := columns(X, fx, fy, nil)
	xmin, xmax, ymin, ymax := plotter.XYRange(xys)
	margin := d.Margin
	if margin == 0 {
		margin = 0.1
	}
	n := d.Resolution
	if n == 0 {
		n = 100
	}
	if n < 2 {
		panic(fmt.Sprintf("plotting: Resolution %d is too small; use 2 or more", n))
	}
	g := &DensityGrid{
		xs: numpy.Linspace(xmin-margin*(xmax-xmin), xmax+margin*(xmax-xmin), n, true),
		ys: numpy.Linspace(ymin-margin*(ymax-ymin), ymax+margin*(ymax-ymin), n, true),
	}
	if dim == 2 {
		pts := mat.NewDense(n*n, 2, nil)
		for r, y := range g.ys {
			for c, x := range g.xs {
				pts.Set(r*n+c, fx, x)
				pts.Set(r*n+c, fy, y)
			}
		}
		g.nll = m.ScoreSamples(pts)
	} else {
		g.nll = marginalScores(m, fx, fy, g.xs, g.ys)
	}
	for i, v := range g.nll {
		g.nll[i] = -v
	}
	return g, nil
}

// marginalScores returns the log-density of the mixture's marginal on
// features fx, fy at every grid point, row-major: Σ_k w_k N(μ_k', Σ_k') with
// the 2-vectors and 2×2 sub-blocks of each component.
func marginalScores(m Mixture, fx, fy int, xs, ys []float64) []float64 {
	means, covs, w := m.Means(), m.Covariances(), m.Weights()
	type comp struct{ mx, my, pxx, pxy, pyy, logc float64 }
	cs := make([]comp, len(covs))
	for k, c := range covs {
		a, b, d := c.At(fx, fx), c.At(fx, fy), c.At(fy, fy)
		det := a*d - b*b
		cs[k] = comp{
			mx: means.At(k, fx), my: means.At(k, fy),
			pxx: d / det, pxy: -b / det, pyy: a / det,
			logc: math.Log(w[k]) - math.Log(2*math.Pi) - 0.5*math.Log(det),
		}
	}
	out := make([]float64, len(xs)*len(ys))
	lp := make([]float64, len(cs))
	for r, y := range ys {
		for c, x := range xs {
			best := math.Inf(-1)
			for k, q := range cs {
				dx, dy := x-q.mx, y-q.my
				lp[k] = q.logc - 0.5*(q.pxx*dx*dx+2*q.pxy*dx*dy+q.pyy*dy*dy)
				best = math.Max(best, lp[k])
			}
			s := 0.0
			for _, v := range lp {
				s += math.Exp(v - best)
			}
			out[r*len(xs)+c] = best + math.Log(s)
		}
	}
	return out
}

// logShifted is a grid seen through t(z) = log(1 + z - min), on which
// evenly spaced levels are LogNorm-like levels of z.
type logShifted struct {
	*DensityGrid
	min float64
}

func (g logShifted) Z(c, r int) float64 { return math.Log1p(g.DensityGrid.Z(c, r) - g.min) }

// Plot returns the contour plot of m's negative log-likelihood over the range
// of X (the rows of X drawn as small dots), with a colour bar labelled at the
// contour levels. Errors and panics are those of Grid.
func (d Density) Plot(m Mixture, X mat.Matrix) (*WithColorBar, error) {
	g, err := d.Grid(m, X)
	if err != nil {
		return nil, err
	}
	_, dim := X.Dims()
	p, fx, fy := axes(d.Title, "Negative log-likelihood predicted by a GMM", d.XLabel, d.YLabel, d.Features, dim)
	zmin := g.Min()
	tg := logShifted{g, zmin}
	tmax := math.Log1p(g.Max() - zmin)
	nlev := d.Levels
	if nlev == 0 {
		nlev = 10
	}
	levels := make([]float64, nlev)
	ticks := make([]plot.Tick, nlev)
	for i := range levels {
		levels[i] = tmax * float64(i+1) / float64(nlev+1)
		ticks[i] = plot.Tick{Value: levels[i], Label: strconv.FormatFloat(zmin+math.Expm1(levels[i]), 'g', 3, 64)}
	}
	cmap := NewViridis()
	cmap.SetMax(tmax)
	pal := cmap.Palette(256)
	if d.HeatMap {
		h := plotter.NewHeatMap(tg, pal)
		h.Min, h.Max = 0, tmax
		h.Rasterized = true
		p.Add(h)
	}
	ct := plotter.NewContour(tg, levels, pal)
	ct.Min, ct.Max = 0, tmax
	ct.LineStyles = []draw.LineStyle{{Width: vg.Points(1.3)}}
	if d.HeatMap {
		ct.Palette = nil
		ct.LineStyles[0].Color = withAlpha(colorWhite, 0.7)
		ct.LineStyles[0].Width = vg.Points(0.8)
	}
	p.Add(ct)
	if !d.NoPoints {
		s, err := plotter.NewScatter(columns(X, fx, fy, nil))
		if err != nil {
			return nil, fmt.Errorf("plotting: %v", err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: withAlpha(colorBlack, 0.45), Radius: vg.Points(0.9), Shape: draw.CircleGlyph{}}
		p.Add(s)
	}
	p.X.Min, p.X.Max = g.xs[0], g.xs[len(g.xs)-1]
	p.Y.Min, p.Y.Max = g.ys[0], g.ys[len(g.ys)-1]
	return &WithColorBar{Plot: p, ColorMap: cmap, Ticks: ticks, Label: "Negative log-likelihood"}, nil
}
