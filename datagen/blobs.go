package datagen

import (
	"fmt"
	"math"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
	"gonum.org/v1/gonum/mat"
)

// Blobs configures MakeBlobs. Its fields are scikit-learn's make_blobs
// arguments; the zero value of each means scikit-learn's default.
type Blobs struct {
	// NSamples is the total number of points, split as evenly as possible
	// among the centers (the first NSamples%Centers centers get one more).
	// If NSamples is 0, 100 is used. Must not be negative.
	NSamples int

	// NSamplesPerCenter is scikit-learn's list form of n_samples: the number
	// of points of each center. When it is set, the number of centers is its
	// length, and NSamples must be 0 (or equal its sum) and Centers 0 (or
	// equal its length).
	NSamplesPerCenter []int

	// NFeatures is the dimension of the points. If NFeatures is 0, 2 is used,
	// or the length of the CenterPoints when they are given. Must not be
	// negative.
	NFeatures int

	// Centers is the number of centers to draw uniformly from CenterBox.
	// If Centers is 0, 3 is used (or len(NSamplesPerCenter), or
	// len(CenterPoints)). Must not be negative.
	Centers int

	// CenterPoints, if not nil, are the centers themselves, one row each, all
	// of the same length; then no center is drawn.
	CenterPoints [][]float64

	// ClusterStd is the standard deviation of each cluster: nil means 1.0
	// for all, one value applies to all centers, otherwise it has one value
	// per center. Values must not be negative.
	ClusterStd []float64

	// CenterBox is the box [low, high) that drawn centers lie in, the same for
	// every feature. The zero value means (-10, 10); otherwise low < high.
	CenterBox [2]float64

	// NoShuffle keeps the points grouped by center, in center order.
	// scikit-learn shuffles by default, and so does MakeBlobs.
	NoShuffle bool

	// RandomState seeds the numpy RandomState that draws everything, as
	// random_state=RandomState does in scikit-learn; 0..2**32-1.
	RandomState int64
}

