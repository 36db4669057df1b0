package main

import (
	"bytes"
	"debug/buildinfo"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// otherKernel lays out a second kernel's directory beside c's, as GoNB
// does: its own module name, of the same length, the same library.
func (c *testCell) otherKernel(module string) *testCell {
	c.t.Helper()
	o := *c
	o.module = module
	o.dir = filepath.Join(c.root, module)
	o.out = filepath.Join(o.dir, "prog")
	o.write(filepath.Join(o.dir, "go.mod"), "module "+module+"\n\ngo 1.22\n")
	o.write(filepath.Join(o.dir, "go.work"), "go 1.22\n\nuse (\n\t.\n\t"+c.lib+"\n)\n")
	o.t.Chdir(o.dir)
	return &o
}

// A panic's stack trace names main.go in the cell's directory: GoNB maps
// those lines to the cell's, so a program from the store must name this
// kernel's directory, not the one of the kernel that linked it.
const panicking = `if len(os.Args) > 1 {
		panic("cell " + os.Args[1])
	}
	fmt.Println("answer", 0+lib.Answer())`

func TestProgramStoreServesTheSameBytes(t *testing.T) {
	a := builtCell(t)
	a.setMainImports(panicking, "os")
	if ok, log := a.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("kernel a: ok=%v, log %q", ok, log)
	}

	b := a.otherKernel("gonb_bbbb")
	b.setMainImports(panicking, "os")
	ok, log := b.fast()
	if !ok || !strings.Contains(log, "from the store") {
		t.Fatalf("kernel b: ok=%v, log %q", ok, log)
	}
	fromStore, err := os.ReadFile(b.out)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.run(); got != "answer 41\n" {
		t.Fatalf("program from the store printed %q", got)
	}
	if bi, err := buildinfo.ReadFile(b.out); err != nil || bi.Path != "gonb_bbbb" || bi.Main.Path != "gonb_bbbb" {
		t.Errorf("build info of the program from the store: %v %+v", err, bi)
	}
	out, _ := b.runArgs("boom")
	if !strings.Contains(out, filepath.Join(b.dir, "main.go")+":") || strings.Contains(out, a.dir) {
		t.Errorf("stack trace of the program from the store does not name %s:\n%s", b.dir, out)
	}

	// What kernel b links itself, the store off and with a plan of its own
	// (as a learner's kernel on the hub has), is the same file.
	t.Setenv("GONBGO_PROGRAMS", "off")
	t.Setenv("GONBGO_CACHE", filepath.Join(b.root, "plans-b"))
	os.RemoveAll(filepath.Join(b.dir, keptDir))
	if ok, log := b.fast(); !ok || !strings.Contains(log, "new plan") || !strings.Contains(log, "link") {
		t.Fatalf("kernel b, store off: ok=%v, log %q", ok, log)
	}
	linked, err := os.ReadFile(b.out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fromStore, linked) {
		t.Fatalf("the program from the store (%d bytes) is not the one kernel b links (%d bytes)", len(fromStore), len(linked))
	}
}

