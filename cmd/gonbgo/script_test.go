package main

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// sampleScript is `go build -n -o /tmp/cell/prog` for a cell importing fmt
// and flag, as go1.26 prints it (package archives shortened).
const sampleScript = `mkdir -p $WORK/b001/

#
# gonb_1234
#

cat >$WORK/b001/importcfg << 'EOF' # internal
# import config
packagefile flag=/cache/54/flag-d
packagefile fmt=/cache/a2/fmt-d
EOF
cd /tmp/cell
/go/pkg/tool/linux_amd64/compile -o $WORK/b001/_pkg_.a -trimpath "$WORK/b001=>" -p main -lang=go1.26 -complete -buildid r3ml/r3ml -goversion go1.26.8 -c=2 -nolocalimports -importcfg $WORK/b001/importcfg -pack ./main.go
go tool buildid -w $WORK/b001/_pkg_.a # internal
cat >$WORK/b001/importcfg.link << 'EOF' # internal
packagefile gonb_1234=$WORK/b001/_pkg_.a
packagefile flag=/cache/54/flag-d
packagefile fmt=/cache/a2/fmt-d
packagefile runtime=/cache/be/runtime-d
modinfo "0w\xaf\f\x92t\b\x02A\xe1\xc1\a\xe6\xd6\x18\xe6path\tgonb_1234\nmod\tgonb_1234\t(devel)\t\nbuild\t-ldflags=\"-linkmode=internal -w\"\n\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2"
EOF
mkdir -p $WORK/b001/exe/
cd .
GOROOT='/go' /go/pkg/tool/linux_amd64/link -o $WORK/b001/exe/a.out -importcfg $WORK/b001/importcfg.link -buildmode=exe -buildid=C9f8/r3ml/r3ml/C9f8 -linkmode=internal -w -extld=gcc $WORK/b001/_pkg_.a
go tool buildid -w $WORK/b001/exe/a.out # internal
mkdir -p /tmp/cell/
mv $WORK/b001/exe/a.out /tmp/cell/prog
rm -rf $WORK/b001/
`

func TestParseScript(t *testing.T) {
	s, err := parseScript(sampleScript)
	if err != nil {
		t.Fatal(err)
	}
	wantCompile := []string{"/go/pkg/tool/linux_amd64/compile", "-o", "$WORK/b001/_pkg_.a", "-trimpath", "$WORK/b001=>",
		"-p", "main", "-lang=go1.26", "-complete", "-buildid", "r3ml/r3ml", "-goversion", "go1.26.8", "-c=2",
		"-nolocalimports", "-importcfg", "$WORK/b001/importcfg", "-pack", "./main.go"}
	if !reflect.DeepEqual(s.Compile.Args, wantCompile) || s.Compile.Env != nil {
		t.Errorf("compile = %q %q,\nwant %q", s.Compile.Env, s.Compile.Args, wantCompile)
	}
	if want := []string{"GOROOT=/go"}; !reflect.DeepEqual(s.Link.Env, want) {
		t.Errorf("link env = %q, want %q", s.Link.Env, want)
	}
	if got := s.Link.Args[len(s.Link.Args)-4:]; !reflect.DeepEqual(got, []string{"-linkmode=internal", "-w", "-extld=gcc", "$WORK/b001/_pkg_.a"}) {
		t.Errorf("link ends with %q", got)
	}
	if want := "# import config\npackagefile flag=/cache/54/flag-d\npackagefile fmt=/cache/a2/fmt-d\n"; s.Importcfg != want {
		t.Errorf("importcfg = %q, want %q", s.Importcfg, want)
	}
	if got := packageFiles(s.ImportcfgLink); len(got) != 4 || got[3] != "/cache/be/runtime-d" {
		t.Errorf("importcfg.link archives = %q", got)
	}
}

// A script that would do more than compile main.go and link is never
// replayed: the go command builds instead.
func TestParseScriptRejects(t *testing.T) {
	for _, tc := range []struct{ name, from, to string }{
		{"a library package to compile first", "packagefile fmt=/cache/a2/fmt-d\nEOF\ncd",
			"packagefile fmt=$WORK/b002/_pkg_.a\nEOF\ncd"},
		{"a second compile", "go tool buildid -w $WORK/b001/_pkg_.a # internal",
			"/go/pkg/tool/linux_amd64/compile -o $WORK/b002/_pkg_.a -p lib ./lib.go"},
		{"a C compiler run", "mkdir -p $WORK/b001/exe/", "gcc -c x.c -o $WORK/b001/x.o"},
		{"no link", "GOROOT='/go' /go/pkg/tool/linux_amd64/link", "true"},
		{"a cgo file written", "cat >$WORK/b001/importcfg.link", "cat >$WORK/b001/_cgo_main.c"},
		{"shell syntax", "-c=2 -nolocalimports", "-c=2 $(whoami) -nolocalimports"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(sampleScript, tc.from, tc.to, 1)
			if src == sampleScript {
				t.Fatalf("the test does not change the script")
			}
			if _, err := parseScript(src); !errors.Is(err, errNotReplayable) {
				t.Errorf("parseScript = %v, want errNotReplayable", err)
			}
		})
	}
}

