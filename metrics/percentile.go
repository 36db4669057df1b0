package metrics

import (
	"fmt"
	"math"
	"slices"
)

// Percentile returns the q-th percentile of x as numpy 1.24's
// np.percentile(x, q) computes it with its default method "linear" (type 7
// of Hyndman and Fan): with x sorted, the virtual index h = (n-1)·q/100
// lies between x[⌊h⌋] and x[⌊h⌋+1], and the result is interpolated
// linearly between them, with numpy's rounding, so that it is bit for bit
// numpy's value. The usual use is a threshold on a model's per-sample
// scores, such as flagging the 2 % least likely points as anomalies:
//
//	scores := m.ScoreSamples(X)
//	threshold := metrics.Percentile(scores, 2) // np.percentile(scores, 2)
//
// As in numpy, the result is NaN if x holds a NaN. x is not modified.
// Percentile panics if x is empty or q is outside [0, 100] or NaN.
func Percentile(x []float64, q float64) float64 {
	if len(x) == 0 {
		panic("metrics: Percentile of an empty slice")
	}
	if !(q >= 0 && q <= 100) {
		panic(fmt.Sprintf("metrics: percentile %v is outside [0, 100]", q))
	}
	if slices.ContainsFunc(x, math.IsNaN) {
		return math.NaN()
	}
	s := slices.Clone(x)
	slices.Sort(s)
	h := float64(len(s)-1) * (q / 100)
	lo := int(math.Floor(h))
	hi := min(lo+1, len(s)-1)
	a, b, t := s[lo], s[hi], h-float64(lo)
	// numpy's _lerp: a + (b-a)·t, or b - (b-a)·(1-t) from the upper
	// neighbour when t >= 0.5, which is exact at t = 1.
	if t >= 0.5 {
		return b - (b-a)*(1-t)
	}
	return a + (b-a)*t
}
