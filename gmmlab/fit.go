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

// An emModel is one estimator's parameters as the EM loop (runEM) sees
// them: scikit-learn's BaseMixture methods _e_step (the eStep, run by the
// streaming pass), _m_step, _compute_lower_bound and _get_parameters
// (clone). GaussianMixture's model implements it (model.go);
// BayesianGaussianMixture's variational model implements it with its own
// M-step (weight concentration, mean precision, degrees of freedom and
// covariances from the same estimateGaussian) and its ELBO, and reuses the
// loop, the pass, the initialisations and the tie rule unchanged.
type emModel interface {
	eStep
	// mStep sets the parameters from the statistics t of an E-step pass,
	// accumulated about center(); reg is RegCovar.
	mStep(t *stats, reg float64) error
	// lowerBound returns, after mStep, the bound whose change stops EM,
	// from the statistics t of the E-step pass over n rows: the mean
	// log-likelihood t.ll/n for GaussianMixture.
	lowerBound(t *stats, n int) float64
	// clone returns a copy that later steps leave alone.
	clone() emModel
}

// Fit estimates a mixture from X, one sample per row, by EM: NInit
// initialisations, each iterated until the mean log-likelihood changes by
// less than Tol or MaxIter iterations have run; the best by lower bound is
// returned. For the same RandomState the result is scikit-learn's
// GaussianMixture(...).fit(X), to rounding.
//
// Fit returns an error when the data decide: NaN or Inf in X
// (ErrNonFinite), fewer than 2 samples or fewer samples than components
// (ErrTooFewSamples), or a covariance that is not positive definite even
// after RegCovar (ErrIllDefined). Not converging is not an error: the model
// reports it (Converged, Warning). Fit panics when a setting is invalid
// (ErrSetting; see GaussianMixture). Fit never modifies X.
func (g GaussianMixture) Fit(X mat.Matrix) (*Mixture, error) { return g.fit(X, 0) }

// fit is Fit on at most workers goroutines (0: GOMAXPROCS); the result does
// not depend on workers.
func (g GaussianMixture) fit(X mat.Matrix, workers int) (*Mixture, error) {
	s, p, em, err := g.setup(X, workers)
	if err != nil {
		return nil, err
	}
	return g.fitOn(s, p, em)
}

// fitOn runs the fit whose settings and passes setup readied: p the
// initialisation's, em the one EM iterates.
func (g GaussianMixture) fitOn(s settings, p *passer, em emPass) (*Mixture, error) {
	wInit, mInit, pcInit := s.checkInits(p.d)
	warm := s.WarmStart
	nInit := s.NInit
	if warm != nil {
		w := warm.fitted()
		if w.d != p.d || w.k != p.k || w.ct != s.CovarianceType {
			panicf(ErrSetting, "gmmlab: WarmStart is a %d-component %q model on %d features but the config asks for %d %q components on %d features",
				w.k, string(w.ct), w.d, p.k, string(s.CovarianceType), p.d)
		}
		nInit = 1
	}
	rs := s.randomSource()
	r, err := runEM(em, &s.emConfig, nInit, func() (emModel, float64, error) {
		if warm != nil {
			return warm.p.clone(), warm.lowerBound, nil
		}
		m, err := s.initialize(p, rs, wInit, mInit, pcInit)
		return m, math.Inf(-1), err
	})
	if err != nil {
		return nil, err
	}
	return &Mixture{p: r.best.(*model), converged: r.converged, nIter: r.nIter, lowerBound: r.lowerBound,
		seed: s.RandomState, warning: r.warning, rowsSeen: p.mass, regCovar: s.RegCovar, missing: s.Missing}, nil
}

// emResult is what runEM keeps of a fit: scikit-learn's best parameters,
// n_iter_, lower_bound_ and converged_, and its ConvergenceWarning.
type emResult struct {
	best       emModel
	nIter      int
	lowerBound float64
	converged  bool
	warning    error // nil, or an error wrapping ErrNotConverged
}

