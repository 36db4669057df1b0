package main

import (
	"bytes"
	"debug/buildinfo"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testCell lays out what GoNB keeps in its temporary directory: a module
// named like a kernel's, a go.work using the cell's directory and a library
// module (the checkout, in the lab), and main.go.
type testCell struct {
	t               *testing.T
	realGo          string
	root, dir, lib  string
	out, log        string
	lastLogged      int
	module, mainSrc string
}

func newTestCell(t *testing.T) *testCell {
	t.Helper()
	realGo, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	root := t.TempDir()
	c := &testCell{t: t, realGo: realGo, root: root, dir: filepath.Join(root, "gonb_aaaa"),
		lib: filepath.Join(root, "lib"), log: filepath.Join(root, "gonbgo.log"), module: "gonb_aaaa"}
	c.out = filepath.Join(c.dir, "prog")
	t.Setenv("GONBGO_CACHE", filepath.Join(root, "plans"))
	t.Setenv("GONBGO_LOG", c.log)
	t.Setenv("GOFLAGS", "-ldflags=-w")
	t.Setenv("GOWORK", "")
	t.Setenv("GO111MODULE", "")
	t.Setenv("GOTOOLCHAIN", "local")
	c.write(filepath.Join(c.lib, "go.mod"), "module example.com/lib\n\ngo 1.22\n")
	c.setLib(41)
	c.write(filepath.Join(c.dir, "go.mod"), "module gonb_aaaa\n\ngo 1.22\n")
	c.write(filepath.Join(c.dir, "go.work"), "go 1.22\n\nuse (\n\t.\n\t"+c.lib+"\n)\n")
	c.setMain(`fmt.Println("answer", lib.Answer())`)
	t.Chdir(c.dir)
	return c
}

func (c *testCell) write(path, src string) {
	c.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

func (c *testCell) setLib(answer int) {
	c.write(filepath.Join(c.lib, "lib.go"), "package lib\n\n// Answer is what the test cell prints.\nfunc Answer() int { return "+
		strconv.Itoa(answer)+" }\n")
}

func (c *testCell) setMain(body string) { c.setMainImports(body) }

// setMainImports writes main.go with body as main's, importing fmt, the
// library and the packages imports.
func (c *testCell) setMainImports(body string, imports ...string) {
	var extra strings.Builder
	for _, imp := range imports {
		extra.WriteString("\t" + strconv.Quote(imp) + "\n")
	}
	c.write(filepath.Join(c.dir, "main.go"), "package main\n\nimport (\n\t\"fmt\"\n"+extra.String()+"\n\t\"example.com/lib\"\n)\n\nfunc main() {\n\t"+
		body+"\n}\n")
}

// realBuild is what the go command itself does with GoNB's command.
func (c *testCell) realBuild() {
	c.t.Helper()
	cmd := exec.Command(c.realGo, "build", "-o", c.out)
	cmd.Dir = c.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		c.t.Fatalf("go build: %v\n%s", err, out)
	}
}

// builtCell is newTestCell with the library in the build cache, as after
// make setup; it skips the test in -short mode, since it runs the go command.
func builtCell(t *testing.T) *testCell {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the go command")
	}
	c := newTestCell(t)
	c.realBuild()
	return c
}

// fast runs gonbgo's build and returns whether it built, and what its log
// says it did.
func (c *testCell) fast() (bool, string) {
	c.t.Helper()
	os.Remove(c.out)
	ok := fastBuild(c.realGo, []string{"build", "-o", c.out})
	b, _ := os.ReadFile(c.log)
	logged := string(b[c.lastLogged:])
	c.lastLogged = len(b)
	return ok, logged
}

// runArgs runs the cell's program with args and returns what it wrote and
// its error.
func (c *testCell) runArgs(args ...string) (string, error) {
	out, err := exec.Command(c.out, args...).CombinedOutput()
	return string(out), err
}

func (c *testCell) run() string {
	c.t.Helper()
	out, err := exec.Command(c.out).CombinedOutput()
	if err != nil {
		c.t.Fatalf("running the cell's program: %v\n%s", err, out)
	}
	return string(out)
}

