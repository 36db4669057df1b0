package gmmlab

import (
	"fmt"
	"math"

	"github.com/gmmlab/gmmlab/nprand"
)

// A RowSource is a table of float64 rows read in chunks: data larger than
// memory (datagen.OpenNPY and datagen.OpenCSV return one), or one shard
// of a table spread over machines. Dims returns the number of rows and of
// columns. ReadRows reads rows lo, lo+1, ... into dst, as many as dst
// holds (len(dst) is a multiple of the number of columns), and returns how
// many it read: fewer only when the table ends first. ReadRows must be
// safe for concurrent use: a fit reads disjoint chunks on every core.
type RowSource interface {
	Dims() (rows, cols int)
	ReadRows(dst []float64, lo int) (n int, err error)
}

// sourceError is a read error of a source: it wraps ErrSource and the
// source's error.
type sourceError struct {
	msg string
	err error
}

func (e *sourceError) Error() string   { return e.msg }
func (e *sourceError) Unwrap() []error { return []error{ErrSource, e.err} }

// FitSource is Fit over the rows of src, read chunk by chunk, never held
// whole: full-batch EM that reads the source once per iteration, with the
// same result as Fit on the same rows in memory, bit for bit, for every
// setting and every InitParams. The passes cut the rows into the same
// blocks of whole chunks as Fit's and reduce them in the same order, and
// each initialisation makes the same draws and the same sums:
//
//   - InitKMeans: scikit-learn's Lloyd streamed: one pass for the column
//     means, one for the variance, the k-means++ seeding below on the
//     centred rows, then one pass per Lloyd iteration, which tells whether
//     a label changed by assigning each row with the previous centres too
//     instead of keeping n labels (and an extra pass when a cluster is
//     empty, to find the farthest rows).
//   - InitKMeansPlusPlus: two passes per centre, recomputing each row's
//     distance to its closest centre instead of keeping n of them.
//   - InitRandomFromData: the seeds of numpy's permutation(n)[:K] without
//     the n indices (nprand's PermutationHead).
//   - InitRandom: the n×K uniforms drawn again chunk by chunk for each of
//     the initialisation's two passes, which run in row order on one
//     goroutine.
//
// Memory is O(chunk·D + K·D²) whatever the number of rows: per core a
// read buffer of 256 KiB (whole chunks of 256 rows, at least one) and K
// blocks of 256×D differences, the statistics of at most 64 blocks, the
// parameters (and, for InitRandomFromData, the generator's state every
// √(320n) draws: 1.3 MB for 2·10⁷ rows). Fitting 2·10⁷ × 8 rows with 8
// full components peaks at 11 MB resident (make bench-large). FitSource
// reads the source once before fitting to check its values, then once per
// pass.
//
// FitSource returns Fit's errors (NaN or Inf in the source is
// ErrNonFinite, naming the row) and a read error of the source wrapped
// with the rows it was reading (ErrSource, and the source's error). It
// panics as Fit does.
func (g GaussianMixture) FitSource(src RowSource) (*Mixture, error) {
	s := g.withDefaults()
	p, err := newSourcePasser(src, s.NComponents, 0, strategies[s.CovarianceType])
	if err != nil {
		return nil, err
	}
	return g.fitOn(s, p, p)
}

// newSourcePasser checks the rows of src and returns a passer that reads
// them, on at most workers goroutines (0: GOMAXPROCS).
func newSourcePasser(src RowSource, k, workers int, st covStrategy) (*passer, error) {
	if src == nil {
		panicf(ErrShape, "gmmlab: the source is nil; pass one opened with datagen.OpenNPY or datagen.OpenCSV")
	}
	n, d := src.Dims()
	if err := checkFitData(nil, n, d, k); err != nil {
		return nil, err
	}
	p := newPasser(nil, n, d, k, workers, st)
	p.src = src
	per := max(1, readBytes/(8*d*chunkRows)) * chunkRows
	for range p.work {
		p.bufs = append(p.bufs, readBuf{x: make([]float64, per*d)})
	}
	return p, p.checkSource()
}

