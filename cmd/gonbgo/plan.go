package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// planVersion changes whenever the plan's format or key does: older plans
// are then simply never found.
const planVersion = "gonbgo plan 1"

// plan is a build of a cell's program as `go build -n` described it, and
// what must not have changed for it to be reused.
type plan struct {
	Module string // the cell module's path when the plan was made
	Script script
	// Files are the sources the plan was made from whose content can
	// change under it: the workspace's packages (their Go and embedded
	// files and their directories) and the compiler and linker.
	Files []fileStamp
}

type fileStamp struct {
	Path    string
	Size    int64
	ModTime int64 // nanoseconds
	Dir     bool
}

func stamp(path string) (fileStamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, err
	}
	return fileStamp{Path: path, Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Dir: fi.IsDir()}, nil
}

// cell is the directory GoNB builds a cell in, read enough to key a plan.
type cell struct {
	Dir, Out string
	Module   string   // from go.mod
	Imports  []string // main.go's import paths, sorted
	GoMod    []byte   // go.mod with its module line blanked
	Others   [][]byte // go.sum, go.work, go.work.sum and the used modules' go.mod and go.sum
}

// errIneligible says the directory or the command is not the plain build
// gonbgo replays.
var errIneligible = errors.New("not a plain GoNB cell build")

// sourceExt are the extensions of files `go build` compiles or links from
// a package directory.
var sourceExt = map[string]bool{
	".go": true, ".c": true, ".cc": true, ".cpp": true, ".cxx": true, ".h": true, ".hh": true,
	".hpp": true, ".hxx": true, ".m": true, ".s": true, ".S": true, ".sx": true, ".f": true,
	".F": true, ".for": true, ".f90": true, ".swig": true, ".swigcxx": true, ".syso": true,
}

// readCell checks that dir holds one main.go and nothing else `go build`
// would compile, and reads what keys its plan.
func readCell(dir, out string) (*cell, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	hasMain := false
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			continue
		}
		if name == "main.go" {
			hasMain = true
			continue
		}
		if sourceExt[filepath.Ext(name)] || name == "default.pgo" {
			return nil, fmt.Errorf("%w: %s beside main.go", errIneligible, name)
		}
	}
	if !hasMain {
		return nil, fmt.Errorf("%w: no main.go", errIneligible)
	}
	src, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil {
		return nil, err
	}
	// Directives change what the go command does beyond compiling the
	// file: build constraints, embedded files, //go:debug settings, cgo.
	for _, line := range strings.Split(string(src), "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "//go:") || strings.HasPrefix(t, "#cgo") {
			return nil, fmt.Errorf("%w: main.go has %s", errIneligible, t)
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, parser.ImportsOnly)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errIneligible, err)
	}
	c := &cell{Dir: dir, Out: out}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || p == "C" {
			return nil, fmt.Errorf("%w: import %s", errIneligible, imp.Path.Value)
		}
		c.Imports = append(c.Imports, p)
	}
	sort.Strings(c.Imports)

	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errIneligible, err)
	}
	lines := strings.Split(string(gomod), "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "module "); ok {
			c.Module = strings.Trim(strings.TrimSpace(rest), `"`)
			lines[i] = "module _"
			break
		}
	}
	if c.Module == "" {
		return nil, fmt.Errorf("%w: go.mod names no module", errIneligible)
	}
	c.GoMod = []byte(strings.Join(lines, "\n"))
	for _, name := range []string{"go.sum", "go.work", "go.work.sum"} {
		c.Others = append(c.Others, readOrNil(filepath.Join(dir, name)))
	}
	for _, use := range workUses(c.Others[1]) {
		if !filepath.IsAbs(use) {
			use = filepath.Join(dir, use)
		}
		if filepath.Clean(use) == filepath.Clean(dir) {
			continue
		}
		c.Others = append(c.Others, []byte(use), readOrNil(filepath.Join(use, "go.mod")), readOrNil(filepath.Join(use, "go.sum")))
	}
	return c, nil
}

func readOrNil(path string) []byte {
	b, _ := os.ReadFile(path)
	return b
}

// workUses returns the directories of a go.work's use directives.
func workUses(gowork []byte) []string {
	var uses []string
	inBlock := false
	for _, line := range strings.Split(string(gowork), "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case inBlock && line == ")":
			inBlock = false
		case inBlock && line != "":
			uses = append(uses, strings.Trim(line, `"`))
		case line == "use (":
			inBlock = true
		case strings.HasPrefix(line, "use "):
			uses = append(uses, strings.Trim(strings.TrimSpace(line[len("use "):]), `"`))
		}
	}
	return uses
}

