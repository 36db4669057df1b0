package gmmlab

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// Criterion names an information criterion for choosing a model; lower is
// better for all of them.
type Criterion string

const (
	// BIC is the Bayesian information criterion, -2·log L + p·ln N.
	BIC Criterion = "BIC"
	// AIC is the Akaike information criterion, -2·log L + 2p.
	AIC Criterion = "AIC"
	// ICL is the integrated completed likelihood as mclust defines it: BIC
	// plus twice the entropy of the hard classification,
	// -2·Σ_i log τ_i,ẑ(i) where ẑ(i) is the most probable component.
	ICL Criterion = "ICL"
)

// ModelSelection fits a grid of mixtures, every NComponents with every
// CovarianceType, and scores each by BIC, AIC and ICL on the training data,
// as scikit-learn's plot_gmm_selection example does by hand.
type ModelSelection struct {
	// NComponents lists the component counts to try. If nil, 1..6 is used.
	NComponents []int
	// CovarianceTypes lists the covariance types to try. If nil, all four
	// are used, in the order of CovarianceTypes.
	CovarianceTypes []CovarianceType
	// Base holds the other settings of every fit (RandomState, Tol, ...);
	// its NComponents and CovarianceType are ignored, and it must not set
	// RandomSource (the fits run in parallel). With Missing: Marginalize X
	// may hold NaN, and the criteria score the observed values.
	Base GaussianMixture
	// Progress, if not nil, is called after each fit with the number of
	// fits done, the total and the candidate just scored. Calls never
	// overlap; their order depends on scheduling, the results do not.
	Progress func(done, total int, c Candidate)
}

// Candidate is one fitted cell of a ModelSelection grid.
type Candidate struct {
	NComponents    int
	CovarianceType CovarianceType
	// Model is the fitted mixture, nil if the fit failed.
	Model *Mixture
	// BIC, AIC and ICL score Model on the training data; +Inf if the fit
	// failed.
	BIC, AIC, ICL float64
	// Err is the error of a failed fit.
	Err error
}

// Score returns the candidate's value of criterion c.
func (c Candidate) Score(cr Criterion) float64 {
	switch cr {
	case BIC:
		return c.BIC
	case AIC:
		return c.AIC
	case ICL:
		return c.ICL
	}
	panic(errorf(ErrSetting, "gmmlab: unknown Criterion %q; use BIC, AIC or ICL", string(cr)))
}

// Selection is the scored grid of a ModelSelection.
type Selection struct {
	// Candidates lists the fits in grid order: covariance types outer,
	// component counts inner.
	Candidates []Candidate
}

// Fit fits every cell of the grid on X, spreading the fits over all cores.
// The result is the same whatever the scheduling. Fit returns an error only
// if X itself is unusable (NaN, Inf, too few samples for the smallest
// model); a cell whose fit fails keeps its error in Candidate.Err.
func (s ModelSelection) Fit(X mat.Matrix) (*Selection, error) {
	ks := s.NComponents
	if ks == nil {
		ks = []int{1, 2, 3, 4, 5, 6}
	}
	cts := s.CovarianceTypes
	if cts == nil {
		cts = CovarianceTypes
	}
	if len(ks) == 0 || len(cts) == 0 {
		panicf(ErrSetting, "gmmlab: ModelSelection needs at least one component count and one covariance type")
	}
	if s.Base.RandomSource != nil {
		panicf(ErrSetting, "gmmlab: ModelSelection fits in parallel and cannot share Base.RandomSource; set Base.RandomState instead")
	}
	minK := ks[0]
	for _, k := range ks {
		if k < 1 {
			panicf(ErrSetting, "gmmlab: ModelSelection.NComponents contains %d; component counts must be at least 1", k)
		}
		minK = min(minK, k)
	}
	x, n, d := rowsOf(X)
	if err := checkSelectionData(x, n, d, minK, s.Base.Missing); err != nil {
		return nil, err
	}
	X = mat.NewDense(n, d, x) // read in place; rowsOf already copied if needed
	sel := &Selection{Candidates: make([]Candidate, 0, len(ks)*len(cts))}
	for _, ct := range cts {
		for _, k := range ks {
			sel.Candidates = append(sel.Candidates, Candidate{NComponents: k, CovarianceType: ct})
		}
	}
	// Cells run concurrently, each fit's passes on its share of the
	// cores: with more cells than cores every fit runs on one goroutine,
	// which for small data also saves the cost of starting goroutines in
	// every pass. The largest component counts go first so that no long
	// fit starts last. Neither choice changes any result.
	procs := runtime.GOMAXPROCS(0)
	outer := min(procs, len(sel.Candidates))
	inner := max(1, procs/outer)
	order := make([]int, len(sel.Candidates))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return sel.Candidates[order[a]].NComponents > sel.Candidates[order[b]].NComponents
	})
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
		next = make(chan int)
	)
	for w := 0; w < outer; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := &sel.Candidates[i]
				g := s.Base
				g.NComponents, g.CovarianceType = c.NComponents, c.CovarianceType
				c.score(g, X, inner)
				if s.Progress != nil {
					mu.Lock()
					done++
					s.Progress(done, len(sel.Candidates), *c)
					mu.Unlock()
				}
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	return sel, nil
}

