package datagen

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// ArrayString returns x as numpy 1.24's print(x) shows an array with the
// default print options, so that a notebook cell prints what its Python
// twin prints, character for character:
//
//	print(gmm.predict_proba(X[:5]))
//
// is
//
//	fmt.Println(datagen.ArrayString(gmm.PredictProba(X.Slice(0, 5, 0, 2))))
//
// and both print
//
//	[[5.93858015e-061 8.23261068e-013 1.00000000e+000]
//	 [1.56484543e-082 1.37630525e-009 9.99999999e-001]
//	 ...
//
// x is a mat.Matrix (printed as a two-dimensional array, even with one
// row), a []float64 or a []int (one-dimensional arrays). The rules are
// numpy's: every float at the shortest precision that identifies it, at
// most 8 decimals, trailing zeros dropped ("1." for one) and all of an
// array's numbers padded to one width; the exponent form ("5.9e-61") for
// the whole array when a nonzero value is below 1e-4, above 1e8, or
// 1000 times another; lines wrapped at 75 characters; arrays of more
// than 1000 numbers summarised by their first and last 3 items around
// "...". It panics if x has another type.
func ArrayString(x any) string {
	switch v := x.(type) {
	case []float64:
		return printArray([]int{len(v)}, v, nil)
	case []int:
		return printArray([]int{len(v)}, nil, v)
	case mat.Matrix:
		r, c := v.Dims()
		data := make([]float64, 0, r*c)
		for i := range r {
			for j := range c {
				data = append(data, v.At(i, j))
			}
		}
		return printArray([]int{r, c}, data, nil)
	}
	panic(fmt.Sprintf("datagen: ArrayString of a %T; pass a mat.Matrix, a []float64 or a []int", x))
}

// numpy's default print options.
const (
	npPrecision = 8
	npLineWidth = 75
	npThreshold = 1000
	npEdgeItems = 3
)

// printArray formats a one- or two-dimensional array held row-major in
// floats or ints (exactly one of them non-nil), as numpy's array2string.
func printArray(shape []int, floats []float64, ints []int) string {
	size := 1
	for _, s := range shape {
		size *= s
	}
	if size == 0 {
		return "[]"
	}
	summarize := size > npThreshold
	shown := shownIndices(shape, summarize) // the items numpy sizes the format on
	var format func(i int) string
	if floats != nil {
		vals := make([]float64, len(shown))
		for k, i := range shown {
			vals[k] = floats[i]
		}
		f := newFloatFormat(vals)
		format = func(i int) string { return f.format(floats[i]) }
	} else {
		width := 0
		for _, i := range shown {
			width = max(width, len(strconv.Itoa(ints[i])))
		}
		format = func(i int) string {
			s := strconv.Itoa(ints[i])
			return strings.Repeat(" ", width-len(s)) + s
		}
	}
	a := arrayPrinter{shape: shape, format: format, summarize: summarize}
	return a.recurse(nil, " ", npLineWidth)
}

// shownIndices returns the row-major indices of the items that appear when
// the array is printed: all of them, or the edge items of every axis.
func shownIndices(shape []int, summarize bool) []int {
	keep := func(n int) []int {
		if !summarize || n <= 2*npEdgeItems {
			idx := make([]int, n)
			for i := range idx {
				idx[i] = i
			}
			return idx
		}
		idx := make([]int, 0, 2*npEdgeItems)
		for i := range npEdgeItems {
			idx = append(idx, i)
		}
		for i := n - npEdgeItems; i < n; i++ {
			idx = append(idx, i)
		}
		return idx
	}
	if len(shape) == 1 {
		return keep(shape[0])
	}
	var out []int
	for _, i := range keep(shape[0]) {
		for _, j := range keep(shape[1]) {
			out = append(out, i*shape[1]+j)
		}
	}
	return out
}

// arrayPrinter is numpy's _formatArray for the default separator ' '.
type arrayPrinter struct {
	shape     []int
	format    func(flat int) string
	summarize bool
}

func (a arrayPrinter) recurse(index []int, hanging string, width int) string {
	axis := len(index)
	if axis == len(a.shape) {
		flat := 0
		for k, i := range index {
			flat = flat*a.shape[k] + i
		}
		return a.format(flat)
	}
	nextHanging, nextWidth := hanging+" ", width-1
	n := a.shape[axis]
	leading, trailing := 0, n
	summary := a.summarize && 2*npEdgeItems < n
	if summary {
		leading, trailing = npEdgeItems, npEdgeItems
	}
	at := func(i int) []int { return append(append([]int(nil), index...), i) }
	var s strings.Builder
	if axis == len(a.shape)-1 {
		elemWidth := width - 1 // room for the closing bracket
		line := hanging
		add := func(word string) {
			if len(line)+len(word) > elemWidth && len(line) > len(hanging) {
				s.WriteString(strings.TrimRight(line, " ") + "\n")
				line = hanging
			}
			line += word
		}
		for i := range leading {
			add(a.recurse(at(i), nextHanging, nextWidth))
			line += " "
		}
		if summary {
			add("...")
			line += " "
		}
		for i := trailing; i > 1; i-- {
			add(a.recurse(at(n-i), nextHanging, nextWidth))
			line += " "
		}
		add(a.recurse(at(n-1), nextHanging, nextWidth))
		s.WriteString(line)
	} else {
		sep := "\n" + strings.Repeat("\n", len(a.shape)-axis-2)
		for i := range leading {
			s.WriteString(hanging + a.recurse(at(i), nextHanging, nextWidth) + sep)
		}
		if summary {
			s.WriteString(hanging + "..." + sep)
		}
		for i := trailing; i > 1; i-- {
			s.WriteString(hanging + a.recurse(at(n-i), nextHanging, nextWidth) + sep)
		}
		s.WriteString(hanging + a.recurse(at(n-1), nextHanging, nextWidth))
	}
	return "[" + s.String()[len(hanging):] + "]"
}

