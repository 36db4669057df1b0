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
	diff []float64 // K blocks of chunkRows×D (not for D = 2)
	wlp  []float64 // K×chunkRows, component-major: wlp[c*chunkRows+i]
	row  []float64 // K, one row of wlp
	mx   []float64 // chunkRows, row maxima
	sum  []float64 // chunkRows, row sums
	idx  []int     // chunkRows
}

func newScratch(k, d int) *scratch {
	s := &scratch{
		wlp: make([]float64, chunkRows*k),
		row: make([]float64, k),
		mx:  make([]float64, chunkRows),
		sum: make([]float64, chunkRows),
		idx: make([]int, chunkRows),
	}
	if d != 2 {
		s.diff = make([]float64, k*chunkRows*d)
	}
	return s
}

// diffOf is component c's block of s.diff, nil when D = 2 (the
// two-feature kernels work on the rows of x directly).
func (s *scratch) diffOf(c, d int) []float64 {
	if s.diff == nil {
		return nil
	}
	return s.diff[c*chunkRows*d : (c+1)*chunkRows*d]
}

// diffs fills s.diff with x_i - ref_c for the b rows of x and every
// component (not for D = 2).
func (s *scratch) diffs(x, ref []float64, b, d, k int) {
	if s.diff == nil {
		return
	}
	for c := 0; c < k; c++ {
		subRows(s.diffOf(c, d), x, ref[c*d:c*d+d], b, d)
	}
}

// subRows sets diff_i = x_i - mu for the b rows of x.
func subRows(diff, x, mu []float64, b, d int) {
	for i := 0; i < b; i++ {
		xi, di := x[i*d:i*d+d], diff[i*d:i*d+d]
		for j, v := range mu {
			di[j] = xi[j] - v
		}
	}
}

// weightedLogProb sets s.wlp[c*chunkRows+i] to log w_c + log N(x_i | μ_c,
// Σ_c) for the b rows of x, leaving x_i - μ_c in s.diff unless D = 2.
func (m *model) weightedLogProb(s *scratch, x []float64, b int) {
	k, d := m.k, m.d
	st := m.strategy()
	half := float64(d) * log2Pi
	for c := 0; c < k; c++ {
		off := -0.5*half + m.logDet[c] + m.logW[c]
		st.logProb(s.wlp[c*chunkRows:c*chunkRows+b], off, x, m.means[c*d:c*d+d], s.diffOf(c, d), b, d, c, m.pc)
	}
}

// wlpRow copies row i of s.wlp (K values) into s.row and returns it.
func (s *scratch) wlpRow(i, k int) []float64 {
	for c := range s.row[:k] {
		s.row[c] = s.wlp[c*chunkRows+i]
	}
	return s.row[:k]
}

// responsibilities turns the weighted log probabilities of the b rows in
// s.wlp into responsibilities in place and returns the sum of the rows'
// log-likelihoods log Σ_c exp(wlp_ic). Each row takes K exponentials and
// one division; the logarithms of the b row sums are taken at once, as the
// logarithm of their product (kept in range by powers of two).
func (s *scratch) responsibilities(b, k int) float64 {
	ll := s.rowMaxima(b, k)
	s.expSums(b, k)
	sum := s.sum[:b]
	// Each finite row's sum is at least 1, its largest term being exp(0).
	prod, exp2 := 1.0, 0
	for i, v := range sum {
		prod *= v
		if prod > 0x1p512 {
			prod *= 0x1p-512
			exp2 += 512
		}
		sum[i] = 1 / v
	}
	for c := 0; c < k; c++ {
		for i := range s.wlp[c*chunkRows : c*chunkRows+b] {
			s.wlp[c*chunkRows+i] *= sum[i]
		}
	}
	return ll + (math.Log(prod) + float64(exp2)*math.Ln2)
}

