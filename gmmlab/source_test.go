package gmmlab

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// sliceSource serves the rows of a matrix as a RowSource and records the
// largest read and the most rows held by reads at once.
type sliceSource struct {
	x                []float64
	n, d             int
	mu               sync.Mutex
	reads, open      int
	maxRead, maxOpen int
	failAt           int // a read that covers row failAt fails, if > 0,
	failFrom         int // from the read numbered failFrom on
	failErr          error
	shortBy          int // reads past n-shortBy come back short
}

func newSliceSource(X *mat.Dense) *sliceSource {
	n, d := X.Dims()
	return &sliceSource{x: X.RawMatrix().Data, n: n, d: d}
}

func (s *sliceSource) Dims() (int, int) { return s.n, s.d }

func (s *sliceSource) ReadRows(dst []float64, lo int) (int, error) {
	want := min(len(dst)/s.d, s.n-lo)
	s.mu.Lock()
	s.reads++
	nth := s.reads
	s.open += want
	s.maxRead, s.maxOpen = max(s.maxRead, want), max(s.maxOpen, s.open)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.open -= want
		s.mu.Unlock()
	}()
	if s.failAt > 0 && nth > s.failFrom && lo <= s.failAt && s.failAt < lo+want {
		return 0, s.failErr
	}
	if s.shortBy > 0 && lo+want > s.n-s.shortBy {
		want = max(0, s.n-s.shortBy-lo)
	}
	copy(dst, s.x[lo*s.d:(lo+want)*s.d])
	return want, nil
}

// FitSource gives Fit's result bit for bit for every initialisation and
// covariance type, on row counts that are and are not whole chunks and
// blocks, and holds at most one read of 256 KiB per core at a time.
func TestFitSourceBitIdentical(t *testing.T) {
	dup := mat.NewDense(600, 2, nil) // three points, many times: ties and empty clusters in k-means
	for i := 0; i < 600; i++ {
		dup.Set(i, 0, float64(i%3))
		dup.Set(i, 1, float64((i%3)*(i%3)))
	}
	cases := []struct {
		X *mat.Dense
		k int
	}{
		{blobData(2, 3001, 3), 3},
		{blobData(4, 2560, 5), 4},
		{blobData(6, 300, 2), 2},
		{dup, 4},
	}
	for ci, c := range cases {
		for _, ct := range CovarianceTypes {
			for _, init := range InitMethods {
				g := GaussianMixture{NComponents: c.k, CovarianceType: ct, InitParams: init, RandomState: 3, MaxIter: 15, NInit: 2}
				want, werr := g.Fit(c.X)
				src := newSliceSource(c.X)
				got, err := g.FitSource(src)
				name := fmt.Sprintf("case %d %s %s", ci, ct, init)
				if werr != nil || err != nil {
					if fmt.Sprint(werr) != fmt.Sprint(err) {
						t.Errorf("%s: Fit error %v, FitSource error %v", name, werr, err)
					}
					continue
				}
				if !sameModel(got, want) {
					t.Errorf("%s: FitSource differs from Fit", name)
				}
				_, d := c.X.Dims()
				per := max(chunkRows, readBytes/(8*d)/chunkRows*chunkRows)
				if src.maxRead > per || src.maxOpen > per*runtime.GOMAXPROCS(0) {
					t.Errorf("%s: reads of up to %d rows, %d rows held at once", name, src.maxRead, src.maxOpen)
				}
			}
		}
	}
}

