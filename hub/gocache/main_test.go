package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// talk sends the requests (with a body after each put) and decodes every
// response the cache sends back, the capability message first.
func talk(t *testing.T, c *cache, reqs []request, bodies map[int64][]byte) []response {
	t.Helper()
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, r := range reqs {
		enc.Encode(r)
		if b, ok := bodies[r.ID]; ok {
			fmt.Fprintf(&in, "%q\n", base64.StdEncoding.EncodeToString(b))
		}
	}
	var out bytes.Buffer
	if err := c.serve(&in, &out); err != nil {
		t.Fatal(err)
	}
	var res []response
	dec := json.NewDecoder(&out)
	for dec.More() {
		var r response
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		res = append(res, r)
	}
	sort.Slice(res, func(i, j int) bool { return res[i].ID < res[j].ID })
	return res
}

func sum(b []byte) []byte { s := sha256.Sum256(b); return s[:] }

func TestProtocolLayers(t *testing.T) {
	shared, own := t.TempDir(), t.TempDir()
	a1, a2, a3 := sum([]byte("action 1")), sum([]byte("action 2")), sum([]byte("action 3"))
	body1, body2 := []byte("compiled package 1"), []byte("compiled package 2")

	// Fill the shared layer as the hub does, with the shared dir as -dir.
	res := talk(t, &cache{own: layer{shared}}, []request{
		{ID: 1, Command: "put", ActionID: a1, OutputID: sum(body1), BodySize: int64(len(body1))},
		{ID: 2, Command: "close"},
	}, map[int64][]byte{1: body1})
	if got := res[0].KnownCommands; strings.Join(got, ",") != "get,put,close" {
		t.Fatalf("capabilities %q", got)
	}
	if res[1].Err != "" || !strings.HasPrefix(res[1].DiskPath, shared) {
		t.Fatalf("put: %+v", res[1])
	}
	before := snapshot(t, shared)

	// A learner: a hit in the shared layer, a miss, a put into the own layer.
	c := &cache{own: layer{own}, shared: []layer{{shared}}}
	res = talk(t, c, []request{
		{ID: 1, Command: "get", ActionID: a1},
		{ID: 2, Command: "get", ActionID: a2},
		{ID: 3, Command: "put", ActionID: a2, OutputID: sum(body2), BodySize: int64(len(body2))},
		{ID: 4, Command: "put", ActionID: a3, OutputID: sum(nil)}, // an empty output has no body
		{ID: 5, Command: "frobnicate"},
		{ID: 6, Command: "close"},
	}, map[int64][]byte{3: body2})
	if r := res[1]; r.Miss || !bytes.Equal(r.OutputID, sum(body1)) || r.Size != int64(len(body1)) ||
		!strings.HasPrefix(r.DiskPath, shared) {
		t.Errorf("get a1: %+v", r)
	}
	if got, _ := os.ReadFile(res[1].DiskPath); !bytes.Equal(got, body1) {
		t.Errorf("a1's DiskPath holds %q", got)
	}
	if !res[2].Miss {
		t.Errorf("get a2 before its put: %+v", res[2])
	}
	if r := res[3]; r.Err != "" || !strings.HasPrefix(r.DiskPath, own) {
		t.Errorf("put a2: %+v", r)
	}
	if r := res[4]; r.Err != "" {
		t.Errorf("put a3: %+v", r)
	}
	if !strings.Contains(res[5].Err, "unknown command") {
		t.Errorf("unknown command answered %+v", res[5])
	}
	if after := snapshot(t, shared); after != before {
		t.Errorf("the learner's session changed the shared layer:\n%s\nthen\n%s", before, after)
	}

	// A second session finds its own put, and the empty output.
	res = talk(t, c, []request{{ID: 1, Command: "get", ActionID: a2}, {ID: 2, Command: "get", ActionID: a3},
		{ID: 3, Command: "close"}}, nil)
	if r := res[1]; r.Miss || !strings.HasPrefix(r.DiskPath, own) {
		t.Errorf("get a2 in a new session: %+v", r)
	}
	if r := res[2]; r.Miss || r.Size != 0 {
		t.Errorf("get a3 (empty): %+v", r)
	}
}