func TestProgramStoreKeys(t *testing.T) {
	a := builtCell(t)
	a.setMain(`fmt.Println("answer", 0+lib.Answer())`)
	if ok, log := a.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("kernel a: ok=%v, log %q", ok, log)
	}
	b := a.otherKernel("gonb_bbbb")

	// Another cell body is another program.
	b.setMain(`fmt.Println("other", lib.Answer())`)
	if ok, log := b.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("another body: ok=%v, log %q", ok, log)
	}
	if got := b.run(); got != "other 41\n" {
		t.Fatalf("program printed %q", got)
	}

	// A library edit is another program: the store never serves the old one.
	a.setLib(42)
	b.realBuild()
	b.setMain(`fmt.Println("answer", 0+lib.Answer())`)
	if ok, log := b.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("after a library edit: ok=%v, log %q", ok, log)
	}
	if got := b.run(); got != "answer 42\n" {
		t.Fatalf("after a library edit: program printed %q", got)
	}

	// Other build settings are another program.
	c := a.otherKernel("gonb_cccc")
	t.Setenv("GOFLAGS", "-ldflags=-s")
	c.setMain(`fmt.Println("placeholder", lib.Answer())`)
	c.realBuild()
	c.setMain(`fmt.Println("answer", 0+lib.Answer())`) // what kernel b stored
	if ok, log := c.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("other flags: ok=%v, log %q", ok, log)
	}

	// A module name of another length (not GoNB's) is never rewritten.
	d := a.otherKernel("gonb_dddddd")
	d.setMain(`fmt.Println("answer", 0+lib.Answer())`)
	if ok, log := d.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("longer module name: ok=%v, log %q", ok, log)
	}
	if got := d.run(); got != "answer 42\n" {
		t.Fatalf("longer module name: program printed %q", got)
	}

	// A main.go holding its module's name is never stored.
	e := a.otherKernel("gonb_eeee")
	e.setMain(`fmt.Println("gonb_eeee", lib.Answer())`)
	if ok, log := e.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("main.go naming its module: ok=%v, log %q", ok, log)
	}
	f := a.otherKernel("gonb_ffff")
	f.setMain(`fmt.Println("gonb_eeee", lib.Answer())`)
	if ok, log := f.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("main.go naming another kernel's module: ok=%v, log %q", ok, log)
	}
	if got := f.run(); got != "gonb_eeee 42\n" {
		t.Fatalf("program printed %q", got)
	}
}

func TestProgramStoreSharedAndTrimmed(t *testing.T) {
	a := builtCell(t)
	shared := filepath.Join(a.root, "shared")
	t.Setenv("GONBGO_PROGRAMS", shared)
	a.setMain(`fmt.Println("answer", 0+lib.Answer())`)
	if ok, log := a.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("kernel a: ok=%v, log %q", ok, log)
	}

	// A learner's kernel reads a store it cannot write (the hub's, filled
	// by the lessons' prebuild) and writes its own.
	// Her kernel has its own plans, too, made for her module.
	t.Setenv("GONBGO_PROGRAMS", filepath.Join(a.root, "own"))
	t.Setenv("GONBGO_PROGRAMS_SHARED", shared)
	t.Setenv("GONBGO_CACHE", filepath.Join(a.root, "learner-plans"))
	b := a.otherKernel("gonb_bbbb")
	b.setMain(`fmt.Println("answer", 0+lib.Answer())`)
	if ok, log := b.fast(); !ok || !strings.Contains(log, "new plan") || !strings.Contains(log, "from the store") ||
		!strings.Contains(log, shared) {
		t.Fatalf("kernel b: ok=%v, log %q", ok, log)
	}
	if got := b.run(); got != "answer 41\n" {
		t.Fatalf("program printed %q", got)
	}

	// The writable store keeps at most GONBGO_PROGRAMS_MAX_MB.
	t.Setenv("GONBGO_PROGRAMS_MAX_MB", "0")
	b.setMain(`fmt.Println("other", lib.Answer())`)
	if ok, log := b.fast(); !ok || !strings.Contains(log, "link") {
		t.Fatalf("kernel b, new cell: ok=%v, log %q", ok, log)
	}
	if left, _ := os.ReadDir(filepath.Join(a.root, "own")); len(left) != 0 {
		t.Errorf("a store of at most 0 MB keeps %d programs", len(left))
	}
	if left, _ := os.ReadDir(shared); len(left) != 1 {
		t.Errorf("the shared store holds %d programs, want the 1 stored before", len(left))
	}
}

