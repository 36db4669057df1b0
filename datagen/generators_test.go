package datagen

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// loadJSON decodes a file of testdata/ into v. The files and where their
// numbers come from:
//
//   - make_blobs.json: the lab's shared scikit-learn 1.2.1 / numpy 1.24.2
//     make_blobs reference outputs, copied unchanged.
//   - numpy_tutorial.json: tutorial_two_groups of the lab's shared
//     numpy_random.json (np.random.seed(0); normal(0, 1, (100, 2)) then
//     normal(5, 1, (100, 2))), copied unchanged.
//   - reference.json: written by testdata/gen_reference.py with scikit-learn
//     1.2.1 and numpy 1.24.2.
func loadJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// reference is testdata/reference.json.
type reference struct {
	MakeMoons       []shapeCase `json:"make_moons"`
	MakeCircles     []shapeCase `json:"make_circles"`
	MakeMoonsLibm   []shapeCase `json:"make_moons_libm"`
	MakeCirclesLibm []shapeCase `json:"make_circles_libm"`
	MakeBlobsExtra  []blobsCase `json:"make_blobs_extra"`
	Aniso           struct {
		A [][]float64 `json:"A"`
		X [][]float64 `json:"X"`
	} `json:"aniso"`
	TrainTestSplit []splitCase  `json:"train_test_split"`
	Scalers        []scalerCase `json:"scalers"`
	Iris           struct {
		FeatureNames []string    `json:"feature_names"`
		TargetNames  []string    `json:"target_names"`
		Data         [][]float64 `json:"data"`
		Target       []int       `json:"target"`
	} `json:"iris"`
}

var refCache *reference

func loadReference(t testing.TB) *reference {
	if refCache == nil {
		refCache = new(reference)
		loadJSON(t, "reference.json", refCache)
	}
	return refCache
}

type shapeCase struct {
	Params struct {
		NSamples    int      `json:"n_samples"`
		Noise       *float64 `json:"noise"`
		Factor      *float64 `json:"factor"`
		Shuffle     *bool    `json:"shuffle"`
		RandomState int64    `json:"random_state"`
	} `json:"params"`
	X [][]float64 `json:"X"`
	Y []int       `json:"y"`
}

type blobsCase struct {
	Params map[string]json.RawMessage `json:"params"`
	X      [][]float64                `json:"X"`
	Y      []int                      `json:"y"`
}

// blobsFromParams translates make_blobs keyword arguments into Blobs.
func blobsFromParams(t *testing.T, p map[string]json.RawMessage) Blobs {
	t.Helper()
	var b Blobs
	dec := func(key string, v any) bool {
		raw, ok := p[key]
		if !ok {
			return false
		}
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("param %s: %v", key, err)
		}
		return true
	}
	if raw, ok := p["n_samples"]; ok {
		if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
			dec("n_samples", &b.NSamplesPerCenter)
		} else {
			dec("n_samples", &b.NSamples)
		}
	}
	dec("n_features", &b.NFeatures)
	if raw, ok := p["centers"]; ok {
		if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
			dec("centers", &b.CenterPoints)
		} else {
			dec("centers", &b.Centers)
		}
	}
	if raw, ok := p["cluster_std"]; ok {
		if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
			dec("cluster_std", &b.ClusterStd)
		} else {
			var s float64
			dec("cluster_std", &s)
			b.ClusterStd = []float64{s}
		}
	}
	var box []float64
	if dec("center_box", &box) {
		b.CenterBox = [2]float64{box[0], box[1]}
	}
	var shuffle bool
	if dec("shuffle", &shuffle) {
		b.NoShuffle = !shuffle
	}
	dec("random_state", &b.RandomState)
	return b
}

// equalDraws compares numbers made from normal draws: bit for bit when
// nprand and datagen call the C library's log, exp, cos and sin (cgo), and
// to 1e-12 otherwise, when Go's math package stands in for it.
func equalDraws(t *testing.T, name string, got mat.Matrix, want [][]float64) {
	t.Helper()
	if numpy.ExactLibm {
		equalExact(t, name, got, want)
	} else {
		equalTol(t, name, got, want, 1e-12)
	}
}