// floatFormat is numpy's FloatingFormat for floatmode "maxprec",
// precision 8 and sign "-", sized on the values it will print.
type floatFormat struct {
	exp               bool
	precision         int // fraction digits: at most, or (exp) exactly
	expDigits         int // length of the longest exponent, its sign included
	padLeft, padRight int
}

func newFloatFormat(vals []float64) *floatFormat {
	f := &floatFormat{precision: npPrecision}
	var finite []float64
	minAbs, maxAbs := math.Inf(1), 0.0
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		finite = append(finite, v)
		if a := math.Abs(v); a != 0 {
			minAbs, maxAbs = math.Min(minAbs, a), math.Max(maxAbs, a)
		}
	}
	if maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs/minAbs > 1000) {
		f.exp = true
	}
	switch {
	case len(finite) == 0:
		f.padLeft, f.padRight, f.precision = 0, 0, npPrecision
	case f.exp:
		prec, expLen := 0, 0
		for _, v := range finite {
			mant, exp := sciDigits(v, npPrecision)
			intPart, frac, _ := strings.Cut(mant, ".")
			prec = max(prec, len(frac))
			expLen = max(expLen, len(exp))
			f.padLeft = max(f.padLeft, len(intPart))
		}
		f.precision, f.expDigits = prec, expLen
		f.padRight = expLen + 2 + prec
	default:
		for _, v := range finite {
			intPart, frac, _ := strings.Cut(posDigits(v, npPrecision), ".")
			f.padLeft = max(f.padLeft, len(intPart))
			f.padRight = max(f.padRight, len(frac))
		}
	}
	if len(finite) != len(vals) {
		negInf := false
		for _, v := range vals {
			negInf = negInf || math.IsInf(v, -1)
		}
		infLen := 3
		if negInf {
			infLen++
		}
		offset := f.padRight + 1
		f.padLeft = max(f.padLeft, 3-offset, infLen-offset)
	}
	return f
}

func (f *floatFormat) format(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		s := "nan"
		if math.IsInf(v, 1) {
			s = "inf"
		} else if math.IsInf(v, -1) {
			s = "-inf"
		}
		return strings.Repeat(" ", max(0, f.padLeft+f.padRight+1-len(s))) + s
	}
	if f.exp {
		mant, exp := sciDigits(v, f.precision)
		intPart, frac, _ := strings.Cut(mant, ".")
		frac += strings.Repeat("0", f.precision-len(frac))
		sign, digits := exp[:1], exp[1:]
		digits = strings.Repeat("0", max(0, f.expDigits-1-len(digits))) + digits
		return pad(intPart, f.padLeft) + "." + frac + "e" + sign + digits
	}
	intPart, frac, _ := strings.Cut(posDigits(v, f.precision), ".")
	return pad(intPart, f.padLeft) + "." + frac + strings.Repeat(" ", max(0, f.padRight-len(frac)))
}

func pad(s string, width int) string {
	return strings.Repeat(" ", max(0, width-len(s))) + s
}

// posDigits returns v in positional notation with the fewest digits that
// identify it, rounded to at most prec decimals, trailing zeros dropped
// but the point kept: "0.5", "1.", "-0.", "12.34567891".
func posDigits(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok && len(frac) > prec {
		s = strings.TrimRight(strconv.FormatFloat(v, 'f', prec, 64), "0")
	}
	if !strings.Contains(s, ".") {
		s += "."
	}
	return s
}

// sciDigits returns v's mantissa with the fewest digits that identify it,
// rounded to at most prec decimals and trailing zeros dropped, and its
// exponent with a sign and at least two digits: "5.93858015", "-61".
func sciDigits(v float64, prec int) (mant, exp string) {
	s := strconv.FormatFloat(v, 'e', -1, 64)
	m, e, _ := strings.Cut(s, "e")
	if _, frac, ok := strings.Cut(m, "."); ok && len(frac) > prec {
		s = strconv.FormatFloat(v, 'e', prec, 64)
		m, e, _ = strings.Cut(s, "e")
		m = strings.TrimRight(m, "0")
	}
	if !strings.Contains(m, ".") {
		m += "."
	}
	return m, e
}
