package gmmlab

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
)

// eps10 is the 10·machine-epsilon scikit-learn adds to every component mass.
const eps10 = 10 * numpy.Eps

// Fit estimates a mixture from X, one sample per row, by EM: NInit
// initialisations, each iterated until the mean log-likelihood changes by
// less than Tol or MaxIter iterations have run; the best by lower bound is
// returned. For the same RandomState the result is scikit-learn's
// GaussianMixture(...).fit(X), to rounding.
//
// Fit returns an error when the data decide: NaN or Inf in X, fewer than 2
// samples, fewer samples than components, or a covariance that is not
// positive definite even after RegCovar. It panics when a setting is
// invalid (see GaussianMixture). Fit never modifies X.
func (g GaussianMixture) Fit(X mat.Matrix) (*Mixture, error) { return g.fit(X, 0) }

// fit is Fit on at most workers goroutines (0: GOMAXPROCS); the result does
// not depend on workers.
func (g GaussianMixture) fit(X mat.Matrix, workers int) (*Mixture, error) {
	s, p, err := g.setup(X, workers)
	if err != nil {
		return nil, err
	}
	n, d, k := p.n, p.d, p.k
	wInit, mInit, pcInit := s.checkInits(d)
	warm := s.WarmStart
	if warm != nil {
		if warm.d != d || warm.k != k || warm.ct != s.CovarianceType {
			panic(fmt.Sprintf("gmmlab: WarmStart is a %d-component %q model on %d features but the config asks for %d %q components on %d features",
				warm.k, string(warm.ct), warm.d, k, string(s.CovarianceType), d))
		}
	}
	rs := s.randomSource()

	nInit := s.NInit
	if warm != nil {
		nInit = 1
	}
	var (
		best      *model
		bestIter  int
		maxLB     = math.Inf(-1)
		converged bool
		vb        = verbose{s: &s}
	)
	for init := 0; init < nInit; init++ {
		vb.initBegin(init)
		var m *model
		lb := math.Inf(-1)
		if warm != nil {
			m = warm.model.clone()
			lb = warm.lowerBound
		} else {
			var err error
			if m, err = s.initialize(p, rs, wInit, mInit, pcInit); err != nil {
				return nil, err
			}
		}
		iter := 0
		for iter = 1; iter <= s.MaxIter; iter++ {
			prev := lb
			t := p.run(m, m.means, nil, true)
			lb = t.ll / float64(n)
			if err := m.mStep(t, m.means, 0, s.RegCovar); err != nil {
				return nil, err
			}
			change := lb - prev
			vb.iterEnd(iter, change)
			if math.Abs(change) < s.Tol {
				converged = true
				break
			}
		}
		iter = min(iter, s.MaxIter)
		vb.initEnd(converged, lb)
		if lb > maxLB || math.IsInf(maxLB, -1) {
			maxLB, best, bestIter = lb, m, iter
		}
	}
	if !converged && s.Verbose > 0 {
		fmt.Fprintf(s.Log, "ConvergenceWarning: Initialization %d did not converge. Try different init parameters, "+
			"or increase max_iter, tol or check for degenerate data.\n", nInit)
	}
	return &Mixture{model: *best, converged: converged, nIter: bestIter, lowerBound: maxLB, seed: s.RandomState}, nil
}

// setup fills in the defaults of g, checks X and readies the passes of a
// fit over it on at most workers goroutines (0: GOMAXPROCS).
func (g GaussianMixture) setup(X mat.Matrix, workers int) (settings, *passer, error) {
	s := g.withDefaults()
	x, n, d := rowsOf(X)
	if err := checkFitData(x, n, d, s.NComponents); err != nil {
		return s, nil, err
	}
	return s, newPasser(x, n, d, s.NComponents, workers, strategies[s.CovarianceType]), nil
}

// randomSource is the stream a fit draws from: the shared RandomSource, or
// a new one seeded with RandomState.
func (s *settings) randomSource() *nprand.RandomState {
	if s.RandomSource != nil {
		return s.RandomSource
	}
	return nprand.NewInt64(s.RandomState)
}

// Initialize returns the model EM would start from, before any iteration:
// the parameters InitParams draws, overridden by WeightsInit, MeansInit and
// PrecisionsInit, as scikit-learn's fit with max_iter=0 leaves them. With
// NInit > 1 the last initialisation is kept, as there. The model has NIter
// 0, Converged false and LowerBound -Inf, so it cannot be saved as JSON;
// its other methods work as on a fitted model. Errors and panics are
// Fit's.
func (g GaussianMixture) Initialize(X mat.Matrix) (*Mixture, error) {
	s, p, err := g.setup(X, 0)
	if err != nil {
		return nil, err
	}
	wInit, mInit, pcInit := s.checkInits(p.d)
	rs := s.randomSource()
	var m *model
	for init := 0; init < s.NInit; init++ {
		if m, err = s.initialize(p, rs, wInit, mInit, pcInit); err != nil {
			return nil, err
		}
	}
	return &Mixture{model: *m, lowerBound: math.Inf(-1), seed: s.RandomState}, nil
}