// equalExact reports the first entry where got differs from want in any bit.
func equalExact(t *testing.T, name string, got mat.Matrix, want [][]float64) {
	t.Helper()
	r, c := got.Dims()
	if r != len(want) || (r > 0 && c != len(want[0])) {
		t.Fatalf("%s: got %d×%d, want %d×%d", name, r, c, len(want), len(want[0]))
	}
	bad := 0
	for i := range r {
		for j := range c {
			if g, w := got.At(i, j), want[i][j]; math.Float64bits(g) != math.Float64bits(w) {
				if bad < 3 {
					t.Errorf("%s[%d][%d] = %v, want %v (scikit-learn)", name, i, j, g, w)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d entries differ", name, bad, r*c)
	}
}

func equalInts(t *testing.T, name string, got, want []int) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s[%d] = %d, want %d (scikit-learn)", name, i, got[i], want[i])
		}
	}
}

// TestMakeBlobsReference checks every case of the shared make_blobs.json and
// of reference.json's make_blobs_extra bit for bit.
func TestMakeBlobsReference(t *testing.T) {
	var shared struct {
		Cases []blobsCase `json:"cases"`
	}
	loadJSON(t, "make_blobs.json", &shared)
	if len(shared.Cases) == 0 {
		t.Fatal("no cases in make_blobs.json")
	}
	cases := append(shared.Cases, loadReference(t).MakeBlobsExtra...)
	for i, c := range cases {
		b := blobsFromParams(t, c.Params)
		X, y, err := MakeBlobs(b)
		if err != nil {
			t.Fatalf("case %d %+v: %v", i, b, err)
		}
		equalDraws(t, "X", X, c.X)
		equalInts(t, "y", y, c.Y)
	}
}

// TestMakeBlobsIssueExample is the call of the issue, field for field; its
// expected values are the first case of make_blobs.json.
func TestMakeBlobsIssueExample(t *testing.T) {
	X, y, err := MakeBlobs(Blobs{
		NSamples: 1500, NSamplesPerCenter: nil, NFeatures: 2, Centers: 3, CenterPoints: nil,
		ClusterStd: []float64{1.0, 2.5, 0.5}, CenterBox: [2]float64{-10, 10}, NoShuffle: false, RandomState: 170,
	})
	if err != nil {
		t.Fatal(err)
	}
	// make_blobs(n_samples=1500, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170)
	// printed X[0] = [-6.111197213022978, 1.4715306174644063] and y[:5] = [1, 1, 0, 1, 1].
	equalDraws(t, "X[:1]", X.Slice(0, 1, 0, 2), [][]float64{{-6.111197213022978, 1.4715306174644063}})
	equalInts(t, "y[:5]", y[:5], []int{1, 1, 0, 1, 1})
}

// shapeCheck compares generated shapes with scikit-learn's. y, and so the
// shuffle, must match exactly. X must match bit for bit when exact is set
// (the libm cases, with cgo), and otherwise to 1e-12 relative (absolute
// below 1): the SVML cases, whose cos and sin differ from the C library's in
// the last bit.
func shapeCheck(t *testing.T, kind string, cases []shapeCase, exact bool, gen func(shapeCase) (*mat.Dense, []int, error)) {
	t.Helper()
	if len(cases) == 0 {
		t.Fatalf("no %s cases", kind)
	}
	for i, c := range cases {
		X, y, err := gen(c)
		if err != nil {
			t.Fatalf("%s case %d: %v", kind, i, err)
		}
		if exact {
			equalExact(t, kind+" X", X, c.X)
		} else {
			equalTol(t, kind+" X", X, c.X, 1e-12)
		}
		equalInts(t, kind+" y", y, c.Y)
	}
}

// equalTol compares got with want to tol relative, or absolute where |want|
// is below 1.
func equalTol(t *testing.T, name string, got mat.Matrix, want [][]float64, tol float64) {
	t.Helper()
	r, c := got.Dims()
	if r != len(want) || (r > 0 && c != len(want[0])) {
		t.Fatalf("%s: got %d×%d, want %d×%d", name, r, c, len(want), len(want[0]))
	}
	for i := range r {
		for j := range c {
			g, w := got.At(i, j), want[i][j]
			if math.Abs(g-w) > tol*math.Max(1, math.Abs(w)) || math.IsNaN(g) != math.IsNaN(w) {
				t.Fatalf("%s[%d][%d] = %v, want %v (scikit-learn) to %g", name, i, j, g, w, tol)
			}
		}
	}
}

