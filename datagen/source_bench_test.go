package datagen

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// The row sources' read throughput, on files written by the benchmark
// (fixed seeds). A file just written is in the page cache, so these
// measure the reader (system calls, decoding, CSV parsing), not the disk.
// b.SetBytes is the file's size: the MB/s column is file bytes read.
//
//	go test -run XXX -bench 'ReadRows|OpenCSV|NPYWriter' -benchtime 5x ./datagen

const (
	benchRows  = 2_000_000 // × 8 float64 = 128 MB of .npy data
	benchCols  = 8
	benchChunk = 4096 // rows a ReadRows call
)

// writeBenchNPY writes a benchRows × benchCols file of normal draws in dir,
// as float64 or (f32) float32, a piece at a time.
func writeBenchNPY(b *testing.B, dir string, f32 bool) string {
	b.Helper()
	path := filepath.Join(dir, "bench.npy")
	rs := NewRandomState(0)
	if !f32 {
		w, err := CreateNPY(path, benchCols)
		if err != nil {
			b.Fatal(err)
		}
		for lo := 0; lo < benchRows; lo += 100_000 {
			w.WriteRows(rs.Normal(0, 1, 100_000, benchCols).RawMatrix().Data)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		return path
	}
	// The float32 header is the float64 one with '<f4' for '<f8': the
	// same length, as np.save pads it.
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.Write(bytes.Replace(npyHeaderBytes(benchRows, benchCols), []byte("'<f8'"), []byte("'<f4'"), 1))
	for lo := 0; lo < benchRows; lo += 100_000 {
		for _, v := range rs.Normal(0, 1, 100_000, benchCols).RawMatrix().Data {
			binary.Write(w, binary.LittleEndian, math.Float32bits(float32(v)))
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path
}

// readSource reads every row of src in pieces of benchChunk rows, from
// `workers` goroutines taking distinct ranges, and returns a checksum.
func readSource(b *testing.B, src rowSource, workers int) float64 {
	rows, cols := src.Dims()
	sums := make([]float64, workers)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			buf := make([]float64, benchChunk*cols)
			for lo := g * rows / workers; lo < (g+1)*rows/workers; {
				n, err := src.ReadRows(buf[:min(benchChunk, (g+1)*rows/workers-lo)*cols], lo)
				if err != nil {
					b.Error(err)
					return
				}
				sums[g] += buf[0]
				lo += n
			}
		})
	}
	wg.Wait()
	return sums[0]
}

func benchmarkNPYReadRows(b *testing.B, f32 bool, workers int) {
	path := writeBenchNPY(b, b.TempDir(), f32)
	src, err := OpenNPY(path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	benchmarkRead(b, path, src, workers)
}

// benchmarkRead times readSource of src, the file at path.
func benchmarkRead(b *testing.B, path string, src rowSource, workers int) {
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		readSource(b, src, workers)
	}
}

// BenchmarkNPYReadRows reads a 2,000,000 × 8 float64 file (128 MB) in
// pieces of 4096 rows.
func BenchmarkNPYReadRows(b *testing.B) { benchmarkNPYReadRows(b, false, 1) }

// BenchmarkNPYReadRowsFloat32 is the same table stored as float32 (64 MB).
func BenchmarkNPYReadRowsFloat32(b *testing.B) { benchmarkNPYReadRows(b, true, 1) }

// BenchmarkNPYReadRows2 reads the float64 file from 2 goroutines, each its
// half.
func BenchmarkNPYReadRows2(b *testing.B) { benchmarkNPYReadRows(b, false, 2) }

// BenchmarkNPYWriter writes the 2,000,000 × 8 float64 file in pieces of
// 4096 rows (the rows drawn before the timer starts).
func BenchmarkNPYWriter(b *testing.B) {
	path := filepath.Join(b.TempDir(), "w.npy")
	piece := NewRandomState(0).Normal(0, 1, benchChunk, benchCols).RawMatrix().Data
	b.SetBytes(int64(len(npyHeaderBytes(benchRows, benchCols))) + benchRows*benchCols*8)
	for b.Loop() {
		w, err := CreateNPY(path, benchCols)
		if err != nil {
			b.Fatal(err)
		}
		for lo := 0; lo < benchRows; lo += benchChunk {
			w.WriteRows(piece[:min(benchChunk, benchRows-lo)*benchCols])
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// writeBenchCSV writes 200,000 rows of 8 numbers (as numpy.savetxt's
// repr would, shortest round-trip) and a text column: about 30 MB.
func writeBenchCSV(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "bench.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("x0,x1,x2,x3,label,x4,x5,x6,x7\n")
	X := NewRandomState(0).Normal(0, 1, 200_000, benchCols).RawMatrix().Data
	var line []byte
	for i := range 200_000 {
		line = line[:0]
		for j := range benchCols {
			if j == 4 {
				line = append(line, "setosa,"...)
			}
			line = strconv.AppendFloat(line, X[i*benchCols+j], 'g', -1, 64)
			line = append(line, ',')
		}
		line[len(line)-1] = '\n'
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path
}

// BenchmarkOpenCSV is the scan at open: every row parsed and checked.
func BenchmarkOpenCSV(b *testing.B) {
	path := writeBenchCSV(b)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	for b.Loop() {
		src, err := OpenCSV(path)
		if err != nil {
			b.Fatal(err)
		}
		src.Close()
	}
}

func benchmarkCSVReadRows(b *testing.B, workers int) {
	path := writeBenchCSV(b)
	src, err := OpenCSV(path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	benchmarkRead(b, path, src, workers)
}

// BenchmarkCSVReadRows reads every row of the 200,000 × 8 CSV file in
// pieces of 4096 rows.
func BenchmarkCSVReadRows(b *testing.B) { benchmarkCSVReadRows(b, 1) }

// BenchmarkCSVReadRows2 reads it from 2 goroutines, each its half.
func BenchmarkCSVReadRows2(b *testing.B) { benchmarkCSVReadRows(b, 2) }
