package gmmlab

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// bayesCaseNamed returns the mixture_nd.json case of that name, fitted.
func bayesCaseNamed(t *testing.T, name string) (*BayesianMixture, *mat.Dense) {
	t.Helper()
	cases, data := loadBayes(t)
	for _, c := range cases {
		if c.Name == name {
			_, m := fitBayesCase(t, c, data[c.Data])
			return m, data[c.Data]
		}
	}
	t.Fatalf("no case %q", name)
	return nil, nil
}

// roundTripCases are fits of every covariance type with both priors, and
// one no iteration made (a null lower bound).
var roundTripCases = []string{
	"bayes_d3_n1001_full_process_random", "bayes_d3_n1001_tied_distribution_k-means++",
	"bayes_d5_n2571_diag_process_k-means++", "bayes_d7_n767_spherical_distribution_random",
	"bayes_d7_n767_spherical_distribution_iter0", "bayes_d1_n2053_full_distribution_random",
}

func TestBayesianRoundTrip(t *testing.T) {
	for _, name := range roundTripCases {
		m, X := bayesCaseNamed(t, name)
		js, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back BayesianMixture
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !sameBayes(m, &back) {
			t.Errorf("%s: JSON round trip changed the model", name)
		}
		bin, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back2 BayesianMixture
		if err := back2.UnmarshalBinary(bin); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !sameBayes(m, &back2) {
			t.Errorf("%s: binary round trip changed the model", name)
		}
		if !sameBits(m.ScoreSamples(X), back2.ScoreSamples(X)) || !sameInts(m.Predict(X), back.Predict(X)) {
			t.Errorf("%s: predictions differ after the round trip", name)
		}
		if (m.Warning() == nil) != (back.Warning() == nil) {
			t.Errorf("%s: Warning %v after the round trip, %v before", name, back.Warning(), m.Warning())
		}
	}
}

