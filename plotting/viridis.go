package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/palette"
)

// Viridis is matplotlib's default colour map, perceptually uniform and
// readable in grey and by colour-blind viewers: dark purple at Min, teal in
// the middle, yellow at Max. It implements palette.ColorMap, so it can colour
// a plotter.HeatMap, a plotter.Contour or a plotter.ColorBar.
//
// The zero value is not usable; NewViridis returns one mapping [0, 1].
type Viridis struct {
	min, max, alpha float64
}

var _ palette.ColorMap = (*Viridis)(nil)

// NewViridis returns the viridis colour map over [0, 1], opaque.
func NewViridis() *Viridis { return &Viridis{min: 0, max: 1, alpha: 1} }

// At returns the colour of x: the entry of matplotlib's 256-entry viridis
// table that matplotlib picks for the same normalised value. It returns an error if v is NaN or outside [Min, Max].
func (v *Viridis) At(x float64) (color.Color, error) {
	if v.max <= v.min {
		return nil, fmt.Errorf("plotting: viridis range [%g, %g] is empty; set Max above Min", v.min, v.max)
	}
	if math.IsNaN(x) || x < v.min || x > v.max {
		return nil, fmt.Errorf("plotting: %g is outside the colour map range [%g, %g]", x, v.min, v.max)
	}
	return viridisAt((x-v.min)/(v.max-v.min), v.alpha), nil
}

// Max returns the value mapped to yellow.
func (v *Viridis) Max() float64 { return v.max }

// SetMax sets the value mapped to yellow.
func (v *Viridis) SetMax(x float64) { v.max = x }

// Min returns the value mapped to dark purple.
func (v *Viridis) Min() float64 { return v.min }

// SetMin sets the value mapped to dark purple.
func (v *Viridis) SetMin(x float64) { v.min = x }

// Alpha returns the opacity of the colours, 1 by default.
func (v *Viridis) Alpha() float64 { return v.alpha }

// SetAlpha sets the opacity of the colours. It panics if a is outside [0, 1].
func (v *Viridis) SetAlpha(a float64) {
	if !(a >= 0 && a <= 1) {
		panic(fmt.Sprintf("plotting: alpha %g is outside [0, 1]", a))
	}
	v.alpha = a
}

// Palette returns n colours evenly spaced along the map, first dark purple,
// last yellow.
func (v *Viridis) Palette(n int) palette.Palette { return colorList(viridisColors(n, v.alpha)) }

type colorList []color.Color

func (c colorList) Colors() []color.Color { return c }

// Colors returns n distinct viridis colours for n categories, as matplotlib's
// scatter(c=labels, cmap='viridis') colours labels 0..n-1: the first dark
// purple, the last yellow. It panics if n < 1.
func Colors(n int) []color.Color { return viridisColors(n, 1) }

func viridisColors(n int, alpha float64) []color.Color {
	if n < 1 {
		panic(fmt.Sprintf("plotting: %d colours requested; need at least 1", n))
	}
	cs := make([]color.Color, n)
	for i := range cs {
		t := 0.0
		if n > 1 {
			t = float64(i) / float64(n-1)
		}
		cs[i] = viridisAt(t, alpha)
	}
	return cs
}

// viridisAt returns the table entry of t in [0, 1] as matplotlib's
// ListedColormap picks it: entry ⌊256·t⌋, the last for t = 1.
func viridisAt(t, alpha float64) color.NRGBA {
	i := min(max(int(t*float64(len(viridisTable))), 0), len(viridisTable)-1)
	c := viridisTable[i]
	return color.NRGBA{R: uint8(c >> 16), G: uint8(c >> 8), B: uint8(c), A: uint8(math.Round(255 * alpha))}
}

