package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The program store keeps the programs gonbgo links, across kernels, so that
// a cell another kernel has already run (the same main.go: the same
// declarations before it and the same body, against the same libraries and
// settings) gets its program without compiling or linking.
//
// GoNB gives every kernel its own module, gonb_<id>, in a directory of the
// same name, and that name is the only thing in a cell's program that
// differs between kernels: it appears in the program's build information
// and in the path of main.go its tables record (stack traces print it, and
// GoNB maps those lines back to the cell's). A program from the store is the
// stored one with the storing kernel's name replaced by this kernel's, of
// the same length: byte for byte the program this kernel would link
// (TestProgramStoreServesTheSameBytes builds both and compares).

// storeDirs returns the writable store directory ($GONBGO_PROGRAMS, or
// programs/ in the plan directory) and the read-only ones to look in too
// ($GONBGO_PROGRAMS_SHARED, a list like PATH). GONBGO_PROGRAMS=off turns
// the store off: every cell new to its kernel is then compiled and linked.
func storeDirs() (own string, shared []string, ok bool) {
	own = os.Getenv("GONBGO_PROGRAMS")
	if own == "off" {
		return "", nil, false
	}
	if own == "" {
		pdir, err := planDir()
		if err != nil {
			return "", nil, false
		}
		own = filepath.Join(pdir, "programs")
	}
	for _, d := range filepath.SplitList(os.Getenv("GONBGO_PROGRAMS_SHARED")) {
		if d != "" {
			shared = append(shared, d)
		}
	}
	return own, shared, true
}

// storeMaxBytes is how much the writable store keeps before it removes the
// programs used least recently: $GONBGO_PROGRAMS_MAX_MB megabytes, 2048 by
// default (the thirteen lessons' programs take about 540).
func storeMaxBytes() int64 {
	if mb, err := strconv.ParseInt(os.Getenv("GONBGO_PROGRAMS_MAX_MB"), 10, 64); err == nil && mb >= 0 {
		return mb << 20
	}
	return 2048 << 20
}

// isKernelModule reports whether name has the shape of the module names
// GoNB gives kernels (gonb_ and hexadecimal digits): letters, digits and _.
func isKernelModule(name string) bool {
	for _, r := range name {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_') {
			return false
		}
	}
	return name != ""
}

// storeKey names the program plan p links for cell c from main.go's source
// src in every kernel alike, or is "" when the cell is not laid out as GoNB
// lays out a kernel's (a directory named after its module) or when src
// itself holds the module's name (replacing it would change the program).
func storeKey(p *plan, c *cell, src []byte) string {
	if src == nil || !isKernelModule(c.Module) || filepath.Base(c.Dir) != c.Module || bytes.Contains(src, []byte(c.Module)) {
		return ""
	}
	if !isKernelModule(p.Module) {
		return ""
	}
	// The plan too may come from this kernel (a learner's own plans, on the
	// hub): its module's name and the go command's build IDs (which hash it
	// in, and which the replay drops) are left out of the key, which is
	// otherwise a kept program's (programKey), with the kernels' directory
	// and the length of their names in the module's place.
	const module = "\x00module\x00"
	norm := func(s string) string { return strings.ReplaceAll(s, p.Module, module) }
	normArgs := func(a []string) []string {
		out := withoutBuildID(a)
		for i := range out {
			out[i] = norm(out[i])
		}
		return out
	}
	n := plan{Script: p.Script}
	n.Script.Importcfg, n.Script.ImportcfgLink = norm(p.Script.Importcfg), norm(p.Script.ImportcfgLink)
	n.Script.Compile.Args, n.Script.Link.Args = normArgs(p.Script.Compile.Args), normArgs(p.Script.Link.Args)
	return programKey(&n, fmt.Sprintf("gonbgo store 3\x00%s\x00%d", filepath.Dir(c.Dir), len(c.Module)), src)
}

// storeName is the file a kernel's program is stored as: the key, then the
// module whose name the program holds.
func storeName(key, module string) string { return key + "-" + module }