func TestBayesianCorruptInput(t *testing.T) {
	m, _ := bayesCaseNamed(t, "bayes_d3_n1001_full_process_random")
	js, _ := json.Marshal(m)
	good := string(js)
	replace := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("%q is not in the saved model", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	cases := map[string]string{
		"newer version":             replace(`"version":1`, `"version":2`),
		"a Mixture":                 replace(`"gmmlab.BayesianMixture"`, `"gmmlab.Mixture"`),
		"unknown prior type":        replace(`"dirichlet_process"`, `"pitman_yor"`),
		"short alpha":               replace(`"weight_concentration":[`, `"weight_concentration":[2,`),
		"negative beta":             replace(`"weight_concentration_beta":[`, `"weight_concentration_beta":[-1,`),
		"no beta":                   regexpField("weight_concentration_beta").ReplaceAllString(good, ""),
		"dof too small":             regexpField("degrees_of_freedom_prior").ReplaceAllString(good, `"degrees_of_freedom_prior":1.5,`),
		"zero mean precision prior": regexpField("mean_precision_prior").ReplaceAllString(good, `"mean_precision_prior":0,`),
		"weights off the posterior": replace(`"weights":[`, `"weights":[0.1,`),
		"unknown field":             replace(`{`, `{"extra":1,`),
		"trailing document":         good + `{}`,
	}
	for name, doc := range cases {
		var back BayesianMixture
		err := json.Unmarshal([]byte(doc), &back)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !errors.Is(err, ErrCorrupt) && name != "trailing document" {
			t.Errorf("%s: error %q does not wrap ErrCorrupt", name, err)
		}
		if back.v != nil {
			t.Errorf("%s: the model was changed", name)
		}
	}
	bin, _ := m.MarshalBinary()
	for n := 0; n < len(bin); n++ {
		var back BayesianMixture
		if err := back.UnmarshalBinary(bin[:n]); err == nil {
			t.Fatalf("binary truncated to %d of %d bytes read without error", n, len(bin))
		}
	}
	var back BayesianMixture
	if err := back.UnmarshalBinary(append(bin, 0)); err == nil {
		t.Error("trailing byte read without error")
	}
	newer := append([]byte(nil), bin...)
	newer[4] = 2
	if err := back.UnmarshalBinary(newer); err == nil || !strings.Contains(err.Error(), "upgrade") {
		t.Errorf("newer binary version: %v", err)
	}
	var mix Mixture
	if err := mix.UnmarshalBinary(bin); err == nil {
		t.Error("a Mixture read a binary BayesianMixture")
	}
}

// TestBayesianWarmStartFromSaved: a warm start continues a model read back
// from JSON exactly as it continues the one that was saved.
func TestBayesianWarmStartFromSaved(t *testing.T) {
	_, data := loadND(t)
	X := data["d4_n1001"]
	first, err := BayesianGaussianMixture{NComponents: 6, MaxIter: 3, RandomState: 22}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	var saved BayesianMixture
	if err := json.Unmarshal(mustJSON(t, first), &saved); err != nil {
		t.Fatal(err)
	}
	a, err := BayesianGaussianMixture{NComponents: 6, RandomState: 22, WarmStart: first}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	b, err := BayesianGaussianMixture{NComponents: 6, RandomState: 22, WarmStart: &saved}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	if !sameBayes(a, b) || a.NIter() != 11 {
		t.Errorf("warm start from the saved model differs (NIter %d and %d; scikit-learn 11)", a.NIter(), b.NIter())
	}
	// The first fit is left as it was.
	if first.NIter() != 3 || first.Converged() {
		t.Error("a warm start changed the model it started from")
	}
}

// TestBayesianSettings: invalid settings panic with ErrSetting before any
// work, with a message that says what to do; the zero values are
// scikit-learn's defaults.
func TestBayesianSettings(t *testing.T) {
	_, data := loadND(t)
	X := data["d3_n1001"]
	warm, err := BayesianGaussianMixture{NComponents: 2, MaxIter: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	eye := func(d int, v float64) *mat.Dense {
		m := mat.NewDense(d, d, nil)
		for i := 0; i < d; i++ {
			m.Set(i, i, v)
		}
		return m
	}
	for _, c := range []struct {
		name, msg string
		g         BayesianGaussianMixture
	}{
		{"prior type", "WeightConcentrationPriorType", BayesianGaussianMixture{WeightConcentrationPriorType: "dirichlet"}},
		{"negative weight prior", "WeightConcentrationPrior is -1", BayesianGaussianMixture{WeightConcentrationPrior: -1}},
		{"Zero is no weight prior", "WeightConcentrationPrior", BayesianGaussianMixture{WeightConcentrationPrior: Zero}},
		{"NaN mean precision", "MeanPrecisionPrior", BayesianGaussianMixture{MeanPrecisionPrior: math.NaN()}},
		{"infinite dof", "DegreesOfFreedomPrior", BayesianGaussianMixture{DegreesOfFreedomPrior: math.Inf(1)}},
		{"dof too small", "greater than 2", BayesianGaussianMixture{DegreesOfFreedomPrior: 2}},
		{"mean prior length", "MeanPrior has 2 values", BayesianGaussianMixture{MeanPrior: []float64{1, 2}}},
		{"mean prior NaN", "MeanPrior[1] is NaN", BayesianGaussianMixture{MeanPrior: []float64{1, math.NaN(), 2}}},
		{"full prior shape", "needs a 3×3", BayesianGaussianMixture{CovariancePrior: eye(2, 1)}},
		{"full prior asymmetric", "symmetric, positive-definite", BayesianGaussianMixture{
			CovariancePrior: mat.NewDense(3, 3, []float64{1, 0.5, 0, 0, 1, 0, 0, 0, 1})}},
		{"tied prior indefinite", "symmetric, positive-definite", BayesianGaussianMixture{CovarianceType: Tied, CovariancePrior: eye(3, -1)}},
		{"diag prior shape", "3 values (a vector)", BayesianGaussianMixture{CovarianceType: Diag, CovariancePrior: mat.NewVecDense(2, []float64{1, 1})}},
		{"diag prior off-diagonal", "off-diagonal", BayesianGaussianMixture{CovarianceType: Diag,
			CovariancePrior: mat.NewDense(3, 3, []float64{1, 0.1, 0, 0.1, 1, 0, 0, 0, 1})}},
		{"diag prior zero", "positive", BayesianGaussianMixture{CovarianceType: Diag, CovariancePrior: mat.NewVecDense(3, []float64{1, 0, 1})}},
		{"spherical prior not identity", "multiple of the identity", BayesianGaussianMixture{CovarianceType: Spherical,
			CovariancePrior: mat.NewDense(3, 3, []float64{1, 0, 0, 0, 2, 0, 0, 0, 1})}},
		{"spherical prior negative", "positive", BayesianGaussianMixture{CovarianceType: Spherical, CovariancePrior: mat.NewDense(1, 1, []float64{-2})}},
		{"warm start shape", "WarmStart is a 2-component", BayesianGaussianMixture{NComponents: 3, WarmStart: warm}},
		{"warm start prior", "dirichlet_distribution prior", BayesianGaussianMixture{NComponents: 2, WarmStart: warm,
			WeightConcentrationPriorType: DirichletDistribution}},
		{"shared setting", "MaxIter", BayesianGaussianMixture{MaxIter: -3}},
	} {
		func() {
			defer func() {
				err, _ := recover().(error)
				if !errors.Is(err, ErrSetting) || !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), "gmmlab: ") {
					t.Errorf("%s: panic %v, want ErrSetting saying %q", c.name, err, c.msg)
				}
			}()
			_, _ = c.g.Fit(X)
		}()
	}
	// The given priors of each covariance type's shape are accepted as
	// matrices of the full size too.
	for _, ct := range []CovarianceType{Diag, Spherical} {
		a, err := BayesianGaussianMixture{CovarianceType: ct, CovariancePrior: eye(3, 2), NComponents: 3}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		v := mat.NewVecDense(3, []float64{2, 2, 2})
		var small mat.Matrix = v
		if ct == Spherical {
			small = mat.NewDense(1, 1, []float64{2})
		}
		b, _ := BayesianGaussianMixture{CovarianceType: ct, CovariancePrior: small, NComponents: 3}.Fit(X)
		if !sameBayes(a, b) || a.CovariancePrior().At(2, 2) != 2 || a.CovariancePrior().At(0, 1) != 0 {
			t.Errorf("%s: a D×D prior and its compact form give different fits", ct)
		}
	}
	// Zero values are scikit-learn's defaults.
	def, err := BayesianGaussianMixture{}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	if def.NComponents() != 1 || def.CovarianceType() != Full || def.WeightConcentrationPriorType() != DirichletProcess ||
		def.WeightConcentrationPrior() != 1 || def.MeanPrecisionPrior() != 1 || def.DegreesOfFreedomPrior() != 3 {
		t.Errorf("defaults: %d %s %s γ₀=%v β₀=%v ν₀=%v", def.NComponents(), def.CovarianceType(), def.WeightConcentrationPriorType(),
			def.WeightConcentrationPrior(), def.MeanPrecisionPrior(), def.DegreesOfFreedomPrior())
	}
	// Data errors are returned, not panicked.
	nan := mat.DenseCopyOf(X)
	nan.Set(5, 1, math.NaN())
	if _, err := (BayesianGaussianMixture{}).Fit(nan); !errors.Is(err, ErrNonFinite) {
		t.Errorf("NaN: %v", err)
	}
	if _, err := (BayesianGaussianMixture{NComponents: 5}).Fit(X.Slice(0, 3, 0, 3)); !errors.Is(err, ErrTooFewSamples) {
		t.Errorf("too few samples: %v", err)
	}
}

