package gmmlab

import (
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// TestKMeansInitMemoSameBits: a fit that reuses a remembered k-means
// initialisation serves the same bits as one that computes it, for every
// covariance type, several initialisations (each one's k-means starts
// where the last left the stream), and a stream shared by consecutive fits.
func TestKMeansInitMemoSameBits(t *testing.T) {
	X := blobData(7, 900, 2)
	for _, ct := range CovarianceTypes {
		for _, k := range []int{1, 4} {
			g := GaussianMixture{NComponents: k, CovarianceType: ct, NInit: 2, RandomState: 3}
			ForgetInits()
			fresh, err := g.Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			n := len(kmeansMemo.entries)
			again, err := g.Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			if len(kmeansMemo.entries) != n {
				t.Fatalf("%s k=%d: the second fit computed its k-means again", ct, k)
			}
			if !serve(fresh, X).equal(serve(again, X)) {
				t.Errorf("%s k=%d: a remembered initialisation changed the model", ct, k)
			}
		}
	}

	// Two fits drawing from one stream, then one more draw: with and
	// without the memory, the same models and the same draw.
	shared := func(forget bool) (outputs, outputs, float64) {
		ForgetInits()
		rs := nprand.NewInt64(11)
		var m [2]*Mixture
		for i := range m {
			if forget {
				ForgetInits()
			}
			var err error
			if m[i], err = (GaussianMixture{NComponents: 3, RandomSource: rs}).Fit(X); err != nil {
				t.Fatal(err)
			}
		}
		return serve(m[0], X), serve(m[1], X), rs.Uniform(0, 1)
	}
	shared(false) // remembers both initialisations
	a0, a1, au := shared(true)
	_, _, _ = shared(false)
	rs := nprand.NewInt64(11)
	b := make([]outputs, 2)
	for i := range b {
		m, err := GaussianMixture{NComponents: 3, RandomSource: rs}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		b[i] = serve(m, X)
	}
	if !a0.equal(b[0]) || !a1.equal(b[1]) || au != rs.Uniform(0, 1) {
		t.Error("remembered initialisations on a shared stream changed the models or left the stream elsewhere")
	}
}

// TestKMeansInitMemoSeesChanges: changing one value of X in place, the
// same matrix, gives the fit of the new data, not a remembered one.
func TestKMeansInitMemoSeesChanges(t *testing.T) {
	X := blobData(8, 500, 2)
	g := GaussianMixture{NComponents: 3, RandomState: 0}
	if _, err := g.Fit(X); err != nil {
		t.Fatal(err)
	}
	X.Set(17, 1, X.At(17, 1)+40)
	got, err := g.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	ForgetInits()
	want, err := g.Fit(mat.DenseCopyOf(X))
	if err != nil {
		t.Fatal(err)
	}
	if !serve(got, X).equal(serve(want, X)) {
		t.Error("a fit after X changed reused the initialisation of the old X")
	}
}

// TestConcurrentKMeansInitMemo: fits that share the memory from many
// goroutines get the bits of fits that do not.
func TestConcurrentKMeansInitMemo(t *testing.T) {
	X := blobData(9, 700, 3)
	want := make([]outputs, 6)
	for k := range want {
		ForgetInits()
		m, err := GaussianMixture{NComponents: k + 1, CovarianceType: Diag, RandomState: 5}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		want[k] = serve(m, X)
	}
	ForgetInits()
	var wg sync.WaitGroup
	errs := make(chan string, 48)
	for g := 0; g < 48; g++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			m, err := GaussianMixture{NComponents: k + 1, CovarianceType: Diag, RandomState: 5}.Fit(X)
			if err != nil || !serve(m, X).equal(want[k]) {
				errs <- "a concurrent fit got other bits"
			}
		}(g % len(want))
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}
