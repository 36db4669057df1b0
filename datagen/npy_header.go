package datagen

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The .npy format, as numpy/lib/format.py (numpy 1.24 to 2.x) writes and
// reads it: the magic string "\x93NUMPY", a major and a minor version byte,
// the header's length (2 bytes little-endian in version 1.0, 4 bytes in
// 2.0 and 3.0), then the header, a Python dict literal such as
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }
//
// padded with spaces and ended by a newline so that the data start at a
// multiple of 64 bytes, then the data: rows·cols values of the dtype, in C
// order (row after row) unless fortran_order is True.

var (
	// ErrMalformedNPY is the error, under the message that says which
	// problem and where, of a file that is not a well-formed .npy file:
	// its magic string, version, header or length is wrong (truncated, or
	// with bytes after the array). Test for it with errors.Is.
	ErrMalformedNPY = errors.New("datagen: malformed .npy file")

	// ErrUnsupportedNPY is the error of a well-formed .npy file that
	// datagen does not read as a table: a dtype other than little-endian
	// float64 or float32, Fortran order, not 1-D or 2-D, or empty.
	ErrUnsupportedNPY = errors.New("datagen: unsupported .npy array")
)

// npyError is an error about a .npy file: "datagen: <path>: <msg>", which
// is (errors.Is) ErrMalformedNPY or ErrUnsupportedNPY.
type npyError struct {
	kind      error
	path, msg string
}

func (e *npyError) Error() string { return "datagen: " + e.path + ": " + e.msg }
func (e *npyError) Unwrap() error { return e.kind }

const (
	npyMagic = "\x93NUMPY"
	// npyMaxHeader is numpy.load's default max_header_size: numpy refuses
	// longer headers (unless the file is trusted), and so does datagen.
	npyMaxHeader = 10000
	// npyGrowthDigits is numpy's GROWTH_AXIS_MAX_DIGITS: np.save pads the
	// header so that the row count can grow to this many digits in place.
	npyGrowthDigits = 21
)

// npyHeader is what a .npy file's header says, checked for reading rows.
type npyHeader struct {
	major, minor int
	descr        string
	fortran      bool
	shape        []int64
	offset       int64 // where the data start
}

// readNPYHeader reads and checks the magic string, the version and the
// header of a .npy file of size bytes; every problem is an *npyError.
func readNPYHeader(r io.ReaderAt, size int64, path string) (npyHeader, error) {
	var h npyHeader
	malformed := func(format string, args ...any) error {
		return &npyError{ErrMalformedNPY, path, fmt.Sprintf(format, args...)}
	}
	pre := make([]byte, min(size, 12))
	if k, err := r.ReadAt(pre, 0); k < len(pre) {
		return h, fmt.Errorf("datagen: %s: %w", path, err)
	}
	if !strings.HasPrefix(string(pre), npyMagic) {
		switch {
		case strings.HasPrefix(string(pre), "PK\x03\x04"):
			return h, malformed("not a .npy file but a zip archive, such as np.savez writes (.npz); save one array with np.save(path, X)")
		case size < int64(len(npyMagic)):
			return h, malformed("the file has %d bytes, too few for a .npy file (they start with %q)", size, npyMagic)
		}
		return h, malformed("not a .npy file: it starts with %q where a .npy file starts with %q", pre[:len(npyMagic)], npyMagic)
	}
	if size < 8 {
		return h, malformed("the file ends after %d bytes, within the format version", size)
	}
	h.major, h.minor = int(pre[6]), int(pre[7])
	var lenBytes int
	switch {
	case h.major == 1 && h.minor == 0:
		lenBytes = 2
	case (h.major == 2 || h.major == 3) && h.minor == 0:
		lenBytes = 4
	default:
		return h, malformed("format version %d.%d is not one datagen reads (1.0, 2.0 and 3.0, as numpy)", h.major, h.minor)
	}
	start := int64(8 + lenBytes)
	if size < start {
		return h, malformed("the file ends after %d bytes, within the header length: it is truncated", size)
	}
	var n int64
	if lenBytes == 2 {
		n = int64(binary.LittleEndian.Uint16(pre[8:]))
	} else {
		n = int64(binary.LittleEndian.Uint32(pre[8:]))
	}
	if n > size-start {
		return h, malformed("the header length says %d bytes but the file ends %d bytes after it starts: it is truncated", n, size-start)
	}
	if n > npyMaxHeader {
		return h, malformed("the header is %d bytes long, more than the %d numpy.load reads by default (a table's header takes about 128)", n, npyMaxHeader)
	}
	hb := make([]byte, n)
	if k, err := r.ReadAt(hb, start); k < len(hb) {
		return h, fmt.Errorf("datagen: %s: %w", path, err)
	}
	h.offset = start + n
	text := string(hb)
	if h.major == 3 && !utf8.ValidString(text) {
		return h, malformed("malformed header: a version 3.0 header is UTF-8 text, and this one is not: %s", clip(text))
	}
	p := pyParser{s: text, longOK: h.major < 3}
	d, err := p.parse()
	if err != nil {
		return h, malformed("malformed header dict: %v: %s", err, clip(text))
	}
	if err := h.fromDict(d); err != nil {
		return h, malformed("malformed header dict: %v: %s", err, clip(text))
	}
	return h, nil
}

