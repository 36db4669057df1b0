package nprand

import (
	"math"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// ErrSeed is the error wrapped by the panic of a seed outside numpy's range
// 0..2**32-1, in nprand and in every package that takes a seed (gmmlab,
// datagen): recover the panic value and test it with errors.Is.
var ErrSeed = numpy.ErrSeed

// RandomState is numpy's legacy np.random.RandomState: the MT19937 bit
// generator plus the legacy distributions that numpy keeps frozen so that
// seeded streams never change.
//
// A RandomState is not safe for concurrent use: give each goroutine its own,
// seeded in a fixed way, so that results do not depend on scheduling.
type RandomState struct {
	mt       mt19937
	hasGauss bool    // legacy aug_state.has_gauss
	gauss    float64 // legacy aug_state.gauss: the cached second normal
}

// New returns the generator np.random.RandomState(seed) builds, for any seed
// in numpy's range 0..2**32-1.
func New(seed uint32) *RandomState {
	r := &RandomState{}
	r.Seed(seed)
	return r
}

// NewInt64 is New for a seed held in an int64, as numpy accepts a Python int.
// It panics with an error wrapping ErrSeed if seed is outside 0..2**32-1.
func NewInt64(seed int64) *RandomState {
	numpy.CheckSeed("nprand: seed", seed)
	return New(uint32(seed))
}

// Seed resets r as RandomState.seed(seed) does: MT19937 seeded by
// init_genrand and the cached normal discarded.
func (r *RandomState) Seed(seed uint32) {
	r.mt.seed(seed)
	r.hasGauss = false
	r.gauss = 0
}

// Uint32 returns the next raw 32-bit word of MT19937, as
// RandomState(seed)._bit_generator.random_raw() does (genrand_int32).
func (r *RandomState) Uint32() uint32 { return r.mt.next32() }

// RandomSample returns a float64 in [0, 1) as RandomState.random_sample()
// does: (a>>5 * 2**26 + b>>6) / 2**53 from two 32-bit words a and b.
func (r *RandomState) RandomSample() float64 { return r.mt.nextDouble() }

// RandomSampleN returns n values as RandomState.random_sample(n) does.
func (r *RandomState) RandomSampleN(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = r.mt.nextDouble()
	}
	return out
}

// StandardNormal returns one draw of RandomState.standard_normal(): numpy's
// legacy polar (Marsaglia) method, which makes normals in pairs and keeps the
// second for the next call. Other draws (uniforms, integers) between two
// normals do not discard the cached one, exactly as in numpy.
func (r *RandomState) StandardNormal() float64 {
	if r.hasGauss {
		r.hasGauss = false
		g := r.gauss
		r.gauss = 0
		return g
	}
	var x1, x2, r2 float64
	for {
		x1 = 2.0*r.mt.nextDouble() - 1.0
		x2 = 2.0*r.mt.nextDouble() - 1.0
		// The conversions stop Go from fusing into FMA on arm64 etc.:
		// numpy's x86-64 build rounds every product.
		r2 = float64(x1*x1) + float64(x2*x2)
		if r2 < 1.0 && r2 != 0.0 {
			break
		}
	}
	f := math.Sqrt(-2.0 * numpy.Log(r2) / r2)
	r.gauss = f * x1
	r.hasGauss = true
	return f * x2
}

// StandardNormalN returns n values as RandomState.standard_normal(n) does.
func (r *RandomState) StandardNormalN(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = r.StandardNormal()
	}
	return out
}

// Normal returns RandomState.normal(loc, scale): loc + scale*gauss.
// It panics if scale is negative or NaN, where numpy raises "scale < 0".
func (r *RandomState) Normal(loc, scale float64) float64 {
	checkScale(scale)
	return loc + float64(scale*r.StandardNormal())
}

// NormalN returns n values as RandomState.normal(loc, scale, n) does. numpy
// fills size=(a, b) in row-major order, so NormalN(loc, scale, a*b) holds the
// rows of normal(loc, scale, size=(a, b)) one after the other.
func (r *RandomState) NormalN(loc, scale float64, n int) []float64 {
	checkScale(scale)
	out := make([]float64, n)
	for i := range out {
		out[i] = loc + float64(scale*r.StandardNormal())
	}
	return out
}

func checkScale(scale float64) {
	if !(scale >= 0) {
		panic("nprand: scale < 0")
	}
}

