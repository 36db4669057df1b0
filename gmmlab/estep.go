package gmmlab

import "math"

// An eStep is the E-step of a mixture model as the streaming pass
// (pass.go) and the predictions see it: for a chunk of rows, the weighted
// log probabilities log π_c + log p(x_i | c) of every component c. The pass
// turns them into responsibilities and sufficient statistics; Predict,
// PredictProba and ScoreSamples turn them into labels, posterior
// probabilities and log-likelihoods. All of that is written once, here and
// in pass.go, for any model that implements the interface.
//
// GaussianMixture's model (model.go) implements it with log w_c and the
// Gaussian log density. BayesianGaussianMixture's variational model uses
// scikit-learn's _estimate_log_weights (E[log π_c]) and _estimate_log_prob
// (the same Gaussian term less ½·D·log ν_c, plus ½·(E[log |Λ_c|] - D/β_c)):
// the same covariance kernels with other per-component constants, so it
// can embed model and set model.off.
type eStep interface {
	// shape returns the number of components K and of features D.
	shape() (k, d int)
	// center returns the K×D means that weightedLogProb subtracts from the
	// rows; an E-step pass accumulates its statistics about them.
	center() []float64
	// weightedLogProb sets s.wlp[c*chunkRows+i] = log π_c + log p(x_i | c)
	// for the b ≤ chunkRows rows of x (b×D, row-major) and every component
	// c, and unless D = 2 leaves x_i - center_c in s.diffOf(c, D), which
	// the covariance kernels of the pass read. It only reads the model, so
	// goroutines may call it at once, each with its own scratch.
	weightedLogProb(s *scratch, x []float64, b int)
}

var log2Pi = math.Log(2 * math.Pi)

// scratch is one goroutine's working memory for a chunk.
type scratch struct {
	diff []float64 // K blocks of chunkRows×D (not for D = 2)
	wlp  []float64 // K×chunkRows, component-major: wlp[c*chunkRows+i]
	row  []float64 // K, one row of wlp
	mx   []float64 // chunkRows, row maxima
	sum  []float64 // chunkRows, row sums
	idx  []int     // chunkRows
	pre  []float64 // a copy of wlp before responsibilities (entropy passes, variational.go)
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
		r := s.wlp[c*chunkRows : c*chunkRows+b]
		for i := mulTo4(r, sum); i < b; i++ {
			r[i] *= sum[i]
		}
	}
	return ll + (math.Log(prod) + float64(exp2)*math.Ln2)
}

// weightedResponsibilities is responsibilities for rows of weights w (b
// of them): each row's responsibilities are multiplied by its weight and
// the sum returned is Σ_i w_i log Σ_c exp(wlp_ic).
func (s *scratch) weightedResponsibilities(b, k int, w []float64) float64 {
	s.rowMaxima(b, k)
	s.expSums(b, k)
	ll := 0.0
	for i, v := range s.sum[:b] {
		ll += w[i] * (s.mx[i] + math.Log(v))
		s.sum[i] = w[i] / v
	}
	for c := 0; c < k; c++ {
		for i := range s.wlp[c*chunkRows : c*chunkRows+b] {
			s.wlp[c*chunkRows+i] *= s.sum[i]
		}
	}
	return ll
}

// rowMaxima sets s.mx to the maximum of each of the b rows of s.wlp (0 for
// a row whose maximum is infinite or NaN, as scipy's logsumexp) and
// returns their sum.
func (s *scratch) rowMaxima(b, k int) float64 {
	mx := s.mx[:b]
	copy(mx, s.wlp[:b])
	for c := 1; c < k; c++ {
		w := s.wlp[c*chunkRows : c*chunkRows+b]
		for i := maxTo4(mx, w); i < b; i++ {
			mx[i] = max(mx[i], w[i])
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

// logSumExps sets out[i] to the log-likelihood log Σ_c exp(wlp_ic) of
// each of the b rows of s.wlp, with the operations of numpy.LogSumExp in
// its order (math.Exp, not the pass's fast exponential), row by row: the
// numbers of ScoreSamples. It overwrites s.mx and s.sum.
func (s *scratch) logSumExps(b, k int, out []float64) {
	mx, sum := s.mx[:b], s.sum[:b]
	for i := range mx {
		mx[i] = math.Inf(-1)
	}
	for c := 0; c < k; c++ {
		for i, v := range s.wlp[c*chunkRows : c*chunkRows+b] {
			if v > mx[i] {
				mx[i] = v
			}
		}
	}
	for i, v := range mx {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			mx[i] = 0
		}
		sum[i] = 0
	}
	for c := 0; c < k; c++ {
		for i, v := range s.wlp[c*chunkRows : c*chunkRows+b] {
			sum[i] += math.Exp(v - mx[i])
		}
	}
	for i, v := range sum {
		out[i] = math.Log(v) + mx[i]
	}
}

// evalRows calls fn(i, wlp) for every row i of the n rows x (from
// predictRows) with the K weighted log probabilities of e's E-step, rows
// spread over all cores. fn must only write state that belongs to row i.
func evalRows(e eStep, x []float64, n int, fn func(i int, wlp []float64)) {
	k, _ := e.shape()
	forChunks(e, x, n, 0, func(s *scratch, lo, hi int) {
		for i := lo; i < hi; i++ {
			fn(i, s.wlpRow(i-lo, k))
		}
	})
}

// forChunks calls fn(s, lo, hi) for every chunk of the n rows of x after
// e's E-step has set s.wlp for its rows, chunks spread over all cores
// (or over workers goroutines; 0 means GOMAXPROCS). fn must only write
// state that belongs to rows lo..hi.
func forChunks(e eStep, x []float64, n, workers int, fn func(s *scratch, lo, hi int)) {
	k, d := e.shape()
	work := make([]*scratch, numWorkersOn(workers, n))
	forBlocksOn(workers, n, func(w, _, lo, hi int) {
		if work[w] == nil {
			work[w] = newScratch(k, d)
		}
		s := work[w]
		for c0 := lo; c0 < hi; c0 += chunkRows {
			c1 := min(c0+chunkRows, hi)
			e.weightedLogProb(s, x[c0*d:c1*d], c1-c0)
			fn(s, c0, c1)
		}
	})
}

// rowLogLikelihoods sets ll[i] = log Σ_c exp(wlp_ic) and gap[i] = ll[i] -
// max_c wlp_ic under e's E-step for the n rows of x, on up to workers
// goroutines (0: GOMAXPROCS).
func rowLogLikelihoods(e eStep, x []float64, n, workers int, ll, gap []float64) {
	k, _ := e.shape()
	forChunks(e, x, n, workers, func(s *scratch, lo, hi int) {
		b := hi - lo
		s.rowMaxima(b, k)
		s.expSums(b, k)
		for i, v := range s.sum[:b] {
			g := math.Log(v)
			ll[lo+i], gap[lo+i] = s.mx[i]+g, g
		}
	})
}
