package gmmlab_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
	"github.com/gmmlab/gmmlab/gmmlab"
)

// sameFit reports whether two mixtures hold the same bits in everything
// they report.
func sameFit(a, b *gmmlab.Mixture) error {
	eq := func(what string, x, y []float64) error {
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return fmt.Errorf("%s[%d]: %v against %v", what, i, x[i], y[i])
			}
		}
		return nil
	}
	flat := func(ms []*mat.SymDense) []float64 {
		var out []float64
		for _, m := range ms {
			r, _ := m.Dims()
			for i := 0; i < r; i++ {
				for j := 0; j < r; j++ {
					out = append(out, m.At(i, j))
				}
			}
		}
		return out
	}
	if err := eq("weights", a.Weights(), b.Weights()); err != nil {
		return err
	}
	if err := eq("means", a.Means().RawMatrix().Data, b.Means().RawMatrix().Data); err != nil {
		return err
	}
	if err := eq("covariances", flat(a.Covariances()), flat(b.Covariances())); err != nil {
		return err
	}
	if err := eq("precisions", flat(a.Precisions()), flat(b.Precisions())); err != nil {
		return err
	}
	if a.NIter() != b.NIter() || a.Converged() != b.Converged() || math.Float64bits(a.LowerBound()) != math.Float64bits(b.LowerBound()) {
		return fmt.Errorf("NIter %d/%d, converged %v/%v, lower bound %v/%v", a.NIter(), b.NIter(), a.Converged(), b.Converged(), a.LowerBound(), b.LowerBound())
	}
	return nil
}

// writeCSV writes X with a header a0, a1, ... and every value in full.
func writeCSV(t *testing.T, path string, X *mat.Dense) {
	n, d := X.Dims()
	var b strings.Builder
	for j := 0; j < d; j++ {
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "a%d", j)
	}
	b.WriteByte('\n')
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%.17g", X.At(i, j))
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeFloat32NPY writes X rounded to float32 as numpy's np.save of a
// float32 C-order array does (format 1.0, the header padded to 64 bytes).
func writeFloat32NPY(t *testing.T, path string, X *mat.Dense) {
	n, d := X.Dims()
	header := fmt.Sprintf("{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }", n, d)
	header += strings.Repeat(" ", 63-(10+len(header))%64) + "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(len(header)), byte(len(header)>>8))
	b = append(b, header...)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(X.At(i, j))))
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A fit over a .npy (float64 or float32) or a CSV file (every column, or
// some in another order) opened by datagen is Fit on the same rows read
// into memory, bit for bit, for every initialisation.
func TestFitSourceFiles(t *testing.T) {
	dir := t.TempDir()
	X, _, err := datagen.MakeBlobs(datagen.Blobs{NSamples: 3100, NFeatures: 3, Centers: 4, RandomState: 2})
	if err != nil {
		t.Fatal(err)
	}
	npyPath, f4Path, csvPath := filepath.Join(dir, "x.npy"), filepath.Join(dir, "f4.npy"), filepath.Join(dir, "x.csv")
	if err := datagen.WriteNPY(npyPath, X); err != nil {
		t.Fatal(err)
	}
	writeFloat32NPY(t, f4Path, X)
	writeCSV(t, csvPath, X)
	f4, err := datagen.OpenNPY(f4Path)
	if err != nil {
		t.Fatal(err)
	}
	defer f4.Close()
	fromF4, err := datagen.ReadNPY(f4Path)
	if err != nil {
		t.Fatal(err)
	}
	if fromF4.At(0, 0) == X.At(0, 0) || math.Abs(fromF4.At(0, 0)-X.At(0, 0)) > 1e-5*math.Abs(X.At(0, 0)) {
		t.Fatalf("the float32 file holds %v for %v", fromF4.At(0, 0), X.At(0, 0))
	}
	some, err := datagen.OpenCSV(csvPath, "a2", "a0")
	if err != nil {
		t.Fatal(err)
	}
	defer some.Close()
	fromSome, _, err := datagen.ReadCSV(csvPath, "a2", "a0")
	if err != nil {
		t.Fatal(err)
	}
	npy, err := datagen.OpenNPY(npyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer npy.Close()
	csv, err := datagen.OpenCSV(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer csv.Close()
	fromCSV, _, err := datagen.ReadCSV(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, init := range gmmlab.InitMethods {
		for _, ct := range []gmmlab.CovarianceType{gmmlab.Full, gmmlab.Diag} {
			g := gmmlab.GaussianMixture{NComponents: 4, CovarianceType: ct, InitParams: init, RandomState: 5}
			for _, c := range []struct {
				name string
				X    mat.Matrix
				src  gmmlab.RowSource
			}{{"npy", X, npy}, {"npy float32", fromF4, f4}, {"csv", fromCSV, csv}, {"csv a2, a0", fromSome, some}} {
				want, err := g.Fit(c.X)
				if err != nil {
					t.Fatal(err)
				}
				got, err := g.FitSource(c.src)
				if err != nil {
					t.Fatal(err)
				}
				if err := sameFit(got, want); err != nil {
					t.Errorf("%s %s %s: FitSource differs from Fit: %v", c.name, init, ct, err)
				}
			}
		}
	}
}

// A file that changes under an open source fails the fit, with the rows
// being read and the reader's own error.
func TestFitSourceFileChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.npy")
	X, _, _ := datagen.MakeBlobs(datagen.Blobs{NSamples: 1000, RandomState: 1})
	if err := datagen.WriteNPY(path, X); err != nil {
		t.Fatal(err)
	}
	src, err := datagen.OpenNPY(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if err := os.Truncate(path, 1000); err != nil {
		t.Fatal(err)
	}
	_, err = gmmlab.GaussianMixture{NComponents: 3}.FitSource(src)
	if !errors.Is(err, gmmlab.ErrSource) || !strings.Contains(err.Error(), "gmmlab: reading rows 0 to 999 of the source: datagen: ") {
		t.Errorf("truncated file: %v", err)
	}
}