// score fits one cell on up to workers goroutines and computes its criteria.
func (c *Candidate) score(g GaussianMixture, X mat.Matrix, workers int) {
	c.BIC, c.AIC, c.ICL = math.Inf(1), math.Inf(1), math.Inf(1)
	m, err := g.fit(X, workers)
	if err != nil {
		c.Err = err
		return
	}
	c.Model = m
	x, n, _ := rowsOf(X)
	logL := make([]float64, n)
	negLogTau := make([]float64, n) // -log τ of each row's most probable component
	m.rowLogLikelihoods(x, n, workers, logL, negLogTau)
	p := float64(m.NParameters())
	ll := numpy.Mean(logL) * float64(n)
	c.BIC = -2*ll + p*math.Log(float64(n))
	c.AIC = -2*ll + 2*p
	c.ICL = c.BIC + 2*numpy.PairwiseSum(negLogTau)
}

// Best returns the candidate with the lowest value of the criterion; ties
// keep the first in grid order. It panics with ErrNotFitted if every fit
// failed or the Selection is empty (a zero value).
func (s *Selection) Best(cr Criterion) Candidate {
	best := s.bestIndex(cr)
	if best < 0 {
		if len(s.candidates()) == 0 {
			notFitted("Selection")
		}
		panicf(ErrNotFitted, "gmmlab: every fit of the model selection failed; see Candidates[i].Err")
	}
	return s.Candidates[best]
}

// candidates returns the candidates, none for a nil Selection.
func (s *Selection) candidates() []Candidate {
	if s == nil {
		return nil
	}
	return s.Candidates
}

// bestIndex returns the index of the successful candidate with the lowest
// value of cr, the first on ties, or -1 if every fit failed.
func (s *Selection) bestIndex(cr Criterion) int {
	best := -1
	for i, c := range s.candidates() {
		if c.Err == nil && (best < 0 || c.Score(cr) < s.Candidates[best].Score(cr)) {
			best = i
		}
	}
	return best
}

// Scores returns the criterion for each component count of one covariance
// type, in the order of the grid's component counts, with those counts.
func (s *Selection) Scores(ct CovarianceType, cr Criterion) (ks []int, scores []float64) {
	for _, c := range s.candidates() {
		if c.CovarianceType == ct {
			ks = append(ks, c.NComponents)
			scores = append(scores, c.Score(cr))
		}
	}
	return ks, scores
}

// String formats the grid as a table, one row per candidate, the best by
// BIC marked.
func (s *Selection) String() string {
	var b strings.Builder
	best := s.bestIndex(BIC)
	fmt.Fprintf(&b, "%-10s %5s %14s %14s %14s\n", "covariance", "K", "BIC", "AIC", "ICL")
	for i, c := range s.candidates() {
		mark := ""
		if i == best {
			mark = "  ← best BIC"
		}
		if c.Err != nil {
			fmt.Fprintf(&b, "%-10s %5d %14s %14s %14s  (%v)\n", c.CovarianceType, c.NComponents, "failed", "", "", c.Err)
			continue
		}
		fmt.Fprintf(&b, "%-10s %5d %14.3f %14.3f %14.3f%s\n", c.CovarianceType, c.NComponents, c.BIC, c.AIC, c.ICL, mark)
	}
	return b.String()
}
