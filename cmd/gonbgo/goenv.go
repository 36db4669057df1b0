package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// goimports, which GoNB runs on every cell, starts by asking the go command
// for its settings (`go env -json GOMOD GOPATH ...`): a go command start-up
// and module-graph load for an answer that only changes when the
// environment, the go installation, its configuration files or the cell
// directory's go.mod and go.work do. cachedGoEnv answers it from a cache
// keyed on exactly those.

// isCellGoEnv reports whether args is a read-only `go env -json NAME...`
// that cachedGoEnv may answer.
func isCellGoEnv(args []string) bool {
	if len(args) < 3 || args[0] != "env" || args[1] != "-json" {
		return false
	}
	for _, a := range args[2:] {
		if a == "" || strings.HasPrefix(a, "-") || strings.Contains(a, "=") {
			return false
		}
	}
	return true
}

// goEnvKey names the cached answer for args run in dir, or returns "" when
// the answer could depend on more than the key sees: the go command looks
// for go.mod and go.work in parent directories when dir has none.
func goEnvKey(realGo, dir string, args, environ []string) string {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return ""
	}
	work := os.Getenv("GOWORK")
	if work == "" {
		work = filepath.Join(dir, "go.work")
		if _, err := os.Stat(work); err != nil {
			return ""
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00env\x00%s\x00%s\x00%s\x00", planVersion, realGo, dir, strings.Join(args, "\x00"))
	for _, kv := range envKey(environ) {
		fmt.Fprintf(h, "%s\x00", kv)
	}
	config := os.Getenv("GOENV")
	if config == "" {
		if d, err := os.UserConfigDir(); err == nil {
			config = filepath.Join(d, "go", "env")
		}
	}
	goroot := filepath.Dir(filepath.Dir(realGo))
	for _, p := range []string{realGo, config, filepath.Join(goroot, "go.env"), filepath.Join(dir, "go.mod"), work} {
		st, err := stamp(p)
		fmt.Fprintf(h, "%s %v %d %d\x00", p, err == nil, st.Size, st.ModTime)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cachedGoEnv prints the cached answer to `go env -json ...`, or asks the
// go command and keeps its answer. It returns false, having written
// nothing, when the real go command must answer.
func cachedGoEnv(realGo string, args []string, w io.Writer) bool {
	dir, err := os.Getwd()
	if err != nil {
		return false
	}
	key := goEnvKey(realGo, dir, args, os.Environ())
	pdir, err := planDir()
	if key == "" || err != nil {
		return false
	}
	path := filepath.Join(pdir, "env-"+key+".json")
	if b, err := os.ReadFile(path); err == nil {
		_, err = w.Write(b)
		return err == nil
	}
	cmd := exec.Command(realGo, args...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		return false // the real go command reports the error
	}
	writeAtomic(path, stdout.Bytes()) // a cache: if it cannot be written, the next call asks again
	_, err = w.Write(stdout.Bytes())
	return err == nil
}
