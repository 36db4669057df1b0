package plotting

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// sans is the lab's typeface, close to matplotlib's DejaVu Sans.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Font sizes in points, chosen so that a 6×4.5 inch figure at 100 dpi reads
// like matplotlib's defaults.
const (
	titleSize  = 14
	labelSize  = 12
	tickSize   = 10.5
	legendSize = 11
)

// newPlot returns an empty plot with the lab's fonts, title and axis labels.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Label.Padding = vg.Points(4)
		a.Tick.Marker = niceTicks{}
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = font.From(sans, legendSize)
	p.Legend.Top = true
	p.Legend.ThumbnailWidth = vg.Points(14)
	p.Legend.XOffs = -vg.Points(4)
	p.Legend.YOffs = -vg.Points(4)
	return p
}

// axes resolves the Title, XLabel, YLabel and Features fields that every
// figure shares and returns the plot they describe with the two feature
// columns. It panics if a feature is out of range for d columns.
func axes(title, defTitle, xlabel, ylabel string, features [2]int, d int) (p *plot.Plot, fx, fy int) {
	fx, fy = featurePair(features, d)
	if title == "" {
		title = defTitle
	}
	if xlabel == "" {
		xlabel = fmt.Sprintf("Feature %d", fx+1)
	}
	if ylabel == "" {
		ylabel = fmt.Sprintf("Feature %d", fy+1)
	}
	return newPlot(title, xlabel, ylabel), fx, fy
}

// featurePair resolves a Features field: {0, 0} means columns 0 and 1. It
// panics if a column is out of range for d features.
func featurePair(features [2]int, d int) (fx, fy int) {
	fx, fy = features[0], features[1]
	if fx == 0 && fy == 0 {
		fx, fy = 0, 1
	}
	for _, f := range []int{fx, fy} {
		if f < 0 || f >= d {
			panic(fmt.Sprintf("plotting: feature %d is out of range: the data have %d features (0..%d)", f, d, d-1))
		}
	}
	return fx, fy
}

// checkModel panics if m is nil or X has a different number of features.
func checkModel(m Mixture, X mat.Matrix) {
	if m == nil {
		panic("plotting: nil Mixture; fit a model first")
	}
	if _, d := X.Dims(); d != m.NFeatures() {
		panic(fmt.Sprintf("plotting: X has %d features but the model was fit on %d", d, m.NFeatures()))
	}
}

// checkMatrix returns an error if X is empty or holds NaN or Inf; what is
// names X in the message.
func checkMatrix(what string, X mat.Matrix) error {
	if X == nil {
		return fmt.Errorf("plotting: %s is nil", what)
	}
	r, c := X.Dims()
	if r == 0 || c == 0 {
		return fmt.Errorf("plotting: %s is empty", what)
	}
	for i := range r {
		for j := range c {
			if v := X.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("plotting: %s[%d, %d] is %v; drop or impute such rows before plotting", what, i, j, v)
			}
		}
	}
	return nil
}

// columns returns the points (X[i, fx], X[i, fy]) of the rows idx, or of
// every row if idx is nil.
func columns(X mat.Matrix, fx, fy int, idx []int) plotter.XYs {
	if idx == nil {
		r, _ := X.Dims()
		idx = make([]int, r)
		for i := range idx {
			idx[i] = i
		}
	}
	xys := make(plotter.XYs, len(idx))
	for k, i := range idx {
		xys[k] = plotter.XY{X: X.At(i, fx), Y: X.At(i, fy)}
	}
	return xys
}

// withAlpha returns c with opacity a in [0, 1], multiplied into its own.
func withAlpha(c color.Color, a float64) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(math.Round(float64(n.A) * a))
	return n
}

// darken returns c with its channels scaled by f in [0, 1].
func darken(c color.Color, f float64) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	s := func(v uint8) uint8 { return uint8(math.Round(float64(v) * f)) }
	return color.NRGBA{R: s(n.R), G: s(n.G), B: s(n.B), A: n.A}
}

// headroom raises the top of p's Y range so that a top legend of n entries
// does not cover the data; fraction is the share of the data height the
// legend is expected to take on a 4.5 inch tall figure.
func headroom(p *plot.Plot, n int) {
	if n == 0 || p.Y.Max <= p.Y.Min {
		return
	}
	frac := (float64(n)*17 + 10) / 250 // entry height ~17 pt, data area ~250 pt tall
	if frac > 0.6 {
		frac = 0.6
	}
	p.Y.Max += (p.Y.Max - p.Y.Min) * frac / (1 - frac)
}

// matplotlib's tab10 colours for lines: C0 blue, C1 orange, C2 green, C3 red.
var tab10 = []color.Color{
	color.NRGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
	color.NRGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff},
	color.NRGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	color.NRGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
}

// niceTicks places about six labelled ticks at steps of 1, 2, 2.5 or 5
// times a power of ten, as matplotlib's default locator does, labelled
// with no more decimals than the step needs, with unlabelled minor ticks
// between them.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	raw := (hi - lo) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step, decimals := 0.0, 0
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			decimals = max(0, -int(math.Floor(math.Log10(step)+1e-9)))
			if m == 2.5 {
				decimals++
			}
			break
		}
	}
	minor := step / 2
	var ts []plot.Tick
	first := math.Ceil(lo/minor-1e-9) * minor
	for i := 0; ; i++ {
		v := first + float64(i)*minor
		if v > hi+1e-9*minor {
			break
		}
		t := plot.Tick{Value: v}
		if r := v / step; math.Abs(r-math.Round(r)) < 1e-6 {
			v = math.Round(r) * step
			if v == 0 {
				v = 0 // no "-0"
			}
			t.Value = v
			t.Label = strconv.FormatFloat(v, 'f', decimals, 64)
		}
		ts = append(ts, t)
	}
	return ts
}
