//go:build !purego

// The AVX2 kernels of the E-step, amd64 only: each runs the operations of
// a Go loop on four values at once, lane by lane, so it gives its bits.

package gmmlab

import "golang.org/x/sys/cpu"

// haveAVX2 reports whether the CPU runs AVX2, which expShifted4 and
// logProb2x4 need.
var haveAVX2 = cpu.X86.HasAVX2

// expShifted4 runs expShiftedGo's operations on four values at a time,
// in the AVX2 registers, for as long as the four arguments v[i]-mx[i] lie
// in [-708, 709], and returns how many values it set: a multiple of four,
// stopping before the first group of four with an argument outside (or
// NaN) or fewer than four values left. mx and sum are at least as long
// as v.
//
//go:noescape
func expShifted4(v, mx, sum []float64) int

// logProb2x4 sets q[i] for the rows of a two-feature x, four rows at a
// time with AVX2, and returns how many it set: a multiple of four, 0
// without AVX2. With d0 = x_i0 - m0 and d1 = x_i1 - m1, q[i] is
//
//	off - 0.5*((a*d0)² + (b*d0 + c*d1)²)   (spherical false)
//	off - 0.5*((d0² + d1²)*a)              (spherical true)
//
// with the operations, and so the bits, of the Go loops of the covariance
// kernels it stands for (lowerLogProb, diagCov and sphericalCov for two
// features). x holds at least 2·len(q) values.
func logProb2x4(q, x []float64, m0, m1, a, b, c, off float64, spherical bool) int {
	if !haveAVX2 || len(q) < 4 {
		return 0
	}
	return logProb2x4AVX2(q, x[:2*len(q)], m0, m1, a, b, c, off, spherical)
}

//go:noescape
func logProb2x4AVX2(q, x []float64, m0, m1, a, b, c, off float64, spherical bool) int

// maxTo4 sets dst[i] = max(dst[i], src[i]), Go's max (NaN wins, +0 over
// -0), four values at a time with the instructions the compiler emits for
// one, and returns how many it set: a multiple of four, 0 without AVX2.
// src holds at least len(dst) values.
func maxTo4(dst, src []float64) int {
	if !haveAVX2 || len(dst) < 4 {
		return 0
	}
	return maxTo4AVX2(dst, src[:len(dst)])
}

// mulTo4 sets dst[i] *= src[i] four values at a time and returns how many
// it set: a multiple of four, 0 without AVX2. src holds at least len(dst)
// values.
func mulTo4(dst, src []float64) int {
	if !haveAVX2 || len(dst) < 4 {
		return 0
	}
	return mulTo4AVX2(dst, src[:len(dst)])
}

//go:noescape
func maxTo4AVX2(dst, src []float64) int

//go:noescape
func mulTo4AVX2(dst, src []float64) int

// assign2x4 labels the rows of a two-feature x with their closest centre
// as assign2 does, four rows at a time with AVX2 (its distances, its
// running minimum and its first-on-ties rule, lane by lane), and returns
// how many rows it labelled: a multiple of four, 0 without AVX2. x holds
// 2·len(labels) values, centers 2·len(cn).
func assign2x4(x, centers, cn []float64, labels []int) int {
	if !haveAVX2 || len(labels) < 4 || len(cn) == 0 {
		return 0
	}
	return assign2x4AVX2(x[:2*len(labels)], centers[:2*len(cn)], cn, labels)
}

//go:noescape
func assign2x4AVX2(x, centers, cn []float64, labels []int) int

// moments2x4 sets out to the sums2 of four components over the rows of a
// two-feature x, four components at once with AVX2 (moments2's operations
// in its row order, lane by lane): out[4f+j] is field f (n, s0, s1, s00,
// s10, s11) of component j, whose mean is mu[2j:2j+2] and whose
// responsibility of row i is r[j*chunkRows+i]. It reports false, setting
// nothing, without AVX2.
func moments2x4(x, r, mu []float64, out *[24]float64) bool {
	if !haveAVX2 {
		return false
	}
	_ = r[3*chunkRows+len(x)/2-1]
	moments2x4AVX2(x, r, mu[:8], out)
	return true
}

//go:noescape
func moments2x4AVX2(x, r, mu []float64, out *[24]float64)
