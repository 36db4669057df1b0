package nbcache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
	"github.com/gmmlab/gmmlab/gmmlab"
)

// BenchmarkSweep is what a later cell of lesson 07 spends on its BIC sweep
// (1..6 components × 4 covariance types on 1000×2 data) without the cache:
// the fit itself.
func BenchmarkSweep(b *testing.B) {
	X := sweepData(b)
	for b.Loop() {
		if _, err := sweep().Fit(X); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSweepCached is what it spends with the cache: reading the
// cell's source for the declaration's closure, hashing X and the library's
// file stamps, reading and decoding the 24 models.
func BenchmarkSweepCached(b *testing.B) {
	X := sweepData(b)
	dir := b.TempDir()
	old := cacheDir
	cacheDir = func() string { return dir }
	b.Cleanup(func() { cacheDir = old })
	compute := func() (*gmmlab.Selection, error) { return sweep().Fit(X) }
	cell := func() *gmmlab.Selection { return Value(compute, X) } // one call site
	cell()                                                        // the first cell computes and keeps it
	for b.Loop() {
		if sel := cell(); len(sel.Candidates) != 24 {
			b.Fatal("wrong selection")
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".bin") {
		b.Fatalf("cache directory holds %v", entries)
	}
	info, _ := os.Stat(filepath.Join(dir, mustEntry(b, dir)))
	b.ReportMetric(float64(info.Size()), "bytes/entry")
}

func mustEntry(b *testing.B, dir string) string {
	entries, _ := os.ReadDir(dir)
	if len(entries) == 0 {
		b.Fatal("nothing kept")
	}
	return entries[0].Name()
}

func sweep() gmmlab.ModelSelection {
	return gmmlab.ModelSelection{NComponents: []int{1, 2, 3, 4, 5, 6}, Base: gmmlab.GaussianMixture{RandomState: 0}}
}

func sweepData(b *testing.B) *mat.Dense {
	X, _, err := datagen.MakeBlobs(datagen.Blobs{NSamples: 1000, Centers: 2, RandomState: 0})
	if err != nil {
		b.Fatal(err)
	}
	return X
}