// runEM is scikit-learn 1.2.1's BaseMixture.fit_predict loop, written once
// for every estimator. nInit times, start gives a starting model and its
// lower bound (-Inf, or the bound a warm start carries over), and the
// model is iterated: an E-step pass, the M-step, the lower bound, until
// |change| < Tol or MaxIter iterations. The best by lower bound is kept,
// the first on ties (tied). With MaxIter 0 no iteration runs and the last
// start is kept, with NIter 0 and a lower bound of -Inf. converged is
// scikit-learn 1.2.1's converged_: true if any initialisation converged.
func runEM(p emPass, c *emConfig, nInit int, start func() (emModel, float64, error)) (emResult, error) {
	vb := verbose{c: c}
	r := emResult{lowerBound: math.Inf(-1)}
	for init := 0; init < nInit; init++ {
		vb.initBegin(init)
		m, lb, err := start()
		if err != nil {
			return r, err
		}
		if c.MaxIter == 0 {
			r.best, r.nIter = m, 0
			continue
		}
		iter := 1
		for ; iter <= c.MaxIter; iter++ {
			prev := lb
			t, err := p.eStepPass(m)
			if err != nil {
				return r, err
			}
			if err := m.mStep(t, c.RegCovar); err != nil {
				return r, err
			}
			lb = m.lowerBound(t, p.samples())
			change := lb - prev
			vb.iterEnd(iter, change)
			if math.Abs(change) < c.Tol {
				r.converged = true
				break
			}
		}
		iter = min(iter, c.MaxIter)
		vb.initEnd(r.converged, lb)
		if math.IsInf(r.lowerBound, -1) || (lb > r.lowerBound && !tied(r.lowerBound, lb, tieRows(m, p.samples()))) {
			r.best, r.nIter, r.lowerBound = m, iter, lb
		}
	}
	if !r.converged && c.MaxIter > 0 {
		each := ""
		if nInit > 1 {
			each = fmt.Sprintf(" in each of the %d initialisations", nInit)
		}
		r.warning = errorf(ErrNotConverged, "gmmlab: EM did not converge: after MaxIter = %d iterations the lower bound still changed by Tol = %g or more%s; "+
			"try other InitParams, increase MaxIter or Tol, or check for degenerate data", c.MaxIter, c.Tol, each)
		if c.Verbose > 0 {
			fmt.Fprintf(c.Log, "ConvergenceWarning: Initialization %d did not converge. Try different init parameters, "+
				"or increase max_iter, tol or check for degenerate data.\n", nInit)
		}
	}
	return r, nil
}

// tied reports whether two lower bounds of fits on n rows are equal up to
// rounding: within n·eps·max(|a|, |b|), the worst-case rounding error of a
// sum of n terms. Restarts that reach the same optimum (the components in
// another order) get bounds that scikit-learn computes equal and gmmlab,
// adding in another order, a few ulps apart; scikit-learn keeps the first,
// and so does runEM.
func tied(a, b float64, n int) bool {
	return a == b || math.Abs(a-b) <= float64(n)*numpy.Eps*max(math.Abs(a), math.Abs(b)) && !math.IsInf(a-b, 0)
}

// tieRows is the n of the tie rule for m's lower bounds on n rows: n, or
// what a model whose bound rounds otherwise says (variational.tieRows).
func tieRows(m emModel, n int) int {
	if t, ok := m.(interface{ tieRows(n int) int }); ok {
		return t.tieRows(n)
	}
	return n
}

// setup fills in the defaults of g, checks X and readies the passes of a
// fit over it on at most workers goroutines (0: GOMAXPROCS): the one the
// initialisation runs and the one EM iterates, the same but for X with
// missing values under Marginalize (missing.go).
func (g GaussianMixture) setup(X mat.Matrix, workers int) (settings, *passer, emPass, error) {
	s := g.withDefaults()
	x, n, d := rowsOf(X)
	x, em, err := s.marginalized(x, n, d, workers)
	if err != nil {
		return s, nil, nil, err
	}
	if err := checkFitData(x, n, d, s.NComponents); err != nil {
		return s, nil, nil, err
	}
	p := newPasser(x, n, d, s.NComponents, workers, strategies[s.CovarianceType])
	if em == nil {
		em = p
	}
	return s, p, em, nil
}

// randomSource is the stream a fit draws from: the shared RandomSource, or
// a new one seeded with RandomState.
func (c *emConfig) randomSource() *nprand.RandomState {
	if c.RandomSource != nil {
		return c.RandomSource
	}
	return nprand.NewInt64(c.RandomState)
}

// Initialize returns the model EM would start from, before any iteration:
// the parameters InitParams draws, overridden by WeightsInit, MeansInit and
// PrecisionsInit. It is Fit with MaxIter: Zero (scikit-learn's
// max_iter=0): with NInit > 1 the last initialisation is kept; the model
// has NIter 0, Converged false and LowerBound -Inf. Errors and panics are
// Fit's.
func (g GaussianMixture) Initialize(X mat.Matrix) (*Mixture, error) {
	g.MaxIter = Zero
	g.WarmStart = nil
	return g.Fit(X)
}

