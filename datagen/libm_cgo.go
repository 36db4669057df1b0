//go:build cgo

package datagen

// make_moons and make_circles place their points with numpy's np.cos and
// np.sin, which for float64 call the C library. Go's math.Cos and math.Sin
// are not the same functions and differ from glibc in the last bit for some
// arguments, so to reproduce scikit-learn bit for bit this file calls the
// platform's libm, as nprand does for log and exp.
//
// On a CPU with AVX-512, numpy 1.24 computes np.cos and np.sin with Intel's
// SVML instead, which also differs from the C library in the last bit; there
// no choice of function matches numpy everywhere, and the shapes agree with
// numpy to about 1e-16.

/*
#cgo LDFLAGS: -lm
#include <math.h>
*/
import "C"

// exactLibm reports whether cos and sin are the C library's.
const exactLibm = true

func cos(x float64) float64 { return float64(C.cos(C.double(x))) }

func sin(x float64) float64 { return float64(C.sin(C.double(x))) }
