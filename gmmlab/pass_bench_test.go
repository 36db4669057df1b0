package gmmlab

import (
	"math"
	"strconv"
	"testing"
)

var sinkFloat float64

// BenchmarkExp compares expNonPos with math.Exp on the arguments of the
// responsibilities: log-probability gaps in [-60, 0].
func BenchmarkExp(b *testing.B) {
	args := make([]float64, 1024)
	for i := range args {
		args[i] = -60 * float64(i) / float64(len(args))
	}
	b.Run("expShifted", func(b *testing.B) {
		v, zero, sum := make([]float64, len(args)), make([]float64, len(args)), make([]float64, len(args))
		for b.Loop() {
			copy(v, args)
			expShifted(v, zero, sum)
		}
		sinkFloat = v[1]
	})
	b.Run("math.Exp", func(b *testing.B) {
		s := 0.0
		for b.Loop() {
			for _, x := range args {
				s += math.Exp(x)
			}
		}
		sinkFloat = s
	})
}

// BenchmarkKernels times the full-covariance kernels on one chunk; the
// reported GFLOP/s count a multiply and an add per lower-triangle entry.
func BenchmarkKernels(b *testing.B) {
	for _, d := range []int{16, 50} {
		x := make([]float64, chunkRows*d)
		mu := make([]float64, d)
		l := make([]float64, d*d)
		r := make([]float64, chunkRows)
		for i := range x {
			x[i] = math.Sin(float64(i))
		}
		for i := 0; i < d; i++ {
			for j := 0; j <= i; j++ {
				l[i*d+j] = 1 / float64(1+i+j)
			}
		}
		for i := range r {
			r[i] = float64(i%7) / 7
		}
		diff := make([]float64, chunkRows*d)
		q := make([]float64, chunkRows)
		flops := float64(chunkRows * d * (d + 1))
		b.Run("logProb/d="+itoa(d), func(b *testing.B) {
			for b.Loop() {
				lowerLogProb(q, 0, x, mu, diff, chunkRows, d, l)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		a := newStats(fullCov{}, 1, d)
		idx := make([]int, chunkRows)
		b.Run("moments/d="+itoa(d), func(b *testing.B) {
			for b.Loop() {
				lowerMoments(a, a.s, x, mu, diff, r, 1, chunkRows, d, 0, idx)
			}
			b.ReportMetric(flops*6/7*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

func itoa(v int) string { return strconv.Itoa(v) }
