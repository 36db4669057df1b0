package gmmlab

import (
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// MissingPolicy says what Fit and the predictions do with NaN entries of X,
// GaussianMixture's Missing setting.
type MissingPolicy int

const (
	// RejectMissing, the zero value, treats NaN as an error, as
	// scikit-learn does: Fit returns ErrNonFinite, and Predict,
	// PredictProba and ScoreSamples panic with it.
	RejectMissing MissingPolicy = iota
	// Marginalize treats every NaN entry as a missing value and integrates
	// it out: Fit runs EM on the observed coordinates of each row
	// (Ghahramani & Jordan 1994), and the predictions score a row on its
	// observed coordinates. It assumes the values are missing at random.
	Marginalize
)

// String returns "reject" or "marginalize".
func (p MissingPolicy) String() string {
	switch p {
	case RejectMissing:
		return "reject"
	case Marginalize:
		return "marginalize"
	}
	return "MissingPolicy(" + strconv.Itoa(int(p)) + ")"
}

// checked returns p, and panics with ErrSetting if it is not a policy.
func (p MissingPolicy) checked() MissingPolicy {
	if p != RejectMissing && p != Marginalize {
		panicf(ErrSetting, "gmmlab: unknown Missing policy %d; use gmmlab.RejectMissing or gmmlab.Marginalize", int(p))
	}
	return p
}

// Missing returns the MissingPolicy the model was fit with: under
// Marginalize its Predict, PredictProba and ScoreSamples accept rows with
// NaN entries.
func (m *Mixture) Missing() MissingPolicy {
	m.fitted()
	return m.missing
}

// hasNaN reports whether x holds a NaN.
func hasNaN(x []float64) bool {
	for _, v := range x {
		if v != v {
			return true
		}
	}
	return false
}

// allMissing is the error of row i of X, every coordinate NaN.
func allMissing(i int, doing string) error {
	return errorf(ErrNonFinite, "gmmlab: row %d of X has every coordinate missing (NaN); a row needs at least one observed value: drop it before %s", i, doing)
}

// marginalized readies a fit of the n×d rows x with NaN entries under
// Marginalize. Without NaN, or under RejectMissing, it returns x and a nil
// pass: the fit is the ordinary one. Otherwise it returns the rows with
// every NaN replaced by its column's mean over the observed values, which
// the initialisation uses, and the pass that EM iterates on the
// incomplete rows. It fails as imputeMissing does.
func (s *settings) marginalized(x []float64, n, d, workers int) ([]float64, emPass, error) {
	if s.Missing != Marginalize || !hasNaN(x) {
		return x, nil, nil
	}
	imputed, err := imputeMissing(x, n, d)
	if err != nil {
		return nil, nil, err
	}
	return imputed, newMissingPass(x, n, d, s.NComponents, workers, strategies[s.CovarianceType]), nil
}

// imputeMissing returns the n×d rows x with every NaN replaced by the mean
// of the observed values of its column, summed in row order as
// scikit-learn's SimpleImputer does. It fails on an infinite value and on
// a row or a column with no observed value.
func imputeMissing(x []float64, n, d int) ([]float64, error) {
	if err := checkMissingRows(x, n, d, "fitting"); err != nil {
		return nil, err
	}
	sum, cnt := make([]float64, d), make([]int, d)
	for i, v := range x {
		if v == v {
			sum[i%d] += v
			cnt[i%d]++
		}
	}
	for j := range sum {
		if cnt[j] == 0 {
			return nil, errorf(ErrNonFinite, "gmmlab: column %d of X has no observed value (all NaN); drop it before fitting", j)
		}
		sum[j] /= float64(cnt[j])
	}
	imputed := make([]float64, len(x))
	for i, v := range x {
		if v != v {
			v = sum[i%d]
		}
		imputed[i] = v
	}
	return imputed, nil
}

// checkMissingRows fails on an infinite value of the n×d rows x and on a
// row with no observed value; doing names the step.
func checkMissingRows(x []float64, n, d int, doing string) error {
	for i, v := range x {
		if math.IsInf(v, 0) {
			return errorf(ErrNonFinite, "gmmlab: X contains %v at row %d, column %d; drop or clip the infinite values before %s (only NaN counts as missing)", v, i/d, i%d, doing)
		}
	}
	for i := 0; i < n; i++ {
		if !slices.ContainsFunc(x[i*d:i*d+d], func(v float64) bool { return v == v }) {
			return allMissing(i, doing)
		}
	}
	return nil
}

// batchPass returns the E-step pass of PartialFit over the b rows of a
// batch: the marginalising one if m was fit with Marginalize and the
// batch holds NaN, the ordinary one otherwise. It fails as Fit does on
// such rows.
func (m *Mixture) batchPass(x []float64, b, d, k int, st covStrategy) (emPass, error) {
	if m.marginalizes(x) {
		if err := checkMissingRows(x, b, d, "updating the model"); err != nil {
			return nil, err
		}
		return newMissingPass(x, b, d, k, 0, st), nil
	}
	if err := checkFinite(x, d); err != nil {
		return nil, err
	}
	return newPasser(x, b, d, k, 0, st), nil
}

// checkSelectionData is checkFitData for ModelSelection, whose Base may
// make NaN a missing value.
func checkSelectionData(x []float64, n, d, k int, p MissingPolicy) error {
	if p.checked() == Marginalize && hasNaN(x) {
		imputed, err := imputeMissing(x, n, d)
		if err != nil {
			return err
		}
		x = imputed
	}
	return checkFitData(x, n, d, k)
}

// rowLogLikelihoods is rowLogLikelihoods for m's own E-step: rows with
// NaN entries (under Marginalize) are scored on their observed
// coordinates.
func (m *Mixture) rowLogLikelihoods(x []float64, n, workers int, ll, gap []float64) {
	if !m.marginalizes(x) {
		rowLogLikelihoods(m.eStep(), x, n, workers, ll, gap)
		return
	}
	m.evalRows(m.eStep(), x, n, func(i int, wlp []float64) {
		ll[i] = numpy.LogSumExp(wlp)
		gap[i] = ll[i] - slices.Max(wlp)
	})
}

// patterns groups rows by which of their coordinates are missing.
type patterns struct {
	order []int   // the rows, grouped by pattern in order of first appearance
	pat   []int   // pattern of each row of order
	obs   [][]int // per pattern, its observed columns in increasing order
	mis   [][]int // per pattern, its missing columns in increasing order
}

// newPatterns groups the rows rows (nil: all n) of x (n×d). It returns
// the index of the first row with no observed value, or -1.
func newPatterns(x []float64, rows []int, n, d int) (*patterns, int) {
	if rows == nil {
		rows = make([]int, n)
		for i := range rows {
			rows[i] = i
		}
	}
	ids := map[string]int{}
	key := make([]byte, d)
	of := make([]int, len(rows))
	var p patterns
	var count []int
	for r, i := range rows {
		var obs, mis []int
		for j, v := range x[i*d : i*d+d] {
			key[j] = 0
			if v != v {
				key[j] = 1
				mis = append(mis, j)
			} else {
				obs = append(obs, j)
			}
		}
		if len(obs) == 0 {
			return nil, i
		}
		id, ok := ids[string(key)]
		if !ok {
			id = len(p.obs)
			ids[string(key)] = id
			p.obs, p.mis = append(p.obs, obs), append(p.mis, mis)
			count = append(count, 0)
		}
		of[r] = id
		count[id]++
	}
	// A counting sort by pattern, rows in their order within a pattern.
	start := make([]int, len(count)+1)
	for id, c := range count {
		start[id+1] = start[id] + c
	}
	p.order, p.pat = make([]int, len(rows)), make([]int, len(rows))
	for r, i := range rows {
		id := of[r]
		p.order[start[id]], p.pat[start[id]] = i, id
		start[id]++
	}
	return &p, -1
}

// conditionals holds, for one missingness pattern and every component c,
// what the marginalising E-step needs: the lower factor L_c with L_cᵀL_c =
// Σ_oo⁻¹ over the observed coordinates o, the constant log w_c +
// log det L_c - |o|/2·log 2π, the regression B_c = Σ_mo Σ_oo⁻¹ of the
// missing coordinates m on the observed ones, and their conditional
// covariance C_c = Σ_mm - Σ_mo Σ_oo⁻¹ Σ_om.
type conditionals struct {
	k, d     int
	no, nm   int
	l, b, cc []float64 // K blocks of D×D: no×no, nm×no, nm×nm
	off      []float64 // K
	soo, g   []float64 // D×D scratch
	yo, y    []float64 // K×D and D: a row's observed deviations, its completed deviation
	wlp      []float64 // K
}

func newConditionals(k, d int) *conditionals {
	return &conditionals{k: k, d: d, l: make([]float64, k*d*d), b: make([]float64, k*d*d), cc: make([]float64, k*d*d),
		off: make([]float64, k), soo: make([]float64, d*d), g: make([]float64, d*d), yo: make([]float64, k*d),
		y: make([]float64, d), wlp: make([]float64, k)}
}

// set computes the conditionals of the pattern (obs, mis) under the model
// m, whose K full D×D covariances cov holds; with moments false only L and
// the constants, which scoring needs.
func (w *conditionals) set(m *model, cov []float64, obs, mis []int, moments bool) {
	d := w.d
	no, nm := len(obs), len(mis)
	w.no, w.nm = no, nm
	for c := 0; c < w.k; c++ {
		sc := cov[c*d*d : (c+1)*d*d]
		soo := w.soo[:no*no]
		for a, i := range obs {
			for t, j := range obs {
				soo[a*no+t] = sc[i*d+j]
			}
		}
		l := w.l[c*d*d : c*d*d+no*no]
		if !precisionFactor(l, soo, no) {
			// A principal submatrix of a positive definite matrix is one;
			// only rounding can fail it. The component then explains
			// none of these rows.
			w.off[c] = math.Inf(-1)
			clear(w.b[c*d*d : (c+1)*d*d])
			clear(w.cc[c*d*d : (c+1)*d*d])
			continue
		}
		w.off[c] = math.Log(m.weights[c]) - 0.5*float64(no)*log2Pi + lowerLogDet(l, no)
		if !moments || nm == 0 {
			continue
		}
		// G = L Σ_om (no×nm); B = Gᵀ L (nm×no); C = Σ_mm - GᵀG.
		g := w.g[:no*nm]
		for a := 0; a < no; a++ {
			for t, j := range mis {
				s := 0.0
				for u := 0; u <= a; u++ {
					s += l[a*no+u] * sc[obs[u]*d+j]
				}
				g[a*nm+t] = s
			}
		}
		b, cc := w.b[c*d*d:c*d*d+nm*no], w.cc[c*d*d:c*d*d+nm*nm]
		for t := 0; t < nm; t++ {
			for u := 0; u < no; u++ {
				s := 0.0
				for a := u; a < no; a++ {
					s += g[a*nm+t] * l[a*no+u]
				}
				b[t*no+u] = s
			}
			for v := 0; v <= t; v++ {
				s := sc[mis[t]*d+mis[v]]
				for a := 0; a < no; a++ {
					s -= g[a*nm+t] * g[a*nm+v]
				}
				cc[t*nm+v], cc[v*nm+t] = s, s
			}
		}
	}
}

// logProb sets w.wlp to log w_c + log N(x_o | μ_o, Σ_oo) of the row xi for
// every component, and w.yo to its observed deviations x_o - μ_o.
func (w *conditionals) logProb(m *model, xi []float64, obs []int) []float64 {
	d, no := w.d, w.no
	for c := 0; c < w.k; c++ {
		mu, yo, l := m.means[c*d:c*d+d], w.yo[c*d:c*d+no], w.l[c*d*d:c*d*d+no*no]
		for a, j := range obs {
			yo[a] = xi[j] - mu[j]
		}
		s := 0.0
		for a := 0; a < no; a++ {
			z := 0.0
			for u, v := range l[a*no : a*no+a+1] {
				z += v * yo[u]
			}
			s += z * z
		}
		w.wlp[c] = w.off[c] - 0.5*s
	}
	return w.wlp
}

// fullCovariances returns m's K covariances as full D×D matrices, one
// after the other (Tied's repeated).
func (m *model) fullCovariances() []float64 {
	d := m.d
	out := make([]float64, m.k*d*d)
	for c, s := range m.expandAll(m.covariances(), false) {
		for i := 0; i < d; i++ {
			for j := 0; j < d; j++ {
				out[c*d*d+i*d+j] = s.At(i, j)
			}
		}
	}
	return out
}

// An emPass is what runEM iterates over: the E-step passes over one data
// set. The streaming pass (passer) is one; missingPass, over rows with
// missing coordinates, is the other.
type emPass interface {
	// eStepPass runs e's E-step over all rows and returns the statistics
	// of the responsibilities about e.center() and the log-likelihood; it
	// fails only on a source's read error.
	eStepPass(e eStep) (*stats, error)
	// samples is the number of rows.
	samples() int
}

func (p *passer) samples() int { return p.n }

// missingPass is the E-step of EM with missing values: each row is scored
// on its observed coordinates, and its missing ones enter the statistics
// through their conditional expectation given the observed ones, with
// their conditional covariance added to the second moments. The rows are
// taken pattern by pattern in blocks of a fixed partition, and the
// blocks' statistics are added in block order: the same data give the
// same bits on any number of cores.
type missingPass struct {
	x       []float64 // n×D, NaN where missing
	w       []float64 // the sample weights of FitWeighted, nil for none
	mass    float64   // Σ w, or n
	n, d, k int
	workers int
	st      covStrategy
	pat     *patterns
	work    []*conditionals
	blk     []*missingStats
	total   *stats
}

// missingStats are one block's statistics: masses, first moments and the
// full second moments (K lower triangles of D×D) about the means, and the
// log-likelihood.
type missingStats struct {
	nk, sumDiff, s2 []float64
	ll              float64
}

func newMissingPass(x []float64, n, d, k, workers int, st covStrategy) *missingPass {
	pat, _ := newPatterns(x, nil, n, d)
	p := &missingPass{x: x, mass: float64(n), n: n, d: d, k: k, workers: workers, st: st, pat: pat, total: newStats(st, k, d)}
	for w := numWorkersOn(workers, n); w > 0; w-- {
		p.work = append(p.work, newConditionals(k, d))
	}
	_, nb := blocks(n)
	for b := 0; b < nb; b++ {
		p.blk = append(p.blk, &missingStats{nk: make([]float64, k), sumDiff: make([]float64, k*d), s2: make([]float64, k*d*d)})
	}
	return p
}

func (p *missingPass) samples() int { return p.n }

func (p *missingPass) eStepPass(e eStep) (*stats, error) {
	m := e.(*model)
	k, d := p.k, p.d
	cov := m.fullCovariances()
	forBlocksOn(p.workers, p.n, func(wk, bl, lo, hi int) {
		w, a := p.work[wk], p.blk[bl]
		clear(a.nk)
		clear(a.sumDiff)
		clear(a.s2)
		a.ll = 0
		cur := -1
		for r := lo; r < hi; r++ {
			id, i := p.pat.pat[r], p.pat.order[r]
			wi := 1.0
			if p.w != nil {
				if wi = p.w[i]; wi == 0 {
					continue
				}
			}
			obs, mis := p.pat.obs[id], p.pat.mis[id]
			if id != cur {
				w.set(m, cov, obs, mis, true)
				cur = id
			}
			wlp := w.logProb(m, p.x[i*d:i*d+d], obs)
			ll := numpy.LogSumExp(wlp)
			a.ll += wi * ll
			for c := 0; c < k; c++ {
				resp := wi * math.Exp(wlp[c]-ll)
				if resp == 0 {
					continue
				}
				w.complete(c, obs, mis)
				a.add(w.y, w.cc[c*d*d:], mis, resp, c, d)
			}
		}
	})
	t := p.total
	t.reset()
	s2 := make([]float64, k*d*d)
	for _, a := range p.blk {
		for i, v := range a.nk {
			t.nk[i] += v
		}
		for i, v := range a.sumDiff {
			t.sumDiff[i] += v
		}
		for i, v := range a.s2 {
			s2[i] += v
		}
		t.ll += a.ll
	}
	p.st.(fromFullMoments).fromFull(t.s, s2, k, d)
	t.mass = p.mass
	return t, nil
}

// complete sets w.y to the deviation of the row whose observed deviations
// component c's logProb left in w.yo, completed with the conditional
// expectation of the missing ones: y_o = x_o - μ_o, y_m = B_c y_o.
func (w *conditionals) complete(c int, obs, mis []int) {
	d, no := w.d, w.no
	yo := w.yo[c*d : c*d+no]
	for a, j := range obs {
		w.y[j] = yo[a]
	}
	b := w.b[c*d*d:]
	for t, j := range mis {
		s := 0.0
		for u, v := range b[t*no : t*no+no] {
			s += v * yo[u]
		}
		w.y[j] = s
	}
}

// add adds component c's r, r·y and r·(y yᵀ + C) (C on the missing
// coordinates mis, nm×nm in cc) into a.
func (a *missingStats) add(y, cc []float64, mis []int, r float64, c, d int) {
	a.nk[c] += r
	sd, s := a.sumDiff[c*d:c*d+d], a.s2[c*d*d:(c+1)*d*d]
	for i, v := range y {
		e := r * v
		sd[i] += e
		row := s[i*d : i*d+i+1]
		for j := range row {
			row[j] += e * y[j]
		}
	}
	nm := len(mis)
	for t, i := range mis {
		for u, j := range mis[:t+1] {
			s[i*d+j] += r * cc[t*nm+u]
		}
	}
}

// fromFullMoments is what the marginalising EM asks of a covariance type:
// its second moments s (the type's layout) from the K full D×D second
// moments s2 (lower triangles), which hold the conditional covariances of
// the missing coordinates.
type fromFullMoments interface {
	fromFull(s, s2 []float64, k, d int)
}

func (fullCov) fromFull(s, s2 []float64, k, d int) { copy(s, s2) }

func (tiedCov) fromFull(s, s2 []float64, k, d int) {
	clear(s)
	for c := 0; c < k; c++ {
		for i, v := range s2[c*d*d : (c+1)*d*d] {
			s[i] += v
		}
	}
}

func (diagCov) fromFull(s, s2 []float64, k, d int) { diagonals(s, s2, k, d) }

func (sphericalCov) fromFull(s, s2 []float64, k, d int) { diagonals(s, s2, k, d) }

// diagonals sets s (K×D) to the diagonals of the K D×D matrices s2.
func diagonals(s, s2 []float64, k, d int) {
	for c := 0; c < k; c++ {
		for j := 0; j < d; j++ {
			s[c*d+j] = s2[c*d*d+j*d+j]
		}
	}
}

// predictRows is predictRows for m's predictions: under Marginalize a NaN
// entry is a missing value, and a row with no observed value panics.
func (m *Mixture) predictRows(X mat.Matrix, d int) (x []float64, n int) {
	if m.missing != Marginalize {
		return predictRows(X, d)
	}
	x, n, got := rowsOf(X)
	checkFeatures(got, d)
	for i, v := range x {
		if math.IsInf(v, 0) {
			panicf(ErrNonFinite, "gmmlab: X contains %v at row %d, column %d; drop or clip the infinite values before predicting (only NaN counts as missing)", v, i/d, i%d)
		}
	}
	return x, n
}

// marginalizes reports whether m scores the rows x on their observed
// coordinates: under Marginalize, when some entry is NaN.
func (m *Mixture) marginalizes(x []float64) bool { return m.missing == Marginalize && hasNaN(x) }

// evalRows is evalRows(e, x, n, fn) for m's predictions: rows with NaN
// entries (under Marginalize) get the weighted log probabilities of their
// observed coordinates, the others the model's E-step as always.
func (m *Mixture) evalRows(e eStep, x []float64, n int, fn func(i int, wlp []float64)) {
	if !m.marginalizes(x) {
		evalRows(e, x, n, fn)
		return
	}
	k, d := e.shape()
	var full, part []int
	for i := 0; i < n; i++ {
		if hasNaN(x[i*d : i*d+d]) {
			part = append(part, i)
		} else {
			full = append(full, i)
		}
	}
	pat, bad := newPatterns(x, part, n, d)
	if bad >= 0 {
		panic(allMissing(bad, "predicting"))
	}
	if len(full) > 0 {
		xf := make([]float64, 0, len(full)*d)
		for _, i := range full {
			xf = append(xf, x[i*d:i*d+d]...)
		}
		evalRows(e, xf, len(full), func(r int, wlp []float64) { fn(full[r], wlp) })
	}
	p := m.fitted()
	cov := p.fullCovariances()
	work := make([]*conditionals, numWorkers(len(part)))
	forBlocks(len(part), func(wk, _, lo, hi int) {
		if work[wk] == nil {
			work[wk] = newConditionals(k, d)
		}
		w, cur := work[wk], -1
		for r := lo; r < hi; r++ {
			id, i := pat.pat[r], pat.order[r]
			if id != cur {
				w.set(p, cov, pat.obs[id], pat.mis[id], false)
				cur = id
			}
			fn(i, w.logProb(p, x[i*d:i*d+d], pat.obs[id]))
		}
	})
}
