package plotting

import (
	"bytes"
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/gmmlab/gmmlab/gmmlab"
)

// TestViridisEnds checks the table against matplotlib's viridis at 0, 0.5
// and 1: #440154, #21918c, #fde725 (cm.viridis(0), (0.5), (1.0) as hex).
func TestViridisEnds(t *testing.T) {
	want := map[float64]color.NRGBA{
		0:   {R: 0x44, G: 0x01, B: 0x54, A: 0xff},
		0.5: {R: 0x21, G: 0x91, B: 0x8c, A: 0xff},
		1:   {R: 0xfd, G: 0xe7, B: 0x25, A: 0xff},
	}
	v := NewViridis()
	for x, w := range want {
		got, err := v.At(x)
		if err != nil {
			t.Fatal(err)
		}
		// 0.5 falls between entries 127 and 128; allow one unit.
		g := got.(color.NRGBA)
		if d := max(absDiff(g.R, w.R), absDiff(g.G, w.G), absDiff(g.B, w.B)); d > 1 {
			t.Errorf("viridis(%g) = %v, want %v", x, g, w)
		}
	}
	if _, err := v.At(1.5); err == nil || !strings.HasPrefix(err.Error(), "plotting: ") {
		t.Errorf("At(1.5) error = %v, want a plotting: error", err)
	}
	cs := Colors(3)
	if cs[0] != want[0] || cs[2] != want[1] {
		t.Errorf("Colors(3) = %v, want purple first and yellow last", cs)
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}

// TestValidation checks that bad data give errors that start "plotting: ".
func TestValidation(t *testing.T) {
	m := guideModel()
	nan := mat.NewDense(2, 2, []float64{1, 2, math.NaN(), 4})
	inf := mat.NewDense(2, 2, []float64{1, 2, 3, math.Inf(1)})
	good := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"clusters NaN", second(Clusters{}.Plot(nan, nil))},
		{"clusters Inf", second(Clusters{}.Plot(inf, nil))},
		{"clusters empty", second(Clusters{}.Plot(&mat.Dense{}, nil))},
		{"clusters nil", second(Clusters{}.Plot(nil, nil))},
		{"clusters label count", second(Clusters{}.Plot(good, []int{0, 1}))},
		{"clusters negative label", second(Clusters{}.Plot(good, []int{0, -1, 1}))},
		{"clusters few colours", second(Clusters{Colors: Colors(1)}.Plot(good, []int{0, 1, 1}))},
		{"density NaN", second(Density{}.Plot(m, nan))},
		{"uncertainty Inf", second(Uncertainty{}.Plot(m, inf))},
		{"samples NaN", second(Samples{}.Plot(m, nan))},
		{"criteria empty", second(Criteria{}.Plot(&gmmlab.Selection{}))},
		{"bars nil", second(SelectionBars{}.Plot(nil))},
		{"criteria wrong type", second(Criteria{CovarianceType: gmmlab.Tied}.Plot(oneTypeSelection()))},
		{"show nothing", Show()},
	} {
		if tc.err == nil || !strings.HasPrefix(tc.err.Error(), "plotting: ") {
			t.Errorf("%s: error = %v, want one starting \"plotting: \"", tc.name, tc.err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func oneTypeSelection() *gmmlab.Selection {
	return must(gmmlab.ModelSelection{
		NComponents:     []int{1, 2},
		CovarianceTypes: []gmmlab.CovarianceType{gmmlab.Full},
		Base:            gmmlab.GaussianMixture{RandomState: 170},
	}.Fit(blobs()))
}

// TestPanics checks that what the caller controls panics with a
// "plotting: " message.
func TestPanics(t *testing.T) {
	m := guideModel()
	for name, f := range map[string]func(){
		"feature out of range": func() { Clusters{Features: [2]int{0, 2}}.Plot(blobs(), nil) },
		"ellipse feature":      func() { e := NewEllipses(m); e.Features = [2]int{0, 5}; e.DataRange() },
		"ellipse scale":        func() { e := NewEllipses(m); e.Scales = []float64{-1}; e.DataRange() },
		"nil mixture":          func() { NewEllipses(nil) },
		"density features":     func() { Density{}.Plot(m, threeD()) },
		"no colours":           func() { Colors(0) },
		"grid columns":         func() { Grid(0) },
	} {
		wantPlottingPanic(t, name, f)
	}
}

// TestEllipseMahalanobis checks the ellipse geometry: every vertex at scale
// s lies at Mahalanobis distance s from the mean under the 2×2 marginal
// covariance, for all four covariance types and for a pair of features out
// of three.
func TestEllipseMahalanobis(t *testing.T) {
	check := func(name string, m *gmmlab.Mixture, fx, fy int) {
		e := NewEllipses(m)
		e.Features = [2]int{fx, fy}
		means, covs := m.Means(), m.Covariances()
		for k := range m.NComponents() {
			c := covs[k]
			a, b, d := c.At(fx, fx), c.At(fx, fy), c.At(fy, fy)
			det := a*d - b*b
			for _, s := range []float64{0.5, 1, 3} {
				for _, q := range e.Ellipse(k, s, 40) {
					dx, dy := q[0]-means.At(k, fx), q[1]-means.At(k, fy)
					r := math.Sqrt((d*dx*dx - 2*b*dx*dy + a*dy*dy) / det)
					if math.Abs(r-s) > 1e-9*s {
						t.Fatalf("%s: component %d scale %g: vertex at distance %g", name, k, s, r)
					}
				}
			}
		}
	}
	for _, ct := range gmmlab.CovarianceTypes {
		m := must(gmmlab.GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 170}.Fit(blobs()))
		check(string(ct), m, 0, 1)
	}
	m3 := must(gmmlab.GaussianMixture{NComponents: 3, RandomState: 0}.Fit(threeD()))
	check("3D", m3, 0, 2)
	check("3D swapped", m3, 2, 1)
}

// TestMarginalDensity checks the D>2 path against ScoreSamples: a model of
// two features whose marginal is itself gives the same NLL both ways.
func TestMarginalDensity(t *testing.T) {
	m := guideModel()
	xs, ys := []float64{-5, 0, 2}, []float64{-6, 1}
	got := marginalScores(m, 0, 1, xs, ys)
	pts := mat.NewDense(len(xs)*len(ys), 2, nil)
	for r, y := range ys {
		for c, x := range xs {
			pts.SetRow(r*len(xs)+c, []float64{x, y})
		}
	}
	want := m.ScoreSamples(pts)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9*math.Abs(want[i]) {
			t.Errorf("point %d: marginal %g, ScoreSamples %g", i, got[i], want[i])
		}
	}
}

// TestEqualAspect checks that after drawing, one data unit spans the same
// length on both axes.
func TestEqualAspect(t *testing.T) {
	p := newPlot("t", "x", "y")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 10, 0, 1
	c := draw.New(vgimg.New(6*vg.Inch, 4.5*vg.Inch))
	EqualAspect(p).Draw(c)
	dc := p.DataCanvas(c)
	ux := (p.X.Max - p.X.Min) / float64(dc.Max.X-dc.Min.X)
	uy := (p.Y.Max - p.Y.Min) / float64(dc.Max.Y-dc.Min.Y)
	if math.Abs(ux-uy) > 1e-3*ux {
		t.Errorf("units per point: x %g, y %g", ux, uy)
	}
}

// TestNiceTicks checks round steps and labels without stray decimals.
func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{-13, 4, "-10 -5 0"},
		{0, 1, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{-3.3, 9.4, "-2.5 0.0 2.5 5.0 7.5"},
		{12000, 16000, "12000 13000 14000 15000 16000"},
	} {
		var labels []string
		for _, tk := range (niceTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if got := strings.Join(labels, " "); got != tc.want {
			t.Errorf("ticks(%g, %g) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

// TestProgressBarTerminal checks that outside a notebook only the final line
// is printed, once.
func TestProgressBarTerminal(t *testing.T) {
	var buf bytes.Buffer
	f := progressBar(false, &buf)
	for i := 1; i <= 8; i++ {
		f(i, 8, gmmlab.Candidate{NComponents: i})
	}
	out := buf.String()
	if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "8/8 fits done in ") || !strings.HasSuffix(out, " s\n") {
		t.Errorf("output %q, want one line \"8/8 fits done in ... s\"", out)
	}
	if got := finalLine(40, 40, 2, 350e6); got != "40/40 fits done in 0.35 s (2 failed; see the candidates' Err)" {
		t.Errorf("finalLine = %q", got)
	}
}

// TestSaveFormats checks that Save writes PNG and SVG and refuses others.
func TestSaveFormats(t *testing.T) {
	p := plot.New()
	dir := t.TempDir()
	for _, name := range []string{"a.png", "a.svg"} {
		if err := Save(p, dir+"/"+name); err != nil {
			t.Errorf("Save %s: %v", name, err)
		}
	}
	if err := Save(p, dir+"/a.gif"); err == nil || !strings.HasPrefix(err.Error(), "plotting: ") {
		t.Errorf("Save gif: error = %v", err)
	}
}

// wantPlottingPanic checks that f panics with a "plotting: " message.
func wantPlottingPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		r := recover()
		if s, ok := r.(string); !ok || !strings.HasPrefix(s, "plotting: ") {
			t.Errorf("%s: recovered %v, want a plotting: panic", name, r)
		}
	}()
	f()
}

// TestClustersMatchTo checks that MatchTo gives each cluster the colour of
// the true label it matches, the ellipses included, and that a cluster
// matching none takes a colour no true label uses.
func TestClustersMatchTo(t *testing.T) {
	X := mat.NewDense(6, 2, []float64{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5})
	truth := []int{0, 0, 1, 1, 2, 2}
	pred := []int{2, 2, 0, 0, 1, 1}
	colors, err := Clusters{MatchTo: truth}.labelColors(pred, 3)
	if err != nil {
		t.Fatal(err)
	}
	palette := Colors(3)
	for l, want := range []color.Color{palette[1], palette[2], palette[0]} {
		if colors[l] != want {
			t.Errorf("cluster %d has colour %v, want the colour of true label %v", l, colors[l], want)
		}
	}
	// Four clusters for three true labels: cluster 3 gets the free colour 3.
	colors, err = Clusters{MatchTo: truth}.labelColors([]int{3, 3, 0, 0, 1, 1}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if colors[3] != Colors(4)[0] || colors[2] != Colors(4)[3] {
		t.Errorf("unmatched clusters: %v", colors)
	}
	if _, err := (Clusters{MatchTo: truth[:3]}).Plot(X, pred); err == nil || !strings.Contains(err.Error(), "MatchTo") {
		t.Errorf("short MatchTo: error %v", err)
	}
	m := must(gmmlab.GaussianMixture{NComponents: 3, RandomState: 0, RegCovar: 1e-3}.Fit(mat.NewDense(9, 2, []float64{
		0, 0, 0.1, 0.2, 0.2, 0, 10, 10, 10.1, 10.2, 10.2, 10, 20, 0, 20.1, 0.2, 20.2, 0})))
	e := NewEllipses(m)
	if _, err := (Clusters{MatchTo: truth, Ellipses: e, Features: [2]int{1, 0}}).Plot(X, pred); err != nil {
		t.Fatal(err)
	}
	if e.Colors[0] != palette[1] || e.Features != [2]int{1, 0} {
		t.Errorf("ellipses not given the clusters' colours and features: %v %v", e.Colors, e.Features)
	}
}

// TestEqualAspectWidth checks that Show's image fits an equal-aspect plot:
// tall data give a narrow image, and drawing at that size leaves both axes'
// ranges almost as they were (little empty data area).
func TestEqualAspectWidth(t *testing.T) {
	for _, tc := range []struct {
		name       string
		xmax, ymax float64
		narrow     bool
	}{{"tall", 4, 10, true}, {"square", 10, 10, true}, {"wide", 30, 10, false}} {
		p := newPlot(tc.name, "x", "y")
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, tc.xmax, 0, tc.ymax
		w, h := Display{}.size(EqualAspect(p))
		if narrow := w < 6*vg.Inch; narrow != tc.narrow || h != 4.5*vg.Inch {
			t.Errorf("%s: image %v × %v", tc.name, w, h)
		}
		if w == minFitWidth+marginLeft+marginRight || w == maxFitWidth+marginLeft+marginRight {
			continue // clamped: one axis is widened after all
		}
		c := draw.New(vgimg.New(w, h))
		EqualAspect(p).Draw(draw.Crop(c, marginLeft, -marginRight, marginBottom, -marginTop))
		if dx, dy := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min; dx > 1.03*tc.xmax || dy > 1.03*tc.ymax {
			t.Errorf("%s: ranges widened to %g × %g for data %g × %g", tc.name, dx, dy, tc.xmax, tc.ymax)
		}
	}
	// A tall plot is still as wide as its title, so the title is not cut.
	p := newPlot("Transactions (the truth, unknown to the model)", "x", "y")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 2, 0, 10
	w, _ := Display{}.size(EqualAspect(p))
	if title := p.Title.TextStyle.Rectangle(p.Title.Text).Size().X; w < title+marginLeft+marginRight {
		t.Errorf("image %v wide for a title %v wide", w, title)
	}
	// A grid takes its widest panel's width for every cell.
	a, b := newPlot("a", "x", "y"), newPlot("b", "x", "y")
	a.X.Min, a.X.Max, a.Y.Min, a.Y.Max = 0, 4, 0, 10
	b.X.Min, b.X.Max, b.Y.Min, b.Y.Max = 0, 10, 0, 10
	w, _ = Display{}.size(Grid(2, EqualAspect(a), EqualAspect(b)))
	wb, _ := Display{}.size(EqualAspect(b))
	if wb == 6*vg.Inch || w < 2*(wb-marginLeft-marginRight) {
		t.Errorf("grid width %v, narrower than two of the wider panel (%v)", w, wb)
	}
}
