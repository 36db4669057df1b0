package datagen

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// npyCases is testdata/npy/cases.json, written by testdata/npy/gen_npy.py
// (make fixtures-datagen) with numpy 1.24.2: for every fixture, what
// numpy.load makes of it and, where it loads a float table, its values as
// float64 bits; and the headers np.save writes for some shapes.
type npyCases struct {
	Numpy string
	Cases []struct {
		File  string
		Numpy string
		Shape []int
		Bits  []string
	}
	Headers []struct {
		Shape []int
		Hex   string
	}
}

func loadNPYCases(t testing.TB) npyCases {
	t.Helper()
	b, err := os.ReadFile("testdata/npy/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var c npyCases
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// numpyValues is a fixture's table as numpy.load reads it.
func numpyValues(t testing.TB, shape []int, bits []string) *mat.Dense {
	t.Helper()
	data := make([]float64, len(bits))
	for i, h := range bits {
		u, err := strconv.ParseUint(h, 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		data[i] = math.Float64frombits(u)
	}
	return mat.NewDense(shape[0], shape[1], data)
}

func bitsEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// TestOpenNPYFixtures opens every fixture numpy wrote. A file datagen reads
// must give numpy.load's values bit for bit (float32 ones as the same
// float64 numbers); any other gets the error that names its problem.
func TestOpenNPYFixtures(t *testing.T) {
	malformed, unsupported := ErrMalformedNPY, ErrUnsupportedNPY
	want := map[string]struct {
		kind error // nil: read
		msg  string
	}{
		"f8.npy":               {},
		"f4.npy":               {},
		"f8_v2.npy":            {},
		"f8_v3.npy":            {},
		"f4_v3.npy":            {},
		"col_1d.npy":           {},
		"special.npy":          {},
		"special_f4.npy":       {},
		"fortran_col.npy":      {},
		"pad16.npy":            {},
		"no_pad.npy":           {},
		"no_pad_v2.npy":        {},
		"py2_long.npy":         {},
		"write_1x1.npy":        {},
		"write_5x3.npy":        {},
		"write_special.npy":    {},
		"write_40x12.npy":      {},
		"write_3x100.npy":      {},
		"fortran.npy":          {unsupported, "the array is in Fortran order (fortran_order: True): its columns are contiguous, not its rows; in numpy, np.save(path, np.ascontiguousarray(X))"},
		"big_endian.npy":       {unsupported, "the dtype '>f8' (float64) is big-endian; datagen reads float64 ('<f8') and float32 ('<f4'), little-endian: in numpy, np.save(path, X.astype('<f8'))"},
		"big_endian_f4.npy":    {unsupported, "the dtype '>f4' (float32) is big-endian"},
		"int64.npy":            {unsupported, "the dtype '<i8' (int64) is not float64 or float32"},
		"float16.npy":          {unsupported, "the dtype '<f2' (float16) is not float64 or float32"},
		"complex.npy":          {unsupported, "the dtype '<c16' (complex128) is not float64 or float32"},
		"structured.npy":       {unsupported, `the dtype is structured (fields "[('x', '<f8'), ('y', '<f8')]")`},
		"3d.npy":               {unsupported, "the array has 3 dimensions (shape (2, 3, 4)); datagen reads a table: a 2-D array of rows × columns, or a 1-D array as one column; in numpy, X.reshape(len(X), -1)"},
		"scalar.npy":           {unsupported, "the array is a scalar (shape ())"},
		"empty.npy":            {unsupported, "the array is empty (shape (0, 3)): it has no values to read"},
		"truncated.npy":        {malformed, "the file is truncated: its header says shape (5, 3) of float64, 120 bytes of data, but 100 bytes follow the header: 4 whole rows of the 5"},
		"truncated_header.npy": {malformed, "the header length says 118 bytes but the file ends 30 bytes after it starts: it is truncated"},
		"trailing.npy":         {malformed, "176 bytes follow the 5 rows that the header describes (shape (5, 3) of float64); the file is damaged, or holds more than one array (np.save called twice on one open file); numpy.load would read the first array and ignore them"},
		"bad_version.npy":      {malformed, "format version 4.0 is not one datagen reads (1.0, 2.0 and 3.0, as numpy)"},
		"bad_magic.npy":        {malformed, `not a .npy file: it starts with "a,b\n1," where a .npy file starts with "\x93NUMPY"`},
		"archive.npz":          {malformed, "not a .npy file but a zip archive, such as np.savez writes (.npz); save one array with np.save(path, X)"},
		"bad_dict.npy":         {malformed, `malformed header dict: expected ',' or '}' at byte 16: "{'descr': '<f8' 'fortran_order': False, 'shape': (5, 3), }"`},
		"missing_key.npy":      {malformed, "malformed header dict: no key 'fortran_order' (a .npy header has 'descr', 'fortran_order' and 'shape')"},
		"shape_list.npy":       {malformed, "malformed header dict: shape is [5, 3], not a tuple of integers"},
	}
	cases := loadNPYCases(t)
	if cases.Numpy != "1.24.2" {
		t.Logf("fixtures written by numpy %s", cases.Numpy)
	}
	for _, c := range cases.Cases {
		w, ok := want[c.File]
		if !ok {
			t.Errorf("%s: a fixture without an expectation here", c.File)
			continue
		}
		delete(want, c.File)
		path := filepath.Join("testdata", "npy", c.File)
		f, err := OpenNPY(path)
		X, rerr := ReadNPY(path)
		if w.kind != nil {
			for _, err := range []error{err, rerr} {
				if err == nil || !errors.Is(err, w.kind) || !strings.HasPrefix(err.Error(), "datagen: "+path+": ") || !strings.Contains(err.Error(), w.msg) {
					t.Errorf("%s (numpy: %s):\n got %v\nwant %v containing %q", c.File, c.Numpy, err, w.kind, w.msg)
				}
			}
			if f != nil {
				f.Close()
			}
			continue
		}
		if err != nil || rerr != nil {
			t.Errorf("%s: %v, %v", c.File, err, rerr)
			continue
		}
		if c.Bits == nil {
			t.Errorf("%s: datagen reads what numpy.load does not read as a float table (%s)", c.File, c.Numpy)
			f.Close()
			continue
		}
		want := numpyValues(t, c.Shape, c.Bits)
		if r, cols := f.Dims(); r != c.Shape[0] || cols != c.Shape[1] {
			t.Errorf("%s: Dims %d×%d, numpy %v", c.File, r, cols, c.Shape)
		}
		if !bitsEqual(X.RawMatrix().Data, want.RawMatrix().Data) {
			t.Errorf("%s: ReadNPY\n got %v\nwant %v", c.File, X.RawMatrix().Data, want.RawMatrix().Data)
		}
		for _, chunk := range []int{1, 2, 4, 1000} {
			if got := readAllRows(t, f, chunk); !bitsEqual(got, want.RawMatrix().Data) {
				t.Errorf("%s in pieces of %d rows: got %v", c.File, chunk, got)
			}
		}
		if err := f.Close(); err != nil {
			t.Errorf("%s: Close: %v", c.File, err)
		}
	}
	for name := range want {
		t.Errorf("%s: no such fixture in cases.json; run make fixtures-datagen", name)
	}
}

// TestNPYHeaderErrors checks the problems no numpy-made file shows, on
// headers written here: each gets the error that names it.
func TestNPYHeaderErrors(t *testing.T) {
	dict := func(s string) []byte {
		b := append([]byte(npyMagic), 1, 0, byte(len(s)+1), 0)
		return append(append(b, s...), '\n')
	}
	data := make([]byte, 16)
	for _, c := range []struct {
		name string
		in   []byte
		kind error
		want string
	}{
		{"empty file", nil, ErrMalformedNPY, "the file has 0 bytes, too few for a .npy file"},
		{"magic only", []byte(npyMagic), ErrMalformedNPY, "the file ends after 6 bytes, within the format version"},
		{"no length", []byte(npyMagic + "\x01\x00\x10"), ErrMalformedNPY, "the file ends after 9 bytes, within the header length: it is truncated"},
		{"version 1.1", []byte(npyMagic + "\x01\x01\x00\x00"), ErrMalformedNPY, "format version 1.1 is not one"},
		{"huge header", []byte(npyMagic + "\x02\x00\x00\x00\x01\x00" + strings.Repeat(" ", 70000)), ErrMalformedNPY, "the header is 65536 bytes long, more than the 10000 numpy.load reads by default"},
		{"not UTF-8", append(append([]byte(npyMagic+"\x03\x00\x03\x00\x00\x00"), 0xff, 0xfe), '\n'), ErrMalformedNPY, "a version 3.0 header is UTF-8 text"},
		{"not a dict", dict("('<f8', False, (2, 1))"), ErrMalformedNPY, "malformed header dict: it is a tuple, not a dict"},
		{"empty", dict(""), ErrMalformedNPY, "the header ends where a value should be at byte 1"},
		{"unclosed", dict("{'descr': '<f8'"), ErrMalformedNPY, "expected ',' or '}'"},
		{"unclosed string", dict("{'descr: '<f8'}"), ErrMalformedNPY, "expected ':' after the key 'descr: '"},
		{"garbage after", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1)} x"), ErrMalformedNPY, `unexpected 'x' after the dict`},
		{"float shape", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (2.0, 1)}"), ErrMalformedNPY, "a number is not a plain integer"},
		{"negative shape", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (-2, 1)}"), ErrMalformedNPY, "shape is (-2, 1), not a tuple of integers ≥ 0"},
		{"shape int", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (2)}"), ErrMalformedNPY, "shape is (2), not a tuple of integers"},
		{"huge int", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999, 1)}"), ErrMalformedNPY, "the integer 99999999999999999999 is too large"},
		{"L in 3.0", append(append([]byte(npyMagic+"\x03\x00\x3b\x00\x00\x00"), "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 1)}"...), '\n'), ErrMalformedNPY, "a number is not a plain integer"},
		{"fortran 0", dict("{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 1)}"), ErrMalformedNPY, "fortran_order is 0, not True or False"},
		{"descr None", dict("{'descr': None, 'fortran_order': False, 'shape': (2, 1)}"), ErrMalformedNPY, "descr is None, not a dtype"},
		{"key twice", dict("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2, 1)}"), ErrMalformedNPY, "key 'descr' appears twice"},
		{"extra key", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), 'x': 1}"), ErrMalformedNPY, "unexpected key 'x'"},
		{"int key", dict("{1: '<f8'}"), ErrMalformedNPY, "key 1 is not a string"},
		{"nested", dict(strings.Repeat("(", 40)), ErrMalformedNPY, "values nested more than 32 deep"},
		{"native order", dict("{'descr': 'f8', 'fortran_order': False, 'shape': (2, 1)}"), ErrUnsupportedNPY, "the dtype 'f8' (float64) does not say its byte order"},
		{"type name", dict("{'descr': 'float64', 'fortran_order': False, 'shape': (2, 1)}"), ErrUnsupportedNPY, `the dtype "float64" is not a numpy type string such as '<f8'`},
		{"sub-array", dict("{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (2, 1)}"), ErrUnsupportedNPY, `the dtype "('<f8', (2,))" is a sub-array`},
		{"zero columns", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 0)}"), ErrUnsupportedNPY, "the array is empty (shape (2, 0))"},
		{"4-D", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, 2)}"), ErrUnsupportedNPY, "the array has 4 dimensions (shape (1, 1, 1, 2))"},
		{"shape overflow", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4)}"), ErrMalformedNPY, "of float64, more than 2⁶⁴ bytes of data, but 16 bytes follow the header: 0 whole rows of the 4611686018427387904"},
		{"wide row", dict("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4611686018427387904)}"), ErrMalformedNPY, "but 16 bytes follow the header: 0 whole rows of the 1"},
		{"half row", dict("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}"), ErrMalformedNPY, "shape (2, 3) of float32, 24 bytes of data, but 16 bytes follow the header: 1 whole rows of the 2"},
	} {
		in := c.in
		if bytes.HasPrefix(in, []byte(npyMagic)) && len(in) > 10 && in[6] == 1 {
			in = append(in, data...)
		}
		_, err := openNPY(&rowFile{r: bytes.NewReader(in), path: "x.npy", size: int64(len(in))})
		if err == nil || !errors.Is(err, c.kind) || !strings.HasPrefix(err.Error(), "datagen: x.npy: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s:\n got %v\nwant %v containing %q", c.name, err, c.kind, c.want)
		}
	}
	// The other way round: what numpy.load accepts, datagen reads too.
	for _, s := range []string{
		"{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
		`{"shape":(1,2),"fortran_order":False,"descr":"<f8"}`,
		"\t{ 'shape' : ( 2 , 1 , ) ,\n'descr':'<f8','fortran_order':True}",
		"{'descr': '<f4', 'fortran_order': False, 'shape': (4, 1)}",
		"{'descr': '<f8', 'fortran_order': False, 'shape': (+2, 1)}",
	} {
		in := append(dict(s), data...)
		f, err := openNPY(&rowFile{r: bytes.NewReader(in), path: "x.npy", size: int64(len(in))})
		if err != nil {
			t.Errorf("%s: %v", s, err)
			continue
		}
		if r, c := f.Dims(); r*c*f.item != 16 {
			t.Errorf("%s: %d×%d of %d bytes", s, r, c, f.item)
		}
	}
}

