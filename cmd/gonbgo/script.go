package main

import (
	"bufio"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// script is what `go build -n` would run for the cell's main package, in the
// one form gonbgo replays: write two import configurations, compile main.go,
// link.
type script struct {
	// Importcfg and ImportcfgLink are the contents of $WORK/b001/importcfg
	// (the compiler's: main.go's imports) and $WORK/b001/importcfg.link (the
	// linker's: every package, and the module information).
	Importcfg, ImportcfgLink string
	// Compile and Link are the two commands, $WORK still unexpanded. Their
	// Env holds the NAME=value assignments the go command puts before a
	// command (GOROOT=... before the linker).
	Compile, Link command
}

type command struct {
	Env  []string
	Args []string
}

// errNotReplayable says the go command would do more than compile main.go
// and link: gonbgo then lets it build.
var errNotReplayable = errors.New("not a one-compile, one-link build")

// parseScript reads the output of `go build -n -o out` run in the cell's
// directory. It returns errNotReplayable, wrapped, for any script other than
// the one gonbgo knows how to replay.
func parseScript(out string) (*script, error) {
	var s script
	files := map[string]*string{
		"$WORK/b001/importcfg":      &s.Importcfg,
		"$WORK/b001/importcfg.link": &s.ImportcfgLink,
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "", strings.HasPrefix(trimmed, "#"),
			strings.HasPrefix(trimmed, "mkdir -p "),
			strings.HasPrefix(trimmed, "cd "),
			strings.HasPrefix(trimmed, "rm -rf $WORK/b001"),
			strings.HasPrefix(trimmed, "mv $WORK/b001/exe/a.out "),
			strings.HasPrefix(trimmed, "go tool buildid -w $WORK/b001/") && strings.HasSuffix(trimmed, "# internal"):
			// Bookkeeping gonbgo does its own way, or not at all.
		case strings.HasPrefix(trimmed, "cat >"):
			name, ok := heredocTarget(trimmed)
			dst := files[name]
			if !ok || dst == nil || seen[name] {
				return nil, fmt.Errorf("%w: writes %s", errNotReplayable, trimmed)
			}
			seen[name] = true
			var body strings.Builder
			closed := false
			for sc.Scan() {
				if sc.Text() == "EOF" {
					closed = true
					break
				}
				body.WriteString(sc.Text())
				body.WriteByte('\n')
			}
			if !closed {
				return nil, fmt.Errorf("%w: unterminated %s", errNotReplayable, name)
			}
			*dst = body.String()
		default:
			cmd, err := splitCommand(trimmed)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", errNotReplayable, err)
			}
			var slot *command
			switch filepath.Base(cmd.Args[0]) {
			case "compile":
				slot = &s.Compile
			case "link":
				slot = &s.Link
			}
			if slot == nil || slot.Args != nil {
				return nil, fmt.Errorf("%w: runs %s", errNotReplayable, trimmed)
			}
			*slot = cmd
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if s.Compile.Args == nil || s.Link.Args == nil || !seen["$WORK/b001/importcfg"] || !seen["$WORK/b001/importcfg.link"] {
		return nil, fmt.Errorf("%w: no compile and link of main", errNotReplayable)
	}
	if !hasArg(s.Compile.Args, "-o", "$WORK/b001/_pkg_.a") || !hasArg(s.Link.Args, "-o", "$WORK/b001/exe/a.out") {
		return nil, fmt.Errorf("%w: compile or link writes elsewhere", errNotReplayable)
	}
	// Every package the link needs must already be built: an archive in
	// $WORK, other than main's own, is one the go command would compile
	// first.
	for _, cfg := range []string{s.Importcfg, s.ImportcfgLink} {
		for _, p := range packageFiles(cfg) {
			if p == "$WORK/b001/_pkg_.a" && cfg == s.ImportcfgLink {
				continue
			}
			if strings.Contains(p, "$WORK") || !filepath.IsAbs(p) {
				return nil, fmt.Errorf("%w: package archive %s is not built yet", errNotReplayable, p)
			}
		}
	}
	return &s, nil
}

// heredocTarget returns F from `cat >F << 'EOF' # internal`.
func heredocTarget(line string) (string, bool) {
	rest := strings.TrimPrefix(line, "cat >")
	name, tail, ok := strings.Cut(rest, " << 'EOF'")
	if !ok || strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(tail), "# internal")) != "" {
		return "", false
	}
	return name, true
}