// fromDict takes descr, fortran_order and shape from the header's dict.
func (h *npyHeader) fromDict(d pyVal) error {
	if d.kind != pyDict {
		return fmt.Errorf("it is %s, not a dict", d.kindName())
	}
	seen := map[string]bool{}
	for i := 0; i < len(d.items); i += 2 {
		k, v := d.items[i], d.items[i+1]
		if k.kind != pyStr {
			return fmt.Errorf("key %s is not a string", k.text)
		}
		if seen[k.s] {
			return fmt.Errorf("key '%s' appears twice", k.s)
		}
		seen[k.s] = true
		switch k.s {
		case "descr":
			switch v.kind {
			case pyStr:
				h.descr = v.s
			case pyList:
				h.descr = v.text // a structured dtype; checked later
			case pyTuple:
				h.descr = v.text // a sub-array dtype; checked later
			default:
				return fmt.Errorf("descr is %s, not a dtype", v.text)
			}
		case "fortran_order":
			if v.kind != pyBool {
				return fmt.Errorf("fortran_order is %s, not True or False", v.text)
			}
			h.fortran = v.i != 0
		case "shape":
			if v.kind != pyTuple {
				return fmt.Errorf("shape is %s, not a tuple of integers", v.text)
			}
			h.shape = make([]int64, len(v.items))
			for i, x := range v.items {
				if x.kind != pyInt || x.i < 0 {
					return fmt.Errorf("shape is %s, not a tuple of integers ≥ 0", v.text)
				}
				h.shape[i] = x.i
			}
		default:
			return fmt.Errorf("unexpected key '%s' (a .npy header has 'descr', 'fortran_order' and 'shape')", k.s)
		}
	}
	for _, k := range []string{"descr", "fortran_order", "shape"} {
		if !seen[k] {
			return fmt.Errorf("no key '%s' (a .npy header has 'descr', 'fortran_order' and 'shape')", k)
		}
	}
	return nil
}

