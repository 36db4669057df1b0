package datagen

import (
	"fmt"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
	"gonum.org/v1/gonum/mat"
)

// RandomState is numpy's legacy np.random.RandomState with matrix-shaped
// draws, so that a notebook cell ports
//
//	np.random.seed(0)
//	X1 = np.random.normal(loc=0, scale=1, size=(100, 2))
//	X2 = np.random.normal(loc=5, scale=1, size=(100, 2))
//
// in as many lines, with the same numbers:
//
//	rs := datagen.NewRandomState(0)
//	X1 := rs.Normal(0, 1, 100, 2)
//	X2 := rs.Normal(5, 1, 100, 2)
//
// Every method continues one stream, filling matrices in numpy's row-major
// order. Source gives the underlying nprand.RandomState for any other numpy
// draw (choice, randint, multinomial, ...), on the same stream.
//
// A RandomState is not safe for concurrent use.
type RandomState struct {
	rng *nprand.RandomState
}

// NewRandomState returns np.random.RandomState(seed) (or the global state
// after np.random.seed(seed)). It panics if seed is outside numpy's range
// 0..2**32-1.
func NewRandomState(seed int64) *RandomState {
	numpy.CheckSeed("datagen: NewRandomState's seed", seed)
	return &RandomState{rng: nprand.NewInt64(seed)}
}

// Seed restarts the stream as np.random.seed(seed) does. It panics if seed
// is outside 0..2**32-1.
func (rs *RandomState) Seed(seed int64) {
	numpy.CheckSeed("datagen: RandomState.Seed's seed", seed)
	rs.rng.Seed(uint32(seed))
}

// Source returns the nprand.RandomState behind rs, for draws that have no
// matrix-shaped method here; using it continues the same stream.
func (rs *RandomState) Source() *nprand.RandomState { return rs.rng }

// Normal returns normal(loc, scale, size=(rows, cols)): a rows×cols matrix of
// independent normal draws with mean loc and standard deviation scale.
// It panics if scale is negative or rows or cols is not positive.
func (rs *RandomState) Normal(loc, scale float64, rows, cols int) *mat.Dense {
	checkSize("Normal", rows, cols)
	return mat.NewDense(rows, cols, rs.rng.NormalN(loc, scale, rows*cols))
}

// StandardNormal returns standard_normal(size=(rows, cols)), that is
// Normal(0, 1, rows, cols). It panics if rows or cols is not positive.
func (rs *RandomState) StandardNormal(rows, cols int) *mat.Dense {
	checkSize("StandardNormal", rows, cols)
	return mat.NewDense(rows, cols, rs.rng.StandardNormalN(rows*cols))
}

// Uniform returns uniform(low, high, size=(rows, cols)): draws from [low,
// high). It panics if high-low is not finite or rows or cols is not
// positive.
func (rs *RandomState) Uniform(low, high float64, rows, cols int) *mat.Dense {
	checkSize("Uniform", rows, cols)
	return mat.NewDense(rows, cols, rs.rng.UniformN(low, high, rows*cols))
}

// RandomSample returns random_sample(size=(rows, cols)) (np.random.rand(rows,
// cols)): draws from [0, 1). It panics if rows or cols is not positive.
func (rs *RandomState) RandomSample(rows, cols int) *mat.Dense {
	checkSize("RandomSample", rows, cols)
	return mat.NewDense(rows, cols, rs.rng.RandomSampleN(rows*cols))
}

// Permutation returns permutation(n): 0, ..., n-1 in random order.
func (rs *RandomState) Permutation(n int) []int { return rs.rng.Permutation(n) }

func checkSize(what string, rows, cols int) {
	if rows <= 0 || cols <= 0 {
		panic(fmt.Sprintf("datagen: RandomState.%s: size (%d, %d) must be positive in both dimensions", what, rows, cols))
	}
}

// VStack stacks matrices on top of each other, as np.vstack does: the rows
// of the first, then the rows of the second, and so on. It panics if no
// matrix is given or their numbers of columns differ. The inputs are not
// modified.
func VStack(ms ...mat.Matrix) *mat.Dense {
	if len(ms) == 0 {
		panic("datagen: VStack needs at least one matrix")
	}
	_, c := ms[0].Dims()
	rows := 0
	for i, m := range ms {
		r, ci := m.Dims()
		if ci != c {
			panic(fmt.Sprintf("datagen: VStack: matrix %d has %d columns but matrix 0 has %d; stacked matrices need the same number of columns", i, ci, c))
		}
		rows += r
	}
	out := mat.NewDense(rows, c, nil)
	at := 0
	for _, m := range ms {
		r, _ := m.Dims()
		out.Slice(at, at+r, 0, c).(*mat.Dense).Copy(m)
		at += r
	}
	return out
}
