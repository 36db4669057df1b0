package nbcache

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"hash/fnv"
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
	if data, ok := readsBack(dst); ok {
		writeAtomic(path, data)
	}
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
	h := fnv.New128a()
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
		if hashInput(h, in) != nil {
			return ""
		}
	}
	return filepath.Join(dir, fmt.Sprintf("%x.bin", h.Sum(nil)))
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

// readsBack encodes the values dst points to and reports whether they read
// back exactly as they are: only then are they kept.
func readsBack(dst []any) ([]byte, bool) {
	data, err := encodeAll(dst)
	if err != nil {
		return nil, false
	}
	back := make([]any, len(dst))
	for i, d := range dst {
		back[i] = reflect.New(reflect.TypeOf(d).Elem()).Interface()
	}
	if decodeAll(data, back) != nil {
		return nil, false
	}
	for i := range dst {
		if !same(reflect.ValueOf(dst[i]).Elem(), reflect.ValueOf(back[i]).Elem()) {
			return nil, false
		}
	}
	return data, true
}

var (
	binaryMarshaler   = reflect.TypeFor[encoding.BinaryMarshaler]()
	binaryUnmarshaler = reflect.TypeFor[encoding.BinaryUnmarshaler]()
	jsonMarshaler     = reflect.TypeFor[json.Marshaler]()
	jsonUnmarshaler   = reflect.TypeFor[json.Unmarshaler]()
)

// codec says how a type is encoded: 'b' with its binary marshaler, 'j' with
// its JSON marshaler, 'f' and 'i' as raw little-endian []float64 and []int,
// 'p' as JSON (plain data), or 0 when it cannot be.
func codec(t reflect.Type) byte {
	switch {
	case marshalPair(t, binaryMarshaler, binaryUnmarshaler):
		return 'b'
	case marshalPair(t, jsonMarshaler, jsonUnmarshaler):
		return 'j'
	case t == reflect.TypeFor[[]float64]():
		return 'f'
	case t == reflect.TypeFor[[]int]():
		return 'i'
	case plain(t, map[reflect.Type]bool{}):
		return 'p'
	}
	return 0
}

// marshalPair reports whether values of t encode with m and decode into a
// fresh value with u: t is a pointer whose target has both, or a value
// type whose pointer has u.
func marshalPair(t, m, u reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		return t.Implements(m) && t.Implements(u)
	}
	return t.Implements(m) && reflect.PointerTo(t).Implements(u)
}

func cacheable(t reflect.Type) bool { return codec(t) != 0 }

// plain reports whether encoding/json can write every part of a value of t:
// no functions, channels, complex numbers, unexported fields or fields
// tagged json:"-". Interfaces are allowed: a non-nil one does not read back
// as it was, which encodeValue's check then finds.
func plain(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	// encoding/json uses a JSON marshaler, but writes a type that only has a
	// binary one (mat.Dense) as its exported fields: none.
	if marshalPair(t, jsonMarshaler, jsonUnmarshaler) {
		return true
	}
	if t.Implements(binaryMarshaler) || reflect.PointerTo(t).Implements(binaryMarshaler) {
		return false
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.String, reflect.Interface:
		return true
	case reflect.Slice, reflect.Array, reflect.Pointer:
		return plain(t.Elem(), seen)
	case reflect.Map:
		switch t.Key().Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return plain(t.Elem(), seen)
		}
		return false
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" || !plain(f.Type, seen) {
				return false
			}
		}
		return true
	}
	return false
}

// encodeAll encodes the values dst points to, each as its codec says.
func encodeAll(dst []any) ([]byte, error) {
	var out []byte
	for _, d := range dst {
		b, err := encodeValue(reflect.ValueOf(d).Elem())
		if err != nil {
			return nil, err
		}
		out = binary.LittleEndian.AppendUint64(out, uint64(len(b)))
		out = append(out, b...)
	}
	return out, nil
}

