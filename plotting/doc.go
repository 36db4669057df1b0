// Package plotting draws the lab's figures with gonum/plot and shows them
// inline in a GoNB notebook: the data coloured by cluster, each component's
// covariance ellipses, the density as contours, BIC and AIC against the
// number of components, the uncertainty of soft assignments and samples
// drawn from a mixture. It is the only gmmlab package that knows about the
// notebook (GoNB's display protocol); gmmlab and datagen never import it.
//
// Each figure is one call on a small configuration struct whose zero value
// gives the tutorials' titles and labels, and returns an ordinary
// *plot.Plot (or a *WithColorBar holding one) to which more plotters can be
// added. Show displays one figure, or several side by side:
//
//	gm := gmmlab.GaussianMixture{NComponents: 3, RandomState: 170}
//	m, _ := gm.Fit(X)
//	truth, _ := plotting.Clusters{Title: "True Clusters"}.Plot(X, y)
//	pred, _ := plotting.Clusters{
//		Title:    "GMM Predicted Clusters",
//		MatchTo:  y,                        // the truth's colours
//		Ellipses: plotting.NewEllipses(m),  // 1, 2 and 3 σ, under the points
//	}.Plot(X, m.Predict(X))
//	plotting.Show(plotting.EqualAspect(truth), plotting.EqualAspect(pred)) // 1×2 subplots
//
// # Figures
//
//   - Clusters: a scatter of two features coloured by label with matplotlib's
//     viridis colours (Colors, Viridis), with a legend; optionally a model's
//     ellipses under the points, and colours matched to true labels
//     (MatchTo) so that a clustering keeps the truth's colours.
//   - Ellipses (NewEllipses): a plot.Plotter of each component's covariance
//     ellipses at chosen scales, for all four covariance types; for more than
//     two features, the two chosen features' marginal. Opacity fills them by
//     weight (relative to the largest, or the weight itself, so that a
//     Bayesian mixture's switched-off components vanish) or uniformly;
//     Components draws chosen ones only.
//   - WeightBars: a mixture's weights as labelled bars, as scikit-learn's
//     plot_concentration_prior draws a Bayesian mixture's weights_.
//   - Density: the negative log-likelihood over a grid as contours, and a heat
//     map if asked, with a colour bar, as scikit-learn's plot_gmm_pdf.
//     DensityGrid is the plotter.GridXYZ underneath.
//   - Criteria: BIC and AIC against the number of components from a
//     gmmlab.Selection, minimum ringed; SelectionBars: scikit-learn's
//     plot_gmm_selection grouped bars.
//   - Uncertainty: points shaded by 1 − max responsibility.
//   - Samples: Mixture.Sample draws over the data.
//   - Panels (Grid, or Show with several figures) lays figures out in one
//     image; EqualAspect keeps a plot's units equal on both axes, so that
//     ellipses keep their shape.
//
// The model figures (Ellipses, Density, Uncertainty, Samples, WeightBars)
// take a Mixture, the interface any fitted mixture satisfies:
// *gmmlab.Mixture, *gmmlab.BayesianMixture, or another estimator's fitted
// model with the same methods. Palette cycles colours given as "#rrggbb",
// as scikit-learn's examples cycle theirs.
//
// # Display
//
// In a notebook, Show renders PNG at 6×4.5 inches and 100 dpi (5.5 inches
// per panel in a row), shows it inline and waits, as gonbui.Sync does, until
// the kernel has it, so a cell's last figure is never lost. Outside a notebook the same call writes a PNG file
// and prints its path; Save writes a file you name. Display changes size,
// resolution, format and directory. ProgressBar is a callback for
// gmmlab.ModelSelection that draws an in-place progress bar in a notebook.
//
// # Errors and panics
//
// As in gmmlab, a figure returns an error when the data decide (NaN or Inf,
// no rows, labels not matching rows), with a message starting "plotting: ",
// and panics when the caller could have known (a feature index out of range,
// X with a different number of features than the model, a nil model).
//
// # Tests
//
// Every figure kind has a golden image in testdata/*_golden.png, compared
// with a small per-pixel tolerance; go test -regen rewrites them. Look at a
// regenerated golden before committing it.
package plotting
