//go:build !amd64 || purego

package gmmlab

// haveAVX2 is false: expShifted4 and logProb2x4 are written for amd64
// only.
var haveAVX2 = false

func expShifted4(v, mx, sum []float64) int { panic("gmmlab: expShifted4 needs amd64") }

// logProb2x4 sets no value: the Go loops take every row.
func logProb2x4(q, x []float64, m0, m1, a, b, c, off float64, spherical bool) int { return 0 }

// maxTo4 sets no value: the Go loop takes every one.
func maxTo4(dst, src []float64) int { return 0 }

// mulTo4 sets no value: the Go loop takes every one.
func mulTo4(dst, src []float64) int { return 0 }

// assign2x4 labels no row: the Go loop takes every one.
func assign2x4(x, centers, cn []float64, labels []int) int { return 0 }

// moments2x4 sets nothing: moments2 takes every component.
func moments2x4(x, r, mu []float64, out *[24]float64) bool { return false }
