package gmmlab

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// chunkRows is the number of samples one inner step handles at a time.
const chunkRows = 256

// maxBlocks bounds the number of blocks a pass splits the samples into.
// Each block is summed in row order by one goroutine and the block sums are
// added in block order, so the partition, and with it every bit of the
// result, depends on the number of samples only, never on GOMAXPROCS.
const maxBlocks = 64

var log2Pi = math.Log(2 * math.Pi)

// blocks splits n rows into contiguous blocks of whole chunks.
func blocks(n int) (rowsPerBlock, nBlocks int) {
	per := (n + maxBlocks - 1) / maxBlocks
	per = (per + chunkRows - 1) / chunkRows * chunkRows
	if per == 0 {
		per = chunkRows
	}
	return per, (n + per - 1) / per
}

// forBlocks runs fn(worker, lo, hi) for every block of n rows on up to
// GOMAXPROCS goroutines. worker indexes per-goroutine scratch space.
func forBlocks(n int, fn func(worker, block, lo, hi int)) {
	per, nb := blocks(n)
	workers := runtime.GOMAXPROCS(0)
	if workers > nb {
		workers = nb
	}
	run := func(worker, b int) {
		lo := b * per
		hi := min(lo+per, n)
		fn(worker, b, lo, hi)
	}
	if workers <= 1 {
		for b := 0; b < nb; b++ {
			run(0, b)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				run(w, b)
			}
		}(w)
	}
	wg.Wait()
}

// numWorkers is the number of scratch spaces forBlocks may use for n rows.
func numWorkers(n int) int {
	_, nb := blocks(n)
	return max(1, min(runtime.GOMAXPROCS(0), nb))
}

// model is the parameter set EM works on and prediction evaluates.
type model struct {
	ct      CovarianceType
	k, d    int
	weights []float64 // K
	means   []float64 // K×D
	cov     []float64 // layout of ct; nil until estimated
	pc      []float64 // precision factors, layout of ct
	logDet  []float64 // K, from pc
	logW    []float64 // K, log weights
}

func (m *model) strategy() covStrategy { return strategies[m.ct] }

// refresh recomputes the quantities derived from pc and weights.
func (m *model) refresh() {
	if m.logDet == nil {
		m.logDet = make([]float64, m.k)
		m.logW = make([]float64, m.k)
	}
	m.strategy().logDet(m.logDet, m.pc, m.k, m.d)
	for c, w := range m.weights {
		m.logW[c] = math.Log(w)
	}
}

// scratch is one goroutine's working memory for a chunk.
type scratch struct {
	diff []float64 // K blocks of chunkRows×D
	wlp  []float64 // chunkRows×K
	q    []float64 // chunkRows
}

func newScratch(k, d int) *scratch {
	return &scratch{
		diff: make([]float64, k*chunkRows*d),
		wlp:  make([]float64, chunkRows*k),
		q:    make([]float64, chunkRows),
	}
}

// diffs fills s.diff with x_i - ref_c for the b rows of x and every component.
func (s *scratch) diffs(x, ref []float64, b, d, k int) {
	for c := 0; c < k; c++ {
		mu := ref[c*d : c*d+d]
		dc := s.diff[c*chunkRows*d:]
		if d == 2 {
			m0, m1 := mu[0], mu[1]
			for i := 0; i < b; i++ {
				dc[2*i] = x[2*i] - m0
				dc[2*i+1] = x[2*i+1] - m1
			}
			continue
		}
		for i := 0; i < b; i++ {
			xi, di := x[i*d:i*d+d], dc[i*d:i*d+d]
			for j, v := range mu {
				di[j] = xi[j] - v
			}
		}
	}
}