// readBytes bounds the rows a worker reads from a source at once: as many
// whole chunks as fit in 256 KiB, at least one. Fewer, larger reads cost
// fewer system calls.
const readBytes = 256 << 10

// readBuf is a worker's buffer of the rows lo..hi of a source.
type readBuf struct {
	x      []float64
	lo, hi int
}

// newPass forgets the rows the workers hold, so that every pass reads
// every row from the source again.
func (p *passer) newPass() {
	for w := range p.bufs {
		p.bufs[w].lo, p.bufs[w].hi = 0, 0
	}
}

// read returns rows lo..hi. Over a source they come from worker w's
// buffer, which a miss refills with the rows from lo up to end at most
// (the end of the block, which the worker reads in order).
func (p *passer) read(w, lo, hi, end int) ([]float64, error) {
	d := p.d
	if p.src == nil {
		return p.x[lo*d : hi*d], nil
	}
	b := &p.bufs[w]
	if lo < b.lo || hi > b.hi {
		b.lo, b.hi = lo, min(end, lo+len(b.x)/d)
		buf := b.x[:(b.hi-b.lo)*d]
		n, err := p.src.ReadRows(buf, lo)
		if err == nil && n < b.hi-b.lo {
			err = fmt.Errorf("it ended at row %d but its Dims reported %d rows; was it changed during the fit?", lo+n, p.n)
		}
		if err != nil {
			b.hi = b.lo
			return nil, &sourceError{msg: fmt.Sprintf("gmmlab: reading rows %d to %d of the source: %v", lo, b.lo+len(buf)/d-1, err), err: err}
		}
	}
	return b.x[(lo-b.lo)*d : (hi-b.lo)*d], nil
}

// passWorkers is the number of goroutines a pass may use: the passes of
// an initialisation over a source (resp) run in row order on one, since
// the random initialisation draws its responsibilities as it reads.
func (p *passer) passWorkers(resp respFunc) int {
	if resp != nil && p.src != nil {
		return 1
	}
	return p.workers
}

// scan calls fn with the rows in order, a chunk at a time, on the calling
// goroutine, until fn or a read fails.
func (p *passer) scan(fn func(lo int, x []float64) error) error {
	p.newPass()
	for lo := 0; lo < p.n; lo += chunkRows {
		x, err := p.read(0, lo, min(lo+chunkRows, p.n), p.n)
		if err != nil {
			return err
		}
		if err := fn(lo, x); err != nil {
			return err
		}
	}
	return nil
}

// checkSource is checkFinite over a source: the first NaN or Inf, named by
// its row, or values too spread for float64.
func (p *passer) checkSource() error {
	var r *colRange
	d := p.d
	err := p.scan(func(lo int, x []float64) error {
		for i, v := range x {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return errorf(ErrNonFinite, "gmmlab: the source holds %v at row %d, column %d; drop or impute the missing or infinite values before fitting", v, lo+i/d, i%d)
			}
		}
		if r == nil {
			r = newColRange(x[:d])
		}
		r.add(x, d)
		return nil
	})
	if err != nil {
		return err
	}
	return r.check(p.n)
}

// shifted returns the b rows of x minus mu in buf (x itself if mu is nil):
// kmeansFit's centred rows, the same bits.
func shifted(buf, x, mu []float64, d int) []float64 {
	if mu == nil {
		return x
	}
	buf = buf[:len(x)]
	for i := 0; i < len(x)/d; i++ {
		for j := 0; j < d; j++ {
			buf[i*d+j] = x[i*d+j] - mu[j]
		}
	}
	return buf
}