// TestNPYFileChanged checks that a read after the file has changed fails,
// and that misuse of ReadRows panics.
func TestNPYFileChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.npy")
	f := writeAndOpenNPY(t, path, mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6}))
	defer f.Close()
	mustPanic(t, "odd dst", func() { f.ReadRows(make([]float64, 3), 0) })
	mustPanic(t, "lo past the end", func() { f.ReadRows(make([]float64, 2), 4) })
	mustPanic(t, "negative lo", func() { f.ReadRows(make([]float64, 2), -1) })
	if err := os.Truncate(path, 128+16); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReadRows(make([]float64, 2), 2); err == nil || !strings.Contains(err.Error(), "changed since it was opened") {
		t.Errorf("truncated after open: %v", err)
	}
	// A file shortened behind the source's back (here: bytes in memory)
	// fails the read rather than returning what is not there.
	in, _ := os.ReadFile("testdata/npy/f8.npy")
	g, err := openNPY(&rowFile{r: bytes.NewReader(in[:200]), path: "x.npy", size: int64(len(in))})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := g.ReadRows(make([]float64, 15), 0); n != 0 || err == nil || !strings.Contains(err.Error(), "shorter than when it was opened") {
		t.Errorf("short read: %d, %v", n, err)
	}
	if _, err := OpenNPY(filepath.Join(t.TempDir(), "absent.npy")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("absent file: %v", err)
	}
}

