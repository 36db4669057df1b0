package nprand

import "math"

// PermutationHead returns Permutation(n)[:size], the first size indices of
// numpy's permutation(n) (and so choice(n, size, replace=False)), and
// leaves r where Permutation(n) leaves it, without holding the n indices:
// it keeps size positions, the generator's state (2.5 kB) every ⌈√(320n)⌉
// draws and one segment of draws, O(size + √n) memory in all (1.3 MB for
// n = 2·10⁷), for twice the draws. A fit
// over data larger than memory picks its random_from_data seeds with it.
//
// It follows the shuffle backwards: Permutation(n) applies the swaps (i,
// j_i) for i = n-1 down to 1, so the value that ends at position p started
// at the position reached by applying them to p in the opposite order. The
// draws j_i come in decreasing i; they are made once to save the states,
// then again segment by segment in increasing i. It panics, as Choice, if
// size < 0 or size > n.
func (r *RandomState) PermutationHead(n, size int) []int {
	return r.permutationHead(n, size, max(256, int(math.Ceil(math.Sqrt(320*float64(n))))))
}

// permutationHead is PermutationHead with segments of seg draws.
func (r *RandomState) permutationHead(n, size, seg int) []int {
	if size < 0 {
		panic("nprand: negative dimensions are not allowed")
	}
	if size > n {
		panic("nprand: cannot take a larger sample than population when replace=false")
	}
	// Segment s holds the steps i = s·seg+1 .. min((s+1)·seg, n-1).
	nSeg := 0
	if n > 1 {
		nSeg = (n-2)/seg + 1
	}
	states := make([]RandomState, nSeg)
	for i := n - 1; i >= 1; i-- {
		if s := (i - 1) / seg; i == min((s+1)*seg, n-1) {
			states[s] = *r
		}
		r.Interval(uint64(i))
	}
	pos := make([]int, size)
	for p := range pos {
		pos[p] = p
	}
	js := make([]int, min(seg, max(n-1, 0)))
	for s := 0; s < nSeg; s++ {
		lo, hi := s*seg+1, min((s+1)*seg, n-1)
		g := states[s]
		for i := hi; i >= lo; i-- {
			js[i-lo] = int(g.Interval(uint64(i)))
		}
		for i := lo; i <= hi; i++ {
			j := js[i-lo]
			for p, q := range pos {
				if q == i {
					pos[p] = j
				} else if q == j {
					pos[p] = i
				}
			}
		}
	}
	return pos
}
