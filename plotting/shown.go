package plotting

import (
	"sync"

	"gonum.org/v1/plot"
)

// ShownFigure describes a figure that Show displayed: the plots it holds, in
// the order they are laid out. Exercise checks (package check) read it to
// tell whether a learner's code showed the figure an exercise asks for.
type ShownFigure struct {
	Plots []ShownPlot `json:"plots"`
}

// ShownPlot describes one plot of a shown figure: its texts and the
// plotting plotters drawn on it.
type ShownPlot struct {
	Title  string `json:"title"`
	XLabel string `json:"xlabel"`
	YLabel string `json:"ylabel"`
	// Ellipses holds, for each Ellipses drawn on the plot, its number of
	// components.
	Ellipses []int `json:"ellipses,omitempty"`
	// Marks is the number of Marks plotters drawn on the plot.
	Marks int `json:"marks,omitempty"`
}

// shown is what Show has displayed in this program, and drawn what the
// plotters noted while the current figures were rendered.
var shown struct {
	sync.Mutex
	figures []ShownFigure
	drawn   map[*plot.Plot]*ShownPlot
}

// Shown returns a description of every figure Show has displayed so far in
// this program, oldest first. In a GoNB notebook every cell is a new
// program, so it lists the figures of the current cell.
func Shown() []ShownFigure {
	shown.Lock()
	defer shown.Unlock()
	return append([]ShownFigure(nil), shown.figures...)
}

// noteDrawn lets a plotter record itself on the plot it is drawn on, if that
// plot is being rendered by Show.
func noteDrawn(plt *plot.Plot, note func(*ShownPlot)) {
	shown.Lock()
	defer shown.Unlock()
	if p := shown.drawn[plt]; p != nil {
		note(p)
	}
}

// recordShown renders fig with render while noting its plotters, and
// appends the figure's description to Shown if render succeeds.
func recordShown(fig Figure, render func() error) error {
	plots := plotsOf(fig, nil)
	shown.Lock()
	if shown.drawn == nil {
		shown.drawn = make(map[*plot.Plot]*ShownPlot)
	}
	descs := make([]ShownPlot, len(plots))
	for i, p := range plots {
		descs[i] = ShownPlot{Title: p.Title.Text, XLabel: p.X.Label.Text, YLabel: p.Y.Label.Text}
		shown.drawn[p] = &descs[i]
	}
	shown.Unlock()

	err := render()

	shown.Lock()
	defer shown.Unlock()
	for _, p := range plots {
		delete(shown.drawn, p)
	}
	if err == nil {
		shown.figures = append(shown.figures, ShownFigure{Plots: descs})
	}
	return err
}

// plotsOf appends the plots that fig draws, in layout order.
func plotsOf(fig Figure, plots []*plot.Plot) []*plot.Plot {
	switch f := fig.(type) {
	case *plot.Plot:
		plots = append(plots, f)
	case equalAspect:
		plots = append(plots, f.p)
	case *WithColorBar:
		plots = append(plots, f.Plot)
	case *Panels:
		for _, sub := range f.Figures {
			if sub != nil {
				plots = plotsOf(sub, plots)
			}
		}
	}
	return plots
}