// TestWriteNPYBytes checks that WriteNPY, and NPYWriter in pieces of any
// size, write the very bytes np.save wrote for the same array.
func TestWriteNPYBytes(t *testing.T) {
	dir := t.TempDir()
	n := 0
	for _, c := range loadNPYCases(t).Cases {
		if !strings.HasPrefix(c.File, "write_") {
			continue
		}
		n++
		want, err := os.ReadFile(filepath.Join("testdata", "npy", c.File))
		if err != nil {
			t.Fatal(err)
		}
		X := numpyValues(t, c.Shape, c.Bits)
		r, cols := X.Dims()
		path := filepath.Join(dir, c.File)
		check := func(how string) {
			t.Helper()
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s by %s: %d bytes differ from numpy's %d (%v)", c.File, how, len(got), len(want), err)
			}
		}
		if err := WriteNPY(path, X); err != nil {
			t.Fatal(err)
		}
		check("WriteNPY")
		// A matrix that is not a RawMatrixer, and a view with a stride.
		if err := WriteNPY(path, mat.Transpose{Matrix: X.T()}); err != nil {
			t.Fatal(err)
		}
		check("WriteNPY of a Transpose")
		wide := mat.NewDense(r, cols+3, nil)
		wide.Slice(0, r, 1, cols+1).(*mat.Dense).Copy(X)
		if err := WriteNPY(path, wide.Slice(0, r, 1, cols+1)); err != nil {
			t.Fatal(err)
		}
		check("WriteNPY of a slice")
		for _, piece := range []int{1, 3, r} {
			w, err := CreateNPY(path, cols)
			if err != nil {
				t.Fatal(err)
			}
			for lo := 0; lo < r; lo += piece {
				if err := w.WriteRows(X.RawMatrix().Data[lo*cols : min(lo+piece, r)*cols]); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			check("NPYWriter in pieces of " + strconv.Itoa(piece))
		}
	}
	if n != 5 {
		t.Errorf("%d write_ fixtures, want 5", n)
	}
}

