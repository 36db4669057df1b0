package datagen

import (
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// TestMakeBlobsErrors checks that each inconsistent Blobs gets an error that
// starts with "datagen: " and names the field to change.
func TestMakeBlobsErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		b    Blobs
		want string
	}{
		{"negative NSamples", Blobs{NSamples: -1}, "Blobs.NSamples is -1"},
		{"negative NFeatures", Blobs{NFeatures: -2}, "Blobs.NFeatures is -2"},
		{"negative Centers", Blobs{Centers: -3}, "Blobs.Centers is -3"},
		{"ClusterStd length", Blobs{Centers: 3, ClusterStd: []float64{1, 2}}, "ClusterStd has 2 values but there are 3 centers"},
		{"negative std", Blobs{ClusterStd: []float64{-1}}, "ClusterStd[0] is -1"},
		{"per-center negative", Blobs{NSamplesPerCenter: []int{3, -1}}, "NSamplesPerCenter[1] is -1"},
		{"per-center vs Centers", Blobs{NSamplesPerCenter: []int{3, 4}, Centers: 3}, "Centers is 3 but NSamplesPerCenter has 2"},
		{"per-center vs NSamples", Blobs{NSamplesPerCenter: []int{3, 4}, NSamples: 10}, "NSamples is 10 but NSamplesPerCenter adds up to 7"},
		{"per-center empty", Blobs{NSamplesPerCenter: []int{}}, "NSamplesPerCenter is empty"},
		{"per-center zero", Blobs{NSamplesPerCenter: []int{0, 0}}, "adds up to 0"},
		{"points vs Centers", Blobs{CenterPoints: [][]float64{{0, 0}}, Centers: 2}, "1 CenterPoints but 2 centers"},
		{"ragged points", Blobs{CenterPoints: [][]float64{{0, 0}, {1}}}, "CenterPoints[1] has 1 coordinates"},
		{"points vs NFeatures", Blobs{CenterPoints: [][]float64{{0, 0}}, NFeatures: 3}, "NFeatures is 3 but the CenterPoints have 2"},
		{"empty box", Blobs{CenterBox: [2]float64{5, -5}}, "CenterBox"},
	} {
		_, _, err := MakeBlobs(c.b)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "datagen: ") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: error %q, want it to contain %q", c.name, msg, c.want)
		}
	}
}

func TestMakeBlobsDefaults(t *testing.T) {
	// The zero Blobs is make_blobs() with random_state=0: 100 points in 2-D
	// around 3 centers, as the second case of make_blobs.json spells out.
	X, y, err := MakeBlobs(Blobs{})
	if err != nil {
		t.Fatal(err)
	}
	Y, z, _ := MakeBlobs(Blobs{NSamples: 100, NFeatures: 2, Centers: 3, ClusterStd: []float64{1}, CenterBox: [2]float64{-10, 10}})
	if r, c := X.Dims(); r != 100 || c != 2 || !equalDense(X, Y) {
		t.Errorf("zero Blobs differs from the explicit defaults")
	}
	equalInts(t, "y", y, z)
}

func equalDense(a, b interface {
	At(i, j int) float64
	Dims() (int, int)
}) bool {
	r, c := a.Dims()
	if r2, c2 := b.Dims(); r != r2 || c != c2 {
		return false
	}
	for i := range r {
		for j := range c {
			if a.At(i, j) != b.At(i, j) {
				return false
			}
		}
	}
	return true
}

func TestShapeErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"moons n", second(MakeMoons(Moons{NSamples: -5})), "Moons.NSamples is -5"},
		{"moons noise", second(MakeMoons(Moons{Noise: -0.1})), "Moons.Noise is -0.1"},
		{"circles factor", second(MakeCircles(Circles{Factor: 1})), "Circles.Factor is 1"},
	} {
		if c.err == nil || !strings.HasPrefix(c.err.Error(), "datagen: ") || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, c.err, c.want)
		}
	}
}

func second[A, B any](_ A, _ B, err error) error { return err }

// TestSeedPanics: a seed outside numpy's range is the caller's setting, so
// every function that takes one panics, as nprand and gmmlab do, with the
// same message and an error wrapping nprand.ErrSeed.
func TestSeedPanics(t *testing.T) {
	for _, c := range []struct {
		name, want string
		f          func()
	}{
		{"blobs", "datagen: Blobs.RandomState is -1; numpy seeds are 0..4294967295 (2**32-1)", func() { _, _, _ = MakeBlobs(Blobs{RandomState: -1}) }},
		{"moons", "datagen: Moons.RandomState is -2; numpy seeds are 0..4294967295 (2**32-1)", func() { _, _, _ = MakeMoons(Moons{RandomState: -2}) }},
		{"circles", "datagen: Circles.RandomState is 4294967296; numpy seeds are 0..4294967295 (2**32-1)", func() { _, _, _ = MakeCircles(Circles{RandomState: 1 << 32}) }},
		{"new", "datagen: NewRandomState's seed is -1; numpy seeds are 0..4294967295 (2**32-1)", func() { NewRandomState(-1) }},
		{"reseed", "datagen: RandomState.Seed's seed is -1; numpy seeds are 0..4294967295 (2**32-1)", func() { NewRandomState(0).Seed(-1) }},
		{"split", "datagen: TrainTestSplit's randomState is -1; numpy seeds are 0..4294967295 (2**32-1)", func() { TrainTestSplit(mat.NewDense(4, 1, nil), nil, 0, -1) }},
	} {
		func() {
			defer func() {
				r := recover()
				err, ok := r.(error)
				if !ok || err.Error() != c.want || !errors.Is(err, nprand.ErrSeed) {
					t.Errorf("%s: panic %v, want %q wrapping nprand.ErrSeed", c.name, r, c.want)
				}
			}()
			c.f()
		}()
	}
}

func TestRandomStatePanics(t *testing.T) {
	mustPanic(t, "seed", func() { NewRandomState(-1) })
	mustPanic(t, "size", func() { NewRandomState(0).Normal(0, 1, 0, 2) })
	mustPanic(t, "vstack widths", func() { VStack(NewRandomState(0).Normal(0, 1, 1, 2), NewRandomState(0).Normal(0, 1, 1, 3)) })
	mustPanic(t, "aniso", func() { Anisotropic(NewRandomState(0).Normal(0, 1, 1, 2), [][]float64{{1, 0}}) })
}