// rowMaxima sets s.mx to the maximum of each of the b rows of s.wlp (0 for
// a row whose maximum is infinite or NaN, as scipy's logsumexp) and
// returns their sum.
func (s *scratch) rowMaxima(b, k int) float64 {
	mx := s.mx[:b]
	copy(mx, s.wlp[:b])
	for c := 1; c < k; c++ {
		for i, v := range s.wlp[c*chunkRows : c*chunkRows+b] {
			mx[i] = max(mx[i], v)
		}
	}
	sum := 0.0
	for i, v := range mx {
		if v-v != 0 { // ±Inf or NaN
			mx[i], v = 0, 0
		}
		sum += v
	}
	return sum
}

// expSums replaces s.wlp by exp(wlp - mx) row by row and sets s.sum to
// the row sums.
func (s *scratch) expSums(b, k int) {
	clear(s.sum[:b])
	for c := 0; c < k; c++ {
		expShifted(s.wlp[c*chunkRows:c*chunkRows+b], s.mx, s.sum)
	}
}

// rowLogLikelihoods sets ll[i] = log Σ_c w_c N(x_i | μ_c, Σ_c) and gap[i] =
// ll[i] - max_c log w_c N(x_i | μ_c, Σ_c) for the n rows of x, on up to
// workers goroutines (0: GOMAXPROCS).
func (m *model) rowLogLikelihoods(x []float64, n, workers int, ll, gap []float64) {
	work := make([]*scratch, numWorkersOn(workers, n))
	forBlocksOn(workers, n, func(w, _, lo, hi int) {
		if work[w] == nil {
			work[w] = newScratch(m.k, m.d)
		}
		s := work[w]
		for c0 := lo; c0 < hi; c0 += chunkRows {
			c1 := min(c0+chunkRows, hi)
			b := c1 - c0
			m.weightedLogProb(s, x[c0*m.d:c1*m.d], b)
			s.rowMaxima(b, m.k)
			s.expSums(b, m.k)
			for i, v := range s.sum[:b] {
				g := math.Log(v)
				ll[c0+i], gap[c0+i] = s.mx[i]+g, g
			}
		}
	})
}