func encodeValue(v reflect.Value) ([]byte, error) {
	t := v.Type()
	c := codec(t)
	if (c == 'b' || c == 'j') && t.Kind() == reflect.Pointer && v.IsNil() {
		return nil, errors.New("nbcache: nil value")
	}
	switch c {
	case 'b':
		return v.Interface().(encoding.BinaryMarshaler).MarshalBinary()
	case 'j':
		return v.Interface().(json.Marshaler).MarshalJSON()
	case 'f':
		var b []byte
		for _, x := range v.Interface().([]float64) {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
		}
		return b, nil
	case 'i':
		var b []byte
		for _, x := range v.Interface().([]int) {
			b = binary.LittleEndian.AppendUint64(b, uint64(x))
		}
		return b, nil
	case 'p':
		return json.Marshal(v.Interface())
	}
	return nil, fmt.Errorf("nbcache: cannot encode %s", t)
}

// decodeAll decodes data into the values dst points to.
func decodeAll(data []byte, dst []any) error {
	for _, d := range dst {
		if len(data) < 8 || binary.LittleEndian.Uint64(data) > uint64(len(data)-8) {
			return errors.New("nbcache: truncated entry")
		}
		n := binary.LittleEndian.Uint64(data)
		if err := decodeValue(data[8:8+n], reflect.ValueOf(d).Elem()); err != nil {
			return err
		}
		data = data[8+n:]
	}
	if len(data) != 0 {
		return errors.New("nbcache: trailing data in entry")
	}
	return nil
}

func decodeValue(b []byte, dst reflect.Value) error {
	t := dst.Type()
	switch c := codec(t); c {
	case 'b', 'j':
		target := reflect.New(t) // a pointer the unmarshaler is called on
		if t.Kind() == reflect.Pointer {
			target = reflect.New(t.Elem())
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
	case 'f', 'i':
		if len(b)%8 != 0 {
			return errors.New("nbcache: corrupt entry")
		}
		n := len(b) / 8
		if c == 'f' {
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
			}
			dst.Set(reflect.ValueOf(xs))
		} else {
			xs := make([]int, n)
			for i := range xs {
				xs[i] = int(binary.LittleEndian.Uint64(b[8*i:]))
			}
			dst.Set(reflect.ValueOf(xs))
		}
		return nil
	case 'p':
		p := reflect.New(t)
		if err := json.Unmarshal(b, p.Interface()); err != nil {
			return err
		}
		dst.Set(p.Elem())
		return nil
	}
	return fmt.Errorf("nbcache: cannot decode %s", t)
}

