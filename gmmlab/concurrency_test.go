package gmmlab

import (
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// These tests run under the race detector in `make test`
// (go test -race -run 'Concurrent|Determinism' ./gmmlab).

// blobData returns n×d points around three centres, from numpy's seed.
func blobData(seed int64, n, d int) *mat.Dense {
	z := nprand.NewInt64(seed).StandardNormalN(n * d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			z[i*d+j] += float64((i%3)*4) * float64(1-2*(j%2))
		}
	}
	return mat.NewDense(n, d, z)
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// outputs is everything a fitted Mixture serves, as bits.
type outputs struct {
	labels, sampleLabels           []int
	proba, scores, sample, derived []float64
	json                           string
}

func serve(m *Mixture, X mat.Matrix) outputs {
	s, sl := m.Sample(50)
	js, _ := json.Marshal(m)
	var derived []float64
	for _, c := range m.Covariances() {
		derived = append(derived, c.RawSymmetric().Data...)
	}
	for _, p := range m.Precisions() {
		derived = append(derived, p.RawSymmetric().Data...)
	}
	derived = append(derived, m.BIC(X), m.AIC(X), m.Score(X))
	return outputs{labels: m.Predict(X), sampleLabels: sl, proba: m.PredictProba(X).RawMatrix().Data,
		scores: m.ScoreSamples(X), sample: s.RawMatrix().Data, derived: derived, json: string(js)}
}

func (o outputs) equal(p outputs) bool {
	return sameInts(o.labels, p.labels) && sameInts(o.sampleLabels, p.sampleLabels) && sameBits(o.proba, p.proba) &&
		sameBits(o.scores, p.scores) && sameBits(o.sample, p.sample) && sameBits(o.derived, p.derived) && o.json == p.json
}

// TestConcurrentServing: one fitted model (and one restored from JSON)
// answers 16 goroutines at once with the same bits as one caller.
func TestConcurrentServing(t *testing.T) {
	X := blobData(1, 3000, 3)
	for _, ct := range CovarianceTypes {
		m, err := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 2}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		var restored Mixture
		js, _ := json.Marshal(m)
		if err := json.Unmarshal(js, &restored); err != nil {
			t.Fatal(err)
		}
		want := serve(m, X)
		var wg sync.WaitGroup
		errs := make(chan string, 32)
		for g := 0; g < 16; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				mm := m
				if g%2 == 1 {
					mm = &restored
				}
				if !serve(mm, X).equal(want) {
					errs <- fmt.Sprintf("%s: goroutine %d got different outputs", ct, g)
				}
			}(g)
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	}

	km, err := KMeans{NClusters: 3, RandomState: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	want, centers := km.Predict(X), km.Centers().RawMatrix().Data
	var wg sync.WaitGroup
	bad := make(chan bool, 16)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !sameInts(km.Predict(X), want) || !sameBits(km.Centers().RawMatrix().Data, centers) {
				bad <- true
			}
		}()
	}
	wg.Wait()
	close(bad)
	if <-bad {
		t.Error("KMeansModel.Predict differs between goroutines")
	}
}

// TestConcurrentFitsShareX: many fits (and KMeans and a ModelSelection)
// read one X at once; none of them writes it.
func TestConcurrentFitsShareX(t *testing.T) {
	X := blobData(3, 2000, 2)
	before := mat.DenseCopyOf(X)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			_, _ = GaussianMixture{NComponents: 3, CovarianceType: CovarianceTypes[g%4], InitParams: InitMethods[g/2%4], RandomState: int64(g)}.Fit(X)
			_, _ = KMeans{NClusters: 3, RandomState: int64(g)}.Fit(X)
		}(g)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, _ = ModelSelection{NComponents: []int{1, 2, 3}}.Fit(X)
	}()
	wg.Wait()
	if !mat.Equal(X, before) {
		t.Fatal("a concurrent fit modified X")
	}
}

// TestFitNeverModifiesX: ModelSelection and KMeans leave X alone, whether
// it is a *mat.Dense read in place or another matrix that is copied.
func TestFitNeverModifiesX(t *testing.T) {
	X := blobData(4, 600, 3)
	before := mat.DenseCopyOf(X)
	views := map[string]mat.Matrix{"dense": X, "transposed twice": X.T().T(), "slice": X.Slice(100, 600, 0, 3)}
	for name, V := range views {
		if _, err := (ModelSelection{NComponents: []int{1, 3}, Base: GaussianMixture{RandomState: 1}}).Fit(V); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 3} {
			if _, err := (KMeans{NClusters: 3, NInit: n, RandomState: 1}).Fit(V); err != nil {
				t.Fatal(err)
			}
		}
		for _, init := range InitMethods {
			if _, err := (GaussianMixture{NComponents: 3, CovarianceType: Tied, InitParams: init, NInit: 2}).Fit(V); err != nil {
				t.Fatal(err)
			}
		}
		if !mat.Equal(X, before) {
			t.Fatalf("%s: a fit modified X", name)
		}
	}
}

// TestDeterminismAcrossGOMAXPROCS: the same RandomState gives the same
// bits with 1, 2 and 8 Ps, run twice each, on data big enough to split
// into dozens of blocks. This is the contract of the parallel passes:
// blocks depend on N alone and are reduced in block order.
func TestDeterminismAcrossGOMAXPROCS(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 8000
	}
	X := blobData(5, n, 3)
	small := blobData(6, 3000, 2)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	type result struct {
		models []*Mixture
		km     *KMeansModel
		sel    *Selection
		labels []int
	}
	run := func() result {
		var r result
		for i, ct := range CovarianceTypes {
			init := []InitMethod{InitKMeans, InitRandom, InitKMeansPlusPlus, InitRandomFromData}[i]
			m, err := GaussianMixture{NComponents: 3, CovarianceType: ct, InitParams: init, RandomState: 42, MaxIter: 30}.Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			r.models = append(r.models, m)
		}
		r.labels = r.models[0].Predict(X)
		var err error
		if r.km, err = (KMeans{NClusters: 4, NInit: 2, RandomState: 42}).Fit(X); err != nil {
			t.Fatal(err)
		}
		if r.sel, err = (ModelSelection{NComponents: []int{1, 2, 3}, CovarianceTypes: []CovarianceType{Full, Diag}, Base: GaussianMixture{RandomState: 42}}).Fit(small); err != nil {
			t.Fatal(err)
		}
		return r
	}
	var first result
	for _, procs := range []int{1, 2, 8, 1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		r := run()
		if first.models == nil {
			first = r
			continue
		}
		for i, m := range r.models {
			if !sameModel(m, first.models[i]) {
				t.Errorf("GOMAXPROCS %d: %s model differs from GOMAXPROCS 1", procs, m.p.ct)
			}
		}
		if !sameInts(r.labels, first.labels) {
			t.Errorf("GOMAXPROCS %d: Predict differs", procs)
		}
		if !sameInts(r.km.labels, first.km.labels) || !sameBits(r.km.centers, first.km.centers) ||
			math.Float64bits(r.km.inertia) != math.Float64bits(first.km.inertia) {
			t.Errorf("GOMAXPROCS %d: KMeans differs", procs)
		}
		for i, c := range r.sel.Candidates {
			f := first.sel.Candidates[i]
			if !sameModel(c.Model, f.Model) || math.Float64bits(c.BIC) != math.Float64bits(f.BIC) ||
				math.Float64bits(c.ICL) != math.Float64bits(f.ICL) {
				t.Errorf("GOMAXPROCS %d: ModelSelection cell %s K=%d differs", procs, c.CovarianceType, c.NComponents)
			}
		}
	}
}