// sourceResponsibilities is initialResponsibilities over a source.
func (c *emConfig) sourceResponsibilities(p *passer, rs *nprand.RandomState) (respFunc, error) {
	n, k := p.n, p.k
	switch c.InitParams {
	case InitRandom:
		return randomResponsibilities(rs, n, k), nil
	case InitRandomFromData:
		return oneHotSeeds(rs.PermutationHead(n, k), k), nil
	case InitKMeansPlusPlus:
		_, idx, err := streamKMeansPlusPlus(p, nil, k, rs)
		return oneHotSeeds(idx, k), err
	default:
		return streamKMeans(p, k, 300, 1e-4, rs)
	}
}

// randomResponsibilities draws InitRandom's n×K uniforms, normalised by
// row, chunk by chunk as the pass reads the rows in order, from a copy of
// rs taken now, and advances rs past them all, as drawing them at once
// does. (uniform(0, 1) is the raw random_sample: 0 + 1·u.)
func randomResponsibilities(rs *nprand.RandomState, n, k int) respFunc {
	start := *rs
	for i := 0; i < n*k; i++ {
		rs.RandomSample()
	}
	var g nprand.RandomState
	next := 0
	return func(lo, hi int, _, out []float64) {
		if lo == 0 {
			g = start
		} else if lo != next {
			panic("gmmlab: internal error: the random initialisation read rows out of order")
		}
		for i := range out {
			out[i] = g.RandomSample()
		}
		normalizeRows(out, k)
		next = hi
	}
}

// readRow reads row i of the source, minus mu unless mu is nil, into dst.
func (p *passer) readRow(dst []float64, i int, mu []float64) error {
	x, err := p.read(0, i, i+1, i+1)
	if err != nil {
		return err
	}
	copy(dst, shifted(make([]float64, p.d), x, mu, p.d))
	return nil
}

