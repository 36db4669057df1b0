package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

func main() {
	if filepath.Base(os.Args[0]) == "goimports" {
		goimportsMain()
	}
	realGo, err := findReal("go", "GONBGO_GO")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gonbgo:", err)
		os.Exit(2)
	}
	args := os.Args[1:]
	if os.Getenv("GONBGO") != "off" {
		switch {
		case isCellBuild(args) && fastBuild(realGo, args):
			os.Exit(0)
		case isCellGoEnv(args) && cachedGoEnv(realGo, args, os.Stdout):
			os.Exit(0)
		}
	}
	err = syscall.Exec(realGo, append([]string{realGo}, args...), os.Environ())
	fmt.Fprintln(os.Stderr, "gonbgo: running", realGo+":", err)
	os.Exit(2)
}

// goimportsMain is main when gonbgo runs as goimports (docker/register-kernel.sh
// links bin/kernel/goimports to it): it fixes a cell's imports itself when
// it can (fixImports) and runs the real goimports otherwise.
func goimportsMain() {
	args := os.Args[1:]
	if os.Getenv("GONBGO") != "off" && fixImports(args) {
		logf("goimports %s: done without goimports", strings.Join(args, " "))
		os.Exit(0)
	}
	real, err := findReal("goimports", "GONBGO_GOIMPORTS")
	if err == nil {
		err = syscall.Exec(real, append([]string{real}, args...), os.Environ())
	}
	fmt.Fprintln(os.Stderr, "gonbgo: running goimports:", err)
	os.Exit(2)
}

// findReal returns $envVar, or the first executable called name on PATH
// that is not this program.
func findReal(name, envVar string) (string, error) {
	if g := os.Getenv(envVar); g != "" {
		return g, nil
	}
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	selfInfo, err := os.Stat(self)
	if err != nil {
		return "", err
	}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			dir = "."
		}
		cand := filepath.Join(dir, name)
		fi, err := os.Stat(cand)
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 || os.SameFile(fi, selfInfo) {
			continue
		}
		if abs, err := filepath.Abs(cand); err == nil {
			cand = abs
		}
		return cand, nil
	}
	return "", fmt.Errorf("no %s command on PATH besides this one (set %s)", name, envVar)
}

// isCellBuild reports whether args is GoNB's `build -o FILE`, with no
// GOFLAGS entry that asks the go command to show or redo its work.
func isCellBuild(args []string) bool {
	if len(args) != 3 || args[0] != "build" || args[1] != "-o" || args[2] == "" {
		return false
	}
	for _, f := range strings.Fields(os.Getenv("GOFLAGS")) {
		name, _, _ := strings.Cut(strings.TrimLeft(strings.Trim(f, `'"`), "-"), "=")
		switch name {
		case "x", "n", "work", "a", "toolexec", "overlay", "modfile", "C", "json":
			return false
		}
	}
	return true
}

// logf appends a line to $GONBGO_LOG, if set: what each build did and how
// long its steps took.
func logf(format string, args ...any) {
	path := os.Getenv("GONBGO_LOG")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s gonbgo: "+format+"\n", append([]any{time.Now().Format("15:04:05.000000")}, args...)...)
}