// table checks that the header describes a table datagen reads: float64
// or float32, little-endian, C order (or a layout where the orders agree),
// 1-D (one column) or 2-D, not empty, with exactly the data the file
// holds. It returns the rows, the columns and the size of a value.
func (h *npyHeader) table(size int64, path string) (rows, cols, item int, err error) {
	unsupported := func(format string, args ...any) error {
		return &npyError{ErrUnsupportedNPY, path, fmt.Sprintf(format, args...)}
	}
	shape := shapeText(h.shape)
	switch h.descr {
	case "<f8":
		item = 8
	case "<f4":
		item = 4
	default:
		return 0, 0, 0, unsupported("%s; datagen reads float64 ('<f8') and float32 ('<f4'), little-endian: in numpy, np.save(path, X.astype('<f8'))", describeDtype(h.descr))
	}
	switch len(h.shape) {
	case 1:
		rows, cols = int(h.shape[0]), 1
	case 2:
		if h.shape[0] > math.MaxInt || h.shape[1] > math.MaxInt {
			return 0, 0, 0, unsupported("shape %s is too large for this machine", shape)
		}
		rows, cols = int(h.shape[0]), int(h.shape[1])
		if h.fortran && rows > 1 && cols > 1 {
			return 0, 0, 0, unsupported("the array is in Fortran order (fortran_order: True): its columns are contiguous, not its rows; in numpy, np.save(path, np.ascontiguousarray(X))")
		}
	case 0:
		return 0, 0, 0, unsupported("the array is a scalar (shape ()); datagen reads a table: a 2-D array of rows × columns, or a 1-D array as one column")
	default:
		return 0, 0, 0, unsupported("the array has %d dimensions (shape %s); datagen reads a table: a 2-D array of rows × columns, or a 1-D array as one column; in numpy, X.reshape(len(X), -1)", len(h.shape), shape)
	}
	if rows == 0 || cols == 0 {
		return 0, 0, 0, unsupported("the array is empty (shape %s): it has no values to read", shape)
	}
	// The data: rows·cols·item bytes, which a file can hold only if the
	// product is below 2⁶³.
	hi, n := bits.Mul64(uint64(rows), uint64(cols))
	hi2, need := bits.Mul64(n, uint64(item))
	have := size - h.offset
	if hi != 0 || hi2 != 0 || need > uint64(have) {
		needText := strconv.FormatUint(need, 10)
		if hi != 0 || hi2 != 0 {
			needText = "more than 2⁶⁴"
		}
		whole := int64(0)
		if rh, rowBytes := bits.Mul64(uint64(cols), uint64(item)); rh == 0 && rowBytes <= uint64(have) {
			whole = have / int64(rowBytes)
		}
		return 0, 0, 0, &npyError{ErrMalformedNPY, path, fmt.Sprintf(
			"the file is truncated: its header says shape %s of %s, %s bytes of data, but %d bytes follow the header: %d whole rows of the %d",
			shape, dtypeName(h.descr), needText, have, whole, rows)}
	}
	if extra := uint64(have) - need; extra > 0 {
		return 0, 0, 0, &npyError{ErrMalformedNPY, path, fmt.Sprintf(
			"%d bytes follow the %d rows that the header describes (shape %s of %s); the file is damaged, or holds more than one array (np.save called twice on one open file); numpy.load would read the first array and ignore them",
			extra, rows, shape, dtypeName(h.descr))}
	}
	return rows, cols, item, nil
}

// shapeText writes a shape as Python does: (3, 2), (7,), ().
func shapeText(shape []int64) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.FormatInt(d, 10))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

var typestr = regexp.MustCompile(`^([<>|=]?)([a-zA-Z])(\d*)(\[\w+\])?$`)

// dtypeName names a float dtype datagen reads: "float64", "float32".
func dtypeName(descr string) string {
	if descr == "<f4" {
		return "float32"
	}
	return "float64"
}

