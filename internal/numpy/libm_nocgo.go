//go:build !cgo

package numpy

import "math"

// Without cgo, Log, Exp, Cos and Sin fall back to Go's math package, which
// agrees with the C library to within one ulp but not bit for bit: normal,
// binomial and multinomial draws, and the make_moons and make_circles
// shapes, can then differ from numpy's in the last bit (and, rarely, a
// binomial count by one).

// ExactLibm reports whether Log, Exp, Cos and Sin are the C library's.
const ExactLibm = false

// Log is math.Log (the C library's log with cgo).
func Log(x float64) float64 { return math.Log(x) }

// Exp is math.Exp (the C library's exp with cgo).
func Exp(x float64) float64 { return math.Exp(x) }

// Cos is math.Cos (the C library's cos with cgo).
func Cos(x float64) float64 { return math.Cos(x) }

// Sin is math.Sin (the C library's sin with cgo).
func Sin(x float64) float64 { return math.Sin(x) }
