// Command largebench is one step of `make bench-large` (bench/large.sh):
// data larger than memory. Each step runs in a process of its own, so that
// its peak resident memory (VmHWM) is its own, and prints one JSON line.
//
//	largebench -gen FILE [-rows N]       write the benchmark's .npy: 20,000,000 (N) × 8 float64 (1.28 GB)
//	largebench -fit source -file FILE    FitSource over the file (datagen.OpenNPY)
//	largebench -fit memory -file FILE    datagen.ReadNPY, then Fit on the rows in memory
//	largebench -partial -file FILE       PartialFit over batches of the file: rows per second
//
// The data are 8 Gaussian clusters in 8 dimensions, drawn with numpy's
// legacy stream (seed 0), a chunk at a time: the file is never held whole
// while it is written. Both fits have 8 full components, run 10 EM
// iterations (Tol 0) from the same given start (weights 1/8, the first 8
// rows as means, identity precisions: no pass for the initialisation) and
// must give the same lower bound, bit for bit; the time reported is that
// of the Fit or FitSource call alone (for the memory fit, not the reading
// of the file).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"syscall"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
	"github.com/gmmlab/gmmlab/gmmlab"
	"github.com/gmmlab/gmmlab/nprand"
)

const (
	cols       = 8
	k          = 8
	iterations = 10
	batchRows  = 10_000
)

type result struct {
	Step        string  `json:"step"`
	Seconds     float64 `json:"seconds"`
	CPUSeconds  float64 `json:"cpu_seconds"` // user+system time of the timed part
	PeakRSSMB   float64 `json:"peak_rss_mb"`
	Rows        int     `json:"rows"`
	NIter       int     `json:"n_iter,omitempty"`
	LowerBound  float64 `json:"lower_bound,omitempty"`
	RowsPerSec  float64 `json:"rows_per_second,omitempty"`
	LoadSeconds float64 `json:"load_seconds,omitempty"`
}

func main() {
	gen := flag.String("gen", "", "write the benchmark's .npy file here")
	fit := flag.String("fit", "", "source or memory")
	partial := flag.Bool("partial", false, "time PartialFit over batches of the file")
	partialRows := flag.Int("partial-rows", 2_000_000, "rows of the file PartialFit reads")
	file := flag.String("file", "", "the benchmark's .npy file")
	rows := flag.Int("rows", 20_000_000, "rows -gen writes")
	flag.Parse()
	var r result
	var err error
	switch {
	case *gen != "":
		r, err = generate(*gen, *rows)
	case *fit == "source" || *fit == "memory":
		r, err = fitFile(*file, *fit)
	case *partial:
		r, err = partialFit(*file, *partialRows)
	default:
		err = fmt.Errorf("give -gen FILE, -fit source|memory -file FILE or -partial -file FILE")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "largebench:", err)
		os.Exit(1)
	}
	r.PeakRSSMB = peakRSS()
	json.NewEncoder(os.Stdout).Encode(r)
}

// generate writes the rows a chunk at a time: row i belongs to cluster
// i mod 8, whose centre has coordinates 4·((c+j) mod 3) - 4, plus standard
// normal noise.
func generate(path string, rows int) (result, error) {
	start := time.Now()
	w, err := datagen.CreateNPY(path, cols)
	if err != nil {
		return result{}, err
	}
	rs := nprand.New(0)
	const chunk = 1 << 16
	for lo := 0; lo < rows; lo += chunk {
		n := min(chunk, rows-lo)
		z := rs.StandardNormalN(n * cols)
		for i := 0; i < n; i++ {
			c := (lo + i) % k
			for j := 0; j < cols; j++ {
				z[i*cols+j] += 4*float64((c+j)%3) - 4
			}
		}
		if err := w.WriteRows(z); err != nil {
			w.Close()
			return result{}, err
		}
	}
	if err := w.Close(); err != nil {
		return result{}, err
	}
	return result{Step: "generate", Seconds: time.Since(start).Seconds(), Rows: rows}, nil
}

// config is the fit of both sides: 8 full components, 10 iterations from
// the given start.
func config(first []float64) gmmlab.GaussianMixture {
	weights := make([]float64, k)
	prec := make([]*mat.SymDense, k)
	for c := range weights {
		weights[c] = 1.0 / k
		prec[c] = mat.NewSymDense(cols, nil)
		for j := 0; j < cols; j++ {
			prec[c].SetSym(j, j, 1)
		}
	}
	return gmmlab.GaussianMixture{NComponents: k, CovarianceType: gmmlab.Full, MaxIter: iterations, Tol: gmmlab.Zero,
		WeightsInit: weights, MeansInit: mat.NewDense(k, cols, first), PrecisionsInit: prec}
}

func fitFile(path, how string) (result, error) {
	src, err := datagen.OpenNPY(path)
	if err != nil {
		return result{}, err
	}
	defer src.Close()
	n, d := src.Dims()
	first := make([]float64, k*d)
	if _, err := src.ReadRows(first, 0); err != nil {
		return result{}, err
	}
	g := config(first)
	r := result{Step: "fit " + how, Rows: n}
	var m *gmmlab.Mixture
	if how == "source" {
		start, cpu := time.Now(), cpuSeconds()
		m, err = g.FitSource(src)
		r.Seconds, r.CPUSeconds = time.Since(start).Seconds(), cpuSeconds()-cpu
	} else {
		start := time.Now()
		X, rerr := datagen.ReadNPY(path)
		if rerr != nil {
			return result{}, rerr
		}
		r.LoadSeconds = time.Since(start).Seconds()
		start, cpu := time.Now(), cpuSeconds()
		m, err = g.Fit(X)
		r.Seconds, r.CPUSeconds = time.Since(start).Seconds(), cpuSeconds()-cpu
	}
	if err != nil {
		return result{}, err
	}
	r.NIter, r.LowerBound = m.NIter(), m.LowerBound()
	return r, nil
}

// partialFit starts from a Fit on the first batch, then updates the model
// with PartialFit batch after batch, each read from the file, and reports
// the rows per second of the updates (reading included).
func partialFit(path string, total int) (result, error) {
	src, err := datagen.OpenNPY(path)
	if err != nil {
		return result{}, err
	}
	defer src.Close()
	rows, d := src.Dims()
	buf := make([]float64, batchRows*d)
	if _, err := src.ReadRows(buf, 0); err != nil {
		return result{}, err
	}
	m, err := gmmlab.GaussianMixture{NComponents: k, RandomState: 0}.Fit(mat.NewDense(batchRows, d, buf))
	if err != nil {
		return result{}, err
	}
	start, cpu := time.Now(), cpuSeconds()
	done := 0
	for lo := batchRows; lo < min(rows, batchRows+total); lo += batchRows {
		n, err := src.ReadRows(buf, lo)
		if err != nil {
			return result{}, err
		}
		if m, err = m.PartialFit(mat.NewDense(n, d, buf[:n*d])); err != nil {
			return result{}, err
		}
		done += n
	}
	s := time.Since(start).Seconds()
	return result{Step: "partial fit", Seconds: s, CPUSeconds: cpuSeconds() - cpu, Rows: done, RowsPerSec: float64(done) / s, LowerBound: m.LowerBound()}, nil
}

// cpuSeconds returns the user and system time the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// peakRSS returns the process's peak resident set size (VmHWM) in MB.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return math.NaN()
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			var kb float64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb / 1024
		}
	}
	return math.NaN()
}
