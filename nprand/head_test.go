package nprand

import (
	"slices"
	"testing"
)

// PermutationHead is Permutation(n)[:size], and the stream continues as
// after Permutation(n), for segments shorter and longer than n.
func TestPermutationHead(t *testing.T) {
	for _, n := range []int{1, 2, 3, 10, 257, 1000, 5003} {
		for _, size := range []int{0, 1, min(3, n), min(8, n), n} {
			for _, seg := range []int{1, 7, 256, 10000} {
				want := New(42).Permutation(n)[:size]
				a, b := New(42), New(42)
				got := a.permutationHead(n, size, seg)
				b.Permutation(n)
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("n %d size %d seg %d: head %v, permutation %v", n, size, seg, got, want)
					}
				}
				if a.Uint32() != b.Uint32() {
					t.Fatalf("n %d size %d seg %d: the stream continues elsewhere", n, size, seg)
				}
			}
		}
	}
	if got, want := New(3).PermutationHead(100000, 5), New(3).Choice(100000, 5, false, nil); !slices.Equal(got, want) {
		t.Errorf("PermutationHead %v, Choice %v", got, want)
	}
}