// initialize draws the starting responsibilities with InitParams and turns
// them into parameters, overridden by the given initial values.
func (s *settings) initialize(p *passer, rs *nprand.RandomState, wInit, mInit, pcInit []float64) (*model, error) {
	d, k := p.d, p.k
	m := newModel(s.CovarianceType, k, d)
	if wInit != nil && mInit != nil && pcInit != nil && s.RandomSource != nil {
		// Nothing depends on the draws, but scikit-learn makes them: a
		// shared stream must advance as it does.
		if _, err := s.initialResponsibilities(p, rs); err != nil {
			return nil, err
		}
	}
	if wInit == nil || mInit == nil || pcInit == nil {
		resp, err := s.initialResponsibilities(p, rs)
		if err != nil {
			return nil, err
		}
		t, ref, err := p.respMeansPass(resp)
		if err != nil {
			return nil, err
		}
		if pcInit == nil {
			if t, err = p.respPass(resp, ref, true); err != nil {
				return nil, err
			}
			if err := m.setFrom(t, ref, p.mass, s.RegCovar); err != nil {
				return nil, err
			}
		} else {
			copy(m.means, ref)
			for c := range m.weights {
				m.weights[c] = (t.nk[c] + eps10) / p.mass
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

// respMeansPass runs an initialisation's first pass: the masses and first
// moments of the responsibilities resp about the origin, and the means
// respMeans makes of them.
func (p *passer) respMeansPass(resp respFunc) (*stats, []float64, error) {
	t, err := p.respPass(resp, make([]float64, p.k*p.d), false)
	if err != nil {
		return nil, nil, err
	}
	return t, respMeans(t, p.k, p.d), nil
}

// respMeans returns the means of an initialisation's responsibilities from
// the statistics t of a first-moment pass about the origin, each mass with
// scikit-learn's 10·eps added: the reference the second-moment pass of the
// initialisation is taken about.
func respMeans(t *stats, k, d int) []float64 {
	ref := make([]float64, k*d)
	for c := 0; c < k; c++ {
		nk := t.nk[c] + eps10
		for j := 0; j < d; j++ {
			ref[c*d+j] = t.sumDiff[c*d+j] / nk
		}
	}
	return ref
}

// initialResponsibilities draws the starting responsibilities from rs with
// InitParams: scikit-learn's _initialize_parameters, shared by both
// estimators. Over a source (p.src) the draws are the same and the
// responsibilities the same bits, computed without holding the rows
// (source.go); only there can it fail, on a read error.
func (c *emConfig) initialResponsibilities(p *passer, rs *nprand.RandomState) (respFunc, error) {
	if p.src != nil {
		return c.sourceResponsibilities(p, rs)
	}
	n, d, k := p.n, p.d, p.k
	switch c.InitParams {
	case InitRandom:
		r := rs.UniformN(0, 1, n*k)
		normalizeRows(r, k)
		return func(lo, hi int, _, out []float64) { copy(out, r[lo*k:hi*k]) }, nil
	case InitRandomFromData:
		return oneHotSeeds(rs.Choice(n, k, false, nil), k), nil
	case InitKMeansPlusPlus:
		_, idx := kmeansPlusPlus(p.x, rowNormsSq(p.x, n, d), n, d, k, rs)
		return oneHotSeeds(idx, k), nil
	default:
		labels := kmeansLabels(p.x, p.w, n, d, k, rs, p.workers)
		return func(lo, hi int, _, out []float64) {
			clear(out)
			for i := lo; i < hi; i++ {
				out[(i-lo)*k+int(labels[i])] = 1
			}
		}, nil
	}
}

// normalizeRows divides each row of the K-column r by its sum: the random
// initialisation's responsibilities.
func normalizeRows(r []float64, k int) {
	for i := 0; i < len(r)/k; i++ {
		row := r[i*k : i*k+k]
		sum := 0.0
		for _, v := range row {
			sum += v
		}
		for c := range row {
			row[c] /= sum
		}
	}
}

// oneHotSeeds gives component c the single sample idx[c].
func oneHotSeeds(idx []int, k int) respFunc {
	return func(lo, hi int, _, out []float64) {
		clear(out)
		for c, i := range idx {
			if i >= lo && i < hi {
				out[(i-lo)*k+c] = 1
			}
		}
	}
}

// verbose prints scikit-learn's progress lines.
type verbose struct {
	c          *emConfig
	start, mid time.Time
}

func (v *verbose) initBegin(init int) {
	if v.c.Verbose > 0 {
		fmt.Fprintf(v.c.Log, "Initialization %d\n", init)
		v.start, v.mid = time.Now(), time.Now()
	}
}

func (v *verbose) iterEnd(iter int, change float64) {
	if iter%10 != 0 {
		return
	}
	switch {
	case v.c.Verbose == 1:
		fmt.Fprintf(v.c.Log, "  Iteration %d\n", iter)
	case v.c.Verbose >= 2:
		now := time.Now()
		fmt.Fprintf(v.c.Log, "  Iteration %d\t time lapse %.5fs\t ll change %.5f\n", iter, now.Sub(v.mid).Seconds(), change)
		v.mid = now
	}
}

func (v *verbose) initEnd(converged bool, lb float64) {
	switch {
	case v.c.Verbose == 1:
		fmt.Fprintf(v.c.Log, "Initialization converged: %s\n", pyBool(converged))
	case v.c.Verbose >= 2:
		fmt.Fprintf(v.c.Log, "Initialization converged: %s\t time lapse %.5fs\t ll %.5f\n", pyBool(converged), time.Since(v.start).Seconds(), lb)
	}
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
