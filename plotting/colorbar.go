package plotting

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WithColorBar is a plot with a vertical colour bar at its right, as
// matplotlib's plt.colorbar(): the bar spans the plot's data area, shows
// ColorMap from Min (bottom) to Max (top) and is labelled at Ticks. Density
// and Uncertainty return one; add plotters to Plot as to any plot.
type WithColorBar struct {
	// Plot is the main plot.
	Plot *plot.Plot
	// ColorMap gives the bar's colours between its Min and Max.
	ColorMap palette.ColorMap
	// Ticks mark values of the colour map's range, with their labels. If
	// nil, ticks at round values of [Min, Max] are used.
	Ticks []plot.Tick
	// Label names the quantity, written beside the bar.
	Label string
	// Width is the width taken by the bar, its tick labels and Label. If
	// 0, 1.2 inch is used.
	Width vg.Length
}

// Draw implements Figure.
func (f *WithColorBar) Draw(c draw.Canvas) {
	width := f.Width
	if width == 0 {
		width = 1.2 * vg.Inch
	}
	main := c
	main.Max.X -= width
	f.Plot.Draw(main)
	// Fill the strip with the plot's background.
	if f.Plot.BackgroundColor != nil {
		strip := c
		strip.Min.X = main.Max.X
		strip.SetColor(f.Plot.BackgroundColor)
		strip.Fill(strip.Rectangle.Path())
	}
	dc := f.Plot.DataCanvas(main)
	x0 := main.Max.X + vg.Points(10)
	x1 := x0 + vg.Points(14)
	y0, y1 := dc.Min.Y, dc.Max.Y
	lo, hi := f.ColorMap.Min(), f.ColorMap.Max()
	if !(hi > lo) {
		return
	}
	const slices = 256
	img := image.NewNRGBA(image.Rect(0, 0, 1, slices))
	for i := range slices {
		v := lo + (hi-lo)*(float64(i)+0.5)/slices
		if col, err := f.ColorMap.At(v); err == nil {
			img.Set(0, slices-1-i, col)
		}
	}
	c.DrawImage(vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}, img)
	edge := draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}
	c.StrokeLines(edge, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}})

	ticks := f.Ticks
	if ticks == nil {
		ticks = niceTicks{}.Ticks(lo, hi)
	}
	sty := text.Style{
		Color:   color.Black,
		Font:    font.From(sans, tickSize),
		XAlign:  draw.XLeft,
		YAlign:  draw.YCenter,
		Handler: f.Plot.TextHandler,
	}
	labelEnd := x1 + vg.Points(6)
	for _, t := range ticks {
		if t.Value < lo || t.Value > hi || math.IsNaN(t.Value) {
			continue
		}
		y := y0 + (y1-y0)*vg.Length((t.Value-lo)/(hi-lo))
		tl := vg.Points(2)
		if t.Label != "" {
			tl = vg.Points(4)
		}
		c.StrokeLine2(edge, x1, y, x1+tl, y)
		if t.Label != "" {
			c.FillText(sty, vg.Point{X: x1 + vg.Points(6), Y: y}, t.Label)
			labelEnd = max(labelEnd, x1+vg.Points(6)+sty.Width(t.Label))
		}
	}
	if f.Label != "" {
		ls := text.Style{
			Color:    color.Black,
			Font:     font.From(sans, labelSize),
			Rotation: math.Pi / 2,
			XAlign:   draw.XCenter,
			YAlign:   draw.YTop,
			Handler:  f.Plot.TextHandler,
		}
		c.FillText(ls, vg.Point{X: labelEnd + vg.Points(4), Y: (y0 + y1) / 2}, f.Label)
	}
}
