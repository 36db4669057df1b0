//go:build !cgo

package nprand

import "math"

// Without cgo, log and exp fall back to Go's math package, which agrees with
// the C library to within one ulp but not bit for bit: normals, and binomial
// and multinomial draws that call log or exp, can then differ from numpy's
// in the last bit (and, rarely, a binomial count by one).

// exactLibm reports whether log and exp are the C library's.
const exactLibm = false

func libmLog(x float64) float64 { return math.Log(x) }

func libmExp(x float64) float64 { return math.Exp(x) }