// TestBayesianSwitchesOff: the Dirichlet process prior with a small
// concentration leaves surplus components nearly empty, where
// GaussianMixture uses all of them: the reason to reach for it. The case's
// numbers are scikit-learn's (TestBayesianParity); this checks what they
// show.
func TestBayesianSwitchesOff(t *testing.T) {
	m, X := bayesCaseNamed(t, "bayes_d2_n1533_full_process_switchoff")
	active := 0
	for _, w := range m.Weights() {
		if w > 0.01 {
			active++
		}
	}
	used := map[int]bool{}
	for _, l := range m.Predict(X) {
		used[l] = true
	}
	if m.NComponents() != 10 || active != 3 || len(used) != 3 {
		t.Errorf("%d components, %d with weight above 1%%, %d used by Predict; scikit-learn 10, 3, 3", m.NComponents(), active, len(used))
	}
	// An unused component's stick keeps nearly its prior: α = 1 + N_k with
	// N_k, its expected number of samples, below a tenth.
	alpha, beta := m.WeightConcentration()
	for c, w := range m.Weights() {
		if len(beta) != 10 || w < 0.01 && !(alpha[c] < 1.1) {
			t.Errorf("component %d has weight %v and α = %v; an unused component has α = 1 + N_k below 1.1", c, w, alpha[c])
		}
	}
}

