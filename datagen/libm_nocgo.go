//go:build !cgo

package datagen

import "math"

// Without cgo, cos and sin fall back to Go's math package, which agrees with
// the C library to within an ulp but not always bit for bit: then MakeMoons
// and MakeCircles match scikit-learn to about 1e-16 instead of exactly.

// exactLibm reports whether cos and sin are the C library's.
const exactLibm = false

func cos(x float64) float64 { return math.Cos(x) }

func sin(x float64) float64 { return math.Sin(x) }