// same reports whether a value read back is the value computed: equal
// bytes for what has a marshaler (a model's fields are its business),
// equal bits for numbers, and so on down every slice, map and field.
func same(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	t := a.Type()
	if c := codec(t); c == 'b' || c == 'j' {
		if t.Kind() == reflect.Pointer && (a.IsNil() || b.IsNil()) {
			return a.IsNil() == b.IsNil()
		}
		x, err1 := encodeValue(a)
		y, err2 := encodeValue(b)
		return err1 == nil && err2 == nil && bytes.Equal(x, y)
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return same(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return false
		}
		fallthrough
	case reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !same(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for it := a.MapRange(); it.Next(); {
			w := b.MapIndex(it.Key())
			if !w.IsValid() || !same(it.Value(), w) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !same(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Interface() == b.Interface()
}

// hashInput writes the content of an input to h, to compare it with the
// input a kept value was computed from.
func hashInput(h io.Writer, in any) error {
	fmt.Fprintf(h, "%T;", in)
	if m, ok := in.(mat.Matrix); ok && !reflect.ValueOf(in).IsZero() {
		r, c := m.Dims()
		buf := binary.LittleEndian.AppendUint64(nil, uint64(r))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(c))
		raw, isRaw := m.(mat.RawMatrixer)
		for i := 0; i < r; i++ {
			if isRaw {
				rm := raw.RawMatrix()
				for _, x := range rm.Data[i*rm.Stride : i*rm.Stride+c] {
					buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(x))
				}
			} else {
				for j := 0; j < c; j++ {
					buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(m.At(i, j)))
				}
			}
			if len(buf) > 1<<16 {
				h.Write(buf)
				buf = buf[:0]
			}
		}
		h.Write(buf)
		return nil
	}
	if in == nil {
		return nil
	}
	v := reflect.ValueOf(in)
	if codec(v.Type()) == 0 {
		return fmt.Errorf("nbcache: cannot compare inputs of type %T", in)
	}
	b, err := encodeValue(v)
	h.Write(b)
	return err
}

// ---- what the value was computed from -----------------------------------------

// declarationClosure returns the source of the top-level declaration of file
// that holds line, and of every declaration it refers to, directly or
// through others, with the file's init functions: the code a cached value
// depends on.
func declarationClosure(file string, line int) (string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	units, err := splitDecls(src)
	if err != nil {
		return "", err
	}
	// The declaration that holds the call, and everything it reaches.
	in := map[*unit]bool{}
	var queue []*unit
	for _, u := range units {
		if u.must || u.firstLine <= line && line <= u.lastLine {
			in[u] = true
			queue = append(queue, u)
		}
	}
	if len(queue) == 0 {
		return "", errors.New("nbcache: no declaration holds the call")
	}
	byName := map[string][]*unit{}
	for _, u := range units {
		if u.recv != "" {
			byName[u.recv] = append(byName[u.recv], u) // a type brings its methods
			continue
		}
		for _, n := range u.names {
			byName[n] = append(byName[n], u)
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
			b.Write(src[u.start:u.end])
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// unit is one top-level declaration of a Go file: a function or method, or
// one spec of an import, type or var declaration, or a whole const
// declaration (whose specs may share an iota).
type unit struct {
	start, end          int // byte offsets of its source
	firstLine, lastLine int
	names               []string        // what it declares
	refs                map[string]bool // every identifier in it
	recv                string          // a method's receiver type
	must                bool            // init functions and blank or dot declarations
}

// splitDecls cuts a Go source file into its top-level declarations with
// go/scanner (whose automatic semicolons end a declaration as the parser's
// do), without the size of go/parser, which every cell using this package
// would link.
func splitDecls(src []byte) ([]*unit, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("main.go", -1, len(src))
	var sc scanner.Scanner
	var scanErr error
	sc.Init(file, src, func(_ token.Position, msg string) {
		if scanErr == nil {
			scanErr = errors.New("nbcache: " + msg)
		}
	}, 0)
	type tok struct {
		t          token.Token
		lit        string
		start, end int
	}
	var toks []tok
	for {
		pos, t, lit := sc.Scan()
		if t == token.EOF {
			break
		}
		off := file.Offset(pos)
		n := len(lit)
		if lit == "" || t == token.SEMICOLON && lit == "\n" {
			n = len(t.String())
			if t == token.SEMICOLON {
				n = 0
			}
		}
		toks = append(toks, tok{t, lit, off, off + n})
	}
	if scanErr != nil {
		return nil, scanErr
	}
	var units []*unit
	// newUnit makes a unit of toks[i:j] (j exclusive).
	newUnit := func(i, j int) *unit {
		u := &unit{start: toks[i].start, end: toks[j-1].end, refs: map[string]bool{}}
		u.firstLine = file.Line(file.Pos(u.start))
		u.lastLine = file.Line(file.Pos(u.end))
		for _, k := range toks[i:j] {
			if k.t == token.IDENT {
				u.refs[k.lit] = true
			}
		}
		units = append(units, u)
		return u
	}
	// skip returns the index after the tokens from i up to the semicolon
	// that ends them at bracket depth 0 (that semicolon excluded).
	skip := func(i int) int {
		depth := 0
		for ; i < len(toks); i++ {
			switch toks[i].t {
			case token.LPAREN, token.LBRACK, token.LBRACE:
				depth++
			case token.RPAREN, token.RBRACK, token.RBRACE:
				depth--
			case token.SEMICOLON:
				if depth <= 0 {
					return i
				}
			}
			if depth < 0 {
				return i
			}
		}
		return i
	}
	// specNames returns the leading identifiers of a var or const spec.
	specNames := func(i, j int) []string {
		var names []string
		for ; i < j && toks[i].t == token.IDENT; i++ {
			names = append(names, toks[i].lit)
			if i+1 < j && toks[i+1].t == token.COMMA {
				i++
			} else {
				break
			}
		}
		return names
	}
	for i := 0; i < len(toks); {
		switch k := toks[i].t; k {
		case token.FUNC:
			j := skip(i)
			u := newUnit(i, j)
			n := i + 1
			if n < j && toks[n].t == token.LPAREN { // a method: func (r *T[P]) Name
				var idents []string
				depth := 0
				for n++; n < j; n++ {
					if t := toks[n].t; t == token.RPAREN && depth == 0 {
						break
					} else if t == token.LBRACK || t == token.LPAREN {
						depth++
					} else if t == token.RBRACK || t == token.RPAREN {
						depth--
					} else if t == token.IDENT && depth == 0 {
						idents = append(idents, toks[n].lit)
					}
				}
				if len(idents) > 0 {
					u.recv = idents[len(idents)-1]
				}
				n++
			}
			if n < j && toks[n].t == token.IDENT {
				u.names = []string{toks[n].lit}
				u.must = u.recv == "" && toks[n].lit == "init"
			}
			i = j + 1
		case token.IMPORT, token.TYPE, token.VAR, token.CONST:
			kw := i
			i++
			grouped := i < len(toks) && toks[i].t == token.LPAREN
			if grouped {
				i++
			}
			if k == token.CONST && grouped { // one unit: iota ties its specs
				j := skip(kw)
				u := newUnit(kw, j)
				for a := i; a < j-1; {
					b := skip(a)
					u.names = append(u.names, specNames(a, b)...)
					a = b + 1
				}
				i = j + 1
				continue
			}
			for i < len(toks) {
				if grouped && toks[i].t == token.RPAREN {
					i++
					break
				}
				if toks[i].t == token.SEMICOLON {
					i++
					continue
				}
				j := skip(i)
				first := i
				if !grouped {
					first = kw // a lone spec keeps its keyword
				}
				u := newUnit(first, j)
				switch k {
				case token.IMPORT:
					alias := ""
					if t := toks[i].t; t == token.PERIOD {
						alias = "."
					} else if t == token.IDENT {
						alias = toks[i].lit
					}
					u.names, u.must = importNames(alias, toks[j-1].lit)
				case token.TYPE:
					u.names = []string{toks[i].lit}
				default:
					u.names = specNames(i, j)
					// A blank declaration runs for its side effects.
					u.must = len(u.names) == 1 && u.names[0] == "_"
				}
				i = j
				if !grouped {
					break
				}
			}
			for i < len(toks) && toks[i].t == token.SEMICOLON {
				i++
			}
		default:
			i = skip(i) + 1 // package clause, stray semicolons
		}
	}
	return units, nil
}

// importNames returns the names an import may be used by in the file (its
// alias, or the last elements of its path, which name the package but for
// rare exceptions), and whether it must be counted in any case (dot and
// blank imports, which no selector names). alias is "" when the import has
// none; path is the quoted path.
func importNames(alias, path string) ([]string, bool) {
	if alias != "" {
		return []string{alias}, alias == "." || alias == "_"
	}
	p := strings.Trim(path, "`\"")
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
	h := fnv.New128a()
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
	return fmt.Sprintf("%x", h.Sum(nil))
}
