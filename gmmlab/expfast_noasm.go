//go:build !amd64 || purego

package gmmlab

// haveExpShifted4 is false: expShifted4 is written for amd64 only.
const haveExpShifted4 = false

func expShifted4(v, mx, sum []float64) int { panic("gmmlab: expShifted4 needs amd64") }
