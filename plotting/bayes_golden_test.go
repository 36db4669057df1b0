package plotting

import (
	"math"
	"sync"
	"testing"

	"github.com/gmmlab/gmmlab/gmmlab"
)

// Every figure takes a fitted Bayesian mixture as it takes a Mixture.
var _ Mixture = (*gmmlab.BayesianMixture)(nil)

// guideBayes is a Dirichlet-process mixture of six components on the
// guide's data, BayesianGaussianMixture(n_components=6,
// random_state=170): it splits the wide blob in three and switches the
// sixth component off (weight 0.0007, no point).
var guideBayes = sync.OnceValue(func() *gmmlab.BayesianMixture {
	return must(gmmlab.BayesianGaussianMixture{NComponents: 6, RandomState: 170}.Fit(blobs()))
})

// usedComponents returns the components that predict at least one row.
func usedComponents(labels []int, k int) []int {
	seen := make([]bool, k)
	for _, l := range labels {
		seen[l] = true
	}
	var used []int
	for c, s := range seen {
		if s {
			used = append(used, c)
		}
	}
	return used
}

// TestGoldenBayesGallery is scikit-learn's plot_gmm panel: points coloured
// by the predicted component from a cycling palette, one ellipse at √2
// standard deviations (axes 2√2·√λ long) per component that predicts a
// point, filled at opacity 0.5, no outline; the unused components draw
// nothing.
func TestGoldenBayesGallery(t *testing.T) {
	X, m := blobs(), guideBayes()
	labels := m.Predict(X)
	used := usedComponents(labels, m.NComponents())
	if len(used) != 5 {
		t.Fatalf("the Dirichlet process kept %d components, want 5", len(used))
	}
	colors := Palette(6, "#000080", "#00bfbf", "#6495ed", "#ffd700", "#ff8c00")
	p := must(Clusters{Title: "Bayesian Gaussian mixture, Dirichlet process", Colors: colors, NoLegend: true, Radius: 1.2}.Plot(X, labels))
	e := NewEllipses(m)
	e.Colors, e.Scales, e.FillAlpha, e.Opacity, e.LineStyle.Width = colors, []float64{math.Sqrt2}, 0.5, Uniform, 0
	e.Components = used
	p.Add(e)
	checkGolden(t, "bayes_gallery", p)
}

// TestGoldenWeightBars is plot_concentration_prior's column: the
// ellipses of every component filled and outlined at opacity = weight (the
// switched-off ones vanish) over points coloured by their true blob, and
// the weights as labelled bars below.
func TestGoldenWeightBars(t *testing.T) {
	X, m := blobs(), guideBayes()
	truth := must(gmmlab.KMeans{NClusters: 3, RandomState: 170}.Fit(X)).Labels()
	top := must(Clusters{Title: "Estimated mixture", Colors: Palette(3, "#0072B2", "#F0E442", "#D55E00"), NoLegend: true,
		Radius: 1.2}.Plot(X, truth))
	e := NewEllipses(m)
	e.Colors = Palette(6, "#56B4E9")
	e.Scales, e.FillAlpha, e.Opacity = []float64{math.Sqrt2}, 1, ByWeight
	e.LineStyle.Color = colorBlack
	top.Add(e)
	bars := must(WeightBars{}.Plot(m))
	checkGoldenAt(t, "weight_bars", Grid(1, top, bars), Display{DPI: 65})
}

func TestWeightBarsErrors(t *testing.T) {
	if _, err := (WeightBars{}).Plot(nil); err == nil {
		t.Error("WeightBars of a nil mixture: no error")
	}
	if _, err := (WeightBars{}).Plot(nanWeights{guideModel()}); err == nil {
		t.Error("a NaN weight: no error")
	}
	defer func() {
		if recover() == nil {
			t.Error("Palette of a bad colour did not panic")
		}
	}()
	Palette(2, "navy")
}

// nanWeights is a mixture whose weights hold NaN.
type nanWeights struct{ *gmmlab.Mixture }

func (nanWeights) Weights() []float64 { return []float64{0.5, math.NaN(), 0.5} }