// The memory a fit over a source allocates does not grow with the rows:
// four times the rows allocate about as much (the generator states of
// random_from_data grow as √n), far less than the data.
func TestFitSourceMemory(t *testing.T) {
	alloc := func(n int, init InitMethod) uint64 {
		X := blobData(8, n, 4)
		src := newSliceSource(X)
		g := GaussianMixture{NComponents: 3, InitParams: init, MaxIter: 5, Tol: Zero}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := g.FitSource(src); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	for _, init := range InitMethods {
		small, large := alloc(50000, init), alloc(200000, init)
		data := uint64(200000 * 4 * 8)
		if large > data/4 || large > small+small/2+64<<10 {
			t.Errorf("%s: %d bytes allocated for 50000 rows, %d for 200000 (the data: %d bytes)", init, small, large, data)
		}
	}
}

// readingRows matches the error of a read that covers row 2900.
var readingRows = regexp.MustCompile(`^gmmlab: reading rows (0|2[0-9]{3}) to 2999 of the source: disk on fire$`)

func TestFitSourceErrors(t *testing.T) {
	X := blobData(1, 3000, 3)
	boom := errors.New("disk on fire")
	// The check pass reads 12 chunks, the initialisations then many, each
	// EM iteration 12: a failure in each is returned with its rows.
	for _, init := range InitMethods {
		for _, from := range []int{0, 12, 20, 60, 400} {
			src := newSliceSource(X)
			src.failAt, src.failFrom, src.failErr = 2900, from, boom
			m, err := GaussianMixture{NComponents: 3, InitParams: init, MaxIter: 40, Tol: Zero}.FitSource(src)
			if m != nil || !errors.Is(err, boom) || !errors.Is(err, ErrSource) || !readingRows.MatchString(err.Error()) {
				t.Errorf("%s, failing from read %d: %v", init, from, err)
			}
		}
	}
	src := newSliceSource(X)
	src.shortBy = 10
	_, err := GaussianMixture{NComponents: 3}.FitSource(src)
	if !errors.Is(err, ErrSource) || !strings.Contains(err.Error(), "it ended at row 2990 but its Dims reported 3000 rows") {
		t.Errorf("short source: %v", err)
	}
	Y := mat.DenseCopyOf(X)
	Y.Set(1234, 2, 0)
	Y.Set(2345, 1, math.NaN())
	_, err = GaussianMixture{NComponents: 3}.FitSource(newSliceSource(Y))
	if !errors.Is(err, ErrNonFinite) || !strings.Contains(err.Error(), "NaN at row 2345, column 1") {
		t.Errorf("NaN: %v", err)
	}
	_, err = GaussianMixture{NComponents: 3}.FitSource(newSliceSource(mat.NewDense(1, 3, nil)))
	if !errors.Is(err, ErrTooFewSamples) {
		t.Errorf("one row: %v", err)
	}
}

// Two fits read one source at once, each on every core: the reads are
// concurrent, the results Fit's (run under the race detector by make test).
func TestConcurrentFitSource(t *testing.T) {
	X := blobData(7, 5000, 3)
	src := newSliceSource(X)
	g := GaussianMixture{NComponents: 3, MaxIter: 10, RandomState: 2}
	want, err := g.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]*Mixture, 2)
	errs := make([]error, 2)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = g.FitSource(src)
		}()
	}
	wg.Wait()
	for i, m := range got {
		if errs[i] != nil || !sameModel(m, want) {
			t.Errorf("fit %d: %v, or not Fit's model", i, errs[i])
		}
	}
}

// The settings that change where EM starts work over a source as in
// memory: given initial parameters, a warm start, a shared random stream.
func TestFitSourceStarts(t *testing.T) {
	X := blobData(11, 2500, 2)
	first, err := GaussianMixture{NComponents: 3, MaxIter: 3}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]GaussianMixture{
		"means and weights": {NComponents: 3, MeansInit: first.Means(), WeightsInit: first.Weights()},
		"precisions":        {NComponents: 3, CovarianceType: Full, PrecisionsInit: first.Precisions(), InitParams: InitRandom},
		"warm start":        {NComponents: 3, WarmStart: first},
		"tol 0":             {NComponents: 3, Tol: Zero, MaxIter: 7, InitParams: InitKMeansPlusPlus},
	} {
		want, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		got, err := g.FitSource(newSliceSource(X))
		if err != nil || !sameModel(got, want) {
			t.Errorf("%s: FitSource differs from Fit (%v)", name, err)
		}
	}
	// A shared stream advances as in memory: two fits in a row.
	a, b := nprand.New(4), nprand.New(4)
	for i := 0; i < 2; i++ {
		for _, init := range InitMethods {
			want, _ := GaussianMixture{NComponents: 3, InitParams: init, RandomSource: a, MaxIter: 5}.Fit(X)
			got, err := GaussianMixture{NComponents: 3, InitParams: init, RandomSource: b, MaxIter: 5}.FitSource(newSliceSource(X))
			if err != nil || !sameModel(got, want) {
				t.Errorf("round %d, %s with a shared stream: FitSource differs from Fit (%v)", i, init, err)
			}
		}
	}
	if a.Uint32() != b.Uint32() {
		t.Error("the shared streams ended apart")
	}
}
