package datagen

import (
	"fmt"
	"math"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
	"gonum.org/v1/gonum/mat"
)

// Moons configures MakeMoons; the zero value of each field means
// scikit-learn's default.
type Moons struct {
	// NSamples is the number of points: NSamples/2 on the outer (upper) moon,
	// the rest on the inner one. If NSamples is 0, 100 is used.
	NSamples int

	// Noise is the standard deviation of the Gaussian noise added to every
	// coordinate; 0 means none (scikit-learn's noise=None). Not negative.
	Noise float64

	// NoShuffle keeps the outer moon's points first. scikit-learn shuffles by
	// default, and so does MakeMoons.
	NoShuffle bool

	// RandomState seeds the numpy RandomState, as random_state does;
	// 0..2**32-1.
	RandomState int64
}

// MakeMoons returns two interleaving half circles, bit for bit as
// scikit-learn 1.2.1's make_moons(n_samples, shuffle=..., noise=...,
// random_state=...): the outer moon (cos t, sin t) and the inner moon
// (1 - cos t, 1/2 - sin t) for t in numpy.Linspace(0, π, n), then, unless
// NoShuffle, one shuffle of the rows, then normal(0, Noise) added to each
// coordinate in row-major order. y is 0 for the outer moon and 1 for the
// inner one.
//
// MakeMoons returns an error, starting with "datagen: ", for a negative
// NSamples or Noise, and panics with an error wrapping nprand.ErrSeed for a
// seed outside numpy's range.
func MakeMoons(m Moons) (X *mat.Dense, y []int, err error) {
	n, err := checkShape("Moons", m.NSamples, m.Noise, m.RandomState)
	if err != nil {
		return nil, nil, err
	}
	nOut := n / 2
	nIn := n - nOut
	tOut := numpy.Linspace(0, math.Pi, nOut, true)
	tIn := numpy.Linspace(0, math.Pi, nIn, true)
	data := make([]float64, 0, 2*n)
	y = make([]int, 0, n)
	for _, t := range tOut {
		data = append(data, numpy.Cos(t), numpy.Sin(t))
		y = append(y, 0)
	}
	for _, t := range tIn {
		// inner_circ_y = 1 - np.sin(...) - 0.5, evaluated left to right.
		data = append(data, 1-numpy.Cos(t), (1-numpy.Sin(t))-0.5)
		y = append(y, 1)
	}
	X, y = shuffleAndNoise(mat.NewDense(n, 2, data), y, m.NoShuffle, m.Noise, m.RandomState)
	return X, y, nil
}

// Circles configures MakeCircles; the zero value of each field means
// scikit-learn's default.
type Circles struct {
	// NSamples is the number of points: NSamples/2 on the outer circle, the
	// rest on the inner one. If NSamples is 0, 100 is used.
	NSamples int

	// Factor is the inner circle's radius relative to the outer one's (1),
	// in (0, 1). If Factor is 0, scikit-learn's default 0.8 is used.
	Factor float64

	// Noise is the standard deviation of the Gaussian noise added to every
	// coordinate; 0 means none (scikit-learn's noise=None). Not negative.
	Noise float64

	// NoShuffle keeps the outer circle's points first. scikit-learn shuffles
	// by default, and so does MakeCircles.
	NoShuffle bool

	// RandomState seeds the numpy RandomState, as random_state does;
	// 0..2**32-1.
	RandomState int64
}

