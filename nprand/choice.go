package nprand

import (
	"math"
	"sort"
)

// Choice returns RandomState.choice(a, size, replace, p) for an integer
// population a: size indices in [0, a).
//
//   - replace, p == nil: randint(0, a, size).
//   - replace, p != nil: the cumulative sum of p, divided by its last
//     element, searched (side="right") with random_sample(size).
//   - !replace, p == nil: permutation(a)[:size].
//   - !replace, p != nil: numpy's loop of random draws that zeroes the
//     probabilities already taken, keeping new indices in order of first
//     appearance.
//
// p may be nil. Choice panics, with numpy's messages, if a <= 0 while
// size > 0, if size < 0, if len(p) != a, if p has a NaN or a negative entry
// or does not sum to 1 within sqrt(machine epsilon), if size > a without
// replacement, or if p has fewer than size non-zero entries without
// replacement.
func (r *RandomState) Choice(a, size int, replace bool, p []float64) []int {
	if a <= 0 && size != 0 {
		panic("nprand: a must be greater than 0 unless no samples are taken")
	}
	if size < 0 {
		panic("nprand: negative dimensions are not allowed")
	}
	if p != nil {
		checkChoiceP(a, p)
	}
	out := make([]int, size)
	switch {
	case replace && p == nil:
		off, rng := randintRange(0, int64(a))
		mask := genMask(rng)
		for i := range out {
			out[i] = int(off + r.bounded(rng, mask))
		}
	case replace:
		cdf := normalizedCDF(p)
		for i := range out {
			out[i] = searchRight(cdf, r.mt.nextDouble())
		}
	case size > a:
		panic("nprand: cannot take a larger sample than population when replace=false")
	case p == nil:
		copy(out, r.Permutation(a)[:size])
	default:
		r.choiceNoReplaceP(out, p)
	}
	return out
}

// checkChoiceP validates p as RandomState.choice does.
func checkChoiceP(a int, p []float64) {
	if len(p) != a {
		panic("nprand: 'a' and 'p' must have same size")
	}
	sum := kahanSum(p)
	if math.IsNaN(sum) {
		panic("nprand: probabilities contain NaN")
	}
	for _, v := range p {
		if v < 0 {
			panic("nprand: probabilities are not non-negative")
		}
	}
	// atol = sqrt(finfo(float64).eps)
	if math.Abs(sum-1) > math.Sqrt(0x1p-52) {
		panic("nprand: probabilities do not sum to 1")
	}
}

// choiceNoReplaceP is numpy's choice(replace=False, p=p) loop.
func (r *RandomState) choiceNoReplaceP(found []int, p []float64) {
	size := len(found)
	nonzero := 0
	for _, v := range p {
		if v > 0 {
			nonzero++
		}
	}
	if nonzero < size {
		panic("nprand: fewer non-zero entries in p than size")
	}
	p = append([]float64(nil), p...)
	seen := make(map[int]bool, size)
	nUniq := 0
	for nUniq < size {
		x := r.RandomSampleN(size - nUniq)
		for _, j := range found[:nUniq] {
			p[j] = 0
		}
		cdf := normalizedCDF(p)
		// np.unique(new, return_index=True) then sorted indices: the new
		// values in order of first appearance.
		clear(seen)
		for _, u := range x {
			k := searchRight(cdf, u)
			if !seen[k] {
				seen[k] = true
				found[nUniq] = k
				nUniq++
			}
		}
	}
}

// normalizedCDF is numpy's cdf = p.cumsum(); cdf /= cdf[-1].
func normalizedCDF(p []float64) []float64 {
	cdf := make([]float64, len(p))
	s := 0.0
	for i, v := range p {
		s += v
		cdf[i] = s
	}
	last := cdf[len(cdf)-1]
	for i := range cdf {
		cdf[i] /= last
	}
	return cdf
}

// searchRight is cdf.searchsorted(u, side="right"): the number of entries
// <= u.
func searchRight(cdf []float64, u float64) int {
	return sort.Search(len(cdf), func(i int) bool { return cdf[i] > u })
}

// kahanSum is numpy's kahan_sum from numpy/random/_common.pyx.
func kahanSum(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	sum, c := x[0], 0.0
	for _, v := range x[1:] {
		y := v - c
		t := sum + y
		c = (t - sum) - y
		sum = t
	}
	return sum
}