// describeDtype says what a dtype is, in numpy's names, and why datagen
// does not read it.
func describeDtype(descr string) string {
	if strings.HasPrefix(descr, "[") {
		return fmt.Sprintf("the dtype is structured (fields %s), not float64 or float32", clip(descr))
	}
	if strings.HasPrefix(descr, "(") {
		return fmt.Sprintf("the dtype %s is a sub-array, not float64 or float32", clip(descr))
	}
	m := typestr.FindStringSubmatch(descr)
	names := map[string]string{
		"b": "bool", "i": "int", "u": "uint", "f": "float", "c": "complex",
		"m": "timedelta64", "M": "datetime64", "O": "Python objects",
		"S": "byte string", "a": "byte string", "U": "unicode string", "V": "raw bytes",
	}
	if m == nil || names[m[2]] == "" {
		return fmt.Sprintf("the dtype %s is not a numpy type string such as '<f8'", clip(descr))
	}
	name := names[m[2]]
	if n, err := strconv.Atoi(m[3]); err == nil && strings.Contains("iufc", m[2]) {
		name += strconv.Itoa(8 * n) // '<i8' is int64
	}
	switch {
	case m[2] != "f" || m[3] != "8" && m[3] != "4":
		return fmt.Sprintf("the dtype '%s' (%s) is not float64 or float32", descr, name)
	case m[1] == ">":
		return fmt.Sprintf("the dtype '%s' (%s) is big-endian", descr, name)
	}
	return fmt.Sprintf("the dtype '%s' (%s) does not say its byte order ('<' for little-endian)", descr, name)
}

// clip quotes a header for an error message, trimmed of its padding and
// cut to 120 characters.
func clip(s string) string {
	s = strings.TrimRight(s, " \n")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return strconv.Quote(s)
}

// npyHeaderBytes is the version 1.0 header np.save writes for a C-order
// float64 array of rows × cols: the same bytes, padding and all. Its
// length depends on cols only, so a writer can rewrite it in place with
// the final row count.
func npyHeaderBytes(rows, cols int) []byte {
	dict := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }", rows, cols)
	dict += strings.Repeat(" ", npyGrowthDigits-len(strconv.Itoa(rows)))
	hlen := len(dict) + 1
	pad := 64 - (10+hlen)%64 // 64, not 0, when already aligned: numpy's _wrap_header
	b := make([]byte, 0, 10+hlen+pad)
	b = append(b, npyMagic...)
	b = append(b, 1, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(dict)+pad+1))
	b = append(b, dict...)
	b = append(b, strings.Repeat(" ", pad)...)
	return append(b, '\n')
}

// pyVal is a Python literal of a .npy header.
type pyVal struct {
	kind  pyKind
	s     string  // pyStr
	i     int64   // pyInt, pyBool (0 or 1)
	items []pyVal // pyTuple, pyList; pyDict: key, value, key, value, ...
	text  string  // the literal as written, for messages
}

type pyKind int8

const (
	pyStr pyKind = iota
	pyInt
	pyBool
	pyNone
	pyTuple
	pyList
	pyDict
)

func (v pyVal) kindName() string {
	return [...]string{"a string", "an integer", "a bool", "None", "a tuple", "a list", "a dict"}[v.kind]
}

// pyParser parses the subset of Python literals that ast.literal_eval
// accepts in a .npy header: strings, integers (with Python 2's L suffix
// in versions 1.0 and 2.0, as numpy's _filter_header allows), True, False,
// None, tuples, lists and dicts.
type pyParser struct {
	s      string
	pos    int
	depth  int
	longOK bool
}

func (p *pyParser) parse() (pyVal, error) {
	v, err := p.value()
	if err != nil {
		return v, err
	}
	p.space()
	if p.pos < len(p.s) {
		return v, p.errorf("unexpected %q after the dict", p.s[p.pos])
	}
	return v, nil
}

func (p *pyParser) errorf(format string, args ...any) error {
	return fmt.Errorf(format+" at byte %d", append(args, p.pos)...)
}