func TestPutRejectsWrongBodySize(t *testing.T) {
	c := &cache{own: layer{t.TempDir()}}
	var in bytes.Buffer
	json.NewEncoder(&in).Encode(request{ID: 1, Command: "put", ActionID: sum(nil), OutputID: sum(nil), BodySize: 5})
	fmt.Fprintf(&in, "%q\n", base64.StdEncoding.EncodeToString([]byte("abc")))
	if err := c.serve(&in, new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), "body of 3 bytes, want 5") {
		t.Fatalf("serve: %v", err)
	}
}

func TestTrimRemovesOldOwnEntries(t *testing.T) {
	own := t.TempDir()
	c := &cache{own: layer{own}}
	old, _ := c.own.put(sum([]byte("old")), sum([]byte("o")), []byte("o"))
	fresh, _ := c.own.put(sum([]byte("new")), sum([]byte("n")), []byte("n"))
	long := time.Now().Add(-7 * 24 * time.Hour)
	os.Chtimes(old, long, long)
	os.Chtimes(c.own.actionPath(sum([]byte("old"))), long, long)
	c.trim(time.Now())
	if _, err := os.Stat(old); err == nil {
		t.Error("an output unused for 7 days survived the trim")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh output was trimmed")
	}
	if _, ok := c.own.get(sum([]byte("old"))); ok {
		t.Error("the trimmed action still hits")
	}
}

// TestGoCommand builds a small package twice through the real go command:
// once filling a shared layer, once as a learner on top of it, and checks
// that the learner's build hits the shared layer and writes only its own.
func TestGoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	tmp := t.TempDir()
	prog := filepath.Join(tmp, "gocache")
	if out, err := exec.Command(goCmd, "build", "-o", prog, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	mod := filepath.Join(tmp, "mod")
	os.MkdirAll(filepath.Join(mod, "lib"), 0o755)
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/m\n\ngo 1.24\n"), 0o644)
	os.WriteFile(filepath.Join(mod, "lib", "lib.go"), []byte("package lib\n\nfunc Twice(x int) int { return 2 * x }\n"), 0o644)
	shared, own := filepath.Join(tmp, "shared"), filepath.Join(tmp, "own")
	build := func(cacheprog string) string {
		cmd := exec.Command(goCmd, "build", "-x", "./lib")
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOCACHEPROG="+cacheprog, "GOCACHE="+filepath.Join(tmp, "gocache-fuzz"),
			"GOFLAGS=", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go build with GOCACHEPROG=%s: %v\n%s", cacheprog, err, out)
		}
		return string(out)
	}
	if out := build(prog + " -dir " + shared); !strings.Contains(out, "/compile ") {
		t.Fatalf("the first build compiled nothing:\n%s", out)
	}
	before := snapshot(t, shared)
	learner := prog + " -dir " + own + " -shared " + shared
	if out := build(learner); strings.Contains(out, "/compile ") {
		t.Errorf("the learner's build recompiled what the shared layer holds:\n%s", out)
	}
	os.WriteFile(filepath.Join(mod, "lib", "lib.go"), []byte("package lib\n\nfunc Twice(x int) int { return x + x }\n"), 0o644)
	if out := build(learner); !strings.Contains(out, "/compile ") {
		t.Errorf("a changed package was not compiled:\n%s", out)
	}
	if after := snapshot(t, shared); after != before {
		t.Errorf("the learner's builds changed the shared layer:\n%s\nthen\n%s", before, after)
	}
	if s := snapshot(t, own); !strings.Contains(s, "o/") {
		t.Errorf("the learner's build stored nothing in its own layer:\n%s", s)
	}
}

// snapshot lists every file under dir with its size, time and content hash.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			return nil
		}
		fi, _ := d.Info()
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %d %d %x\n", rel, fi.Size(), fi.ModTime().UnixNano(), sha256.Sum256(data))
		return nil
	})
	return b.String()
}