// fastBuild builds the cell's program by compiling main.go and linking, as
// a plan says. It returns false, having written nothing, whenever the real
// go command must build instead.
func fastBuild(realGo string, args []string) bool {
	start := time.Now()
	dir, err := os.Getwd()
	if err != nil {
		return false
	}
	out := args[2]
	if !filepath.IsAbs(out) {
		out = filepath.Join(dir, out)
	}
	c, err := readCell(dir, out)
	if err != nil {
		logf("real go: %v", err)
		return false
	}
	pdir, err := planDir()
	if err != nil {
		logf("real go: %v", err)
		return false
	}
	path := filepath.Join(pdir, c.key(realGo, os.Environ())+".json")
	p, err := loadPlan(path)
	how := "reused plan"
	if err == nil {
		if why := p.stale(); why != "" {
			logf("plan %s is stale (%s)", filepath.Base(path), why)
			p = nil
		}
	} else {
		p = nil
	}
	if p == nil {
		// A plan the hub made for every learner, then a plan of our own.
		if p = sharedPlan(realGo, c); p != nil {
			how = "shared plan"
		} else {
			how = "new plan"
			if p, err = makePlan(realGo, c); err != nil {
				logf("real go: %v", err)
				return false
			}
			sharePlan(realGo, c, p)
		}
		if err := p.save(path); err != nil {
			logf("plan not saved: %v", err)
		}
	}
	planned := time.Now()
	noop := path + ".noop"
	if how != "reused plan" {
		os.Remove(noop) // built with the plan this one replaces
	}
	isNoop := doesNothing(filepath.Join(dir, "main.go"))
	if isNoop && linkFile(noop, c.Out) == nil {
		logf("%s: %s %s: key and checks %v, the program that does nothing reused", how, filepath.Base(path)[:12], c.Imports,
			time.Since(start).Round(time.Millisecond))
		return true
	}
	// A cell run again with the same program (the same main.go, libraries
	// and settings) in this kernel gets the program it built before.
	src, _ := os.ReadFile(filepath.Join(dir, "main.go"))
	kept := filepath.Join(dir, keptDir, programKey(p, c.Module, src))
	if src != nil && linkFile(kept, c.Out) == nil {
		now := time.Now()
		os.Chtimes(kept, now, now)
		logf("%s: %s %s: key and checks %v, the program built for the same main.go reused", how, filepath.Base(path)[:12], c.Imports,
			time.Since(start).Round(time.Millisecond))
		return true
	}
	// A cell another kernel has run gets the program linked there.
	skey := storeKey(p, c, src)
	if from, ok := fromStore(skey, c); ok {
		if src != nil {
			keep(c.Out, kept)
		}
		logf("%s: %s %s: key and checks %v, the program from the store reused (%s)", how, filepath.Base(path)[:12], c.Imports,
			time.Since(start).Round(time.Millisecond), from)
		return true
	}
	ct, lt, err := replay(p, c)
	if err != nil {
		if errors.Is(err, errLink) {
			os.Remove(path)
		}
		logf("real go: %v", err)
		return false
	}
	if isNoop {
		linkFile(c.Out, noop)
	}
	if src != nil {
		keep(c.Out, kept)
	}
	toStore(skey, c)
	logf("%s: %s %s: key and checks %v, compile %v, link %v, total %v", how, filepath.Base(path)[:12], c.Imports,
		planned.Sub(start).Round(time.Millisecond), ct.Round(time.Millisecond), lt.Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond))
	return true
}

// makePlan asks the go command what it would run to build the cell, and
// stamps what that answer depends on.
func makePlan(realGo string, c *cell) (*plan, error) {
	cmd := exec.Command(realGo, "build", "-n", "-o", c.Out)
	cmd.Dir = c.Dir
	cmd.Env = quietEnv(os.Environ())
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build -n: %v", err)
	}
	s, err := parseScript(buf.String())
	if err != nil {
		return nil, fmt.Errorf("%w (the go command would build %s)", err, strings.Join(scriptPackages(buf.String()), ", "))
	}
	// gonbgo only ever runs the compiler and linker of the go command's
	// own installation.
	goBin := realGo
	if r, err := filepath.EvalSymlinks(realGo); err == nil {
		goBin = r
	}
	tools := filepath.Join(filepath.Dir(filepath.Dir(goBin)), "pkg", "tool") + string(filepath.Separator)
	for _, c := range []command{s.Compile, s.Link} {
		if !strings.HasPrefix(c.Args[0], tools) {
			return nil, fmt.Errorf("%w: %s is not in %s", errNotReplayable, c.Args[0], tools)
		}
	}
	files, err := fingerprint(realGo, c, s)
	if err != nil {
		return nil, err
	}
	return &plan{Module: c.Module, Script: *s, Files: files}, nil
}

// quietEnv is environ without GODEBUG settings that make a Go program (the
// go command itself) write traces to its standard error, where `go build -n`
// writes its script.
func quietEnv(environ []string) []string {
	out := make([]string, 0, len(environ))
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "GODEBUG="); ok {
			var keep []string
			for _, s := range strings.Split(v, ",") {
				if name, _, _ := strings.Cut(s, "="); name != "inittrace" && name != "gctrace" &&
					name != "schedtrace" && name != "scheddetail" {
					keep = append(keep, s)
				}
			}
			kv = "GODEBUG=" + strings.Join(keep, ",")
		}
		out = append(out, kv)
	}
	return out
}

var (
	errCompile = errors.New("compiling main.go failed")
	errLink    = errors.New("linking failed")
)