func (p *pyParser) space() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\n\r\f\v", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *pyParser) value() (pyVal, error) {
	p.space()
	if p.pos >= len(p.s) {
		return pyVal{}, p.errorf("the header ends where a value should be")
	}
	start := p.pos
	var v pyVal
	var err error
	switch c := p.s[p.pos]; {
	case c == '\'' || c == '"':
		v, err = p.str()
	case c == '-' || c == '+' || '0' <= c && c <= '9':
		v, err = p.integer()
	case c == '(' || c == '[' || c == '{':
		if p.depth++; p.depth > 32 {
			return v, p.errorf("values nested more than 32 deep")
		}
		v, err = p.container()
		p.depth--
	default:
		for _, name := range []struct {
			word string
			v    pyVal
		}{{"True", pyVal{kind: pyBool, i: 1}}, {"False", pyVal{kind: pyBool}}, {"None", pyVal{kind: pyNone}}} {
			if strings.HasPrefix(p.s[p.pos:], name.word) && !isIdent(p.s, p.pos+len(name.word)) {
				p.pos += len(name.word)
				v = name.v
				v.text = name.word
				return v, nil
			}
		}
		return v, p.errorf("unexpected %q", c)
	}
	v.text = p.s[start:p.pos]
	return v, err
}

func isIdent(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func (p *pyParser) str() (pyVal, error) {
	q := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		switch {
		case c == q:
			p.pos++
			return pyVal{kind: pyStr, s: b.String()}, nil
		case c == '\n':
			return pyVal{}, p.errorf("a string runs past the end of its line")
		case c == '\\' && p.pos+1 < len(p.s) && strings.IndexByte("\\'\"", p.s[p.pos+1]) >= 0:
			b.WriteByte(p.s[p.pos+1])
			p.pos += 2
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return pyVal{}, p.errorf("a string is not closed")
}

func (p *pyParser) integer() (pyVal, error) {
	neg := false
	if c := p.s[p.pos]; c == '-' || c == '+' {
		neg = c == '-'
		p.pos++
		p.space()
	}
	start := p.pos
	for p.pos < len(p.s) && '0' <= p.s[p.pos] && p.s[p.pos] <= '9' {
		p.pos++
	}
	digits := p.s[start:p.pos]
	if digits == "" {
		return pyVal{}, p.errorf("a sign is not followed by digits")
	}
	if p.longOK && p.pos < len(p.s) && (p.s[p.pos] == 'L' || p.s[p.pos] == 'l') {
		p.pos++ // Python 2's long integer, as in (3L, 2L)
	}
	if isIdent(p.s, p.pos) || p.pos < len(p.s) && p.s[p.pos] == '.' {
		return pyVal{}, p.errorf("a number is not a plain integer")
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return pyVal{}, p.errorf("the integer %s is too large", digits)
	}
	if neg {
		n = -n
	}
	return pyVal{kind: pyInt, i: n}, nil
}

// container parses a tuple, a list or a dict; a parenthesized single value
// without a comma is that value, as in Python.
func (p *pyParser) container() (pyVal, error) {
	open := p.s[p.pos]
	close := map[byte]byte{'(': ')', '[': ']', '{': '}'}[open]
	p.pos++
	var items []pyVal
	comma := false
	for {
		p.space()
		if p.pos < len(p.s) && p.s[p.pos] == close {
			p.pos++
			break
		}
		if len(items) > 0 && !comma {
			return pyVal{}, p.errorf("expected ',' or %q", close)
		}
		v, err := p.value()
		if err != nil {
			return v, err
		}
		items = append(items, v)
		if open == '{' {
			p.space()
			if p.pos >= len(p.s) || p.s[p.pos] != ':' {
				return pyVal{}, p.errorf("expected ':' after the key %s", v.text)
			}
			p.pos++
			v, err := p.value()
			if err != nil {
				return v, err
			}
			items = append(items, v)
		}
		p.space()
		comma = p.pos < len(p.s) && p.s[p.pos] == ','
		if comma {
			p.pos++
		}
	}
	switch open {
	case '(':
		if len(items) == 1 && !comma {
			return items[0], nil
		}
		return pyVal{kind: pyTuple, items: items}, nil
	case '[':
		return pyVal{kind: pyList, items: items}, nil
	}
	return pyVal{kind: pyDict, items: items}, nil
}