func TestSplitCommand(t *testing.T) {
	for _, tc := range []struct {
		line string
		env  []string
		args []string
	}{
		{`compile -o x ./main.go`, nil, []string{"compile", "-o", "x", "./main.go"}},
		{`GOROOT='/usr/local/go' A='b c' link -X "a b" "x\"y"`, []string{"GOROOT=/usr/local/go", "A=b c"},
			[]string{"link", "-X", "a b", `x"y`}},
		{`compile -trimpath "$WORK/b001=>" -p main`, nil, []string{"compile", "-trimpath", "$WORK/b001=>", "-p", "main"}},
		{`link -buildid=a/b NAME='late' x`, nil, []string{"link", "-buildid=a/b", "NAME='late'", "x"}},
	} {
		cmd, err := splitCommand(tc.line)
		if strings.Contains(tc.line, "NAME='late'") {
			// An assignment after the command name is an argument with
			// quotes: shell syntax gonbgo does not replay.
			if err == nil {
				t.Errorf("splitCommand(%q) accepted a quoted argument", tc.line)
			}
			continue
		}
		if err != nil {
			t.Errorf("splitCommand(%q): %v", tc.line, err)
			continue
		}
		if !reflect.DeepEqual(cmd.Env, tc.env) || !reflect.DeepEqual(cmd.Args, tc.args) {
			t.Errorf("splitCommand(%q) = %q %q, want %q %q", tc.line, cmd.Env, cmd.Args, tc.env, tc.args)
		}
	}
}

func TestWithModule(t *testing.T) {
	s, err := parseScript(sampleScript)
	if err != nil {
		t.Fatal(err)
	}
	got, err := withModule(s.ImportcfgLink, "gonb_1234", "gonb_99")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "gonb_1234\\t") || !strings.Contains(got, `path\tgonb_99\nmod\tgonb_99\t(devel)`) {
		t.Errorf("modinfo not rewritten:\n%s", got)
	}
	// The packagefile lines stay as they are (the main package's name in
	// them is the linker's business, not the binary's).
	if !strings.Contains(got, "packagefile runtime=/cache/be/runtime-d\n") {
		t.Errorf("packagefile lines changed:\n%s", got)
	}
	same, _ := withModule(s.ImportcfgLink, "gonb_1234", "gonb_1234")
	if same != s.ImportcfgLink {
		t.Errorf("withModule changed the configuration for the same module")
	}
}

func TestWithoutBuildID(t *testing.T) {
	got := withoutBuildID([]string{"compile", "-buildid", "a/a", "-p", "main", "-buildid=b/c/d", "x.go"})
	if want := []string{"compile", "-p", "main", "x.go"}; !reflect.DeepEqual(got, want) {
		t.Errorf("withoutBuildID = %q, want %q", got, want)
	}
}

func TestWorkUses(t *testing.T) {
	src := "go 1.26\n\nuse (\n\t.\n\t/work/lib // the library\n\t\"/a b\"\n)\n\nuse ../other\n"
	if got, want := workUses([]byte(src)), []string{".", "/work/lib", "/a b", "../other"}; !reflect.DeepEqual(got, want) {
		t.Errorf("workUses = %q, want %q", got, want)
	}
}

func TestIsCellBuild(t *testing.T) {
	t.Setenv("GOFLAGS", "'-ldflags=-linkmode=internal -w' -modcacherw")
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"build", "-o", "/tmp/gonb_1/gonb_1"}, true},
		{[]string{"build", "-o", "/tmp/gonb_1/gonb_1", "-race"}, false}, // %goflags
		{[]string{"test", "-c", "-o", "x"}, false},
		{[]string{"build", "."}, false},
		{[]string{"env", "-json", "GOMOD"}, false},
	} {
		if got := isCellBuild(tc.args); got != tc.want {
			t.Errorf("isCellBuild(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
	t.Setenv("GOFLAGS", "-x")
	if isCellBuild([]string{"build", "-o", "x"}) {
		t.Errorf("isCellBuild with GOFLAGS=-x: the go command must show its commands itself")
	}
}
