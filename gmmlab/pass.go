package gmmlab

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// The streaming pass: the rows are cut into blocks of whole chunks, the
// blocks are spread over all cores, and each block's sufficient statistics
// are reduced in block order, so that the same data give the same bits on
// 1 or 64 cores. The E-step the pass runs is an eStep (estep.go); the
// second moments it accumulates are the covariance strategy's
// (covariance.go).

// chunkRows is the number of samples one inner step handles at a time.
const chunkRows = 256

// maxBlocks bounds the number of blocks a pass splits the samples into.
// Each block is summed in row order by one goroutine and the block sums are
// added in block order, so the partition, and with it every bit of the
// result, depends on the number of samples only, never on GOMAXPROCS.
const maxBlocks = 64

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
func forBlocks(n int, fn func(worker, block, lo, hi int)) { forBlocksOn(0, n, fn) }

// forBlocksOn is forBlocks on at most workers goroutines (GOMAXPROCS if
// workers is 0), the calling one included. The blocks and so the results
// are the same for any number of workers.
func forBlocksOn(workers, n int, fn func(worker, block, lo, hi int)) {
	per, nb := blocks(n)
	workers = numWorkersOn(workers, n)
	if workers == 1 {
		for b := 0; b < nb; b++ {
			lo := b * per
			fn(0, b, lo, min(lo+per, n))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	work := func(w int) {
		for {
			b := int(next.Add(1) - 1)
			if b >= nb {
				return
			}
			lo := b * per
			fn(w, b, lo, min(lo+per, n))
		}
	}
	wg.Add(workers - 1)
	for w := 1; w < workers; w++ {
		go func() {
			defer wg.Done()
			work(w)
		}()
	}
	work(0)
	wg.Wait()
}

// numWorkers is the number of scratch spaces forBlocks may use for n rows.
func numWorkers(n int) int { return numWorkersOn(0, n) }

// minParallelRows is the number of rows below which a pass stays on the
// calling goroutine: starting and joining goroutines would cost more than
// the pass.
const minParallelRows = 8 * chunkRows

// numWorkersOn is the number of scratch spaces forBlocksOn(workers, n, ...)
// may use.
func numWorkersOn(workers, n int) int {
	if n < minParallelRows {
		return 1
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	_, nb := blocks(n)
	return max(1, min(workers, nb))
}

// stats are the sufficient statistics one pass accumulates.
type stats struct {
	nk      []float64 // K: Σ r
	sumDiff []float64 // K×D: Σ r (x - ref)
	s       []float64 // second moments about ref, layout of the strategy
	ll      float64   // Σ log p(x), weighted by the sample weights (E-step passes only)
	mass    float64   // Σ of the sample weights, n unweighted (set on a pass's total)
	rlogr   float64   // Σ r log r (E-step passes of a passer with entropy set)

	nkEps, shift []float64 // the M-step's working memory, K and K×D
}

func newStats(st covStrategy, k, d int) *stats {
	return &stats{nk: make([]float64, k), sumDiff: make([]float64, k*d), s: make([]float64, st.statLen(k, d))}
}

func (a *stats) reset() {
	clear(a.nk)
	clear(a.sumDiff)
	clear(a.s)
	a.ll = 0
	a.rlogr = 0
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
	a.rlogr += b.rlogr
}

// respFunc writes the responsibilities of rows lo..hi (b×K, row-major),
// whose values are x (b×D), into r.
type respFunc func(lo, hi int, x, r []float64)

// passer runs accumulation passes over one data set, reusing its memory
// from pass to pass.
type passer struct {
	x       []float64
	n, d, k int
	w       []float64 // the n sample weights, nil for none (all 1)
	mass    float64   // Σ w, or n
	workers int       // goroutines a pass may use, 0 for GOMAXPROCS
	entropy bool      // E-step passes also accumulate Σ r log r (BayesianGaussianMixture's lower bound)
	st      covStrategy
	work    []*scratch
	blk     []*stats
	total   *stats

	// A passer over a RowSource (source.go) reads whole chunks into its
	// workers' buffers, several at a time; x is nil.
	src  RowSource
	bufs []readBuf // per worker
	errs []error   // per block, the first read error of the last pass
}

func newPasser(x []float64, n, d, k, workers int, st covStrategy) *passer {
	p := &passer{x: x, n: n, d: d, k: k, mass: float64(n), workers: workers, st: st, total: newStats(st, k, d)}
	for w := numWorkersOn(workers, n); w > 0; w-- {
		p.work = append(p.work, newScratch(k, d))
	}
	_, nb := blocks(n)
	for b := 0; b < nb; b++ {
		p.blk = append(p.blk, newStats(st, k, d))
	}
	p.errs = make([]error, nb)
	return p
}

// eStepPass runs e's E-step over all rows and accumulates the statistics of
// the responsibilities about e.center(): masses, first and second moments
// and the log-likelihood Σ_i log Σ_c exp(wlp_ic).
func (p *passer) eStepPass(e eStep) (*stats, error) { return p.run(e, e.center(), nil, true) }

// respPass accumulates the statistics about ref of the responsibilities
// resp gives (an initialisation's); with moments false only the masses and
// first moments.
func (p *passer) respPass(resp respFunc, ref []float64, moments bool) (*stats, error) {
	return p.run(nil, ref, resp, moments)
}

// run is eStepPass (e non-nil, ref = e.center()) or respPass (resp
// non-nil). It fails only on a source's read error.
func (p *passer) run(e eStep, ref []float64, resp respFunc, moments bool) (*stats, error) {
	k, d := p.k, p.d
	p.newPass()
	forBlocksOn(p.passWorkers(resp), p.n, func(w, b, lo, hi int) {
		s, a := p.work[w], p.blk[b]
		a.reset()
		p.errs[b] = nil
		for c0 := lo; c0 < hi; c0 += chunkRows {
			c1 := min(c0+chunkRows, hi)
			nb := c1 - c0
			x, err := p.read(w, c0, c1, hi)
			if err != nil {
				p.errs[b] = err
				return
			}
			r, rs, cs := s.wlp, 1, chunkRows // component-major
			if e != nil {
				e.weightedLogProb(s, x, nb)
				if p.entropy {
					s.keepLogProb(nb, k)
				}
				var ll float64
				if wc := p.chunkWeights(c0, c1); wc != nil {
					ll = s.weightedResponsibilities(nb, k, wc)
				} else {
					ll = s.responsibilities(nb, k)
				}
				a.ll += ll
				if p.entropy {
					a.rlogr += s.rLogR(nb, k, ll)
				}
			} else {
				resp(c0, c1, x, s.wlp[:nb*k])
				s.diffs(x, ref, nb, d, k)
				rs, cs = k, 1 // row-major
				wc := p.chunkWeights(c0, c1)
				if moments {
					p.st.unassigned(a, x, s.wlp[:nb*k], wc, nb, k, d)
				}
				scaleRows(s.wlp[:nb*k], wc, k)
			}
			done := 0 // components whose statistics accumulate2x4 took
			if e != nil && moments && d == 2 {
				done = accumulate2x4(p.st, a, x, ref, r, nb, k)
			}
			for c := done; c < k; c++ {
				mu, r := ref[c*d:c*d+d], r[c*cs:]
				if moments {
					p.st.accumulate(a, x, mu, s.diffOf(c, d), r, rs, nb, d, c, s.idx)
				} else {
					firstMoments(a, x, mu, r, rs, nb, d, c)
				}
			}
		}
	})
	for _, err := range p.errs {
		if err != nil {
			return nil, err
		}
	}
	p.total.reset()
	for _, a := range p.blk {
		p.total.add(a)
	}
	p.total.mass = p.mass
	return p.total, nil
}

// chunkWeights returns the sample weights of rows lo..hi, or nil when the
// fit is unweighted or all of them are 1: such a chunk takes the
// unweighted path, so that weights all 1 give the unweighted fit bit for
// bit.
func (p *passer) chunkWeights(lo, hi int) []float64 {
	if p.w == nil {
		return nil
	}
	w := p.w[lo:hi]
	for _, v := range w {
		if v != 1 {
			return w
		}
	}
	return nil
}

// scaleRows multiplies each row of the b×K responsibilities r by its
// weight w[i]; nil w leaves r alone.
func scaleRows(r, w []float64, k int) {
	for i, v := range w {
		for c := range r[i*k : i*k+k] {
			r[i*k+c] *= v
		}
	}
}

// firstMoments adds Σ r_i and Σ r_i (x_i - μ) of component c into a.
func firstMoments(a *stats, x, mu, r []float64, rs, b, d, c int) {
	sd := a.sumDiff[c*d : c*d+d]
	nk := 0.0
	for i := 0; i < b; i++ {
		w := r[i*rs]
		nk += w
		for j, v := range x[i*d : i*d+d] {
			sd[j] += w * (v - mu[j])
		}
	}
	a.nk[c] += nk
}