// fromStore writes the stored program for key, if any store has it, to
// c.Out with c's module name, and reports where it came from.
func fromStore(key string, c *cell) (string, bool) {
	own, shared, ok := storeDirs()
	if !ok || key == "" {
		return "", false
	}
	for _, dir := range append([]string{own}, shared...) {
		matches, _ := filepath.Glob(filepath.Join(dir, key+"-*"))
		for _, path := range matches {
			old := strings.TrimPrefix(filepath.Base(path), key+"-")
			if len(old) != len(c.Module) || !isKernelModule(old) {
				continue
			}
			prog, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			if old != c.Module {
				prog = bytes.ReplaceAll(prog, []byte(old), []byte(c.Module))
			}
			if err := writeExecutable(c.Out, func(w io.Writer) error {
				_, err := w.Write(prog)
				return err
			}); err != nil {
				continue
			}
			if dir == own {
				now := time.Now()
				os.Chtimes(path, now, now) // used: the last to go
			}
			return dir, true
		}
	}
	return "", false
}

// toStore keeps the program just linked at c.Out under key in the writable
// store, then trims the store to storeMaxBytes.
func toStore(key string, c *cell) {
	own, _, ok := storeDirs()
	if !ok || key == "" {
		return
	}
	if err := os.MkdirAll(own, 0o755); err != nil {
		return
	}
	if err := linkFile(c.Out, filepath.Join(own, storeName(key, c.Module))); err != nil {
		return
	}
	trimStore(own, storeMaxBytes())
}

// trimStore removes the programs used least recently until those left
// take at most max bytes.
func trimStore(dir string, max int64) {
	var programs []os.FileInfo
	var total int64
	for _, fi := range newestFirst(dir) {
		if !strings.HasPrefix(fi.Name(), ".") {
			programs = append(programs, fi)
			total += fi.Size()
		}
	}
	for i := len(programs) - 1; i >= 0 && total > max; i-- {
		if os.Remove(filepath.Join(dir, programs[i].Name())) == nil {
			total -= programs[i].Size()
		}
	}
}

// Plans for every learner.
//
// A plan is keyed on the environment of the go command, the user's home and
// cache settings included, so on the hub every learner's gonbgo makes its
// own plans: the first cell of each new set of imports runs `go build -n`
// (0.2 to 0.4 s) even when the store then gives its program. The hub's
// prebuild (GONBGO_SHARE_PLANS=1) also writes each plan it makes to plans/
// in its store, under a key that leaves out what differs between learners
// and does not change what the go command would do for them: HOME, GOCACHE,
// GOCACHEPROG and XDG_CACHE_HOME, the build cache's location (every archive
// a plan names is checked to exist, and the build cache names archives by
// content). The go command's own settings file (GOENV, under the home) goes
// into that key by content instead, and HOME stays in it unless GOMODCACHE
// is set. A learner's gonbgo looks there, in every shared store, before it
// makes a plan of its own, takes a plan whose sources and archives are
// unchanged, and keeps a copy among its own plans.

// portableKey is c's plan key for every user alike, or "" when the
// environment leaves the module cache under the home.
func portableKey(realGo string, c *cell, environ []string) string {
	var keep []string
	modcache := false
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "HOME", "GOCACHE", "GOCACHEPROG", "XDG_CACHE_HOME":
			continue
		case "GOMODCACHE":
			modcache = true
		}
		keep = append(keep, kv)
	}
	if !modcache {
		return ""
	}
	goenv, err := exec.Command(realGo, "env", "GOENV").Output()
	if err != nil {
		return ""
	}
	settings, _ := os.ReadFile(strings.TrimSpace(string(goenv)))
	keep = append(keep, "GO_PORTABLE_PLAN=1", "GOENV_FILE="+string(settings))
	return c.key(realGo, keep)
}

// sharedPlan returns a plan for c from the shared stores' plans/, if one is
// there and still good.
func sharedPlan(realGo string, c *cell) *plan {
	_, shared, ok := storeDirs()
	if !ok || len(shared) == 0 {
		return nil
	}
	key := portableKey(realGo, c, os.Environ())
	if key == "" {
		return nil
	}
	for _, dir := range shared {
		p, err := loadPlan(filepath.Join(dir, "plans", key+".json"))
		if err != nil {
			continue
		}
		if why := p.stale(); why != "" {
			logf("shared plan %s is stale (%s)", key[:12], why)
			continue
		}
		return p
	}
	return nil
}

// sharePlan writes p, just made, to plans/ in the writable store when
// GONBGO_SHARE_PLANS=1 (the hub's prebuild).
func sharePlan(realGo string, c *cell, p *plan) {
	own, _, ok := storeDirs()
	if !ok || os.Getenv("GONBGO_SHARE_PLANS") != "1" {
		return
	}
	if key := portableKey(realGo, c, os.Environ()); key != "" {
		if err := p.save(filepath.Join(own, "plans", key+".json")); err != nil {
			logf("plan not shared: %v", err)
		}
	}
}
