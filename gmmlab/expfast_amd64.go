//go:build !purego

package gmmlab

import "golang.org/x/sys/cpu"

// haveExpShifted4 reports whether expShifted4 may run: it needs AVX2.
var haveExpShifted4 = cpu.X86.HasAVX2

// expShifted4 runs expShiftedGo's operations on four values at a time,
// in the AVX2 registers, for as long as the four arguments v[i]-mx[i] lie
// in [-708, 709], and returns how many values it set: a multiple of four,
// stopping before the first group of four with an argument outside (or
// NaN) or fewer than four values left. mx and sum are at least as long
// as v.
//
//go:noescape
func expShifted4(v, mx, sum []float64) int
