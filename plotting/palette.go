package plotting

import (
	"fmt"
	"image/color"
	"strconv"
)

// Palette returns n colours that cycle through the given ones, each written
// "#rrggbb", as scikit-learn's examples cycle through theirs
// (itertools.cycle(["navy", "c", ...])), for Clusters.Colors and
// Ellipses.Colors:
//
//	colors := plotting.Palette(10, "#000080", "#00bfbf", "#6495ed", "#ffd700", "#ff8c00") // navy, c, cornflowerblue, gold, darkorange
//
// It panics if no colour is given or one is not of that form.
func Palette(n int, hex ...string) []color.Color {
	if len(hex) == 0 {
		panic("plotting: Palette needs at least one colour")
	}
	base := make([]color.Color, len(hex))
	for i, h := range hex {
		v, err := strconv.ParseUint(h[min(1, len(h)):], 16, 32)
		if len(h) != 7 || h[0] != '#' || err != nil {
			panic(fmt.Sprintf("plotting: Palette colour %q is not of the form #rrggbb", h))
		}
		base[i] = color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
	}
	out := make([]color.Color, n)
	for i := range out {
		out[i] = base[i%len(base)]
	}
	return out
}
