package nbcache

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nb"
)

// Value returns what compute returns, and computes it only once in a
// notebook session: later cells read the value back instead of computing it
// again. It stops the cell, as nb.Check does, if compute returns an error.
//
//	var sel = nbcache.Value(func() (*gmmlab.Selection, error) { return grid.Fit(X) }, X)
//
// The inputs (X) are compared by content; the declaration's code is read
// from the cell's source. See the package documentation for when a value is
// computed again and which types can be kept.
func Value[T any](compute func() (T, error), inputs ...any) T {
	var v T
	cacheValues(compute, func() ([]any, error) {
		w, err := compute()
		return []any{w}, err
	}, []any{&v}, inputs)
	return v
}

// Value2 is Value for a computation with two results, such as a data set
// and its labels:
//
//	var X, y = nbcache.Value2(func() (*mat.Dense, []int, error) {
//		return datagen.MakeBlobs(datagen.Blobs{NSamples: 1_000_000, Centers: 5, RandomState: 0})
//	})
//
// Both results are kept, or neither.
func Value2[A, B any](compute func() (A, B, error), inputs ...any) (A, B) {
	var a A
	var b B
	cacheValues(compute, func() ([]any, error) {
		x, y, err := compute()
		return []any{x, y}, err
	}, []any{&a, &b}, inputs)
	return a, b
}

// check stops the cell on an error; tests replace it.
var check = nb.Check

// cacheDir returns where this kernel keeps values, or "" outside GoNB.
// Tests replace it.
var cacheDir = func() string {
	if d := os.Getenv("GONB_TMP_DIR"); d != "" {
		return filepath.Join(d, "nbcache")
	}
	return ""
}

// cacheValues fills dst (pointers to the results) from the cache, or by
// calling compute and then storing its results. It must be called directly
// by Value or Value2, called by the notebook; fn is the notebook's function.
func cacheValues(fn any, compute func() ([]any, error), dst []any, inputs []any) {
	path := cachePath(3, fn, dst, inputs)
	if path != "" {
		if data, err := os.ReadFile(path); err == nil && decodeAll(data, dst) == nil {
			return
		}
	}
	vals, err := compute()
	check(err)
	for i, v := range vals {
		if v != nil {
			reflect.ValueOf(dst[i]).Elem().Set(reflect.ValueOf(v))
		}
	}
	if path == "" {
		return
	}
	data, err := encodeAll(dst)
	if err != nil {
		return
	}
	// Keep the value only if it reads back exactly as computed.
	back := make([]any, len(dst))
	for i, d := range dst {
		back[i] = reflect.New(reflect.TypeOf(d).Elem()).Interface()
	}
	if decodeAll(data, back) != nil {
		return
	}
	if again, err := encodeAll(back); err != nil || !bytes.Equal(again, data) {
		return
	}
	writeAtomic(path, data)
}

// cachePath returns the file that holds the value of this call, or "" when
// the value cannot be cached: outside GoNB, a value or an input of a type
// nbcache cannot encode, or a source file it cannot read.
func cachePath(skip int, fn any, dst []any, inputs []any) string {
	dir := cacheDir()
	if dir == "" {
		return ""
	}
	for _, d := range dst {
		if !cacheable(reflect.TypeOf(d).Elem()) {
			return ""
		}
	}
	pc, file, line, ok := runtime.Caller(skip)
	if !ok {
		return ""
	}
	code, err := declarationClosure(file, line)
	if err != nil {
		return ""
	}
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s;", len(s), s) }
	field("nbcache 1")
	field(code)
	field(fmt.Sprint(line))
	if f := runtime.FuncForPC(pc); f != nil {
		field(f.Name())
	}
	// Two calls in one declaration differ by their functions.
	if f := runtime.FuncForPC(reflect.ValueOf(fn).Pointer()); f != nil {
		field(f.Name())
	}
	for _, d := range dst {
		t := reflect.TypeOf(d).Elem()
		field(t.PkgPath() + " " + t.String())
	}
	field(libraryStamp())
	for _, in := range inputs {
		b, err := inputBytes(in)
		if err != nil {
			return ""
		}
		field(fmt.Sprintf("%T", in))
		h.Write(b)
	}
	return filepath.Join(dir, hex.EncodeToString(h.Sum(nil))+".bin")
}