// initialize draws the starting responsibilities with InitParams and turns
// them into parameters, overridden by the given initial values.
func (s *settings) initialize(p *passer, rs *nprand.RandomState, wInit, mInit, pcInit []float64) (*model, error) {
	n, d, k := p.n, p.d, p.k
	m := &model{ct: s.CovarianceType, k: k, d: d,
		weights: make([]float64, k), means: make([]float64, k*d),
		cov: make([]float64, p.st.paramLen(k, d)), pc: make([]float64, p.st.paramLen(k, d))}
	if wInit != nil && mInit != nil && pcInit != nil && s.RandomSource != nil {
		// Nothing depends on the draws, but scikit-learn makes them: a
		// shared stream must advance as it does.
		s.initialResponsibilities(p, rs)
	}
	if wInit == nil || mInit == nil || pcInit == nil {
		resp := s.initialResponsibilities(p, rs)
		t := p.run(nil, make([]float64, k*d), resp, false)
		ref := make([]float64, k*d)
		for c := 0; c < k; c++ {
			nk := t.nk[c] + eps10
			for j := 0; j < d; j++ {
				ref[c*d+j] = t.sumDiff[c*d+j] / nk
			}
		}
		if pcInit == nil {
			t = p.run(nil, ref, resp, true)
			if err := m.mStep(t, ref, n, s.RegCovar); err != nil {
				return nil, err
			}
		} else {
			copy(m.means, ref)
			for c := range m.weights {
				m.weights[c] = (t.nk[c] + eps10) / float64(n)
			}
		}
	}
	if wInit != nil {
		copy(m.weights, wInit)
	}
	if mInit != nil {
		copy(m.means, mInit)
	}
	if pcInit != nil {
		copy(m.pc, pcInit)
		m.cov = nil
	}
	m.refresh()
	return m, nil
}

// initialResponsibilities draws the starting responsibilities from rs.
func (s *settings) initialResponsibilities(p *passer, rs *nprand.RandomState) respFunc {
	n, d, k := p.n, p.d, p.k
	switch s.InitParams {
	case InitRandom:
		r := rs.UniformN(0, 1, n*k)
		for i := 0; i < n; i++ {
			row := r[i*k : i*k+k]
			sum := 0.0
			for _, v := range row {
				sum += v
			}
			for c := range row {
				row[c] /= sum
			}
		}
		return func(lo, hi int, out []float64) { copy(out, r[lo*k:hi*k]) }
	case InitRandomFromData:
		return oneHotSeeds(rs.Choice(n, k, false, nil), k)
	case InitKMeansPlusPlus:
		_, idx := kmeansPlusPlus(p.x, rowNormsSq(p.x, n, d), n, d, k, rs)
		return oneHotSeeds(idx, k)
	default:
		labels, _, _, _ := kmeansFit(p.x, n, d, k, 1, 300, 1e-4, rs, p.workers)
		return func(lo, hi int, out []float64) {
			clear(out)
			for i := lo; i < hi; i++ {
				out[(i-lo)*k+labels[i]] = 1
			}
		}
	}
}

// oneHotSeeds gives component c the single sample idx[c].
func oneHotSeeds(idx []int, k int) respFunc {
	return func(lo, hi int, out []float64) {
		clear(out)
		for c, i := range idx {
			if i >= lo && i < hi {
				out[(i-lo)*k+c] = 1
			}
		}
	}
}

// mStep sets the parameters from the statistics t accumulated about ref.
// Weights are divided by n when n > 0 (initialisation) and by their sum
// otherwise, as scikit-learn does.
func (m *model) mStep(t *stats, ref []float64, n int, reg float64) error {
	k, d := m.k, m.d
	if t.nkEps == nil {
		t.nkEps, t.shift = make([]float64, k), make([]float64, k*d)
	}
	nk, shift := t.nkEps, t.shift
	total := 0.0
	for c := 0; c < k; c++ {
		nk[c] = t.nk[c] + eps10
		total += nk[c]
		for j := 0; j < d; j++ {
			shift[c*d+j] = t.sumDiff[c*d+j] / nk[c]
		}
	}
	if n > 0 {
		total = float64(n)
	}
	st := m.strategy()
	if m.cov == nil {
		m.cov = make([]float64, st.paramLen(k, d))
	}
	st.estimate(m.cov, t.s, nk, shift, k, d, reg)
	for i := range shift {
		m.means[i] = ref[i] + shift[i]
	}
	for c := range m.weights {
		m.weights[c] = nk[c] / total
	}
	if err := st.precisionCholesky(m.pc, m.cov, k, d); err != nil {
		return err
	}
	m.refresh()
	return nil
}

func (m *model) clone() *model {
	c := *m
	c.weights = append([]float64(nil), m.weights...)
	c.means = append([]float64(nil), m.means...)
	if m.cov != nil {
		c.cov = append([]float64(nil), m.cov...)
	}
	c.pc = append([]float64(nil), m.pc...)
	c.logDet, c.logW = nil, nil
	c.refresh()
	return &c
}

// verbose prints scikit-learn's progress lines.
type verbose struct {
	s          *settings
	start, mid time.Time
}

func (v *verbose) initBegin(init int) {
	if v.s.Verbose > 0 {
		fmt.Fprintf(v.s.Log, "Initialization %d\n", init)
		v.start, v.mid = time.Now(), time.Now()
	}
}

func (v *verbose) iterEnd(iter int, change float64) {
	if iter%10 != 0 {
		return
	}
	switch {
	case v.s.Verbose == 1:
		fmt.Fprintf(v.s.Log, "  Iteration %d\n", iter)
	case v.s.Verbose >= 2:
		now := time.Now()
		fmt.Fprintf(v.s.Log, "  Iteration %d\t time lapse %.5fs\t ll change %.5f\n", iter, now.Sub(v.mid).Seconds(), change)
		v.mid = now
	}
}

func (v *verbose) initEnd(converged bool, lb float64) {
	switch {
	case v.s.Verbose == 1:
		fmt.Fprintf(v.s.Log, "Initialization converged: %s\n", pyBool(converged))
	case v.s.Verbose >= 2:
		fmt.Fprintf(v.s.Log, "Initialization converged: %s\t time lapse %.5fs\t ll %.5f\n", pyBool(converged), time.Since(v.start).Seconds(), lb)
	}
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