func opt(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func moonsFromParams(c shapeCase) (*mat.Dense, []int, error) {
	return MakeMoons(Moons{NSamples: c.Params.NSamples, Noise: opt(c.Params.Noise),
		NoShuffle: c.Params.Shuffle != nil && !*c.Params.Shuffle, RandomState: c.Params.RandomState})
}

func circlesFromParams(c shapeCase) (*mat.Dense, []int, error) {
	return MakeCircles(Circles{NSamples: c.Params.NSamples, Noise: opt(c.Params.Noise), Factor: opt(c.Params.Factor),
		NoShuffle: c.Params.Shuffle != nil && !*c.Params.Shuffle, RandomState: c.Params.RandomState})
}

// TestMakeMoonsReference checks make_moons against reference.json: bit for
// bit against numpy with the C library's cos and sin (make_moons_libm) when
// datagen calls the C library too (cgo), and to 1e-12 against numpy with
// AVX-512 SVML (make_moons).
func TestMakeMoonsReference(t *testing.T) {
	ref := loadReference(t)
	shapeCheck(t, "make_moons_libm", ref.MakeMoonsLibm, numpy.ExactLibm, moonsFromParams)
	shapeCheck(t, "make_moons", ref.MakeMoons, false, moonsFromParams)
}

// TestMakeCirclesReference is TestMakeMoonsReference for make_circles.
func TestMakeCirclesReference(t *testing.T) {
	ref := loadReference(t)
	shapeCheck(t, "make_circles_libm", ref.MakeCirclesLibm, numpy.ExactLibm, circlesFromParams)
	shapeCheck(t, "make_circles", ref.MakeCircles, false, circlesFromParams)
}

// TestAnisotropicReference: np.dot(make_blobs(n_samples=1500,
// random_state=170)[0], [[0.6, -0.6], [-0.4, 0.8]]) from reference.json.
func TestAnisotropicReference(t *testing.T) {
	ref := loadReference(t).Aniso
	X, _, err := MakeBlobs(Blobs{NSamples: 1500, RandomState: 170})
	if err != nil {
		t.Fatal(err)
	}
	got := Anisotropic(X, ref.A)
	equalDraws(t, "X_aniso", got, ref.X)
}

// TestRandomStateTutorial: the quick-start data, np.random.seed(0) then
// normal(0, 1, (100, 2)) and normal(5, 1, (100, 2)) from one stream, in
// numpy_tutorial.json.
func TestRandomStateTutorial(t *testing.T) {
	var ref struct {
		Tutorial struct {
			Group1 [][]float64 `json:"group1"`
			Group2 [][]float64 `json:"group2"`
		} `json:"tutorial_two_groups"`
	}
	loadJSON(t, "numpy_tutorial.json", &ref)
	rs := NewRandomState(0)
	g1 := rs.Normal(0, 1, 100, 2)
	g2 := rs.Normal(5, 1, 100, 2)
	equalDraws(t, "group1", g1, ref.Tutorial.Group1)
	equalDraws(t, "group2", g2, ref.Tutorial.Group2)
	X := VStack(g1, g2)
	equalDraws(t, "vstack", X, append(append([][]float64{}, ref.Tutorial.Group1...), ref.Tutorial.Group2...))
}

type splitCase struct {
	TestSize    float64     `json:"test_size"`
	RandomState int64       `json:"random_state"`
	X           [][]float64 `json:"X"`
	Y           []int       `json:"y"`
	XTrain      [][]float64 `json:"X_train"`
	XTest       [][]float64 `json:"X_test"`
	YTrain      []int       `json:"y_train"`
	YTest       []int       `json:"y_test"`
}

type scalerCase struct {
	Name     string      `json:"name"`
	X        [][]float64 `json:"X"`
	XNew     [][]float64 `json:"X_new"`
	Standard standardRef `json:"standard"`
	MinMax   minMaxRef   `json:"minmax"`
	MinMaxM1 minMaxRef   `json:"minmax_m1_1"`
	MinMaxC  minMaxRef   `json:"minmax_clip"`
}

type standardRef struct {
	Mean         []float64   `json:"mean"`
	Var          []float64   `json:"var"`
	Scale        []float64   `json:"scale"`
	Transform    [][]float64 `json:"transform"`
	TransformNew [][]float64 `json:"transform_new"`
	InverseNew   [][]float64 `json:"inverse_new"`
}

type minMaxRef struct {
	FeatureRange []float64   `json:"feature_range"`
	Clip         bool        `json:"clip"`
	DataMin      []float64   `json:"data_min"`
	DataMax      []float64   `json:"data_max"`
	Scale        []float64   `json:"scale"`
	Min          []float64   `json:"min"`
	Transform    [][]float64 `json:"transform"`
	TransformNew [][]float64 `json:"transform_new"`
	InverseNew   [][]float64 `json:"inverse_new"`
}
