package plotting

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

var (
	colorWhite = color.White
	colorBlack = color.Black
)

// Display says how Show and Save render figures. Its zero value gives the
// defaults below, which read like matplotlib's figures in a notebook.
type Display struct {
	// Width and Height are the size of one plot. If 0, 6×4.5 inches is
	// used; a row of several panels gets 5.5×4.5 inches per panel.
	Width, Height vg.Length
	// DPI is the resolution of PNG output. If 0, 100 is used.
	DPI int
	// Format is "png" or "svg" for files written outside a notebook. If "",
	// "png" is used. In a notebook figures are always shown as PNG.
	Format string
	// Dir is where Show writes files outside a notebook. If "", the
	// directory gmmlab-figures under os.TempDir() is used.
	Dir string
	// Log receives the "plotting: wrote ..." lines outside a notebook. If
	// nil, os.Stdout is used.
	Log io.Writer
}

// Show displays the figures in one image: one figure alone, several side by
// side in one row (Show(a, b) is matplotlib's 1×2 subplots; use Grid for
// more rows). In a GoNB notebook the image appears inline as PNG and Show
// waits until the notebook has it (gonbui.Sync), so the last figure of a cell
// is never lost. Outside a notebook it writes a PNG file under
// os.TempDir()/gmmlab-figures and prints its path. Show uses Display's
// defaults; set a Display's fields to change the size or the format.
func Show(figs ...Figure) error { return Display{}.Show(figs...) }

// Save writes fig to path as PNG or SVG according to the extension (.png,
// .svg), at Display's default size.
func Save(fig Figure, path string) error { return Display{}.Save(fig, path) }

// counter numbers the files Show writes outside a notebook.
var counter struct {
	sync.Mutex
	n int
}

// Show is the package-level Show with d's settings.
func (d Display) Show(figs ...Figure) error {
	if len(figs) == 0 {
		return fmt.Errorf("plotting: Show needs at least one figure")
	}
	var fig Figure = figs[0]
	if len(figs) > 1 {
		fig = &Panels{Figures: figs}
	}
	if inNotebook {
		var buf bytes.Buffer
		if err := recordShown(fig, func() error { return d.write(&buf, fig, notebookPNG) }); err != nil {
			return err
		}
		displayPNG(buf.Bytes())
		syncDisplay()
		return nil
	}
	format := strings.ToLower(d.Format)
	if format == "" {
		format = "png"
	}
	dir := d.Dir
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "gmmlab-figures")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("plotting: %v", err)
	}
	counter.Lock()
	counter.n++
	name := fmt.Sprintf("figure-%d-%03d.%s", os.Getpid(), counter.n, format)
	counter.Unlock()
	path := filepath.Join(dir, name)
	if err := recordShown(fig, func() error { return d.Save(fig, path) }); err != nil {
		return err
	}
	log := d.Log
	if log == nil {
		log = os.Stdout
	}
	fmt.Fprintf(log, "plotting: wrote %s\n", path)
	return nil
}

// Save writes fig to path in the format its extension names: .png or .svg
// (any other is an error).
func (d Display) Save(fig Figure, path string) error {
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	var buf bytes.Buffer
	if err := d.write(&buf, fig, format); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("plotting: %v", err)
	}
	return nil
}

// PNG returns fig rendered as PNG bytes at d's size, for callers that
// display or embed images themselves.
func (d Display) PNG(fig Figure) ([]byte, error) {
	var buf bytes.Buffer
	err := d.write(&buf, fig, "png")
	return buf.Bytes(), err
}

// Margins of the image around the figure, as write crops them: matplotlib
// leaves a little room so that titles and tick labels do not touch the edges.
const (
	marginLeft, marginRight = 4, 10 // points
	marginBottom, marginTop = 4, 8
)

// Bounds of the width of one equal-aspect panel at the default size.
const minFitWidth, maxFitWidth = 3.5 * vg.Inch, 9 * vg.Inch

// size returns the image size for fig. At the default width, equal-aspect
// plots (alone or all the panels of a grid) get the width their data need
// at the panel height.
func (d Display) size(fig Figure) (w, h vg.Length) {
	rows, cols := 1, 1
	if p, ok := fig.(*Panels); ok {
		rows, cols = p.dims()
	}
	w, h = d.Width, d.Height
	if h == 0 {
		h = 4.5 * vg.Inch
	}
	if w == 0 {
		if fw := fitWidth(fig, h, rows, cols); fw > 0 {
			return fw, h * vg.Length(rows)
		}
		w = 6 * vg.Inch
		if cols > 1 {
			w = 5.5 * vg.Inch
		}
	}
	if _, ok := fig.(*WithColorBar); ok && d.Width == 0 {
		w += 1.2 * vg.Inch
	}
	return w * vg.Length(cols), h * vg.Length(rows)
}

// fitWidth returns the width of the image in which every equal-aspect
// panel, h tall, has the width its data need (the widest panel's, within
// minFitWidth..maxFitWidth), or 0 unless fig is an equal-aspect plot or a
// grid of them only.
func fitWidth(fig Figure, h vg.Length, rows, cols int) vg.Length {
	figs := []Figure{fig}
	pad := vg.Length(0)
	if p, ok := fig.(*Panels); ok {
		figs, pad = p.Figures, p.pad()
	}
	// The height of one panel once the margins and the pads are taken.
	cell := (h*vg.Length(rows) - marginBottom - marginTop - pad*vg.Length(rows-1)) / vg.Length(rows)
	widest := vg.Length(0)
	for _, f := range figs {
		wf, ok := f.(widthFitter)
		if !ok {
			return 0
		}
		widest = max(widest, wf.widthFor(cell))
	}
	if widest == 0 {
		return 0
	}
	widest = min(max(widest, minFitWidth), maxFitWidth)
	return widest*vg.Length(cols) + pad*vg.Length(cols-1) + marginLeft + marginRight
}

// notebookPNG is the format of figures Show sends to the notebook: PNG
// compressed for speed, as a learner waits for it (see fastPNG).
const notebookPNG = "png for the notebook"

// fastPNG is a PNG canvas whose WriteTo compresses with png.BestSpeed: a
// third less time than the default level for a figure about 3% larger
// (the same pixels).
type fastPNG struct{ *vgimg.Canvas }

// WriteTo writes the canvas's image to w as PNG.
func (c fastPNG) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(cw, c.Image())
	return cw.n, err
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (cw *countingWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	return n, err
}

// write renders fig in the given format to w.
func (d Display) write(w io.Writer, fig Figure, format string) error {
	if fig == nil {
		return fmt.Errorf("plotting: nil figure")
	}
	width, height := d.size(fig)
	dpi := d.DPI
	if dpi == 0 {
		dpi = 100
	}
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	switch format {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))}
	case notebookPNG:
		c = fastPNG{vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))}
	case "svg":
		c = vgsvg.New(width, height)
	default:
		return fmt.Errorf("plotting: unknown image format %q; use png or svg", format)
	}
	dc := draw.New(c)
	dc.SetColor(colorWhite)
	dc.Fill(dc.Rectangle.Path())
	// A margin around the whole image, as matplotlib leaves, so that titles
	// and tick labels do not touch the edges.
	fig.Draw(draw.Crop(dc, marginLeft, -marginRight, marginBottom, -marginTop))
	if _, err := c.WriteTo(w); err != nil {
		return fmt.Errorf("plotting: %v", err)
	}
	return nil
}
