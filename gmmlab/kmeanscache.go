package gmmlab

import (
	"math"
	"sync"

	"github.com/gmmlab/gmmlab/nprand"
)

// The k-means initialisation of a mixture (InitKMeans, the default)
// depends on the data, the number of components and the random stream
// only. A learner's BIC sweep fits every component count once per
// covariance type, and so runs the same k-means four times over: Fit
// remembers the labels of the last few k-means initialisations on small
// data sets, with the state the stream had before and after them, and
// reuses them when all three are the same bit for bit. A reused
// initialisation gives the model the same bits as a new one, and leaves
// the stream where a new one would have.

// ForgetInits empties the memory of recent k-means initialisations that
// Fit keeps for small data sets (at most 24 of them, on data of at most
// 32768 values), so that the next fits compute theirs anew. Results never
// depend on that memory, only the time a fit takes: a benchmark that
// times repeated fits calls ForgetInits before each.
func ForgetInits() {
	kmeansMemo.Lock()
	defer kmeansMemo.Unlock()
	kmeansMemo.entries = nil
}

const (
	// kmeansMemoEntries is the number of initialisations remembered: a
	// sweep of 1..10 components over each covariance type in turn
	// reuses all of its ten.
	kmeansMemoEntries = 24
	// kmeansMemoValues bounds the data sets remembered, n·d values (256
	// KiB); larger fits are dominated by EM, not by the initialisation.
	kmeansMemoValues = 1 << 15
)

// kmeansMemoEntry is one remembered initialisation.
type kmeansMemoEntry struct {
	hash          uint64
	n, d, k       int
	x             []float64 // a copy of the data, shared by entries on the same data
	before, after nprand.RandomState
	labels        []int32
}

var kmeansMemo struct {
	sync.Mutex
	entries []*kmeansMemoEntry // most recently used last
}

// kmeansLabels returns the labels of scikit-learn's KMeans(n_clusters=k,
// n_init=1).fit(X, sample_weight=w) on the n×d rows x with the stream rs
// (w nil: unweighted), and advances rs as that fit does: the
// initialisation of InitKMeans. The caller must not modify the labels.
// Weighted fits are never remembered.
func kmeansLabels(x, w []float64, n, d, k int, rs *nprand.RandomState, workers int) []int32 {
	memo := w == nil && n*d <= kmeansMemoValues
	var h uint64
	if memo {
		h = hashFloats(x)
		if e := kmeansRecall(h, x, n, d, k, rs); e != nil {
			*rs = e.after
			return e.labels
		}
	}
	e := &kmeansMemoEntry{hash: h, n: n, d: d, k: k, before: *rs}
	labels, _, _, _ := kmeansFit(x, w, n, d, k, 1, 300, 1e-4, rs, workers)
	e.labels = make([]int32, n)
	for i, c := range labels {
		e.labels[i] = int32(c)
	}
	if memo {
		e.after = *rs
		kmeansRemember(e, x)
	}
	return e.labels
}

// kmeansRecall returns the remembered initialisation for these data, k and
// stream state, or nil.
func kmeansRecall(h uint64, x []float64, n, d, k int, rs *nprand.RandomState) *kmeansMemoEntry {
	kmeansMemo.Lock()
	defer kmeansMemo.Unlock()
	es := kmeansMemo.entries
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		if e.hash != h || e.n != n || e.d != d || e.k != k || e.before != *rs || !sameBits(e.x, x) {
			continue
		}
		copy(es[i:], es[i+1:])
		es[len(es)-1] = e
		return e
	}
	return nil
}

// kmeansRemember adds e, an initialisation on x, dropping the least
// recently used entry if the memo is full.
func kmeansRemember(e *kmeansMemoEntry, x []float64) {
	kmeansMemo.Lock()
	defer kmeansMemo.Unlock()
	for _, o := range kmeansMemo.entries {
		if o.hash == e.hash && o.n == e.n && o.d == e.d && sameBits(o.x, x) {
			e.x = o.x
			break
		}
	}
	if e.x == nil {
		e.x = append([]float64(nil), x...)
	}
	es := kmeansMemo.entries
	if len(es) == kmeansMemoEntries {
		copy(es, es[1:])
		es = es[:len(es)-1]
	}
	kmeansMemo.entries = append(es, e)
}

// hashFloats is FNV-1a over the bits of x, eight bytes at a time.
func hashFloats(x []float64) uint64 {
	h := uint64(14695981039346656037)
	for _, v := range x {
		h ^= math.Float64bits(v)
		h *= 1099511628211
	}
	return h
}

// sameBits reports whether a and b hold the same float64 bits.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i, v := range a {
		if math.Float64bits(v) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}
