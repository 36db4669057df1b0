package main

import (
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"testing"

	"golang.org/x/tools/imports"
)

// importPaths returns the paths src imports, with their names when given.
func importPaths(t *testing.T, src []byte) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, parser.ImportsOnly)
	if err != nil {
		t.Fatalf("%v in\n%s", err, src)
	}
	var paths []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if imp.Name != nil {
			p = imp.Name.Name + " " + p
		}
		paths = append(paths, p)
	}
	return paths
}

// withoutUnusedImports keeps the imports goimports (golang.org/x/tools/imports,
// what cmd/goimports runs) keeps, and declines whatever needs goimports to
// look packages up.
func TestWithoutUnusedImports(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		ok        bool // withoutUnusedImports decides alone
	}{
		{"cell", `package main

import (
	"flag"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/datagen"
	"github.com/gmmlab/gmmlab/plotting"
)

var data = datagen.OldFaithful()

func main() {
	flag.Parse()
	rows, cols := data.X.Dims()
	fmt.Println("shape:", rows, cols, len(data.FeatureNames), max(rows, 2), error(nil), any(nil))
}
`, true},
		{"GoNB leaves flag to goimports", `package main

import (
	"fmt"
	"gonum.org/v1/gonum/mat"
)

var x = 2

func main() {
	flag.Parse()
	fmt.Println(x)
}
`, true},
		{"only imports, without flag", `package main

import (
	"fmt"
	"gonum.org/v1/gonum/mat"
)

func main() {
	flag.Parse()

}
`, true},
		{"flag beyond Parse", `package main

func main() {
	flag.Parse()
	println(flag.NArg())
}
`, false},
		{"all used", `package main

import (
	"flag"
	"fmt"
)

func main() {
	flag.Parse()
	fmt.Println(1)
}
`, true},
		{"only imports", `package main

import (
	"flag"
	"fmt"
	"gonum.org/v1/gonum/mat"
)

func main() {
	flag.Parse()
}
`, true},
		{"named and blank imports", `package main

import (
	"flag"
	_ "embed"
	m "gonum.org/v1/gonum/mat"
	f "fmt"
	s "strings"
)

type T struct{ A int }

func main() {
	flag.Parse()
	var t = T{A: 1}
	f.Println(t, helper[int](2))
	_ = t
}

func helper[E any](e E) E { return e }
`, true},
		{"a local name shadows a package", `package main

import (
	"flag"
	"fmt"
)

func main() {
	flag.Parse()
	fmt := 3
	_ = fmt
}
`, true},
		{"a missing import", `package main

import "flag"

func main() {
	flag.Parse()
	println(strings.ToUpper("a"))
}
`, false},
		{"an undefined name", `package main

import "flag"

func main() {
	flag.Parse()
	println(undefinedName)
}
`, false},
		{"a dot import", `package main

import (
	"flag"
	. "math"
)

func main() {
	flag.Parse()
	println(Pi)
}
`, false},
		{"a major version", `package main

import (
	"flag"
	"math/rand/v2"
)

func main() {
	flag.Parse()
	println(rand.N(3))
}
`, false},
		{"a syntax error", `package main

func main() {
`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, why := withoutUnusedImports([]byte(tc.src))
			if ok := why == ""; ok != tc.ok {
				t.Fatalf("decided alone: %v (%s), want %v", ok, why, tc.ok)
			}
			if !tc.ok {
				return
			}
			if out == nil {
				out = []byte(tc.src)
			}
			want, err := imports.Process("main.go", []byte(tc.src), &imports.Options{Comments: true, TabIndent: true, TabWidth: 8, FormatOnly: false})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := importPaths(t, out), importPaths(t, want); !reflect.DeepEqual(got, want) {
				t.Errorf("imports %q, goimports keeps %q\n%s", got, want, out)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), "main.go", out, 0); err != nil {
				t.Errorf("%v in\n%s", err, out)
			}
		})
	}
}