// replay writes the import configurations, compiles main.go and links,
// then moves the program to the cell's output path.
func replay(p *plan, c *cell) (compile, link time.Duration, err error) {
	// The work directory sits beside the output, so that the program moves
	// into place with one rename.
	work, err := os.MkdirTemp(filepath.Dir(c.Out), ".gonbgo-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(work)
	b001 := filepath.Join(work, "b001")
	if err := os.MkdirAll(filepath.Join(b001, "exe"), 0o755); err != nil {
		return 0, 0, err
	}
	linkcfg, err := withModule(p.Script.ImportcfgLink, p.Module, c.Module)
	if err != nil {
		return 0, 0, err
	}
	if err := os.WriteFile(filepath.Join(b001, "importcfg"), []byte(p.Script.Importcfg), 0o644); err != nil {
		return 0, 0, err
	}
	if err := os.WriteFile(filepath.Join(b001, "importcfg.link"), []byte(linkcfg), 0o644); err != nil {
		return 0, 0, err
	}
	run := func(cmd command) error {
		args := withoutBuildID(cmd.Args)
		for i, a := range args {
			args[i] = strings.ReplaceAll(a, "$WORK", work)
		}
		x := exec.Command(args[0], args[1:]...)
		x.Dir = c.Dir
		x.Env = append(quietEnv(os.Environ()), cmd.Env...)
		var out bytes.Buffer
		x.Stdout, x.Stderr = &out, &out
		if err := x.Run(); err != nil {
			return fmt.Errorf("%v: %s", err, strings.TrimSpace(out.String()))
		}
		return nil
	}
	t0 := time.Now()
	if err := run(p.Script.Compile); err != nil {
		return 0, 0, fmt.Errorf("%w: %v", errCompile, err)
	}
	t1 := time.Now()
	if err := run(p.Script.Link); err != nil {
		return 0, 0, fmt.Errorf("%w: %v", errLink, err)
	}
	t2 := time.Now()
	if err := os.Rename(filepath.Join(b001, "exe", "a.out"), c.Out); err != nil {
		return 0, 0, err
	}
	return t1.Sub(t0), t2.Sub(t1), nil
}

// doesNothing reports whether the Go file at path is a program that does
// nothing but parse its flags: imports, and a main whose body is
// flag.Parse() alone. GoNB builds one for a cell that only imports
// packages; it is the same program whatever the notebook, so fastBuild
// keeps it beside the plan and reuses it in every kernel.
func doesNothing(path string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return false
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.IMPORT {
				return false
			}
		case *ast.FuncDecl:
			if d.Recv != nil || d.Name.Name != "main" {
				return false
			}
			for _, st := range d.Body.List {
				call, ok := st.(*ast.ExprStmt)
				if !ok {
					return false
				}
				if c, ok := call.X.(*ast.CallExpr); !ok || len(c.Args) != 0 || types.ExprString(c.Fun) != "flag.Parse" {
					return false
				}
			}
		}
	}
	return true
}

// linkFile puts the executable from at to as a hard link (a copy across
// file systems), through a temporary name beside to and a rename. Programs
// are never written in place: gonbgo and the go command both replace the
// output by a rename (the go command removes it first when it copies), so
// the kept program and the cell's never change under each other.
func linkFile(from, to string) error {
	tmp := filepath.Join(filepath.Dir(to), fmt.Sprintf(".gonbgo-link-%d-%d", os.Getpid(), time.Now().UnixNano()))
	if err := os.Link(from, tmp); err != nil {
		if _, serr := os.Stat(from); serr != nil {
			return serr
		}
		return copyFile(from, to)
	}
	if err := os.Rename(tmp, to); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// copyFile copies the executable from to to (writeExecutable).
func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	return writeExecutable(to, func(w io.Writer) error {
		_, err := io.Copy(w, src)
		return err
	})
}

// writeExecutable writes an executable to to through a temporary file beside
// it and a rename, write filling the temporary file.
func writeExecutable(to string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(to), ".gonbgo-*")
	if err != nil {
		return err
	}
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o755)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), to)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// keptDir, in the cell's directory, holds the last keptPrograms programs
// built there (a dot directory: the go command ignores it).
const (
	keptDir      = ".gonbgo-programs"
	keptPrograms = 4
)

// programKey names the program the plan p builds for module from main.go's
// source src: it changes with the source, the module, the compiler and
// linker commands, and the package archives the plan compiles and links
// against (the build cache names those by content, so a library edit
// changes the key).
func programKey(p *plan, module string, src []byte) string {
	h := sha256.New()
	for _, b := range [][]byte{[]byte(module), []byte(p.Script.Importcfg), []byte(p.Script.ImportcfgLink),
		[]byte(strings.Join(p.Script.Compile.Args, "\x00")), []byte(strings.Join(p.Script.Link.Args, "\x00")),
		[]byte(strings.Join(p.Script.Link.Env, "\x00")), src} {
		fmt.Fprintf(h, "%d:", len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// keep links the program just built to kept, and removes the oldest kept
// programs beyond keptPrograms.
func keep(program, kept string) {
	if err := os.MkdirAll(filepath.Dir(kept), 0o755); err != nil {
		return
	}
	if err := linkFile(program, kept); err != nil {
		return
	}
	all := newestFirst(filepath.Dir(kept))
	for _, fi := range all[min(keptPrograms, len(all)):] {
		os.Remove(filepath.Join(filepath.Dir(kept), fi.Name()))
	}
}

// newestFirst returns the files of dir (not its subdirectories), the most
// recently modified first: keep and trimStore remove from the end.
func newestFirst(dir string) []os.FileInfo {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var all []os.FileInfo
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && !e.IsDir() {
			all = append(all, fi)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ModTime().After(all[j].ModTime()) })
	return all
}