// MakeBlobs draws isotropic Gaussian blobs for clustering exactly as
// scikit-learn 1.2.1's
//
//	make_blobs(n_samples, n_features, centers=..., cluster_std=..., center_box=..., shuffle=..., random_state=...)
//
// does: with the same arguments, X and y are bit for bit the same, because
// every draw comes from nprand (numpy's legacy RandomState) in numpy's order:
// the centers by uniform(low, high, size=(centers, features)) unless given,
// then for each center in turn normal(center, std, size=(n, features)),
// then, unless NoShuffle, one shuffle of the row indices.
//
// X has one point per row; y[i] is the center (0, 1, ...) that row i was
// drawn around. MakeBlobs returns an error, starting with "datagen: " and
// saying what to change, when the configuration is inconsistent: negative
// counts, ClusterStd or NSamplesPerCenter not matching the centers, ragged
// CenterPoints or an empty CenterBox. It panics with an error wrapping
// nprand.ErrSeed for a seed outside numpy's range, which the caller controls.
func MakeBlobs(b Blobs) (X *mat.Dense, y []int, err error) {
	numpy.CheckSeed("datagen: Blobs.RandomState", b.RandomState)
	if b.NSamples < 0 {
		return nil, nil, fmt.Errorf("datagen: Blobs.NSamples is %d; it must be positive (0 means 100)", b.NSamples)
	}
	if b.NFeatures < 0 {
		return nil, nil, fmt.Errorf("datagen: Blobs.NFeatures is %d; it must be positive (0 means 2)", b.NFeatures)
	}
	if b.Centers < 0 {
		return nil, nil, fmt.Errorf("datagen: Blobs.Centers is %d; it must be positive (0 means 3)", b.Centers)
	}
	box := b.CenterBox
	if box == [2]float64{} {
		box = [2]float64{-10, 10}
	}
	if !(box[0] < box[1]) || math.IsInf(box[0], 0) || math.IsInf(box[1], 0) {
		return nil, nil, fmt.Errorf("datagen: Blobs.CenterBox is %v; it must be a finite interval {low, high} with low < high (the zero value means {-10, 10})", b.CenterBox)
	}

	// The number of centers, from whichever field fixes it.
	nCenters := b.Centers
	if b.NSamplesPerCenter != nil {
		if len(b.NSamplesPerCenter) == 0 {
			return nil, nil, fmt.Errorf("datagen: Blobs.NSamplesPerCenter is empty; give one count per center, or leave it nil and set NSamples")
		}
		if nCenters != 0 && nCenters != len(b.NSamplesPerCenter) {
			return nil, nil, fmt.Errorf("datagen: Blobs.Centers is %d but NSamplesPerCenter has %d counts; leave Centers 0, or give one count per center", nCenters, len(b.NSamplesPerCenter))
		}
		nCenters = len(b.NSamplesPerCenter)
	}
	if b.CenterPoints != nil {
		if len(b.CenterPoints) == 0 {
			return nil, nil, fmt.Errorf("datagen: Blobs.CenterPoints is empty; give at least one center, or leave it nil to draw Centers centers")
		}
		if nCenters != 0 && nCenters != len(b.CenterPoints) {
			return nil, nil, fmt.Errorf("datagen: Blobs has %d CenterPoints but %d centers from Centers or NSamplesPerCenter; make them agree", len(b.CenterPoints), nCenters)
		}
		nCenters = len(b.CenterPoints)
	}
	if nCenters == 0 {
		nCenters = 3
	}

	// The centers' dimension.
	nFeatures := b.NFeatures
	if b.CenterPoints != nil {
		d := len(b.CenterPoints[0])
		for i, c := range b.CenterPoints {
			if len(c) == 0 || len(c) != d {
				return nil, nil, fmt.Errorf("datagen: Blobs.CenterPoints[%d] has %d coordinates but CenterPoints[0] has %d; every center needs the same, non-zero number", i, len(c), d)
			}
			for j, v := range c {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, nil, fmt.Errorf("datagen: Blobs.CenterPoints[%d][%d] is %v; centers must be finite", i, j, v)
				}
			}
		}
		if nFeatures != 0 && nFeatures != d {
			return nil, nil, fmt.Errorf("datagen: Blobs.NFeatures is %d but the CenterPoints have %d coordinates; leave NFeatures 0 to take it from the centers", nFeatures, d)
		}
		nFeatures = d
	}
	if nFeatures == 0 {
		nFeatures = 2
	}

	// Points per center: scikit-learn gives the first n%k centers one more.
	counts := make([]int, nCenters)
	total := 0
	if b.NSamplesPerCenter != nil {
		for i, n := range b.NSamplesPerCenter {
			if n < 0 {
				return nil, nil, fmt.Errorf("datagen: Blobs.NSamplesPerCenter[%d] is %d; counts must not be negative", i, n)
			}
			counts[i] = n
			total += n
		}
		if b.NSamples != 0 && b.NSamples != total {
			return nil, nil, fmt.Errorf("datagen: Blobs.NSamples is %d but NSamplesPerCenter adds up to %d; set only one of them", b.NSamples, total)
		}
	} else {
		total = b.NSamples
		if total == 0 {
			total = 100
		}
		for i := range counts {
			counts[i] = total / nCenters
			if i < total%nCenters {
				counts[i]++
			}
		}
	}
	if total == 0 {
		return nil, nil, fmt.Errorf("datagen: Blobs.NSamplesPerCenter adds up to 0 points; ask for at least one")
	}

	stds := make([]float64, nCenters)
	switch len(b.ClusterStd) {
	case 0:
		for i := range stds {
			stds[i] = 1
		}
	case 1:
		for i := range stds {
			stds[i] = b.ClusterStd[0]
		}
	case nCenters:
		copy(stds, b.ClusterStd)
	default:
		return nil, nil, fmt.Errorf("datagen: Blobs.ClusterStd has %d values but there are %d centers; give one value for all centers or one per center", len(b.ClusterStd), nCenters)
	}
	for i, s := range stds {
		if !(s >= 0) || math.IsInf(s, 0) {
			return nil, nil, fmt.Errorf("datagen: Blobs.ClusterStd[%d] is %v; a standard deviation must be finite and not negative", i, s)
		}
	}

	rng := nprand.NewInt64(b.RandomState)
	centers := b.CenterPoints
	if centers == nil {
		// centers = generator.uniform(low, high, size=(n_centers, n_features))
		flat := rng.UniformN(box[0], box[1], nCenters*nFeatures)
		centers = make([][]float64, nCenters)
		for i := range centers {
			centers[i] = flat[i*nFeatures : (i+1)*nFeatures]
		}
	}

	// X[start:end] = generator.normal(loc=centers[i], scale=std, size=(n, n_features))
	data := make([]float64, 0, total*nFeatures)
	y = make([]int, 0, total)
	for i, n := range counts {
		for range n {
			for j := range nFeatures {
				data = append(data, rng.Normal(centers[i][j], stds[i]))
			}
			y = append(y, i)
		}
	}
	X = mat.NewDense(total, nFeatures, data)
	if !b.NoShuffle {
		X, y = shuffleRows(rng, X, y)
	}
	return X, y, nil
}

// shuffleRows is scikit-learn's utils.shuffle(X, y, random_state=rng):
// indices = arange(n); rng.shuffle(indices); X[indices], y[indices].
func shuffleRows(rng *nprand.RandomState, X *mat.Dense, y []int) (*mat.Dense, []int) {
	idx := rng.Permutation(len(y))
	return takeRows(X, idx), takeInts(y, idx)
}

// takeRows returns X[idx] as numpy's fancy indexing does.
func takeRows(X mat.Matrix, idx []int) *mat.Dense {
	_, c := X.Dims()
	out := mat.NewDense(len(idx), c, nil)
	for i, k := range idx {
		for j := range c {
			out.Set(i, j, X.At(k, j))
		}
	}
	return out
}

// takeInts returns y[idx], or nil when y is nil.
func takeInts(y []int, idx []int) []int {
	if y == nil {
		return nil
	}
	out := make([]int, len(idx))
	for i, k := range idx {
		out[i] = y[k]
	}
	return out
}
