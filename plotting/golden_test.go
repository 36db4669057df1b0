package plotting

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/cmpimg"

	"github.com/gmmlab/gmmlab/datagen"
	"github.com/gmmlab/gmmlab/gmmlab"
	"github.com/gmmlab/gmmlab/nprand"
)

// goldenDelta is the normalised colour distance cmpimg.EqualApprox allows per
// pixel: enough for anti-aliasing that differs by a rounding between
// platforms, far too little for a moved point or a changed colour.
const goldenDelta = 0.05

// checkGolden renders fig as Show would in a notebook and compares it with
// testdata/<name>_golden.png; go test -regen rewrites the golden file.
// (The -regen flag is cmpimg's, as in gonum/plot's own tests.)
func checkGolden(t *testing.T, name string, fig Figure) {
	t.Helper()
	checkGoldenAt(t, name, fig, Display{})
}

// checkGoldenAt is checkGolden at d's size, to keep large grids small.
func checkGoldenAt(t *testing.T, name string, fig Figure, d Display) {
	t.Helper()
	got, err := d.PNG(fig)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", name+"_golden.png")
	if *cmpimg.GenerateTestData {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -regen to create it)", err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		out := filepath.Join(t.TempDir(), name+".png")
		os.WriteFile(out, got, 0o644)
		t.Errorf("%s differs from %s (got written to %s; go test -regen rewrites goldens)", name, golden, out)
	}
}

// blobs returns the guide's data: scikit-learn's make_blobs(n_samples=1500,
// cluster_std=[1.0, 2.5, 0.5], random_state=170), copied from
// gmmlab/testdata/gaussian_mixture.json.
var blobs = sync.OnceValue(func() *mat.Dense {
	b, err := os.ReadFile(filepath.Join("testdata", "blobs170.json"))
	if err != nil {
		panic(err)
	}
	var doc struct{ X [][]float64 }
	if err := json.Unmarshal(b, &doc); err != nil {
		panic(err)
	}
	X := mat.NewDense(len(doc.X), 2, nil)
	for i, r := range doc.X {
		X.SetRow(i, r)
	}
	return X
})

// guideModel is the guide's fit: GaussianMixture(n_components=3,
// random_state=170).
var guideModel = sync.OnceValue(func() *gmmlab.Mixture {
	m, err := gmmlab.GaussianMixture{NComponents: 3, RandomState: 170}.Fit(blobs())
	if err != nil {
		panic(err)
	}
	return m
})

// threeD returns 3 groups of 100 points in 3 features drawn with
// nprand.New(0), correlated in features 0 and 2, for the D>2 figures.
func threeD() *mat.Dense {
	r := nprand.New(0)
	X := mat.NewDense(300, 3, nil)
	centres := [][3]float64{{0, 0, 0}, {6, 2, 4}, {2, 6, -3}}
	for i := range 300 {
		c := centres[i/100]
		z := r.NormalN(0, 1, 3)
		X.SetRow(i, []float64{c[0] + z[0], c[1] + 0.5*z[1], c[2] + 0.8*z[0] + 0.6*z[2]})
	}
	return X
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestGoldenClusters(t *testing.T) {
	X, m := blobs(), guideModel()
	p := must(Clusters{Title: "GMM Predicted Clusters"}.Plot(X, m.Predict(X)))
	checkGolden(t, "clusters", p)
}

func TestGoldenEllipses(t *testing.T) {
	X, m := blobs(), guideModel()
	p := must(Clusters{Title: "GMM with covariance ellipses"}.Plot(X, m.Predict(X)))
	e := NewEllipses(m)
	p.Add(e)
	p.Legend.Add("1, 2, 3 σ", e)
	checkGolden(t, "ellipses", EqualAspect(p))
}

// TestGoldenEllipsesCovarianceTypes draws the four covariance types side by
// side, the guide's "key parameters" figure, with the tutorial's scales.
func TestGoldenEllipsesCovarianceTypes(t *testing.T) {
	X := blobs()
	var figs []Figure
	for _, ct := range gmmlab.CovarianceTypes {
		m := must(gmmlab.GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 170}.Fit(X))
		p := must(Clusters{Title: "covariance_type = " + string(ct), NoLegend: true}.Plot(X, m.Predict(X)))
		e := NewEllipses(m)
		e.Scales = []float64{0.5, 1, 1.5, 2}
		p.Add(e)
		figs = append(figs, p)
	}
	// 65 dpi keeps the 2×2 golden near 700×600 pixels.
	checkGoldenAt(t, "ellipses_covariance_types", Grid(2, figs...), Display{DPI: 65})
}