func writeAtomic(path string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}

// ---- encoding ----------------------------------------------------------------

var (
	binaryMarshaler   = reflect.TypeFor[encoding.BinaryMarshaler]()
	binaryUnmarshaler = reflect.TypeFor[encoding.BinaryUnmarshaler]()
	jsonMarshaler     = reflect.TypeFor[json.Marshaler]()
	jsonUnmarshaler   = reflect.TypeFor[json.Unmarshaler]()
)

// codec says how a type is encoded: 'b' binary marshaler, 'j' JSON
// marshaler, 'g' gob (plain data), or 0 when it cannot be.
func codec(t reflect.Type) byte {
	if marshalPair(t, binaryMarshaler, binaryUnmarshaler) {
		return 'b'
	}
	if marshalPair(t, jsonMarshaler, jsonUnmarshaler) {
		return 'j'
	}
	if plain(t, map[reflect.Type]bool{}) {
		return 'g'
	}
	return 0
}

// marshalPair reports whether values of t encode with m and decode into a
// fresh value with u: t is a pointer whose target has both, or a value
// type whose pointer has u.
func marshalPair(t reflect.Type, m, u reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		return t.Implements(m) && t.Implements(u)
	}
	return t.Implements(m) && reflect.PointerTo(t).Implements(u)
}

func cacheable(t reflect.Type) bool { return codec(t) != 0 }

// plain reports whether gob encodes values of t completely: no functions,
// channels or unexported fields anywhere in it. Interfaces are allowed, but
// only nil ones are encoded (a fit's Err field, say): encodeValue checks.
func plain(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	if t.Implements(binaryMarshaler) || t.Implements(jsonMarshaler) ||
		reflect.PointerTo(t).Implements(binaryMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) {
		return codec(t) != 0
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return true
	case reflect.Interface:
		return true
	case reflect.Slice, reflect.Array, reflect.Pointer:
		return plain(t.Elem(), seen)
	case reflect.Map:
		return plain(t.Key(), seen) && plain(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || !plain(f.Type, seen) {
				return false
			}
		}
		return true
	}
	return false
}

// hasInterface reports whether values of t can hold interface values that
// gob would encode (not those inside a marshaler, which encodes itself).
func hasInterface(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] || codec(t) == 'b' || codec(t) == 'j' {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Slice, reflect.Array, reflect.Pointer:
		return hasInterface(t.Elem(), seen)
	case reflect.Map:
		return hasInterface(t.Key(), seen) || hasInterface(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if hasInterface(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// nilInterfaces reports whether every interface value in v is nil.
func nilInterfaces(v reflect.Value, seen map[uintptr]bool) bool {
	t := v.Type()
	if !hasInterface(t, map[reflect.Type]bool{}) {
		return true
	}
	switch v.Kind() {
	case reflect.Interface:
		return v.IsNil()
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return true
		}
		seen[v.Pointer()] = true
		return nilInterfaces(v.Elem(), seen)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if !nilInterfaces(v.Index(i), seen) {
				return false
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if !nilInterfaces(it.Key(), seen) || !nilInterfaces(it.Value(), seen) {
				return false
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !nilInterfaces(v.Field(i), seen) {
				return false
			}
		}
	}
	return true
}

// encodeAll encodes the values dst points to, each as its codec says.
func encodeAll(dst []any) ([]byte, error) {
	var out bytes.Buffer
	for _, d := range dst {
		b, err := encodeValue(reflect.ValueOf(d).Elem())
		if err != nil {
			return nil, err
		}
		binary.Write(&out, binary.LittleEndian, uint64(len(b)))
		out.Write(b)
	}
	return out.Bytes(), nil
}

func encodeValue(v reflect.Value) ([]byte, error) {
	t := v.Type()
	switch codec(t) {
	case 'b':
		if t.Kind() == reflect.Pointer && v.IsNil() {
			return nil, errors.New("nbcache: nil value")
		}
		return v.Interface().(encoding.BinaryMarshaler).MarshalBinary()
	case 'j':
		if t.Kind() == reflect.Pointer && v.IsNil() {
			return nil, errors.New("nbcache: nil value")
		}
		return v.Interface().(json.Marshaler).MarshalJSON()
	case 'g':
		if hasInterface(t, map[reflect.Type]bool{}) && !nilInterfaces(v, map[uintptr]bool{}) {
			return nil, fmt.Errorf("nbcache: %s holds a non-nil interface value", t)
		}
		var buf bytes.Buffer
		// A struct wrapper lets gob encode top-level nils and zeros.
		w := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "V", Type: t}})).Elem()
		w.Field(0).Set(v)
		if err := gob.NewEncoder(&buf).EncodeValue(w); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	return nil, fmt.Errorf("nbcache: cannot encode %s", t)
}