// expTable holds 2^(j/128), j = 0..127, correctly rounded (from 60-digit
// decimal arithmetic).
var expTable = [128]float64{
	0x1.0000000000000p+0, 0x1.0163da9fb3335p+0, 0x1.02c9a3e778061p+0, 0x1.04315e86e7f85p+0,
	0x1.059b0d3158574p+0, 0x1.0706b29ddf6dep+0, 0x1.0874518759bc8p+0, 0x1.09e3ecac6f383p+0,
	0x1.0b5586cf9890fp+0, 0x1.0cc922b7247f7p+0, 0x1.0e3ec32d3d1a2p+0, 0x1.0fb66affed31bp+0,
	0x1.11301d0125b51p+0, 0x1.12abdc06c31ccp+0, 0x1.1429aaea92de0p+0, 0x1.15a98c8a58e51p+0,
	0x1.172b83c7d517bp+0, 0x1.18af9388c8deap+0, 0x1.1a35beb6fcb75p+0, 0x1.1bbe084045cd4p+0,
	0x1.1d4873168b9aap+0, 0x1.1ed5022fcd91dp+0, 0x1.2063b88628cd6p+0, 0x1.21f49917ddc96p+0,
	0x1.2387a6e756238p+0, 0x1.251ce4fb2a63fp+0, 0x1.26b4565e27cddp+0, 0x1.284dfe1f56381p+0,
	0x1.29e9df51fdee1p+0, 0x1.2b87fd0dad990p+0, 0x1.2d285a6e4030bp+0, 0x1.2ecafa93e2f56p+0,
	0x1.306fe0a31b715p+0, 0x1.32170fc4cd831p+0, 0x1.33c08b26416ffp+0, 0x1.356c55f929ff1p+0,
	0x1.371a7373aa9cbp+0, 0x1.38cae6d05d866p+0, 0x1.3a7db34e59ff7p+0, 0x1.3c32dc313a8e5p+0,
	0x1.3dea64c123422p+0, 0x1.3fa4504ac801cp+0, 0x1.4160a21f72e2ap+0, 0x1.431f5d950a897p+0,
	0x1.44e086061892dp+0, 0x1.46a41ed1d0057p+0, 0x1.486a2b5c13cd0p+0, 0x1.4a32af0d7d3dep+0,
	0x1.4bfdad5362a27p+0, 0x1.4dcb299fddd0dp+0, 0x1.4f9b2769d2ca7p+0, 0x1.516daa2cf6642p+0,
	0x1.5342b569d4f82p+0, 0x1.551a4ca5d920fp+0, 0x1.56f4736b527dap+0, 0x1.58d12d497c7fdp+0,
	0x1.5ab07dd485429p+0, 0x1.5c9268a5946b7p+0, 0x1.5e76f15ad2148p+0, 0x1.605e1b976dc09p+0,
	0x1.6247eb03a5585p+0, 0x1.6434634ccc320p+0, 0x1.6623882552225p+0, 0x1.68155d44ca973p+0,
	0x1.6a09e667f3bcdp+0, 0x1.6c012750bdabfp+0, 0x1.6dfb23c651a2fp+0, 0x1.6ff7df9519484p+0,
	0x1.71f75e8ec5f74p+0, 0x1.73f9a48a58174p+0, 0x1.75feb564267c9p+0, 0x1.780694fde5d3fp+0,
	0x1.7a11473eb0187p+0, 0x1.7c1ed0130c132p+0, 0x1.7e2f336cf4e62p+0, 0x1.80427543e1a12p+0,
	0x1.82589994cce13p+0, 0x1.8471a4623c7adp+0, 0x1.868d99b4492edp+0, 0x1.88ac7d98a6699p+0,
	0x1.8ace5422aa0dbp+0, 0x1.8cf3216b5448cp+0, 0x1.8f1ae99157736p+0, 0x1.9145b0b91ffc6p+0,
	0x1.93737b0cdc5e5p+0, 0x1.95a44cbc8520fp+0, 0x1.97d829fde4e50p+0, 0x1.9a0f170ca07bap+0,
	0x1.9c49182a3f090p+0, 0x1.9e86319e32323p+0, 0x1.a0c667b5de565p+0, 0x1.a309bec4a2d33p+0,
	0x1.a5503b23e255dp+0, 0x1.a799e1330b358p+0, 0x1.a9e6b5579fdbfp+0, 0x1.ac36bbfd3f37ap+0,
	0x1.ae89f995ad3adp+0, 0x1.b0e07298db666p+0, 0x1.b33a2b84f15fbp+0, 0x1.b59728de5593ap+0,
	0x1.b7f76f2fb5e47p+0, 0x1.ba5b030a1064ap+0, 0x1.bcc1e904bc1d2p+0, 0x1.bf2c25bd71e09p+0,
	0x1.c199bdd85529cp+0, 0x1.c40ab5fffd07ap+0, 0x1.c67f12e57d14bp+0, 0x1.c8f6d9406e7b5p+0,
	0x1.cb720dcef9069p+0, 0x1.cdf0b555dc3fap+0, 0x1.d072d4a07897cp+0, 0x1.d2f87080d89f2p+0,
	0x1.d5818dcfba487p+0, 0x1.d80e316c98398p+0, 0x1.da9e603db3285p+0, 0x1.dd321f301b460p+0,
	0x1.dfc97337b9b5fp+0, 0x1.e264614f5a129p+0, 0x1.e502ee78b3ff6p+0, 0x1.e7a51fbc74c83p+0,
	0x1.ea4afa2a490dap+0, 0x1.ecf482d8e67f1p+0, 0x1.efa1bee615a27p+0, 0x1.f252b376bba97p+0,
	0x1.f50765b6e4540p+0, 0x1.f7bfdad9cbe14p+0, 0x1.fa7c1819e90d8p+0, 0x1.fd3c22b8f71f1p+0,
}

