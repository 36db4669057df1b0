package metrics

import (
	"math/rand/v2"
	"testing"
)

// benchLabels returns two independent random labelings of n samples into k
// clusters, from a fixed seed.
func benchLabels(n, k int) (a, b []int) {
	r := rand.New(rand.NewPCG(1, 2))
	a, b = make([]int, n), make([]int, n)
	for i := range a {
		a[i], b[i] = r.IntN(k), r.IntN(k)
	}
	return a, b
}

// benchScore times fn on two random labelings of n samples into k clusters.
func benchScore(b *testing.B, n, k int, fn func(a, b []int)) {
	x, y := benchLabels(n, k)
	for b.Loop() {
		fn(x, y)
	}
}

func BenchmarkAdjustedRandScore(b *testing.B) {
	benchScore(b, 100000, 10, func(x, y []int) { AdjustedRandScore(x, y) })
}

func BenchmarkNormalizedMutualInfo(b *testing.B) {
	benchScore(b, 100000, 10, func(x, y []int) { NormalizedMutualInfo(x, y) })
}

func BenchmarkAdjustedMutualInfo(b *testing.B) {
	benchScore(b, 10000, 10, func(x, y []int) { AdjustedMutualInfo(x, y) })
}

func BenchmarkMatchedAccuracy(b *testing.B) {
	benchScore(b, 100000, 10, func(x, y []int) { MatchedAccuracy(x, y) })
}

func BenchmarkHungarian100(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	cost := make([][]float64, 100)
	for i := range cost {
		cost[i] = make([]float64, 100)
		for j := range cost[i] {
			cost[i][j] = r.Float64()
		}
	}
	for b.Loop() {
		Hungarian(cost)
	}
}