func TestGoldenEllipses3D(t *testing.T) {
	X := threeD()
	m := must(gmmlab.GaussianMixture{NComponents: 3, RandomState: 0}.Fit(X))
	p := must(Clusters{Title: "Features 1 and 3 of 3", Features: [2]int{0, 2}}.Plot(X, m.Predict(X)))
	e := NewEllipses(m)
	e.Features = [2]int{0, 2}
	p.Add(e)
	checkGolden(t, "ellipses_3d", p)
}

func TestGoldenDensity(t *testing.T) {
	X, m := blobs(), guideModel()
	f := must(Density{}.Plot(m, X))
	checkGolden(t, "density", f)
}

func TestGoldenDensityHeatMap(t *testing.T) {
	X := threeD()
	m := must(gmmlab.GaussianMixture{NComponents: 3, RandomState: 0}.Fit(X))
	f := must(Density{Title: "Marginal density of features 1 and 3", Features: [2]int{0, 2}, HeatMap: true}.Plot(m, X))
	checkGolden(t, "density_heatmap", f)
}

var guideSelection = sync.OnceValue(func() *gmmlab.Selection {
	return must(gmmlab.ModelSelection{
		NComponents: []int{1, 2, 3, 4, 5, 6},
		Base:        gmmlab.GaussianMixture{RandomState: 170},
	}.Fit(blobs()))
})

func TestGoldenCriteria(t *testing.T) {
	sel := must(gmmlab.ModelSelection{
		NComponents:     []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
		CovarianceTypes: []gmmlab.CovarianceType{gmmlab.Full},
		Base:            gmmlab.GaussianMixture{RandomState: 170},
	}.Fit(blobs()))
	p := must(Criteria{Title: "BIC and AIC vs number of components"}.Plot(sel))
	checkGolden(t, "criteria", p)
}

func TestGoldenSelectionBars(t *testing.T) {
	p := must(SelectionBars{}.Plot(guideSelection()))
	checkGolden(t, "selection_bars", p)
}

func TestGoldenUncertainty(t *testing.T) {
	X, m := blobs(), guideModel()
	f := must(Uncertainty{}.Plot(m, X))
	checkGolden(t, "uncertainty", f)
}

func TestGoldenSamples(t *testing.T) {
	X, m := blobs(), guideModel()
	p := must(Samples{}.Plot(m, X))
	checkGolden(t, "samples", p)
}

// TestGoldenPanels is the guide's 1×2 figure: true clusters beside the
// GMM's.
func TestGoldenPanels(t *testing.T) {
	X, m := blobs(), guideModel()
	km := must(gmmlab.KMeans{NClusters: 3, RandomState: 170}.Fit(X))
	left := must(Clusters{Title: "K-Means Clusters"}.Plot(X, km.Labels()))
	right := must(Clusters{Title: "GMM Predicted Clusters"}.Plot(X, m.Predict(X)))
	checkGolden(t, "panels", &Panels{Figures: []Figure{left, right}})
}

// TestGoldenGuideMatched is the comprehensive guide's 1×2 figure as the
// lesson draws it: the true blobs beside the GMM's clusters, coloured to
// match the truth (MatchTo), with the guide's five thin rings per component
// (√2·linspace(0.5, 2, 5) standard deviations, no fill) under the points,
// both panels equal-aspect and only as wide as the data need.
func TestGoldenGuideMatched(t *testing.T) {
	X, m := blobs(), guideModel()
	_, y, err := datagen.MakeBlobs(datagen.Blobs{NSamples: 1500, ClusterStd: []float64{1.0, 2.5, 0.5}, RandomState: 170})
	if err != nil {
		t.Fatal(err)
	}
	truth := must(Clusters{Title: "True Clusters"}.Plot(X, y))
	e := NewEllipses(m)
	e.Scales, e.FillAlpha, e.LineStyle.Width = nil, 0, 0.8
	for _, s := range datagen.Linspace(0.5, 2, 5) {
		e.Scales = append(e.Scales, math.Sqrt2*s)
	}
	pred := must(Clusters{Title: "GMM Predicted Clusters", MatchTo: y, Ellipses: e}.Plot(X, m.Predict(X)))
	checkGolden(t, "guide_matched", &Panels{Figures: []Figure{EqualAspect(truth), EqualAspect(pred)}})
}

// TestGoldenMarksLegend: test points as crosses coloured by class; their
// legend entry is a grey cross, since it stands for every class.
func TestGoldenMarksLegend(t *testing.T) {
	X, m := blobs(), guideModel()
	labels := m.Predict(X)
	p := must(Clusters{Title: "Marks coloured by label", Radius: 1.5}.Plot(X, labels))
	test := must(NewMarks(X.Slice(0, 60, 0, 2), labels[:60]))
	p.Add(test)
	p.Legend.Add("test", test)
	checkGolden(t, "marks_legend", EqualAspect(p))
}