// expShifted sets v[i] = e^(v[i]-mx[i]) and adds it to sum[i]. It is
// within 2 ulp of math.Exp and
// about twice as fast for the arguments x ≤ 0 of the responsibilities:
// x = (128n + j)·ln2/128 + r with |r| ≤ ln2/256, e^x = 2^n · 2^(j/128) ·
// e^r, e^r by its degree-5 Taylor polynomial (truncation error below
// 2^-60). math.Exp takes the arguments near underflow, the large ones and
// NaN.
func expShifted(v, mx, sum []float64) {
	const (
		shift  = 0x1.8p52 // x + shift rounds x to an integer
		ln2Hi  = 6.93147180369123816490e-01 / 128
		ln2Lo  = 1.90821492927058770002e-10 / 128 // n·ln2Hi is exact: its low bits are zero
		invLn2 = 128 / math.Ln2
	)
	mx, sum = mx[:len(v)], sum[:len(v)]
	for i, x := range v {
		x -= mx[i]
		if !(x >= -708 && x <= 709) {
			e := 0.0 // math.Exp underflows to 0 below -745.13
			if x >= -745.2 || x != x {
				e = math.Exp(x)
			}
			v[i] = e
			sum[i] += e
			continue
		}
		kb := math.Float64bits(x*invLn2 + shift)
		kd := math.Float64frombits(kb) - shift
		n := int64(kb - 0x4338000000000000) // the integer kd
		r := x - kd*ln2Hi - kd*ln2Lo
		r2 := r * r
		q := r + r2*(0.5+r*(1.0/6)+r2*(1.0/24+r*(1.0/120))) // e^r - 1
		tj := expTable[n&127]
		t := tj + tj*q // t·2^(n>>7) is normal for x ≥ -708
		e := math.Float64frombits(math.Float64bits(t) + uint64(n>>7)<<52)
		v[i] = e
		sum[i] += e
	}
}

// stats are the sufficient statistics one pass accumulates.
type stats struct {
	nk      []float64 // K: Σ r
	sumDiff []float64 // K×D: Σ r (x - ref)
	s       []float64 // second moments about ref, layout of the strategy
	ll      float64   // Σ log p(x) (E-step passes only)

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
	workers int // goroutines a pass may use, 0 for GOMAXPROCS
	st      covStrategy
	work    []*scratch
	blk     []*stats
	total   *stats
}

func newPasser(x []float64, n, d, k, workers int, st covStrategy) *passer {
	p := &passer{x: x, n: n, d: d, k: k, workers: workers, st: st, total: newStats(st, k, d)}
	for w := numWorkersOn(workers, n); w > 0; w-- {
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
	forBlocksOn(p.workers, p.n, func(w, b, lo, hi int) {
		s, a := p.work[w], p.blk[b]
		a.reset()
		for c0 := lo; c0 < hi; c0 += chunkRows {
			c1 := min(c0+chunkRows, hi)
			nb := c1 - c0
			x := p.x[c0*d : c1*d]
			r, rs, cs := s.wlp, 1, chunkRows // component-major
			if m != nil {
				m.weightedLogProb(s, x, nb)
				a.ll += s.responsibilities(nb, k)
			} else {
				resp(c0, c1, s.wlp[:nb*k])
				s.diffs(x, ref, nb, d, k)
				rs, cs = k, 1 // row-major
			}
			for c := 0; c < k; c++ {
				mu, r := ref[c*d:c*d+d], r[c*cs:]
				if moments {
					p.st.accumulate(a, x, mu, s.diffOf(c, d), r, rs, nb, d, c, s.idx)
				} else {
					firstMoments(a, x, mu, r, rs, nb, d, c)
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