// weightedLogProb fills s.wlp (b×K) with log w_c + log N(x_i | μ_c, Σ_c)
// for the b rows of x, leaving x_i - μ_c in s.diff.
func (m *model) weightedLogProb(s *scratch, x []float64, b int) {
	k, d := m.k, m.d
	st := m.strategy()
	s.diffs(x, m.means, b, d, k)
	half := float64(d) * log2Pi
	for c := 0; c < k; c++ {
		st.mahalanobis(s.q, s.diff[c*chunkRows*d:], b, d, c, m.pc)
		ld, lw := m.logDet[c], m.logW[c]
		for i := 0; i < b; i++ {
			s.wlp[i*k+c] = -0.5*(half+s.q[i]) + ld + lw
		}
	}
}

// logSumExp returns log Σ exp(v) as scipy's logsumexp does.
func logSumExp(v []float64) float64 {
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

// stats are the sufficient statistics one pass accumulates.
type stats struct {
	nk      []float64 // K: Σ r
	sumDiff []float64 // K×D: Σ r (x - ref)
	s       []float64 // second moments about ref, layout of the strategy
	ll      float64   // Σ log p(x) (E-step passes only)
}

func newStats(st covStrategy, k, d int) *stats {
	return &stats{nk: make([]float64, k), sumDiff: make([]float64, k*d), s: make([]float64, st.statLen(k, d))}
}

func (a *stats) reset() {
	clear(a.nk)
	clear(a.sumDiff)
	clear(a.s)
	a.ll = 0
}

func (a *stats) add(b *stats) {
	for i, v := range b.nk {
		a.nk[i] += v
	}
	for i, v := range b.sumDiff {
		a.sumDiff[i] += v
	}
	for i, v := range b.s {
		a.s[i] += v
	}
	a.ll += b.ll
}

// respFunc writes the responsibilities of rows lo..hi (b×K) into r.
type respFunc func(lo, hi int, r []float64)

// passer runs accumulation passes over one data set, reusing its memory
// from pass to pass.
type passer struct {
	x       []float64
	n, d, k int
	st      covStrategy
	work    []*scratch
	blk     []*stats
	total   *stats
}

func newPasser(x []float64, n, d, k int, st covStrategy) *passer {
	p := &passer{x: x, n: n, d: d, k: k, st: st, total: newStats(st, k, d)}
	for w := numWorkers(n); w > 0; w-- {
		p.work = append(p.work, newScratch(k, d))
	}
	_, nb := blocks(n)
	for b := 0; b < nb; b++ {
		p.blk = append(p.blk, newStats(st, k, d))
	}
	return p
}

// run accumulates the statistics of all rows about the reference means
// ref. With m non-nil the responsibilities come from an E-step under m
// (and ref must be m.means); otherwise from resp. With moments false only
// nk and sumDiff are accumulated.
func (p *passer) run(m *model, ref []float64, resp respFunc, moments bool) *stats {
	k, d := p.k, p.d
	forBlocks(p.n, func(w, b, lo, hi int) {
		s, a := p.work[w], p.blk[b]
		a.reset()
		for c0 := lo; c0 < hi; c0 += chunkRows {
			c1 := min(c0+chunkRows, hi)
			nb := c1 - c0
			x := p.x[c0*d : c1*d]
			if m != nil {
				m.weightedLogProb(s, x, nb)
				for i := 0; i < nb; i++ {
					row := s.wlp[i*k : i*k+k]
					lse := logSumExp(row)
					a.ll += lse
					for c := range row {
						row[c] = math.Exp(row[c] - lse)
					}
				}
			} else {
				resp(c0, c1, s.wlp[:nb*k])
				s.diffs(x, ref, nb, d, k)
			}
			for c := 0; c < k; c++ {
				dc := s.diff[c*chunkRows*d:]
				sd := a.sumDiff[c*d : c*d+d]
				nk := 0.0
				for i := 0; i < nb; i++ {
					r := s.wlp[i*k+c]
					nk += r
					for j, v := range dc[i*d : i*d+d] {
						sd[j] += r * v
					}
				}
				a.nk[c] += nk
				if moments {
					p.st.accumulate(a.s, dc, s.wlp[c:], k, nb, d, c, k)
				}
			}
		}
	})
	p.total.reset()
	for _, a := range p.blk {
		p.total.add(a)
	}
	return p.total
}