// TestNPYHeaderBytes compares the header written for shapes too large to
// write out with the one numpy writes: the row count may grow to 21
// digits in a header of the same length.
func TestNPYHeaderBytes(t *testing.T) {
	for _, h := range loadNPYCases(t).Headers {
		want, _ := hex.DecodeString(h.Hex)
		if got := npyHeaderBytes(h.Shape[0], h.Shape[1]); !bytes.Equal(got, want) {
			t.Errorf("shape %v:\n got %q\nwant %q", h.Shape, got, want)
		}
		if got, zero := npyHeaderBytes(h.Shape[0], h.Shape[1]), npyHeaderBytes(0, h.Shape[1]); len(got) != len(zero) {
			t.Errorf("shape %v: header of %d bytes, %d with 0 rows", h.Shape, len(got), len(zero))
		}
	}
}

// TestNPYRoundTrip writes random tables, NaN payloads and all, and reads
// them back bit for bit, whole and in pieces, and from 4 goroutines.
func TestNPYRoundTrip(t *testing.T) {
	dir := t.TempDir()
	rs := NewRandomState(5)
	for _, shape := range [][2]int{{1, 1}, {1, 7}, {1000, 3}, {10, 5000}, {3, 40000}} {
		X := rs.Normal(0, 1e3, shape[0], shape[1])
		data := X.RawMatrix().Data
		data[0] = math.Float64frombits(0x7ff8_0000_dead_beef) // a NaN with a payload
		if len(data) > 2 {
			data[1], data[2] = math.Copysign(0, -1), math.Inf(-1)
		}
		path := filepath.Join(dir, "x.npy")
		f := writeAndOpenNPY(t, path, X)
		Y, err := ReadNPY(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bitsEqual(Y.RawMatrix().Data, data) {
			t.Errorf("%v: ReadNPY differs from what WriteNPY wrote", shape)
		}
		if got := readAllRows(t, f, 333); !bitsEqual(got, data) {
			t.Errorf("%v: ReadRows differs from what WriteNPY wrote", shape)
		}
		f.Close()
	}
}

// TestNPYConcurrent reads distinct ranges of a file from 4 goroutines at
// once (make test runs it under the race detector).
func TestNPYConcurrent(t *testing.T) {
	X := NewRandomState(6).Normal(0, 1, 5000, 7)
	f := writeAndOpenNPY(t, filepath.Join(t.TempDir(), "x.npy"), X)
	defer f.Close()
	testConcurrentReads(t, f, X.RawMatrix().Data)
}

// writeAndOpenNPY writes X to path and opens it.
func writeAndOpenNPY(t *testing.T, path string, X mat.Matrix) *NPYFile {
	t.Helper()
	if err := WriteNPY(path, X); err != nil {
		t.Fatal(err)
	}
	f, err := OpenNPY(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestNPYWriterErrors checks the writer's misuse panics and its errors.
func TestNPYWriterErrors(t *testing.T) {
	dir := t.TempDir()
	mustPanic(t, "no columns", func() { CreateNPY(filepath.Join(dir, "x.npy"), 0) })
	mustPanic(t, "empty matrix", func() { WriteNPY(filepath.Join(dir, "x.npy"), &mat.Dense{}) })
	w, err := CreateNPY(filepath.Join(dir, "x.npy"), 3)
	if err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "part of a row", func() { w.WriteRows(make([]float64, 4)) })
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRows(make([]float64, 3)); err == nil || !strings.Contains(err.Error(), "after Close") {
		t.Errorf("WriteRows after Close: %v", err)
	}
	// A writer closed with no rows leaves what np.save writes for an
	// empty array, which numpy.load reads and OpenNPY refuses.
	if _, err := OpenNPY(filepath.Join(dir, "x.npy")); !errors.Is(err, ErrUnsupportedNPY) || !strings.Contains(err.Error(), "shape (0, 3)") {
		t.Errorf("empty file: %v", err)
	}
	if err := WriteNPY(filepath.Join(dir, "no", "such", "dir.npy"), mat.NewDense(1, 1, nil)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("bad path: %v", err)
	}
}

// FuzzNPYHeader feeds arbitrary bytes to the .npy reader: it must not
// panic; what it refuses gets a datagen error of one of the two kinds; what
// it opens has exactly the data its header describes, which reads whole.
func FuzzNPYHeader(f *testing.F) {
	files, _ := filepath.Glob("testdata/npy/*.np[yz]")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		src, err := openNPY(&rowFile{r: bytes.NewReader(in), path: "x.npy", size: int64(len(in))})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "datagen: x.npy: ") || !errors.Is(err, ErrMalformedNPY) && !errors.Is(err, ErrUnsupportedNPY) {
				t.Fatalf("error %q", err)
			}
			return
		}
		r, c := src.Dims()
		if r < 1 || c < 1 || src.offset+int64(r)*int64(c)*int64(src.item) != int64(len(in)) {
			t.Fatalf("%d×%d of %d bytes from %d in %d bytes", r, c, src.item, src.offset, len(in))
		}
		readAllRows(t, src, 3)
	})
}
