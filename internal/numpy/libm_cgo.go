//go:build cgo

package numpy

// numpy's compiled code calls the C library's log, exp, cos and sin: the
// legacy RandomState's gauss and binomial call log and exp, np.cos and
// np.sin call cos and sin for float64 (without AVX-512; see datagen).
// Go's math functions are accurate to within one ulp but are not the same
// functions: against glibc 2.36 they differ in the last bit for about 6% of
// logs and 13% of exps. To reproduce numpy bit for bit, these call the
// platform's libm, the very functions numpy calls.

/*
#cgo LDFLAGS: -lm
#include <math.h>
*/
import "C"

// ExactLibm reports whether Log, Exp, Cos and Sin are the C library's.
const ExactLibm = true

// Log is the C library's log.
func Log(x float64) float64 { return float64(C.log(C.double(x))) }

// Exp is the C library's exp.
func Exp(x float64) float64 { return float64(C.exp(C.double(x))) }

// Cos is the C library's cos.
func Cos(x float64) float64 { return float64(C.cos(C.double(x))) }

// Sin is the C library's sin.
func Sin(x float64) float64 { return float64(C.sin(C.double(x))) }
