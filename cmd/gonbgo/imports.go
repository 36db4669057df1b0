package main

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// GoNB runs `goimports -w main.go` on every cell: main.go holds every
// import the notebook declared so far, and goimports drops those the cell's
// program does not use and adds those it uses without importing them. In a
// lesson every package a cell names is already imported, so all goimports
// does is drop imports, yet it starts by asking the go command for its
// settings and sets up its package index. fixImports does that common case
// itself and leaves every other one to the real goimports.

// fixImports does what `goimports -w FILE` would when every identifier
// FILE leaves unresolved is either predeclared, the name of one of its
// imports, or flag in flag.Parse (which GoNB writes without importing
// flag): it removes the imports FILE does not use, adds flag, and writes
// the file back if it changed. It returns false, having written nothing, when the
// real goimports must run instead: any other command line, a file that does
// not parse, another Go file in its directory, a dot or cgo import, an
// import whose package name is not its path's last element as is, or a name
// no import nor the universe declares (goimports then adds an import for
// it, or leaves the compiler to report it).
func fixImports(args []string) bool {
	if len(args) != 2 || args[0] != "-w" || !strings.HasSuffix(args[1], ".go") {
		return false
	}
	path := args[1]
	if others, err := filepath.Glob(filepath.Join(filepath.Dir(path), "*.go")); err != nil ||
		len(others) != 1 || filepath.Base(others[0]) != filepath.Base(path) {
		return false
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	out, why := withoutUnusedImports(src)
	if why != "" {
		logf("goimports %s: real goimports: %s", path, why)
		return false
	}
	if out == nil {
		return true
	}
	return os.WriteFile(path, out, 0o644) == nil
}

// withoutUnusedImports returns src without the imports it does not use, or
// nil if it uses them all; or why it cannot tell for sure (see fixImports).
func withoutUnusedImports(src []byte) ([]byte, string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments)
	if err != nil {
		return nil, err.Error()
	}
	byName := map[string]bool{} // the names the imports declare
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || p == "C" {
			return nil, "import " + imp.Path.Value
		}
		name := packageName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		switch name {
		case "", ".":
			return nil, "import " + imp.Path.Value
		case "_":
			continue
		}
		byName[name] = true
	}
	// The parser resolves every identifier declared in the file; what it
	// leaves is package names, predeclared names and undeclared ones.
	used := map[string]bool{}
	var missing []string
	for _, id := range f.Unresolved {
		switch {
		case byName[id.Name]:
			used[id.Name] = true
		case id.Name == "_" || types.Universe.Lookup(id.Name) != nil:
		case id.Name == "flag" && !slices.Contains(missing, "flag"):
			missing = append(missing, "flag") // checked below
		default:
			return nil, "undeclared " + id.Name
		}
	}
	// GoNB's main calls flag.Parse() without importing flag, and leaves
	// goimports to add it: the one package named flag.
	if len(missing) > 0 {
		var why string
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "flag" && id.Obj == nil && sel.Sel.Name != "Parse" {
					why = "flag." + sel.Sel.Name
				}
			}
			return true
		})
		if why != "" {
			return nil, why
		}
	}
	changed := len(missing) > 0
	decls := f.Decls[:0]
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			decls = append(decls, d)
			continue
		}
		specs := g.Specs[:0]
		for _, s := range g.Specs {
			imp := s.(*ast.ImportSpec)
			name := packageName(strings.Trim(imp.Path.Value, "`\""))
			if imp.Name != nil {
				name = imp.Name.Name
			}
			if name == "_" || used[name] {
				specs = append(specs, s)
			} else {
				changed = true
			}
		}
		g.Specs = specs
		if len(specs) > 0 {
			decls = append(decls, g)
		}
	}
	if !changed {
		return nil, ""
	}
	f.Decls = decls
	for _, path := range missing {
		astutil.AddImport(fset, f, path)
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err.Error()
	}
	return buf.Bytes(), ""
}

// identifier matches a Go identifier in ASCII, the only package names
// packageName vouches for.
var (
	identifier   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	majorVersion = regexp.MustCompile(`^v[0-9]+$`)
)

// packageName returns the name a package imported by path declares when
// that is its path's last element as is (every standard library package,
// and the usual module package), or "" when it could be anything else: a
// major version suffix (v2), a dot or a dash in the element, a keyword.
func packageName(path string) string {
	name := path[strings.LastIndex(path, "/")+1:]
	if !identifier.MatchString(name) || token.IsKeyword(name) || majorVersion.MatchString(name) {
		return ""
	}
	return name
}
