package numpy

import (
	"errors"
	"fmt"
	"math"
)

// Eps is numpy's np.finfo(np.float64).eps, 2^-52.
const Eps = 0x1p-52

// PairwiseSum adds v in the order numpy's np.sum uses for a contiguous
// float64 array: pairwise summation with blocks of 128 unrolled by 8, so
// that sums of many terms, and terms that nearly cancel, round as numpy's.
func PairwiseSum(v []float64) float64 {
	n := len(v)
	switch {
	case n < 8:
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s
	case n <= 128:
		var r [8]float64
		copy(r[:], v[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for j := range r {
				r[j] += v[i+j]
			}
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += v[i]
		}
		return s
	default:
		h := n / 2
		h -= h % 8
		return PairwiseSum(v[:h]) + PairwiseSum(v[h:])
	}
}

// Mean is np.mean of v: its PairwiseSum divided by its length (NaN for an
// empty v, as numpy's, without the warning).
func Mean(v []float64) float64 { return PairwiseSum(v) / float64(len(v)) }

// Linspace is np.linspace(start, stop, num, endpoint) for a scalar float64
// start and stop, with numpy's arithmetic: i*step + start, the last value
// set to stop when endpoint is true. It returns an empty slice for num 0
// and panics if num is negative.
func Linspace(start, stop float64, num int, endpoint bool) []float64 {
	if num < 0 {
		panic(fmt.Sprintf("numpy: Linspace of %d samples; the number must not be negative", num))
	}
	div := num
	if endpoint {
		div = num - 1
	}
	delta := stop - start
	y := make([]float64, num)
	step := delta / float64(div)
	for i := range y {
		v := float64(i)
		switch {
		case div <= 0:
			v *= delta
		case step == 0:
			v = float64(v/float64(div)) * delta
		default:
			v *= step
		}
		y[i] = v + start
	}
	if endpoint && num > 1 {
		y[num-1] = stop
	}
	return y
}

// LogSumExp returns log Σ exp(v) as scipy.special.logsumexp does: the
// largest value (0 if it is infinite or NaN) is taken out before the
// exponentials. It returns -Inf for an empty v.
func LogSumExp(v []float64) float64 {
	mx := math.Inf(-1)
	for _, x := range v {
		if x > mx {
			mx = x
		}
	}
	if math.IsInf(mx, 0) || math.IsNaN(mx) {
		mx = 0
	}
	s := 0.0
	for _, x := range v {
		s += math.Exp(x - mx)
	}
	return math.Log(s) + mx
}

// ErrSeed is the error every seed outside numpy's range 0..2^32-1 wraps,
// in every package: test for it with errors.Is.
var ErrSeed = errors.New("seed outside numpy's range 0..4294967295 (2**32-1)")

// CheckSeed panics unless seed is a seed numpy's RandomState accepts,
// 0..2^32-1. The panic value is an error that wraps ErrSeed and reads
// "<what> is <seed>; numpy seeds are 0..4294967295 (2**32-1)", so what
// names the package and the setting: "gmmlab: RandomState".
func CheckSeed(what string, seed int64) {
	if seed < 0 || seed > math.MaxUint32 {
		panic(&SeedError{What: what, Seed: seed})
	}
}

// A SeedError is the panic value of CheckSeed.
type SeedError struct {
	What string // the package and setting, "gmmlab: RandomState"
	Seed int64
}

func (e *SeedError) Error() string {
	return fmt.Sprintf("%s is %d; numpy seeds are 0..4294967295 (2**32-1)", e.What, e.Seed)
}

// Unwrap returns ErrSeed.
func (e *SeedError) Unwrap() error { return ErrSeed }