// Uniform returns RandomState.uniform(low, high): low + (high-low)*u with u
// from RandomSample. It panics if high-low is not finite, where numpy raises
// OverflowError("Range exceeds valid bounds").
func (r *RandomState) Uniform(low, high float64) float64 {
	rng := uniformRange(low, high)
	return low + float64(rng*r.mt.nextDouble())
}

// UniformN returns n values as RandomState.uniform(low, high, n) does; as
// with NormalN, size=(a, b) is the row-major fill of a*b values.
func (r *RandomState) UniformN(low, high float64, n int) []float64 {
	rng := uniformRange(low, high)
	out := make([]float64, n)
	for i := range out {
		out[i] = low + float64(rng*r.mt.nextDouble())
	}
	return out
}

func uniformRange(low, high float64) float64 {
	rng := high - low
	if math.IsInf(rng, 0) || math.IsNaN(rng) {
		panic("nprand: range exceeds valid bounds")
	}
	return rng
}

// Randint returns RandomState.randint(low, high) with numpy's default dtype
// int64: an integer in [low, high) by numpy's masked rejection. A range that
// fits in 32 bits draws one 32-bit word per try, a wider one a 64-bit word
// (two 32-bit words, the first the high half). A range of one value draws
// nothing. It panics if low >= high, with numpy's "low >= high" (or
// "high <= 0" when low is 0).
func (r *RandomState) Randint(low, high int64) int64 {
	off, rng := randintRange(low, high)
	return int64(off + r.bounded(rng, genMask(rng)))
}

// RandintN returns n values as RandomState.randint(low, high, n) does. For
// the int64 dtype numpy's "buffered" 32-bit draw keeps no bits between
// values, so this is n calls of Randint.
func (r *RandomState) RandintN(low, high int64, n int) []int64 {
	off, rng := randintRange(low, high)
	mask := genMask(rng)
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(off + r.bounded(rng, mask))
	}
	return out
}

func randintRange(low, high int64) (off, rng uint64) {
	if low >= high {
		if low == 0 {
			panic("nprand: high <= 0")
		}
		panic("nprand: low >= high")
	}
	// numpy's closed interval [low, high-1]; the uint64 arithmetic wraps
	// exactly as numpy's casts do.
	return uint64(low), uint64(high) - 1 - uint64(low)
}

// bounded is numpy's random_bounded_uint64 with use_masked=true: a value in
// [0, rng] (the caller adds the offset).
func (r *RandomState) bounded(rng, mask uint64) uint64 {
	switch {
	case rng == 0:
		return 0
	case rng == 0xFFFFFFFF:
		return uint64(r.mt.next32())
	case rng < 0xFFFFFFFF:
		m := uint32(mask)
		for {
			if v := r.mt.next32() & m; uint64(v) <= rng {
				return uint64(v)
			}
		}
	case rng == math.MaxUint64:
		return r.mt.next64()
	default:
		for {
			if v := r.mt.next64() & mask; v <= rng {
				return v
			}
		}
	}
}

// genMask is the smallest mask of the form 2**k-1 that is >= max.
func genMask(max uint64) uint64 {
	m := max
	m |= m >> 1
	m |= m >> 2
	m |= m >> 4
	m |= m >> 8
	m |= m >> 16
	m |= m >> 32
	return m
}

// Interval returns an integer in [0, max] by numpy's legacy random_interval,
// which shuffle and permutation use: masked rejection on 32-bit words when
// max fits in 32 bits, else on 64-bit words. Interval(0) draws nothing.
func (r *RandomState) Interval(max uint64) uint64 {
	if max == 0 {
		return 0
	}
	mask := genMask(max)
	if max <= 0xFFFFFFFF {
		for {
			if v := uint64(r.mt.next32()) & mask; v <= max {
				return v
			}
		}
	}
	for {
		if v := r.mt.next64() & mask; v <= max {
			return v
		}
	}
}

// Shuffle permutes n elements as RandomState.shuffle does on a sequence of
// length n: for i from n-1 down to 1 it draws j = Interval(i) and calls
// swap(i, j) (also when i == j).
func (r *RandomState) Shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i >= 1; i-- {
		swap(i, int(r.Interval(uint64(i))))
	}
}

// ShuffleInts shuffles x in place as RandomState.shuffle(x) does for a 1-D
// array.
func (r *RandomState) ShuffleInts(x []int) {
	for i := len(x) - 1; i >= 1; i-- {
		j := r.Interval(uint64(i))
		x[i], x[j] = x[j], x[i]
	}
}

// Permutation returns RandomState.permutation(n): 0..n-1 shuffled.
func (r *RandomState) Permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.ShuffleInts(p)
	return p
}