// decodeAll decodes data into the values dst points to.
func decodeAll(data []byte, dst []any) error {
	r := bytes.NewReader(data)
	for _, d := range dst {
		var n uint64
		if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n > uint64(r.Len()) {
			return errors.New("nbcache: truncated cache entry")
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return err
		}
		if err := decodeValue(b, reflect.ValueOf(d).Elem()); err != nil {
			return err
		}
	}
	if r.Len() != 0 {
		return errors.New("nbcache: trailing data in cache entry")
	}
	return nil
}

func decodeValue(b []byte, dst reflect.Value) error {
	t := dst.Type()
	c := codec(t)
	switch c {
	case 'b', 'j':
		var target reflect.Value // a pointer the unmarshaler is called on
		if t.Kind() == reflect.Pointer {
			target = reflect.New(t.Elem())
		} else {
			target = reflect.New(t)
		}
		var err error
		if c == 'b' {
			err = target.Interface().(encoding.BinaryUnmarshaler).UnmarshalBinary(b)
		} else {
			err = target.Interface().(json.Unmarshaler).UnmarshalJSON(b)
		}
		if err != nil {
			return err
		}
		if t.Kind() == reflect.Pointer {
			dst.Set(target)
		} else {
			dst.Set(target.Elem())
		}
		return nil
	case 'g':
		w := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "V", Type: t}}))
		if err := gob.NewDecoder(bytes.NewReader(b)).DecodeValue(w); err != nil {
			return err
		}
		dst.Set(w.Elem().Field(0))
		return nil
	}
	return fmt.Errorf("nbcache: cannot decode %s", t)
}

// inputBytes is the content of an input, to compare it with the input a
// cached value was computed from.
func inputBytes(in any) ([]byte, error) {
	if m, ok := in.(mat.Matrix); ok && !reflect.ValueOf(in).IsZero() {
		r, c := m.Dims()
		buf := binary.LittleEndian.AppendUint64(nil, uint64(r))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(c))
		raw, isRaw := m.(mat.RawMatrixer)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				var x float64
				if isRaw {
					rm := raw.RawMatrix()
					x = rm.Data[i*rm.Stride+j]
				} else {
					x = m.At(i, j)
				}
				buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(x))
			}
		}
		return buf, nil
	}
	if in == nil {
		return []byte("nil"), nil
	}
	v := reflect.ValueOf(in)
	if codec(v.Type()) == 0 {
		return nil, fmt.Errorf("nbcache: cannot compare inputs of type %T", in)
	}
	return encodeValue(v)
}

// ---- what the value was computed from -----------------------------------------