// envKey are the environment variables that steer the go command, the
// compiler or the linker: everything named GO* or CGO_*, and a few more.
// GoNB's own variables (GONB_*) differ per kernel and steer nothing.
func envKey(environ []string) []string {
	var keep []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "GONB"):
		case strings.HasPrefix(name, "GO"), strings.HasPrefix(name, "CGO_"),
			name == "CC", name == "CXX", name == "FC", name == "AR", name == "PKG_CONFIG",
			name == "PATH", name == "HOME", name == "XDG_CACHE_HOME", name == "XDG_CONFIG_HOME":
			keep = append(keep, kv)
		}
	}
	sort.Strings(keep)
	return keep
}

// key names the plan for a cell built by realGo in environment environ.
func (c *cell) key(realGo string, environ []string) string {
	h := sha256.New()
	add := func(b []byte) {
		fmt.Fprintf(h, "%d:", len(b))
		h.Write(b)
	}
	add([]byte(planVersion))
	add([]byte(realGo))
	if st, err := stamp(realGo); err == nil {
		add([]byte(fmt.Sprint(st.Size, st.ModTime)))
	}
	for _, kv := range envKey(environ) {
		add([]byte(kv))
	}
	add([]byte(strings.Join(c.Imports, "\n")))
	add(c.GoMod)
	for _, b := range c.Others {
		add(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// listedPackage is what `go list -json` says of a package that fingerprint
// needs.
type listedPackage struct {
	Dir      string
	Standard bool
	Module   *struct {
		Main    bool
		Replace *struct{ Version string }
	}
	GoFiles, CgoFiles, CFiles, CXXFiles, MFiles, HFiles, FFiles, SFiles   []string
	SwigFiles, SwigCXXFiles, SysoFiles, EmbedFiles, IgnoredGoFiles, Other []string
}

// fingerprint stamps the files a plan depends on that can change in place:
// every file of the packages that come from a directory rather than a
// versioned module (the workspace's, and local replacements), those
// directories, the directories of embedded files, and the compiler and
// linker.
func fingerprint(realGo string, c *cell, s *script) ([]fileStamp, error) {
	cmd := exec.Command(realGo, "list", "-deps", "-json=Dir,Standard,Module,GoFiles,CgoFiles,CFiles,"+
		"CXXFiles,MFiles,HFiles,FFiles,SFiles,SwigFiles,SwigCXXFiles,SysoFiles,EmbedFiles,IgnoredGoFiles", ".")
	cmd.Dir = c.Dir
	cmd.Env = quietEnv(os.Environ())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, stderr.String())
	}
	paths := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("go list: %v", err)
		}
		if p.Standard || p.Module == nil || filepath.Clean(p.Dir) == filepath.Clean(c.Dir) {
			continue
		}
		local := p.Module.Main || p.Module.Replace != nil && p.Module.Replace.Version == ""
		if !local {
			continue
		}
		paths[p.Dir] = true
		for _, list := range [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.CXXFiles, p.MFiles, p.HFiles,
			p.FFiles, p.SFiles, p.SwigFiles, p.SwigCXXFiles, p.SysoFiles, p.EmbedFiles, p.IgnoredGoFiles} {
			for _, f := range list {
				full := filepath.Join(p.Dir, f)
				paths[full] = true
				paths[filepath.Dir(full)] = true
			}
		}
	}
	paths[s.Compile.Args[0]] = true
	paths[s.Link.Args[0]] = true
	var stamps []fileStamp
	for p := range paths {
		st, err := stamp(p)
		if err != nil {
			return nil, err
		}
		stamps = append(stamps, st)
	}
	sort.Slice(stamps, func(i, j int) bool { return stamps[i].Path < stamps[j].Path })
	return stamps, nil
}

// stale says why p cannot be reused, or "" when it can: a stamped file
// changed, or a package archive left the build cache.
func (p *plan) stale() string {
	for _, f := range p.Files {
		st, err := stamp(f.Path)
		if err != nil || st != f {
			return "changed: " + f.Path
		}
	}
	for _, cfg := range []string{p.Script.Importcfg, p.Script.ImportcfgLink} {
		for _, a := range packageFiles(cfg) {
			if strings.HasPrefix(a, "$WORK/") {
				continue // main's own archive, which replay compiles
			}
			if _, err := os.Stat(a); err != nil {
				return "gone from the build cache: " + a
			}
		}
	}
	return ""
}

// planDir is where plans are kept: $GONBGO_CACHE, or gmmlab-gonbgo in the
// user's cache directory.
func planDir() (string, error) {
	if d := os.Getenv("GONBGO_CACHE"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "gmmlab-gonbgo"), nil
}

func loadPlan(path string) (*plan, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p plan
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// save writes p atomically: a concurrent reader sees the old plan, the new
// one, or none.
func (p *plan) save(path string) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return writeAtomic(path, b)
}

// writeAtomic writes data to path through a temporary file and a rename.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
