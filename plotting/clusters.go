package plotting

import (
	"fmt"
	"image/color"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gmmlab/gmmlab/metrics"
)

// Clusters draws two features of the data as a scatter plot with one colour
// per cluster label, as the tutorials' plt.scatter(X[:, 0], X[:, 1],
// c=labels, cmap='viridis'), with a legend naming the clusters. Every zero
// field means the default its comment gives.
type Clusters struct {
	// Title is the plot title. If "", "Clusters" is used.
	Title string
	// XLabel and YLabel name the axes. If "", "Feature i" is used, i
	// counted from 1 as the tutorials do.
	XLabel, YLabel string
	// Features are the two columns of X to draw. If both are 0, columns 0
	// and 1 are used.
	Features [2]int
	// NClusters is the number of colours, label l getting Colors(NClusters)[l],
	// so that the colours match an Ellipses of the same model even when
	// some label is unused. If 0, 1 + the largest label is used.
	NClusters int
	// Names are the legend entries of the labels 0, 1, .... If nil,
	// "Cluster 0", "Cluster 1", ... are used.
	Names []string
	// Colors are the colours of the labels. If nil, viridis colours are used.
	Colors []color.Color
	// Radius is the radius of the dots. If 0, 2.5 points is used.
	Radius vg.Length
	// NoLegend hides the legend.
	NoLegend bool
	// Ellipses, if not nil, are drawn under the points, in the colours of
	// the labels and the plane of Features (Plot sets their Colors and
	// Features), as matplotlib's ellipse patches under a scatter with
	// zorder=2. Adding ellipses to the plot afterwards draws them over the
	// points instead.
	Ellipses *Ellipses
	// MatchTo, if not nil, holds the true labels of the rows: each label
	// then takes the colour of the true label it matches best (by
	// metrics.MatchedAccuracy), so that a clustering keeps the colours of
	// the truth from one figure to the next although its cluster numbers
	// are arbitrary. The legend still names the clusters by their own
	// numbers. It must have one label per row.
	MatchTo []int
}

// Plot returns the scatter plot of the rows of X coloured by labels; nil
// labels draw every point in one colour without a legend. It returns an
// error if X is empty or holds NaN or Inf, if labels (or MatchTo) and X
// differ in length, or if a label is negative. It panics if a feature is out
// of range.
func (c Clusters) Plot(X mat.Matrix, labels []int) (*plot.Plot, error) {
	if err := checkMatrix("X", X); err != nil {
		return nil, err
	}
	n, d := X.Dims()
	p, fx, fy := axes(c.Title, "Clusters", c.XLabel, c.YLabel, c.Features, d)
	if labels != nil && len(labels) != n {
		return nil, fmt.Errorf("plotting: %d labels for %d rows of X; pass one label per row", len(labels), n)
	}
	k := 1
	for i, l := range labels {
		if l < 0 {
			return nil, fmt.Errorf("plotting: label %d of row %d is negative; labels must be 0, 1, ...", l, i)
		}
		k = max(k, l+1)
	}
	k = max(k, c.NClusters)
	if c.Ellipses != nil {
		k = max(k, len(c.Ellipses.covs))
	}
	colors, err := c.labelColors(labels, k)
	if err != nil {
		return nil, err
	}
	if c.Ellipses != nil {
		c.Ellipses.Colors, c.Ellipses.Features = colors, c.Features
		p.Add(c.Ellipses)
	}
	radius := c.Radius
	if radius == 0 {
		radius = vg.Points(2.5)
	}
	groups := make([][]int, k)
	for i := range n {
		l := 0
		if labels != nil {
			l = labels[i]
		}
		groups[l] = append(groups[l], i)
	}
	entries := 0
	for l, idx := range groups {
		if len(idx) == 0 {
			continue
		}
		s, err := plotter.NewScatter(columns(X, fx, fy, idx))
		if err != nil {
			return nil, fmt.Errorf("plotting: %v", err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: colors[l], Radius: radius, Shape: draw.CircleGlyph{}}
		p.Add(s)
		if labels != nil && !c.NoLegend {
			name := fmt.Sprintf("Cluster %d", l)
			if l < len(c.Names) {
				name = c.Names[l]
			}
			p.Legend.Add(name, s)
			entries++
		}
	}
	headroom(p, entries)
	return p, nil
}

// labelColors returns the colours of the labels 0..k-1: Colors, or viridis,
// permuted to match MatchTo if it is set.
func (c Clusters) labelColors(labels []int, k int) ([]color.Color, error) {
	if c.MatchTo == nil || labels == nil {
		colors := c.Colors
		if colors == nil {
			colors = Colors(k)
		}
		if len(colors) < k {
			return nil, fmt.Errorf("plotting: %d colours for %d clusters", len(colors), k)
		}
		return colors, nil
	}
	if len(c.MatchTo) != len(labels) {
		return nil, fmt.Errorf("plotting: %d MatchTo labels for %d labels; pass one true label per row", len(c.MatchTo), len(labels))
	}
	kt := k
	for i, l := range c.MatchTo {
		if l < 0 {
			return nil, fmt.Errorf("plotting: MatchTo label %d of row %d is negative; labels must be 0, 1, ...", l, i)
		}
		kt = max(kt, l+1)
	}
	palette := c.Colors
	if palette == nil {
		palette = Colors(kt)
	}
	if len(palette) < kt {
		return nil, fmt.Errorf("plotting: %d colours for %d clusters and true labels", len(palette), kt)
	}
	_, mapping := metrics.MatchedAccuracy(c.MatchTo, labels)
	used := make([]bool, len(palette))
	for _, t := range mapping {
		used[t] = true
	}
	colors := make([]color.Color, k)
	next := 0
	for l := range k {
		if t, ok := mapping[l]; ok {
			colors[l] = palette[t]
			continue
		}
		for used[next] { // a cluster matching no true label takes a free colour
			next++
		}
		used[next] = true
		colors[l] = palette[next]
	}
	return colors, nil
}
