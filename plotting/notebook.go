package plotting

import (
	"encoding/gob"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// The notebook display: what GoNB's gonbui package does for Show and
// ProgressBar (display a PNG or HTML, update a transient block, wait until
// the kernel has everything), spoken directly in GoNB's wire protocol: gob
// messages over the two named pipes GoNB gives every cell program. gonbui
// itself links a UUID library, klog, net and database/sql into every
// program that displays anything; without them a plotting cell links about
// 35 fewer packages, which is a tenth of its wait in the notebook.

// inNotebook reports whether GoNB runs this program (gonbui.IsNotebook).
var inNotebook = os.Getenv(protocol.GONB_PIPE_ENV) != ""

var display struct {
	sync.Mutex
	opened bool
	err    error
	enc    *gob.Encoder
	nextID int
	acks   map[int]chan struct{}
}

// openDisplay opens the pipes to GoNB once; d is locked.
func openDisplay() error {
	d := &display
	if d.opened {
		return d.err
	}
	d.opened = true
	w, err := os.OpenFile(os.Getenv(protocol.GONB_PIPE_ENV), os.O_WRONLY, 0)
	if err != nil {
		d.err = err
		return err
	}
	d.enc = gob.NewEncoder(w)
	r, err := os.OpenFile(os.Getenv(protocol.GONB_PIPE_BACK_ENV), os.O_RDONLY, 0)
	if err != nil {
		d.err = err
		return err
	}
	d.acks = map[int]chan struct{}{}
	go readAcks(gob.NewDecoder(r))
	return nil
}

// readAcks reads GoNB's answers to syncDisplay until the pipe closes.
func readAcks(dec *gob.Decoder) {
	for {
		var v protocol.CommValue
		if err := dec.Decode(&v); err != nil {
			if !errors.Is(err, io.EOF) {
				display.Lock()
				display.err = err
				for id, ch := range display.acks {
					close(ch)
					delete(display.acks, id)
				}
				display.Unlock()
			}
			return
		}
		id, ok := v.Value.(int)
		if v.Address != protocol.GonbuiSyncAckAddress || !ok {
			continue
		}
		display.Lock()
		if ch := display.acks[id]; ch != nil {
			close(ch)
			delete(display.acks, id)
		}
		display.Unlock()
	}
}

// send writes one message to GoNB; outside a notebook it does nothing.
func send(data *protocol.DisplayData) {
	if !inNotebook {
		return
	}
	display.Lock()
	defer display.Unlock()
	if openDisplay() != nil {
		return
	}
	if err := display.enc.Encode(data); err != nil {
		display.err = err
	}
}

// displayPNG shows a PNG image (gonbui.DisplayPNG).
func displayPNG(png []byte) {
	send(&protocol.DisplayData{Data: map[protocol.MIMEType]any{protocol.MIMEImagePNG: png}})
}

// displayHTML shows HTML (gonbui.DisplayHTML).
func displayHTML(html string) {
	send(&protocol.DisplayData{Data: map[protocol.MIMEType]any{protocol.MIMETextHTML: html}})
}

// updateHTML creates, then replaces, the transient block id
// (gonbui.UpdateHTML).
func updateHTML(id, html string) {
	send(&protocol.DisplayData{Data: map[protocol.MIMEType]any{protocol.MIMETextHTML: html}, DisplayID: id})
}

// uniqueID returns an identifier for a transient block.
func uniqueID() string { return strconv.FormatUint(rand.Uint64(), 36) }

// syncDisplay returns once GoNB has received everything displayed so far
// (gonbui.Sync): a program that ends right after displaying would otherwise
// lose its last figure.
func syncDisplay() {
	if !inNotebook {
		return
	}
	display.Lock()
	if openDisplay() != nil {
		display.Unlock()
		return
	}
	id := display.nextID
	display.nextID++
	ack := make(chan struct{})
	display.acks[id] = ack
	err := display.enc.Encode(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMECommValue: protocol.CommValue{Address: protocol.GonbuiSyncAddress, Value: id},
	}})
	if err != nil {
		display.err = err
		delete(display.acks, id)
		display.Unlock()
		return
	}
	display.Unlock()
	<-ack
}