// streamKMeansPlusPlus is kmeansPlusPlus over the rows of p minus mu (nil:
// the rows as they are), without holding them: the same draws and the
// same sums in the same order, so the same centres and indices. Each row's
// distance to its closest centre so far is computed again where
// kmeansPlusPlus keeps n of them: one pass for the first centre, two for
// each next one (the cumulative sums that place the candidates, then the
// candidates' potentials).
func streamKMeansPlusPlus(p *passer, mu []float64, k int, rs *nprand.RandomState) ([]float64, []int, error) {
	n, d := p.n, p.d
	centers := make([]float64, k*d)
	indices := make([]int, k)
	trials := 2 + int(math.Log(float64(k)))
	first := int(rs.Randint(0, int64(n)))
	if err := p.readRow(centers[:d], first, mu); err != nil {
		return nil, nil, err
	}
	indices[0] = first
	buf, xsq := make([]float64, chunkRows*d), make([]float64, chunkRows)
	closest, dist := make([]float64, chunkRows), make([]float64, chunkRows)
	// closestOf sets closest to the distances of the chunk x to the
	// nearest of the first c centres and returns the shifted rows.
	closestOf := func(x []float64, c int) ([]float64, int) {
		xs := shifted(buf, x, mu, d)
		b := len(x) / d
		for i := 0; i < b; i++ {
			s := 0.0
			for _, v := range xs[i*d : i*d+d] {
				s += v * v
			}
			xsq[i] = s
		}
		sqDistances(closest[:b], centers[:d], xs, xsq, b, d)
		for t := 1; t < c; t++ {
			sqDistances(dist[:b], centers[t*d:t*d+d], xs, xsq, b, d)
			for i, v := range dist[:b] {
				closest[i] = min(closest[i], v)
			}
		}
		return xs, b
	}
	pot := 0.0
	if err := p.scan(func(_ int, x []float64) error {
		_, b := closestOf(x, 1)
		for _, v := range closest[:b] {
			pot += v
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	ids, pots := make([]int, trials), make([]float64, trials)
	cand := make([]float64, trials*d)
	for c := 1; c < k; c++ {
		r := rs.UniformN(0, 1, trials)
		for t := range ids {
			ids[t] = -1
		}
		s := 0.0
		if err := p.scan(func(lo int, x []float64) error {
			_, b := closestOf(x, c)
			for i, v := range closest[:b] {
				s += v
				for t, u := range r {
					if ids[t] < 0 && s >= u*pot {
						ids[t] = lo + i
					}
				}
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
		for t, id := range ids {
			if id < 0 {
				ids[t] = n - 1
			}
			if err := p.readRow(cand[t*d:t*d+d], ids[t], mu); err != nil {
				return nil, nil, err
			}
		}
		clear(pots)
		if err := p.scan(func(_ int, x []float64) error {
			xs, b := closestOf(x, c)
			for t := range pots {
				sqDistances(dist[:b], cand[t*d:t*d+d], xs, xsq, b, d)
				for i, v := range closest[:b] {
					if v < dist[i] {
						dist[i] = v
					}
					pots[t] += dist[i]
				}
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
		best := 0
		for t, v := range pots {
			if v < pots[best] {
				best = t
			}
		}
		pot = pots[best]
		copy(centers[c*d:], cand[best*d:best*d+d])
		indices[c] = ids[best]
	}
	return centers, indices, nil
}

// streamKMeans is the kmeansFit of the InitKMeans initialisation (one
// k-means++ seeding, no weights) over a source: it returns the
// responsibilities of its labels, each row's assignment computed again as
// the pass reads it.
func streamKMeans(p *passer, k, maxIter int, tol float64, rs *nprand.RandomState) (respFunc, error) {
	n, d := p.n, p.d
	mu := make([]float64, d)
	if err := p.scan(func(_ int, x []float64) error {
		for i := 0; i < len(x)/d; i++ {
			for j := 0; j < d; j++ {
				mu[j] += x[i*d+j]
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for j := range mu {
		mu[j] /= float64(n)
	}
	variance := 0.0
	if err := p.scan(func(_ int, x []float64) error {
		for i := 0; i < len(x)/d; i++ {
			for j := 0; j < d; j++ {
				v := x[i*d+j] - mu[j]
				variance += v * v
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	tol *= variance / float64(n) / float64(d)
	centers, _, err := streamKMeansPlusPlus(p, mu, k, rs)
	if err != nil {
		return nil, err
	}
	lc, err := streamLloyd(p, mu, k, centers, maxIter, tol)
	if err != nil {
		return nil, err
	}
	cn := rowNormsSq(lc, k, d)
	buf, labels := make([]float64, chunkRows*d), make([]int, chunkRows)
	return func(lo, hi int, x, out []float64) {
		b := hi - lo
		assign(shifted(buf, x, mu, d), b, d, lc, cn, labels[:b])
		clear(out)
		for i, c := range labels[:b] {
			out[i*k+c] = 1
		}
	}, nil
}

// streamLloyd is lloyd (unweighted) over the rows of p minus mu, in the
// same blocks and the same order of sums, without the n labels: a row's
// previous label, which the strict convergence test compares, is its
// assignment under the previous centres, computed again in the same pass.
// It returns the centres the final labels are the assignments to.
func streamLloyd(p *passer, mu []float64, k int, centers []float64, maxIter int, tol float64) ([]float64, error) {
	n, d := p.n, p.d
	newCenters := make([]float64, k*d)
	weight := make([]float64, k)
	shift := make([]float64, k)
	_, nb := blocks(n)
	partial := make([][]float64, nb)
	for b := range partial {
		partial[b] = make([]float64, k*(d+1))
	}
	changed := make([]int, nb)
	type scratch struct {
		buf       []float64
		lab, prev []int
	}
	work := make([]scratch, len(p.work))
	for w := range work {
		work[w] = scratch{make([]float64, chunkRows*d), make([]int, chunkRows), make([]int, chunkRows)}
	}
	var prev []float64 // the centres of the previous step's labels, nil before the first
	step := func(update bool) (int, error) {
		cn := rowNormsSq(centers, k, d)
		var pn []float64
		if prev != nil && update {
			pn = rowNormsSq(prev, k, d)
		}
		p.newPass()
		forBlocksOn(p.workers, n, func(w, b, lo, hi int) {
			s, part := work[w], partial[b]
			clear(part)
			changed[b], p.errs[b] = 0, nil
			for c0 := lo; c0 < hi; c0 += chunkRows {
				c1 := min(c0+chunkRows, hi)
				x, err := p.read(w, c0, c1, hi)
				if err != nil {
					p.errs[b] = err
					return
				}
				xs, nr := shifted(s.buf, x, mu, d), c1-c0
				assign(xs, nr, d, centers, cn, s.lab[:nr])
				if !update {
					continue
				}
				if pn != nil {
					assign(xs, nr, d, prev, pn, s.prev[:nr])
					for i, c := range s.lab[:nr] {
						if c != s.prev[i] {
							changed[b]++
						}
					}
				}
				for i, c := range s.lab[:nr] {
					part[k*d+c]++
					row := part[c*d : c*d+d]
					for j, v := range xs[i*d : i*d+d] {
						row[j] += v
					}
				}
			}
		})
		for _, err := range p.errs {
			if err != nil {
				return 0, err
			}
		}
		total := 0
		for _, c := range changed {
			total += c
		}
		if !update {
			return total, nil
		}
		reducePartials(partial, newCenters, weight, k, d)
		if err := streamRelocate(p, mu, k, centers, newCenters, weight); err != nil {
			return 0, err
		}
		averageCenters(newCenters, centers, weight, shift, k, d)
		return total, nil
	}
	for i := 0; i < maxIter; i++ {
		moved, err := step(true)
		if err != nil {
			return nil, err
		}
		labelled := append([]float64(nil), centers...)
		centers, newCenters = newCenters, centers
		if prev != nil && moved == 0 {
			return labelled, nil // the labels did not change: converged strictly
		}
		tot := 0.0
		for _, s := range shift {
			tot += s * s
		}
		if tot <= tol {
			break
		}
		prev = labelled
	}
	// Not strictly converged: lloyd's last labels are the assignments to
	// the final centres.
	return centers, nil
}

// streamRelocate is relocateEmpty (unweighted) over a source: the rows
// farthest from their centres old, in decreasing distance and then
// increasing row (the stable sort's order), found in one more pass, only
// when a cluster is empty.
func streamRelocate(p *passer, mu []float64, k int, old, centers, weight []float64) error {
	var empty []int
	for c, w := range weight {
		if w == 0 {
			empty = append(empty, c)
		}
	}
	if len(empty) == 0 {
		return nil
	}
	d, m := p.d, len(empty)
	type far struct {
		dist  float64
		label int
		x     []float64
	}
	var top []far // the m farthest so far, farthest first
	cn := rowNormsSq(old, k, d)
	buf, labels := make([]float64, chunkRows*d), make([]int, chunkRows)
	err := p.scan(func(_ int, x []float64) error {
		b := len(x) / d
		xs := shifted(buf, x, mu, d)
		assign(xs, b, d, old, cn, labels[:b])
		for i := 0; i < b; i++ {
			c, dist := labels[i], 0.0
			for j := 0; j < d; j++ {
				v := xs[i*d+j] - old[c*d+j]
				dist += v * v
			}
			if len(top) == m && !(dist > top[m-1].dist) {
				continue
			}
			at := len(top)
			for at > 0 && dist > top[at-1].dist {
				at--
			}
			f := far{dist, c, append([]float64(nil), xs[i*d:i*d+d]...)}
			top = append(top[:at], append([]far{f}, top[at:]...)...)
			if len(top) > m {
				top = top[:m]
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for t, c := range empty {
		f := top[t]
		for j := 0; j < d; j++ {
			centers[f.label*d+j] -= f.x[j]
			centers[c*d+j] = f.x[j]
		}
		weight[c] = 1
		weight[f.label]--
	}
	return nil
}
