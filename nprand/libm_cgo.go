//go:build cgo

package nprand

// numpy's legacy gauss and binomial call the C library's log and exp. Go's
// math.Log and math.Exp are accurate to within one ulp but are not the same
// functions: against glibc 2.36 they differ in the last bit for about 6% of
// logs and 13% of exps, which would change about one normal pair in 16. To
// reproduce numpy bit for bit, this file calls the platform's libm, the very
// functions numpy's compiled C calls.

/*
#cgo LDFLAGS: -lm
#include <math.h>
*/
import "C"

// exactLibm reports whether log and exp are the C library's.
const exactLibm = true

func libmLog(x float64) float64 { return float64(C.log(C.double(x))) }

func libmExp(x float64) float64 { return float64(C.exp(C.double(x))) }