// MakeCircles returns a large circle containing a smaller one, bit for bit
// as scikit-learn 1.2.1's make_circles(n_samples, shuffle=..., noise=...,
// random_state=..., factor=...): (cos t, sin t) for the outer circle and
// Factor·(cos t, sin t) for the inner one, t in numpy.Linspace(0, 2π, n,
// endpoint=False), then, unless NoShuffle, one shuffle of the rows, then
// normal(0, Noise) added to each coordinate in row-major order. y is 0 for
// the outer circle and 1 for the inner one.
//
// MakeCircles returns an error, starting with "datagen: ", for a negative
// NSamples or Noise or a Factor outside [0, 1), and panics with an error
// wrapping nprand.ErrSeed for a seed outside numpy's range.
func MakeCircles(c Circles) (X *mat.Dense, y []int, err error) {
	n, err := checkShape("Circles", c.NSamples, c.Noise, c.RandomState)
	if err != nil {
		return nil, nil, err
	}
	factor := c.Factor
	if factor == 0 {
		factor = 0.8
	}
	if !(factor > 0 && factor < 1) {
		return nil, nil, fmt.Errorf("datagen: Circles.Factor is %v; the inner circle's relative radius must be in (0, 1) (0 means 0.8)", c.Factor)
	}
	nOut := n / 2
	nIn := n - nOut
	tOut := numpy.Linspace(0, 2*math.Pi, nOut, false)
	tIn := numpy.Linspace(0, 2*math.Pi, nIn, false)
	data := make([]float64, 0, 2*n)
	y = make([]int, 0, n)
	for _, t := range tOut {
		data = append(data, numpy.Cos(t), numpy.Sin(t))
		y = append(y, 0)
	}
	for _, t := range tIn {
		data = append(data, float64(numpy.Cos(t)*factor), float64(numpy.Sin(t)*factor))
		y = append(y, 1)
	}
	X, y = shuffleAndNoise(mat.NewDense(n, 2, data), y, c.NoShuffle, c.Noise, c.RandomState)
	return X, y, nil
}

// checkShape validates the fields MakeMoons and MakeCircles share and
// returns the number of samples.
func checkShape(what string, n int, noise float64, seed int64) (int, error) {
	if n < 0 {
		return 0, fmt.Errorf("datagen: %s.NSamples is %d; it must be positive (0 means 100)", what, n)
	}
	if n == 0 {
		n = 100
	}
	if !(noise >= 0) || math.IsInf(noise, 0) {
		return 0, fmt.Errorf("datagen: %s.Noise is %v; the noise's standard deviation must be finite and not negative (0 means no noise)", what, noise)
	}
	numpy.CheckSeed("datagen: "+what+".RandomState", seed)
	return n, nil
}

// shuffleAndNoise is the common tail of make_moons and make_circles:
//
//	if shuffle: X, y = util_shuffle(X, y, random_state=generator)
//	if noise is not None: X += generator.normal(scale=noise, size=X.shape)
func shuffleAndNoise(X *mat.Dense, y []int, noShuffle bool, noise float64, seed int64) (*mat.Dense, []int) {
	rng := nprand.NewInt64(seed)
	if !noShuffle {
		X, y = shuffleRows(rng, X, y)
	}
	if noise != 0 {
		r, c := X.Dims()
		for i := range r {
			for j := range c {
				X.Set(i, j, X.At(i, j)+rng.Normal(0, noise))
			}
		}
	}
	return X, y
}

// Anisotropic returns X·A, the linear map scikit-learn's k-means
// assumptions example applies to blobs to stretch them:
//
//	X_aniso = np.dot(X, [[0.6, -0.6], [-0.4, 0.8]])
//
// is
//
//	Xa := datagen.Anisotropic(X, [][]float64{{0.6, -0.6}, {-0.4, 0.8}})
//
// A has one row per column of X. Each entry is accumulated in order of the
// inner index with fused multiply-adds, s = fma(X[i][l], A[l][j], s), as the
// OpenBLAS kernels numpy calls on x86-64 with FMA do, so the result is bit
// for bit numpy's there (and within an ulp or so of a BLAS that rounds every
// product). X is not modified.
// Anisotropic panics if A is ragged or has a different number of rows than X
// has columns.
func Anisotropic(X mat.Matrix, A [][]float64) *mat.Dense {
	r, c := X.Dims()
	if len(A) != c {
		panic(fmt.Sprintf("datagen: Anisotropic: X has %d columns but A has %d rows; A must have one row per column of X", c, len(A)))
	}
	k := len(A[0])
	for i, row := range A {
		if len(row) != k || k == 0 {
			panic(fmt.Sprintf("datagen: Anisotropic: A[%d] has %d entries but A[0] has %d; A must be a non-empty rectangular matrix", i, len(row), k))
		}
	}
	out := mat.NewDense(r, k, nil)
	for i := range r {
		for j := range k {
			var s float64
			for l := range c {
				s = math.FMA(X.At(i, l), A[l][j], s)
			}
			out.Set(i, j, s)
		}
	}
	return out
}