// declarationClosure returns the source of the top-level declaration of file
// that holds line, and of every declaration it refers to, directly or
// through others, with the file's imports and init functions: the code a
// cached value depends on.
func declarationClosure(file string, line int) (string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	type unit struct {
		node  ast.Node
		names []string        // what it declares
		refs  map[string]bool // identifiers it uses
		recv  string          // a method's receiver type
		must  bool            // imports and init functions
	}
	var units []*unit
	add := func(n ast.Node, names []string, recv string, must bool) {
		u := &unit{node: n, names: names, refs: map[string]bool{}, recv: recv, must: must}
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				u.refs[id.Name] = true
			}
			return true
		})
		units = append(units, u)
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			recv := ""
			if d.Recv != nil && len(d.Recv.List) > 0 {
				recv = receiverType(d.Recv.List[0].Type)
			}
			add(d, []string{d.Name.Name}, recv, recv == "" && d.Name.Name == "init")
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ImportSpec:
					names, always := importNames(s)
					add(s, names, "", always)
				case *ast.TypeSpec:
					add(s, []string{s.Name.Name}, "", false)
				case *ast.ValueSpec:
					var names []string
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
					// A blank declaration runs for its side effects.
					add(s, names, "", len(names) == 1 && names[0] == "_")
				}
			}
		}
	}
	// The declaration that holds the call, and everything it reaches.
	in := map[*unit]bool{}
	var queue []*unit
	for _, u := range units {
		start, end := fset.Position(u.node.Pos()).Line, fset.Position(u.node.End()).Line
		if u.must || start <= line && line <= end {
			in[u] = true
			queue = append(queue, u)
		}
	}
	if len(queue) == 0 {
		return "", errors.New("nbcache: no declaration holds the call")
	}
	byName := map[string][]*unit{}
	for _, u := range units {
		for _, n := range u.names {
			if u.recv == "" {
				byName[n] = append(byName[n], u)
			}
		}
		if u.recv != "" {
			byName[u.recv] = append(byName[u.recv], u) // a type brings its methods
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		refs := make([]string, 0, len(u.refs))
		for r := range u.refs {
			refs = append(refs, r)
		}
		sort.Strings(refs)
		for _, r := range refs {
			for _, v := range byName[r] {
				if !in[v] {
					in[v] = true
					queue = append(queue, v)
				}
			}
		}
	}
	var b strings.Builder
	for _, u := range units { // in file order
		if in[u] {
			b.Write(src[fset.Position(u.node.Pos()).Offset:fset.Position(u.node.End()).Offset])
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// importNames returns the names an import may be used by in the file (its
// alias, or the last elements of its path, which name the package but for
// rare exceptions), and whether it must be counted in any case (dot and
// blank imports, which no selector names).
func importNames(s *ast.ImportSpec) ([]string, bool) {
	if s.Name != nil {
		return []string{s.Name.Name}, s.Name.Name == "." || s.Name.Name == "_"
	}
	p := strings.Trim(s.Path.Value, "`\"")
	elems := strings.Split(p, "/")
	names := []string{elems[len(elems)-1]}
	if len(elems) > 1 {
		names = append(names, elems[len(elems)-2]) // path/v2, gopkg.in/x.v1
	}
	for _, n := range names[:len(names):len(names)] {
		n = strings.TrimPrefix(n, "go-")
		if i := strings.IndexAny(n, ".-"); i > 0 {
			n = n[:i]
		}
		names = append(names, n)
	}
	return names, false
}

// receiverType returns T from a receiver T, *T, T[P] or *T[P].
func receiverType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// libraryStamp sums up the state of this module's Go source and data files
// (size and modification time): a library edited while a notebook runs
// makes every cached value stale. A module read from the module cache is
// immutable, and its path, which holds its version, is enough.
func libraryStamp() string {
	_, self, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(self) {
		return "unknown"
	}
	root := filepath.Dir(filepath.Dir(self))
	if strings.Contains(root, string(filepath.Separator)+"pkg"+string(filepath.Separator)+"mod"+string(filepath.Separator)) {
		return root
	}
	h := sha256.New()
	fmt.Fprintln(h, root)
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				name == "testdata" || name == "build" || name == "bin" || name == "node_modules" ||
				name == "notebooks" || name == "exercises") {
				return filepath.SkipDir
			}
			return nil
		}
		dir := filepath.Base(filepath.Dir(path))
		if !(strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") || dir == "data") {
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintln(h, path, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
}