// TestDeterminismBayesian: the same RandomState gives the same bits with 1,
// 2 and 8 Ps, on data split into dozens of blocks (runs under -race in
// make test).
func TestDeterminismBayesian(t *testing.T) {
	n := 12000 // 47 blocks
	if testing.Short() {
		n = 6000
	}
	X := blobData(9, n, 3)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first []*BayesianMixture
	for _, procs := range []int{1, 8, 2} {
		runtime.GOMAXPROCS(procs)
		var ms []*BayesianMixture
		for i, ct := range CovarianceTypes {
			pt := []WeightConcentrationPriorType{DirichletProcess, DirichletDistribution}[i%2]
			m, err := BayesianGaussianMixture{NComponents: 5, CovarianceType: ct, WeightConcentrationPriorType: pt,
				InitParams: InitMethods[i], MaxIter: 10, RandomState: 7}.Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			ms = append(ms, m)
		}
		if first == nil {
			first = ms
			continue
		}
		for i, m := range ms {
			if !sameBayes(m, first[i]) || !sameInts(m.Predict(X), first[i].Predict(X)) {
				t.Errorf("GOMAXPROCS %d: %s model differs from GOMAXPROCS 1", procs, m.CovarianceType())
			}
		}
	}
}

// TestConcurrentBayesianServing: one fitted model and one restored from
// JSON answer 8 goroutines at once with the same bits as one caller.
func TestConcurrentBayesianServing(t *testing.T) {
	X := blobData(1, 3000, 3)
	m, err := BayesianGaussianMixture{NComponents: 4, RandomState: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	var restored BayesianMixture
	if err := json.Unmarshal(mustJSON(t, m), &restored); err != nil {
		t.Fatal(err)
	}
	want := serve(m.m, X)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			mm := m
			if g%2 == 1 {
				mm = &restored
			}
			if !serve(mm.m, X).equal(want) || !sameBits(mm.ScoreSamples(X), want.scores) {
				errs <- fmt.Sprintf("goroutine %d got different outputs", g)
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// regexpField matches a field of a saved model, its value and its comma.
func regexpField(name string) *regexp.Regexp {
	return regexp.MustCompile(`"` + name + `":(\[[^\]]*\]|[^,}\]]*),?`)
}

// TestBayesianVerbose: Verbose prints scikit-learn's progress lines through
// the shared loop, and 0 prints nothing.
func TestBayesianVerbose(t *testing.T) {
	X := smallData()
	var quiet, loud strings.Builder
	if _, err := (BayesianGaussianMixture{NComponents: 2, Log: &quiet}).Fit(X); err != nil {
		t.Fatal(err)
	}
	m, err := BayesianGaussianMixture{NComponents: 2, NInit: 2, Tol: Zero, MaxIter: 10, Verbose: 2, Log: &loud}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	out := loud.String()
	for _, want := range []string{"Initialization 0\n", "Initialization 1\n", "  Iteration 10\t time lapse", "Initialization converged: False",
		"ConvergenceWarning: Initialization 2 did not converge"} {
		if !strings.Contains(out, want) {
			t.Errorf("Verbose 2 output lacks %q:\n%s", want, out)
		}
	}
	if quiet.Len() != 0 || !errors.Is(m.Warning(), ErrNotConverged) {
		t.Errorf("Verbose 0 printed %q; Warning %v", quiet.String(), m.Warning())
	}
}
