package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// request and response are the messages of cmd/go/internal/cacheprog.
type request struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

type response struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

const (
	touchInterval = time.Hour      // as the go command's mtimeInterval
	trimInterval  = 24 * time.Hour // as its trimInterval
	trimAge       = 5 * 24 * time.Hour
)

// layer is one cache directory.
type layer struct{ dir string }

func (l layer) actionPath(id []byte) string {
	h := hex.EncodeToString(id)
	return filepath.Join(l.dir, "a", h[:2], h)
}

func (l layer) outputPath(id []byte) string {
	h := hex.EncodeToString(id)
	return filepath.Join(l.dir, "o", h[:2], h)
}

// entry is what an action file records.
type entry struct {
	output []byte
	size   int64
	time   time.Time
	path   string // the action file
}

// get returns the entry for action id, or ok == false when this layer has
// none (or an incomplete one).
func (l layer) get(id []byte) (e entry, ok bool) {
	e.path = l.actionPath(id)
	b, err := os.ReadFile(e.path)
	if err != nil {
		return e, false
	}
	f := strings.Fields(string(b))
	if len(f) != 3 {
		return e, false
	}
	out, err1 := hex.DecodeString(f[0])
	size, err2 := strconv.ParseInt(f[1], 10, 64)
	nano, err3 := strconv.ParseInt(f[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || len(out) == 0 {
		return e, false
	}
	if fi, err := os.Stat(l.outputPath(out)); err != nil || fi.Size() != size {
		return e, false
	}
	e.output, e.size, e.time = out, size, time.Unix(0, nano)
	return e, true
}

// put stores body as output out of action id and returns the output's path.
func (l layer) put(id, out []byte, body []byte) (string, error) {
	if len(id) == 0 || len(out) == 0 {
		return "", errors.New("gocache: put without an action or output ID")
	}
	op := l.outputPath(out)
	if fi, err := os.Stat(op); err != nil || fi.Size() != int64(len(body)) {
		if err := writeFileAtomic(op, body); err != nil {
			return "", err
		}
	}
	line := fmt.Sprintf("%x %d %d\n", out, len(body), time.Now().UnixNano())
	if err := writeFileAtomic(l.actionPath(id), []byte(line)); err != nil {
		return "", err
	}
	return op, nil
}

// writeFileAtomic writes data to a temporary file beside name and renames it.
func writeFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// cache is the own layer and the shared ones.
type cache struct {
	own    layer
	shared []layer
}

func (c *cache) get(id []byte) response {
	if e, ok := c.own.get(id); ok {
		if now := time.Now(); now.Sub(fileTime(e.path)) >= touchInterval {
			os.Chtimes(e.path, now, now)
			os.Chtimes(c.own.outputPath(e.output), now, now)
		}
		return hit(e, c.own.outputPath(e.output))
	}
	for _, l := range c.shared {
		if e, ok := l.get(id); ok {
			return hit(e, l.outputPath(e.output))
		}
	}
	return response{Miss: true}
}

func hit(e entry, path string) response {
	t := e.time
	return response{OutputID: e.output, Size: e.size, Time: &t, DiskPath: path}
}

func fileTime(name string) time.Time {
	fi, err := os.Stat(name)
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}

// trim removes the own layer's entries unused for trimAge, at most once per
// trimInterval (recorded in the file trim.txt).
func (c *cache) trim(now time.Time) {
	mark := filepath.Join(c.own.dir, "trim.txt")
	if d := now.Sub(fileTime(mark)); d < trimInterval && d > -touchInterval {
		return
	}
	cutoff := now.Add(-trimAge - touchInterval)
	for _, sub := range []string{"a", "o"} {
		filepath.WalkDir(filepath.Join(c.own.dir, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if fi, err := d.Info(); err == nil && fi.ModTime().Before(cutoff) {
				os.Remove(p)
			}
			return nil
		})
	}
	writeFileAtomic(mark, []byte(strconv.FormatInt(now.Unix(), 10)+"\n"))
}

// serve answers the go command's requests from r on w until "close" or the
// end of r.
func (c *cache) serve(r io.Reader, w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	var mu sync.Mutex // guards enc and bw
	send := func(res response) error {
		mu.Lock()
		defer mu.Unlock()
		if err := enc.Encode(res); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := send(response{KnownCommands: []string{"get", "put", "close"}}); err != nil {
		return err
	}
	dec := json.NewDecoder(bufio.NewReader(r))
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("gocache: reading a request: %v", err)
		}
		var body []byte
		if req.Command == "put" && req.BodySize > 0 {
			// The body follows as a JSON string holding its base64 encoding,
			// which encoding/json decodes into a []byte.
			if err := dec.Decode(&body); err != nil {
				return fmt.Errorf("gocache: reading the body of request %d: %v", req.ID, err)
			}
			if int64(len(body)) != req.BodySize {
				return fmt.Errorf("gocache: request %d: body of %d bytes, want %d", req.ID, len(body), req.BodySize)
			}
		}
		switch req.Command {
		case "close":
			wg.Wait()
			c.trim(time.Now())
			return send(response{ID: req.ID})
		case "get", "put":
			wg.Add(1)
			go func() {
				defer wg.Done()
				var res response
				if req.Command == "get" {
					res = c.get(req.ActionID)
				} else if p, err := c.own.put(req.ActionID, req.OutputID, body); err != nil {
					res.Err = err.Error()
				} else {
					res.DiskPath = p
				}
				res.ID = req.ID
				if err := send(res); err != nil {
					log.Print(err)
				}
			}()
		default:
			if err := send(response{ID: req.ID, Err: "gocache: unknown command " + strconv.Quote(req.Command)}); err != nil {
				return err
			}
		}
	}
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	log.SetFlags(0)
	log.SetPrefix("gocache: ")
	var shared listFlag
	dir := flag.String("dir", "", "the cache directory this go command writes (required)")
	flag.Var(&shared, "shared", "a precompiled cache directory that is only read (repeatable, searched in order)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: GOCACHEPROG=\"gocache -dir DIR [-shared DIR]...\" go build ...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	c := &cache{own: layer{mustAbs(*dir)}}
	for _, s := range shared {
		c.shared = append(c.shared, layer{mustAbs(s)})
	}
	if err := os.MkdirAll(c.own.dir, 0o755); err != nil {
		log.Fatal(err)
	}
	if err := c.serve(os.Stdin, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		log.Fatal(err)
	}
	return a
}