// goEnv returns the go command's setting name.
func goEnv(t *testing.T, realGo, name string) string {
	t.Helper()
	out, err := exec.Command(realGo, "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// The hub's prebuild shares its plans; a learner's kernel, with another
// home and another build cache setting, takes them instead of running
// `go build -n`, unless the learner's go settings file changes the build.
func TestProgramStoreSharedPlans(t *testing.T) {
	a := builtCell(t)
	t.Setenv("GOCACHE", goEnv(t, a.realGo, "GOCACHE"))
	t.Setenv("GOMODCACHE", goEnv(t, a.realGo, "GOMODCACHE"))
	shared := filepath.Join(a.root, "shared")
	t.Setenv("HOME", filepath.Join(a.root, "home-prebuild")) // no go settings file, as a new learner
	t.Setenv("GONBGO_PROGRAMS", shared)
	t.Setenv("GONBGO_SHARE_PLANS", "1")
	cell := `fmt.Println("shared", lib.Answer())`
	a.setMain(cell)
	if ok, log := a.fast(); !ok || !strings.Contains(log, "new plan") {
		t.Fatalf("the prebuild: ok=%v, log %q", ok, log)
	}
	if plans, _ := os.ReadDir(filepath.Join(shared, "plans")); len(plans) != 1 {
		t.Fatalf("%d shared plans, want 1", len(plans))
	}

	learner := func(module string) *testCell {
		home := filepath.Join(a.root, "home-"+module)
		t.Setenv("HOME", home)
		t.Setenv("GONBGO_SHARE_PLANS", "")
		t.Setenv("GONBGO_PROGRAMS", filepath.Join(home, "programs"))
		t.Setenv("GONBGO_PROGRAMS_SHARED", shared)
		t.Setenv("GONBGO_CACHE", filepath.Join(home, "plans"))
		return a.otherKernel(module)
	}
	b := learner("gonb_bbbb")
	b.setMain(cell)
	ok, log := b.fast()
	if !ok || !strings.Contains(log, "shared plan") || !strings.Contains(log, "from the store") {
		t.Fatalf("a learner: ok=%v, log %q", ok, log)
	}
	if got := b.run(); got != "shared 41\n" {
		t.Fatalf("program printed %q", got)
	}
	// Her own copy of the plan serves her next cells.
	b.setMain(`fmt.Println("own", lib.Answer())`)
	if ok, log := b.fast(); !ok || !strings.Contains(log, "reused plan") || !strings.Contains(log, "link") {
		t.Fatalf("her next cell: ok=%v, log %q", ok, log)
	}

	// The library changes: her plan for a cell that only imports it is stale,
	// the hub's new shared plan serves her, and the program that does
	// nothing is linked anew, never the one her stale plan left.
	noop := "package main\n\nimport (\n\t\"flag\"\n\n\t_ \"example.com/lib\"\n)\n\nfunc main() {\n\tflag.Parse()\n}\n"
	libInit := func(v string) {
		b.write(filepath.Join(b.lib, "init.go"), "package lib\n\nimport \"fmt\"\n\nfunc init() { fmt.Println(\"lib "+v+"\") }\n")
	}
	libInit("1")
	b.realBuild()
	b.write(filepath.Join(b.dir, "main.go"), noop)
	if ok, log := b.fast(); !ok || !strings.Contains(log, "new plan") {
		t.Fatalf("her import cell: ok=%v, log %q", ok, log)
	}
	if got := b.run(); got != "lib 1\n" {
		t.Fatalf("her import cell printed %q", got)
	}
	libInit("2")
	prebuild := a.otherKernel("gonb_pppp")
	t.Setenv("HOME", filepath.Join(a.root, "home-prebuild"))
	t.Setenv("GONBGO_CACHE", filepath.Join(a.root, "plans-prebuild"))
	t.Setenv("GONBGO_PROGRAMS", shared)
	t.Setenv("GONBGO_SHARE_PLANS", "1")
	prebuild.setMain(`fmt.Println("placeholder", lib.Answer())`)
	prebuild.realBuild()
	prebuild.write(filepath.Join(prebuild.dir, "main.go"), noop)
	if ok, log := prebuild.fast(); !ok || !strings.Contains(log, "new plan") {
		t.Fatalf("the prebuild, new library: ok=%v, log %q", ok, log)
	}
	b = learner("gonb_bbbb")
	if ok, log := b.fast(); !ok || !strings.Contains(log, "stale") || !strings.Contains(log, "shared plan") ||
		strings.Contains(log, "does nothing reused") {
		t.Fatalf("her import cell, new library: ok=%v, log %q", ok, log)
	}
	if got := b.run(); got != "lib 2\n" {
		t.Fatalf("her import cell, new library, printed %q", got)
	}

	// A learner whose go settings file asks for something else plans anew.
	c := learner("gonb_cccc")
	c.write(goEnv(t, c.realGo, "GOENV"), "GOFLAGS=-ldflags=-s\n")
	c.setMain(cell)
	if ok, log := c.fast(); !ok || !strings.Contains(log, "new plan") {
		t.Fatalf("other go settings: ok=%v, log %q", ok, log)
	}
}