// viridisTable is matplotlib's viridis (_cm_listed.py, by Stéfan van der Walt
// and Nathaniel Smith, CC0), its 256 entries rounded to 8-bit sRGB.
var viridisTable = [256]uint32{
	0x440154, 0x440256, 0x450457, 0x450559, 0x46075a, 0x46085c, 0x460a5d, 0x460b5e,
	0x470d60, 0x470e61, 0x471063, 0x471164, 0x471365, 0x481467, 0x481668, 0x481769,
	0x48186a, 0x481a6c, 0x481b6d, 0x481c6e, 0x481d6f, 0x481f70, 0x482071, 0x482173,
	0x482374, 0x482475, 0x482576, 0x482677, 0x482878, 0x482979, 0x472a7a, 0x472c7a,
	0x472d7b, 0x472e7c, 0x472f7d, 0x46307e, 0x46327e, 0x46337f, 0x463480, 0x453581,
	0x453781, 0x453882, 0x443983, 0x443a83, 0x443b84, 0x433d84, 0x433e85, 0x423f85,
	0x424086, 0x424186, 0x414287, 0x414487, 0x404588, 0x404688, 0x3f4788, 0x3f4889,
	0x3e4989, 0x3e4a89, 0x3e4c8a, 0x3d4d8a, 0x3d4e8a, 0x3c4f8a, 0x3c508b, 0x3b518b,
	0x3b528b, 0x3a538b, 0x3a548c, 0x39558c, 0x39568c, 0x38588c, 0x38598c, 0x375a8c,
	0x375b8d, 0x365c8d, 0x365d8d, 0x355e8d, 0x355f8d, 0x34608d, 0x34618d, 0x33628d,
	0x33638d, 0x32648e, 0x32658e, 0x31668e, 0x31678e, 0x31688e, 0x30698e, 0x306a8e,
	0x2f6b8e, 0x2f6c8e, 0x2e6d8e, 0x2e6e8e, 0x2e6f8e, 0x2d708e, 0x2d718e, 0x2c718e,
	0x2c728e, 0x2c738e, 0x2b748e, 0x2b758e, 0x2a768e, 0x2a778e, 0x2a788e, 0x29798e,
	0x297a8e, 0x297b8e, 0x287c8e, 0x287d8e, 0x277e8e, 0x277f8e, 0x27808e, 0x26818e,
	0x26828e, 0x26828e, 0x25838e, 0x25848e, 0x25858e, 0x24868e, 0x24878e, 0x23888e,
	0x23898e, 0x238a8d, 0x228b8d, 0x228c8d, 0x228d8d, 0x218e8d, 0x218f8d, 0x21908d,
	0x21918c, 0x20928c, 0x20928c, 0x20938c, 0x1f948c, 0x1f958b, 0x1f968b, 0x1f978b,
	0x1f988b, 0x1f998a, 0x1f9a8a, 0x1e9b8a, 0x1e9c89, 0x1e9d89, 0x1f9e89, 0x1f9f88,
	0x1fa088, 0x1fa188, 0x1fa187, 0x1fa287, 0x20a386, 0x20a486, 0x21a585, 0x21a685,
	0x22a785, 0x22a884, 0x23a983, 0x24aa83, 0x25ab82, 0x25ac82, 0x26ad81, 0x27ad81,
	0x28ae80, 0x29af7f, 0x2ab07f, 0x2cb17e, 0x2db27d, 0x2eb37c, 0x2fb47c, 0x31b57b,
	0x32b67a, 0x34b679, 0x35b779, 0x37b878, 0x38b977, 0x3aba76, 0x3bbb75, 0x3dbc74,
	0x3fbc73, 0x40bd72, 0x42be71, 0x44bf70, 0x46c06f, 0x48c16e, 0x4ac16d, 0x4cc26c,
	0x4ec36b, 0x50c46a, 0x52c569, 0x54c568, 0x56c667, 0x58c765, 0x5ac864, 0x5cc863,
	0x5ec962, 0x60ca60, 0x63cb5f, 0x65cb5e, 0x67cc5c, 0x69cd5b, 0x6ccd5a, 0x6ece58,
	0x70cf57, 0x73d056, 0x75d054, 0x77d153, 0x7ad151, 0x7cd250, 0x7fd34e, 0x81d34d,
	0x84d44b, 0x86d549, 0x89d548, 0x8bd646, 0x8ed645, 0x90d743, 0x93d741, 0x95d840,
	0x98d83e, 0x9bd93c, 0x9dd93b, 0xa0da39, 0xa2da37, 0xa5db36, 0xa8db34, 0xaadc32,
	0xaddc30, 0xb0dd2f, 0xb2dd2d, 0xb5de2b, 0xb8de29, 0xbade28, 0xbddf26, 0xc0df25,
	0xc2df23, 0xc5e021, 0xc8e020, 0xcae11f, 0xcde11d, 0xd0e11c, 0xd2e21b, 0xd5e21a,
	0xd8e219, 0xdae319, 0xdde318, 0xdfe318, 0xe2e418, 0xe5e419, 0xe7e419, 0xeae51a,
	0xece51b, 0xefe51c, 0xf1e51d, 0xf4e61e, 0xf6e620, 0xf8e621, 0xfbe723, 0xfde725,
}
