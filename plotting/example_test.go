package plotting_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/gmmlab"
	"github.com/gmmlab/gmmlab/nprand"
	"github.com/gmmlab/gmmlab/plotting"
)

// twoGroups is the quick-start's data: np.random.seed(0);
// normal(0, 1, (100, 2)) stacked on normal(5, 1, (100, 2)).
func twoGroups() *mat.Dense {
	r := nprand.New(0)
	a := r.NormalN(0, 1, 200)
	b := r.NormalN(5, 1, 200)
	return mat.NewDense(200, 2, append(a, b...))
}

// save writes fig under a temporary directory and says what it wrote.
func save(fig plotting.Figure, name string) {
	dir, err := os.MkdirTemp("", "plotting-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := plotting.Save(fig, filepath.Join(dir, name)); err != nil {
		log.Fatal(err)
	}
	fmt.Println("saved", name)
}

func fit(X mat.Matrix, k int) *gmmlab.Mixture {
	m, err := gmmlab.GaussianMixture{NComponents: k, RandomState: 0}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	return m
}

// The guide's figure: the GMM's clusters with each component's covariance
// ellipses, drawn with equal axes so the ellipses keep their shape.
func Example() {
	X := twoGroups()
	m := fit(X, 2)
	p, err := plotting.Clusters{Title: "GMM Predicted Clusters"}.Plot(X, m.Predict(X))
	if err != nil {
		log.Fatal(err)
	}
	p.Add(plotting.NewEllipses(m))
	save(plotting.EqualAspect(p), "clusters.png")
	// In a notebook: plotting.Show(plotting.EqualAspect(p))
	// Output: saved clusters.png
}

func ExampleClusters() {
	X := twoGroups()
	p, err := plotting.Clusters{Title: "GMM Predicted Clusters", Names: []string{"first", "second"}}.Plot(X, fit(X, 2).Predict(X))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Title.Text, "/", p.X.Label.Text, "/", p.Y.Label.Text)
	// Output: GMM Predicted Clusters / Feature 1 / Feature 2
}

// The tutorial's nested ellipses at 0.5, 1, 1.5 and 2 standard deviations,
// outlines only.
func ExampleNewEllipses() {
	X := twoGroups()
	m := fit(X, 2)
	p, _ := plotting.Clusters{Title: "Covariance ellipses"}.Plot(X, m.Predict(X))
	e := plotting.NewEllipses(m)
	e.Scales = []float64{0.5, 1, 1.5, 2}
	e.FillAlpha = 0
	p.Add(e)
	p.Legend.Add("0.5 to 2 σ", e)
	xmin, xmax, _, _ := e.DataRange()
	fmt.Printf("ellipses span x from %.1f to %.1f\n", xmin, xmax)
	// Output: ellipses span x from -2.0 to 6.8
}

func ExampleDensity() {
	X := twoGroups()
	f, err := plotting.Density{HeatMap: true}.Plot(fit(X, 2), X)
	if err != nil {
		log.Fatal(err)
	}
	save(f, "density.png")
	// Output: saved density.png
}

// BIC and AIC for 1..6 components, then scikit-learn's grouped bars over all
// four covariance types. ProgressBar shows the sweep in a notebook.
func ExampleCriteria() {
	X := twoGroups()
	sel, err := gmmlab.ModelSelection{
		NComponents:     []int{1, 2, 3, 4, 5, 6},
		CovarianceTypes: []gmmlab.CovarianceType{gmmlab.Full},
		Progress:        plotting.ProgressBar(),
	}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	p, err := plotting.Criteria{}.Plot(sel)
	if err != nil {
		log.Fatal(err)
	}
	save(p, "criteria.png")
	fmt.Println("best by BIC:", sel.Best(gmmlab.BIC).NComponents, "components")
	// Output:
	// saved criteria.png
	// best by BIC: 2 components
}

func ExampleSelectionBars() {
	sel, err := gmmlab.ModelSelection{NComponents: []int{1, 2, 3}}.Fit(twoGroups())
	if err != nil {
		log.Fatal(err)
	}
	p, err := plotting.SelectionBars{}.Plot(sel)
	if err != nil {
		log.Fatal(err)
	}
	save(p, "bic.svg")
	// Output: saved bic.svg
}

func ExampleUncertainty() {
	X := twoGroups()
	f, err := plotting.Uncertainty{}.Plot(fit(X, 2), X)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Label)
	// Output: 1 − max responsibility
}

func ExampleSamples() {
	X := twoGroups()
	p, err := plotting.Samples{N: 50}.Plot(fit(X, 2), X)
	if err != nil {
		log.Fatal(err)
	}
	save(p, "samples.png")
	// Output: saved samples.png
}

// Two plots side by side, as plt.subplots(1, 2); Grid(2, a, b, c, d) makes
// 2×2. In a notebook plotting.Show(a, b) displays the same row inline.
func ExampleGrid() {
	X := twoGroups()
	m := fit(X, 2)
	a, _ := plotting.Clusters{Title: "Data"}.Plot(X, nil)
	b, _ := plotting.Clusters{Title: "GMM Predicted Clusters"}.Plot(X, m.Predict(X))
	save(plotting.Grid(2, a, b), "panels.png")
	// Output: saved panels.png
}

// Outside a notebook Show writes the image to a file and prints where;
// Display chooses the directory, format and size.
func ExampleDisplay_Show() {
	X := twoGroups()
	p, _ := plotting.Clusters{}.Plot(X, nil)
	dir, _ := os.MkdirTemp("", "plotting-example-")
	defer os.RemoveAll(dir)
	d := plotting.Display{Dir: dir, Format: "svg", Log: os.Stderr}
	if err := d.Show(p); err != nil {
		log.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	fmt.Println(len(files), "SVG file written")
	// Output: 1 SVG file written
}

func ExampleColors() {
	for _, c := range plotting.Colors(3) {
		r, g, b, _ := c.RGBA()
		fmt.Printf("#%02x%02x%02x\n", r>>8, g>>8, b>>8)
	}
	// Output:
	// #440154
	// #21918c
	// #fde725
}

// A Bayesian mixture's weights as scikit-learn's plot_concentration_prior
// draws them, under its ellipses filled by weight: of five components the
// Dirichlet process keeps two, and the three switched off vanish.
func ExampleWeightBars() {
	X := twoGroups()
	m, err := gmmlab.BayesianGaussianMixture{NComponents: 5, RandomState: 0}.Fit(X)
	if err != nil {
		log.Fatal(err)
	}
	top, err := plotting.Clusters{Title: "Estimated mixture", NoLegend: true}.Plot(X, m.Predict(X))
	if err != nil {
		log.Fatal(err)
	}
	e := plotting.NewEllipses(m)
	e.Colors = plotting.Palette(5, "#56B4E9")
	e.FillAlpha, e.Opacity = 1, plotting.ByWeight
	top.Add(e)
	bars, err := plotting.WeightBars{}.Plot(m)
	if err != nil {
		log.Fatal(err)
	}
	save(plotting.Grid(1, top, bars), "weights.png")
	// Output: saved weights.png
}
