//go:build !windows

package plotting

import (
	"bytes"
	"encoding/gob"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gonum.org/v1/plot"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/gmmlab/gmmlab/gmmlab"
)

// fakeKernel plays GoNB's side of the two named pipes, as its jpyexec
// package does: it decodes protocol.DisplayData from the program and answers
// each sync request with an acknowledgement.
func fakeKernel(t *testing.T) <-chan *protocol.DisplayData {
	t.Helper()
	dir := t.TempDir()
	toKernel, fromKernel := filepath.Join(dir, "pipe"), filepath.Join(dir, "pipe_back")
	for _, p := range []string{toKernel, fromKernel} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("no named pipes: %v", err)
		}
	}
	t.Setenv(protocol.GONB_PIPE_ENV, toKernel)
	t.Setenv(protocol.GONB_PIPE_BACK_ENV, fromKernel)
	old := inNotebook
	inNotebook = true
	t.Cleanup(func() {
		inNotebook = old
		display.Lock()
		display.opened, display.err, display.enc, display.acks = false, nil, nil, nil
		display.Unlock()
	})
	got := make(chan *protocol.DisplayData, 16)
	go func() {
		r, err := os.Open(toKernel)
		if err != nil {
			return
		}
		defer r.Close()
		w, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		dec, enc := gob.NewDecoder(r), gob.NewEncoder(w)
		for {
			data := &protocol.DisplayData{}
			if err := dec.Decode(data); err != nil {
				close(got)
				return
			}
			if v, ok := data.Data[protocol.MIMECommValue].(protocol.CommValue); ok && v.Address == protocol.GonbuiSyncAddress {
				enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: v.Value})
				continue
			}
			got <- data
		}
	}()
	return got
}

func receive(t *testing.T, got <-chan *protocol.DisplayData) *protocol.DisplayData {
	t.Helper()
	select {
	case d := <-got:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("the kernel received nothing")
		return nil
	}
}

// Show sends the figure as PNG in GoNB's format and returns only once the
// kernel has acknowledged it.
func TestShowInNotebook(t *testing.T) {
	got := fakeKernel(t)
	p := plot.New()
	p.Title.Text = "notebook"
	done := make(chan error)
	go func() { done <- Show(p) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Show did not return: the sync was not acknowledged")
	}
	d := receive(t, got)
	shown, ok := d.Data[protocol.MIMEImagePNG].([]byte)
	if !ok || !bytes.HasPrefix(shown, []byte("\x89PNG")) {
		t.Fatalf("display data %v is not a PNG", d.Data)
	}
	// Compressed for speed, the figure has the very pixels Display.PNG
	// (the default compression) gives.
	saved, err := Display{}.PNG(p)
	if err != nil {
		t.Fatal(err)
	}
	a, err := png.Decode(bytes.NewReader(shown))
	if err != nil {
		t.Fatal(err)
	}
	b, err := png.Decode(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	if a.Bounds() != b.Bounds() {
		t.Fatalf("shown %v, saved %v", a.Bounds(), b.Bounds())
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				t.Fatalf("pixel (%d, %d): shown %v, saved %v", x, y, a.At(x, y), b.At(x, y))
			}
		}
	}
	if bytes.Equal(shown, saved) {
		t.Errorf("the notebook's PNG is compressed as Display.PNG's (%d bytes)", len(saved))
	}
}

// The progress bar updates one transient block, then removes it and shows
// the final line.
func TestProgressBarInNotebook(t *testing.T) {
	got := fakeKernel(t)
	progressBar(true, nil)(1, 1, gmmlab.Candidate{NComponents: 1})
	clear := receive(t, got)
	final := receive(t, got)
	if clear.DisplayID == "" || clear.Data[protocol.MIMETextHTML] != "" {
		t.Errorf("first message %+v, want the transient block emptied", clear)
	}
	if html, _ := final.Data[protocol.MIMETextHTML].(string); final.DisplayID != "" || !strings.Contains(html, "1/1 fits done") {
		t.Errorf("final message %+v", final)
	}
}