// splitCommand splits one command line of `go build -n` into its leading
// NAME='value' environment assignments and its arguments. The go command
// writes an argument as is, or Go-quoted (strconv.Quote) when it holds
// spaces or shell metacharacters.
func splitCommand(line string) (command, error) {
	var cmd command
	for rest := strings.TrimLeft(line, " "); rest != ""; rest = strings.TrimLeft(rest, " ") {
		var tok string
		if rest[0] == '"' {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return cmd, fmt.Errorf("bad quoting in %q", line)
			}
			tok, _ = strconv.Unquote(q)
			rest = rest[len(q):]
		} else if name, value, ok := envAssignment(rest); ok && cmd.Args == nil {
			cmd.Env = append(cmd.Env, name+"="+value.val)
			rest = rest[value.n:]
			continue
		} else {
			end := strings.IndexByte(rest, ' ')
			if end < 0 {
				end = len(rest)
			}
			tok = rest[:end]
			if strings.ContainsAny(tok, "'\"|&;<>()`\\") {
				return cmd, fmt.Errorf("shell syntax in %q", line)
			}
			rest = rest[end:]
		}
		cmd.Args = append(cmd.Args, tok)
	}
	if len(cmd.Args) == 0 {
		return cmd, fmt.Errorf("empty command")
	}
	return cmd, nil
}

type consumed struct {
	val string
	n   int
}

// envAssignment reads NAME='value' (the go command's form) at the start of s.
func envAssignment(s string) (string, consumed, bool) {
	eq := strings.IndexByte(s, '=')
	if eq <= 0 || strings.ContainsAny(s[:eq], " '\"/") {
		return "", consumed{}, false
	}
	name := s[:eq]
	for _, r := range name {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return "", consumed{}, false
		}
	}
	rest := s[eq+1:]
	if !strings.HasPrefix(rest, "'") {
		return "", consumed{}, false
	}
	end := strings.IndexByte(rest[1:], '\'')
	if end < 0 {
		return "", consumed{}, false
	}
	return name, consumed{val: rest[1 : 1+end], n: eq + 1 + end + 2}, true
}

func hasArg(args []string, flag, value string) bool {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == flag && args[i+1] == value {
			return true
		}
	}
	return false
}

// packageFiles returns the archive paths of an import configuration's
// `packagefile path=file` lines.
func packageFiles(cfg string) []string {
	var files []string
	for _, line := range strings.Split(cfg, "\n") {
		if rest, ok := strings.CutPrefix(line, "packagefile "); ok {
			if _, file, ok := strings.Cut(rest, "="); ok {
				files = append(files, file)
			}
		}
	}
	return files
}

// withModule rewrites the module information line of an importcfg.link
// (`modinfo "..."`, the text runtime/debug.ReadBuildInfo returns) from
// module path old to new: GoNB names each kernel's module differently.
func withModule(cfg, old, new string) (string, error) {
	if old == new {
		return cfg, nil
	}
	lines := strings.Split(cfg, "\n")
	for i, line := range lines {
		q, ok := strings.CutPrefix(line, "modinfo ")
		if !ok {
			continue
		}
		info, err := strconv.Unquote(q)
		if err != nil {
			return "", fmt.Errorf("gonbgo: bad modinfo line: %v", err)
		}
		info = strings.Replace(info, "path\t"+old+"\n", "path\t"+new+"\n", 1)
		info = strings.Replace(info, "mod\t"+old+"\t", "mod\t"+new+"\t", 1)
		lines[i] = "modinfo " + strconv.Quote(info)
	}
	return strings.Join(lines, "\n"), nil
}

// withoutBuildID drops the go command's build IDs from a command line: a
// replayed binary must never pass for one the go command built.
func withoutBuildID(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "-buildid" && i+1 < len(args):
			i++
		case strings.HasPrefix(args[i], "-buildid="):
		default:
			out = append(out, args[i])
		}
	}
	return out
}

// scriptPackages lists the packages a `go build -n` script builds, from its
// "# import/path" headers.
func scriptPackages(out string) []string {
	var pkgs []string
	lines := strings.Split(out, "\n")
	for i := 1; i+1 < len(lines); i++ {
		if lines[i-1] == "#" && lines[i+1] == "#" && strings.HasPrefix(lines[i], "# ") {
			pkgs = append(pkgs, strings.TrimPrefix(lines[i], "# "))
		}
	}
	return pkgs
}