func TestFastBuildReusesAndInvalidates(t *testing.T) {
	c := builtCell(t)

	// (A new cell: the go command has not compiled this main.go yet.)
	c.setMain(`fmt.Println("answer", lib.Answer())
	fmt.Println()`)
	ok, log := c.fast()
	if !ok || !strings.Contains(log, "new plan") {
		t.Fatalf("first build: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "answer 41\n\n" {
		t.Fatalf("program printed %q", got)
	}

	// A new cell, same imports: the plan is reused.
	c.setMain(`fmt.Println("twice", 2*lib.Answer())`)
	ok, log = c.fast()
	if !ok || !strings.Contains(log, "reused plan") {
		t.Fatalf("second cell: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "twice 82\n" {
		t.Fatalf("program printed %q", got)
	}
	// The program's build information names the cell's module.
	if bi, err := buildinfo.ReadFile(c.out); err != nil || bi.Path != "gonb_aaaa" {
		t.Errorf("build info: %v, path %q", err, bi.Path)
	}

	// The library changes (same size, new content and time): the plan is
	// stale, and gonbgo lets the go command build, never serving the old
	// library.
	time.Sleep(10 * time.Millisecond)
	c.setLib(42)
	ok, log = c.fast()
	if ok || !strings.Contains(log, "stale") {
		t.Fatalf("after a library edit: ok=%v, log %q (want the real go command to build)", ok, log)
	}
	c.realBuild()
	if got := c.run(); got != "twice 84\n" {
		t.Fatalf("program printed %q", got)
	}
	c.setMain(`fmt.Println("twice", lib.Answer()*2)`)
	ok, log = c.fast()
	if !ok || !strings.Contains(log, "new plan") {
		t.Fatalf("after the go command built the library: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "twice 84\n" {
		t.Fatalf("program printed %q", got)
	}

	// A compile error is left to the go command, which reports it.
	c.setMain(`fmt.Println(undefinedName)`)
	if ok, log = c.fast(); ok || !strings.Contains(log, "compiling main.go failed") {
		t.Fatalf("compile error: ok=%v, log %q", ok, log)
	}

	// Another kernel (another module name) reuses the plan, and its
	// program says so in its build information.
	c.setMain(`fmt.Println("again", lib.Answer())`)
	c.write(filepath.Join(c.dir, "go.mod"), "module gonb_bbbb\n\ngo 1.22\n")
	ok, log = c.fast()
	if !ok || !strings.Contains(log, "reused plan") {
		t.Fatalf("another module name: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "again 42\n" {
		t.Fatalf("program printed %q", got)
	}
	if bi, err := buildinfo.ReadFile(c.out); err != nil || bi.Path != "gonb_bbbb" || bi.Main.Path != "gonb_bbbb" {
		t.Errorf("build info after reuse: %v %+v", err, bi)
	}

	// A new import is a new plan.
	c.write(filepath.Join(c.dir, "main.go"), "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n\n\t\"example.com/lib\"\n)\n\n"+
		"func main() { fmt.Println(strings.Repeat(\"x\", lib.Answer()/21)) }\n")
	ok, log = c.fast()
	if !ok || !strings.Contains(log, "new plan") {
		t.Fatalf("new import: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "xx\n" {
		t.Fatalf("program printed %q", got)
	}

	// A replayed program never passes for one the go command built: the go
	// command relinks rather than keep it.
	cmd := exec.Command(c.realGo, "build", "-n", "-o", c.out)
	cmd.Dir = c.dir
	n, _ := cmd.CombinedOutput()
	if !bytes.Contains(n, []byte("/link ")) {
		t.Errorf("go build -n after a replay does not relink:\n%s", n)
	}
}

func TestFastBuildIneligible(t *testing.T) {
	c := builtCell(t)
	for _, tc := range []struct{ name, file, src string }{
		{"cgo", "main.go", "package main\n\n// #include <stdio.h>\nimport \"C\"\n\nfunc main() {}\n"},
		{"embed", "main.go", "package main\n\nimport _ \"embed\"\n\n//go:embed go.mod\nvar s string\n\nfunc main() {}\n"},
		{"another file", "other.go", "package main\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.setMain(`fmt.Println(lib.Answer())`)
			c.write(filepath.Join(c.dir, tc.file), tc.src)
			defer os.Remove(filepath.Join(c.dir, "other.go"))
			if ok, log := c.fast(); ok || !strings.Contains(log, "not a plain GoNB cell build") {
				t.Errorf("ok=%v, log %q", ok, log)
			}
		})
	}
}

func TestGoEnvCache(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	c := newTestCell(t)
	args := []string{"env", "-json", "GOMOD", "GOWORK", "GOFLAGS"}
	if !isCellGoEnv(args) || isCellGoEnv([]string{"env", "-w", "GOFLAGS=-x"}) || isCellGoEnv([]string{"env", "-json"}) {
		t.Fatal("isCellGoEnv accepts the wrong commands")
	}
	want, err := exec.Command(c.realGo, args...).Output()
	if err != nil {
		t.Fatal(err)
	}
	key := goEnvKey(c.realGo, c.dir, args, os.Environ())
	if key == "" {
		t.Fatal("no key for a cell directory")
	}
	for i := 0; i < 2; i++ { // asks the go command, then answers from the cache
		var got bytes.Buffer
		if !cachedGoEnv(c.realGo, args, &got) {
			t.Fatal("cachedGoEnv did not answer")
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("answer %d: %q, want the go command's %q", i, got.Bytes(), want)
		}
	}
	pdir, _ := planDir()
	if _, err := os.Stat(filepath.Join(pdir, "env-"+key+".json")); err != nil {
		t.Fatalf("no cached answer: %v", err)
	}
	// What the answer depends on changes its key.
	t.Setenv("GOFLAGS", "-ldflags=-s")
	if goEnvKey(c.realGo, c.dir, args, os.Environ()) == key {
		t.Error("GOFLAGS changed but the key did not")
	}
	t.Setenv("GOFLAGS", "-ldflags=-w")
	time.Sleep(10 * time.Millisecond)
	c.write(filepath.Join(c.dir, "go.work"), "go 1.22\n\nuse .\n")
	if goEnvKey(c.realGo, c.dir, args, os.Environ()) == key {
		t.Error("go.work changed but the key did not")
	}
	// Without a go.work in the directory the go command would search its
	// parents: no caching.
	os.Remove(filepath.Join(c.dir, "go.work"))
	if k := goEnvKey(c.realGo, c.dir, args, os.Environ()); k != "" {
		t.Error("a directory without go.work got a key")
	}
}

// GODEBUG=inittrace=1 (bench_cells.py --breakdown sets it for the cells'
// programs) makes the go command trace to the standard error where
// `go build -n` writes its script: gonbgo still reads the script.
func TestFastBuildWithInitTrace(t *testing.T) {
	c := builtCell(t)
	t.Setenv("GODEBUG", "inittrace=1")
	c.setMain(`fmt.Println("traced", lib.Answer())`)
	if ok, log := c.fast(); !ok || !strings.Contains(log, "new plan") {
		t.Fatalf("ok=%v, log %q", ok, log)
	}
	if got := c.run(); !strings.Contains(got, "traced 41") {
		t.Errorf("program printed %q", got)
	}
}

// A cell that only imports packages builds a program that does nothing but
// parse its flags: built once, it is reused in every kernel, until the plan
// it was built with is stale.
func TestFastBuildReusesTheProgramThatDoesNothing(t *testing.T) {
	c := builtCell(t)
	noop := "package main\n\nimport \"flag\"\n\nfunc main() {\n\tflag.Parse()\n\n}\n"
	c.write(filepath.Join(c.dir, "main.go"), noop)
	ok, log := c.fast()
	if !ok || !strings.Contains(log, "new plan") || !strings.Contains(log, "link") {
		t.Fatalf("first build: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "" {
		t.Fatalf("program printed %q", got)
	}
	c.write(filepath.Join(c.dir, "go.mod"), "module gonb_bbbb\n\ngo 1.22\n")
	ok, log = c.fast()
	if !ok || !strings.Contains(log, "does nothing reused") {
		t.Fatalf("another kernel: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "" {
		t.Fatalf("program printed %q", got)
	}

	// Any other program is built, even with the same imports.
	c.write(filepath.Join(c.dir, "main.go"), "package main\n\nimport \"flag\"\n\nfunc main() {\n\tflag.Parse()\n\tprintln(flag.NArg())\n}\n")
	if ok, log = c.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("a program that prints: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "0\n" {
		t.Fatalf("program printed %q", got)
	}

	// Other build settings are another plan, and another program.
	t.Setenv("GOFLAGS", "-ldflags=-s")
	c.write(filepath.Join(c.dir, "main.go"), noop)
	if ok, log = c.fast(); !ok || !strings.Contains(log, "new plan") || !strings.Contains(log, "link") {
		t.Fatalf("other flags: ok=%v, log %q", ok, log)
	}
}

func TestDoesNothing(t *testing.T) {
	dir := t.TempDir()
	for src, want := range map[string]bool{
		"package main\n\nimport \"flag\"\n\nfunc main() {\n\tflag.Parse()\n\n}\n":             true,
		"package main\n\nfunc main() {}\n":                                                    true,
		"package main\n\nimport \"flag\"\n\nvar x = 1\n\nfunc main() {\n\tflag.Parse()\n}\n":  false,
		"package main\n\nimport \"flag\"\n\nfunc main() {\n\tflag.Parse()\n\tprintln(1)\n}\n": false,
		"package main\n\nfunc init() {}\n\nfunc main() {}\n":                                  false,
		"package main\n\nfunc main() {\n":                                                     false,
	} {
		path := filepath.Join(dir, "main.go")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := doesNothing(path); got != want {
			t.Errorf("doesNothing(%q) = %v, want %v", src, got, want)
		}
	}
}

// A cell run again in the same kernel, with nothing changed, gets the
// program built the first time; an edited library or cell is built anew.
func TestFastBuildReusesTheSameProgram(t *testing.T) {
	c := builtCell(t)
	cell := `fmt.Println("answer", lib.Answer()+0)`
	c.setMain(cell)
	for i, want := range []string{"link", "same main.go reused", "same main.go reused"} {
		if ok, log := c.fast(); !ok || !strings.Contains(log, want) {
			t.Fatalf("run %d: ok=%v, log %q, want %q", i, ok, log, want)
		}
		if got := c.run(); got != "answer 41\n" {
			t.Fatalf("run %d: program printed %q", i, got)
		}
	}

	// The go command's own build over the cell's program (a hard link to
	// the kept one) leaves the kept program as it was.
	c.setMain(`fmt.Println("other", lib.Answer())`)
	c.realBuild()
	if got := c.run(); got != "other 41\n" {
		t.Fatalf("go build: program printed %q", got)
	}
	c.setMain(cell)
	if ok, log := c.fast(); !ok || !strings.Contains(log, "same main.go reused") {
		t.Fatalf("after go build: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "answer 41\n" {
		t.Fatalf("after go build: program printed %q", got)
	}

	time.Sleep(10 * time.Millisecond)
	c.setLib(42)
	c.setMain(`fmt.Println("library", lib.Answer())`)
	c.realBuild() // the library is in the build cache again
	c.setMain(cell)
	if ok, log := c.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("after a library edit: ok=%v, log %q", ok, log)
	}
	if got := c.run(); got != "answer 42\n" {
		t.Fatalf("after a library edit: program printed %q", got)
	}

	// At most keptPrograms programs are kept.
	for i := range keptPrograms + 3 {
		c.setMain(`fmt.Println("cell", lib.Answer()+` + strconv.Itoa(i) + `)`)
		if ok, log := c.fast(); !ok || !strings.Contains(log, "link") {
			t.Fatalf("cell %d: ok=%v, log %q", i, ok, log)
		}
	}
	if kept, _ := os.ReadDir(filepath.Join(c.dir, keptDir)); len(kept) != keptPrograms {
		t.Errorf("%d programs kept, want %d", len(kept), keptPrograms)
	}
}
