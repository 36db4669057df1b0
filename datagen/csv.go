package datagen

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// CSV configures reading a table of numbers from comma-separated text with a
// header row. The zero value reads every numeric column and reports any
// missing value as an error. ReadCSV, ReadCSVFrom and OpenCSV cover the
// common case; a CSV value adds the options:
//
//	X, names, err := datagen.CSV{Columns: []string{"eruptions", "waiting"}, DropMissing: true}.ReadFile("faithful.csv")
type CSV struct {
	// Columns names the columns to read, in the order wanted. If Columns is
	// nil, every numeric column is read, in file order: a column is numeric
	// when its first non-missing cell is a number (so a text column such as
	// a species name is left out, and a column with no value at all too).
	Columns []string

	// DropMissing drops the rows that have a missing value in a column read,
	// instead of returning an error. A missing value is an empty cell or one
	// of NA, N/A, NaN, null (in any case).
	DropMissing bool

	// Comma is the field separator. If Comma is 0, ',' is used; use ';' for
	// files from a spreadsheet in a comma-decimal locale, '\t' for TSV.
	Comma rune
}

// ReadCSV reads the named columns of the CSV file at path (every numeric
// column if none is named) and returns them as X, one row per data line,
// with the column names in the order of X's columns. See CSV for the rules.
//
// The error, when there is one, starts with "datagen: ", names the file, and
// gives the line and column (counted from 1, as a spreadsheet does) of a
// cell that is not a number or is missing, of a row with the wrong number of
// fields, or says the file is empty or lacks a named column.
func ReadCSV(path string, columns ...string) (X *mat.Dense, names []string, err error) {
	return CSV{Columns: columns}.ReadFile(path)
}

// ReadCSVFrom is ReadCSV for CSV text read from r.
func ReadCSVFrom(r io.Reader, columns ...string) (X *mat.Dense, names []string, err error) {
	return CSV{Columns: columns}.Read(r)
}

// ReadFile reads the CSV file at path as c says; see ReadCSV.
func (c CSV) ReadFile(path string) (X *mat.Dense, names []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("datagen: %w", err)
	}
	defer f.Close()
	return c.read(f, path)
}

// Read reads CSV text from r as c says; see ReadCSV. Errors name the source
// "CSV input".
func (c CSV) Read(r io.Reader) (X *mat.Dense, names []string, err error) {
	return c.read(r, "CSV input")
}

func (c CSV) read(r io.Reader, src string) (*mat.Dense, []string, error) {
	var data []float64
	s, err := c.scan(r, src,
		func(_ int, vals []float64, _ int64, _ int) { data = append(data, vals...) },
		func() { data = data[:0] })
	if err != nil {
		return nil, nil, err
	}
	return mat.NewDense(s.kept, len(s.cols), data), s.names, nil
}

// csvScan is one pass over CSV text, from the header to the last row, that
// applies the rules of CSV without holding the rows: ReadCSV collects the
// values it passes on, OpenCSV only where the rows start. Its errors are
// those of reading every row first, then choosing the columns, then parsing
// the cells in row order (the order the doc of ReadCSV implies):
//
//  1. a quote error or a ragged row, the first in the file;
//  2. no data row;
//  3. a named column that is absent, ambiguous or asked twice;
//  4. no numeric column (when none is named), two columns read with one name;
//  5. the first bad cell in row order, then column order;
//  6. no row left after DropMissing.
//
// When no column is named, a column is numeric from its first non-missing
// cell on; every row above that cell is missing a value in it, so it is
// dropped (DropMissing) or has an error at its first row. That is what
// lets one pass decide: a newly numeric column drops every row kept so far
// (reset) and every problem found so far in a later column of those rows.
type csvScan struct {
	c          CSV
	src        string
	header     []string
	headerLine int
	auto       bool  // no column named: read the numeric ones
	cols       []int // the columns read: named ones in order, or the numeric ones so far in file order
	names      []string
	state      []int8    // auto: per file column, undecided, numeric or text
	first      []csvCell // auto: the first row's cell of each column
	named      error     // a mistake in CSV.Columns, reported after the rows
	bad        []csvCell // per rank: the first row whose first problem has that rank
	rows, kept int
}

// csvCell is where a cell is, with its text and its problem.
type csvCell struct {
	row, line, col int // data row (from 0), line and file column (from 0)
	text           string
	problem        cellProblem
}

const (
	undecided int8 = iota
	numeric
	text
)

// rank orders the problems of one row as ReadCSV meets them: named columns
// in the order named, numeric ones in file order.
func (s *csvScan) rank(k int) int {
	if s.auto {
		return s.cols[k]
	}
	return k
}

// scan reads the CSV text r and calls keep for each row read, with its
// index among the rows kept, its values, the byte offset where its record
// starts (after the previous record's newline) and its line; reset says
// the rows passed on so far are dropped after all.
func (c CSV) scan(r io.Reader, src string, keep func(i int, vals []float64, off int64, line int), reset func()) (*csvScan, error) {
	cr := c.reader(r)
	cr.ReuseRecord = true
	s := &csvScan{c: c, src: src}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, s.fail("the file is empty; expected a header row of column names, then rows of numbers")
	}
	if err != nil {
		return nil, csvError(src, err)
	}
	s.headerLine, _ = cr.FieldPos(0)
	s.header = append([]string(nil), header...)
	s.header[0] = strings.TrimPrefix(s.header[0], "\ufeff") // a spreadsheet's byte order mark
	for i := range s.header {
		s.header[i] = strings.TrimSpace(s.header[i])
	}
	s.auto = c.Columns == nil
	if s.auto {
		s.state = make([]int8, len(s.header))
		s.first = make([]csvCell, len(s.header))
		s.bad = make([]csvCell, len(s.header))
	} else {
		s.cols, s.named = c.pick(s.header, s.fail)
		s.bad = make([]csvCell, len(s.cols))
	}
	for i := range s.bad {
		s.bad[i].row = -1
	}
	vals := make([]float64, len(s.header))
	doomed := false // an error is certain: only structure and column choice still matter
	for {
		off := cr.InputOffset()
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(src, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(s.header) {
			return nil, s.fail("line %d has %d fields but the header (line %d) has %d; every row needs one value per column", line, len(rec), s.headerLine, len(s.header))
		}
		row := s.rows
		s.rows++
		if s.named != nil {
			continue
		}
		if s.auto && len(s.cols) < len(s.header) && s.decide(rec, row, line) {
			s.kept = 0
			reset()
			if !c.DropMissing {
				doomed = true
			}
		}
		if doomed {
			continue
		}
		k, p := c.values(rec, s.cols, vals)
		switch {
		case p == cellOK:
			keep(s.kept, vals[:len(s.cols)], off, line)
			s.kept++
		case p == cellMissing && c.DropMissing:
		default:
			j := s.cols[k]
			if b := &s.bad[s.rank(k)]; b.row < 0 {
				*b = csvCell{row, line, j, strings.TrimSpace(rec[j]), p}
			}
			doomed = !c.DropMissing
		}
	}

	if s.rows == 0 {
		return nil, s.fail("the header (line %d) is not followed by any data row", s.headerLine)
	}
	if s.named != nil {
		return nil, s.named
	}
	if len(s.cols) == 0 {
		return nil, s.fail("no column holds numbers (the header has %s); check the separator (CSV.Comma) or the file", quoteList(s.header))
	}
	s.names = make([]string, len(s.cols))
	for k, j := range s.cols {
		s.names[k] = s.header[j]
		for _, prev := range s.names[:k] {
			if prev == s.names[k] {
				return nil, s.fail("two columns named %q; rename one in the header, or name the columns to read", prev)
			}
		}
	}
	first := -1
	for i, b := range s.bad {
		if b.row >= 0 && (first < 0 || b.row < s.bad[first].row) {
			first = i
		}
	}
	if first >= 0 {
		b := s.bad[first]
		return nil, cellError(src, s.header, b.line, b.col, b.text, b.problem)
	}
	if s.kept == 0 {
		return nil, s.fail("every data row has a missing value in %s, so none is left after CSV.DropMissing", quoteList(s.names))
	}
	return s, nil
}

// decide settles, from the data row rec, the columns still undecided in
// auto mode: a column is numeric or text from its first non-missing cell.
// It reports whether a column became numeric below the first row, which
// drops the rows above (or makes the first row's missing cell the error).
func (s *csvScan) decide(rec []string, row, line int) (dropAbove bool) {
	for j, st := range s.state {
		if st != undecided {
			continue
		}
		cell := strings.TrimSpace(rec[j])
		if isMissing(cell) {
			if row == 0 {
				s.first[j] = csvCell{row, line, j, cell, cellMissing}
			}
			continue
		}
		// A number out of float64's range (1e400) still marks a numeric
		// column; reading it then says it is not finite.
		if _, err := strconv.ParseFloat(cell, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
			s.state[j] = text
			continue
		}
		s.state[j] = numeric
		at, _ := slices.BinarySearch(s.cols, j)
		s.cols = slices.Insert(s.cols, at, j)
		if row == 0 {
			continue
		}
		dropAbove = true
		if s.c.DropMissing {
			// The rows above are dropped at j before any later column.
			for r := j + 1; r < len(s.bad); r++ {
				s.bad[r].row = -1
			}
		} else if b := &s.bad[j]; b.row < 0 {
			*b = s.first[j]
		}
	}
	return dropAbove
}

// pick finds the named columns in header, in the order named.
func (c CSV) pick(header []string, fail func(string, ...any) error) ([]int, error) {
	if len(c.Columns) == 0 {
		return nil, fail("CSV.Columns is empty; name at least one column, or leave it nil to read every numeric column")
	}
	var cols []int
	for _, name := range c.Columns {
		at := -1
		for j, h := range header {
			if h != name {
				continue
			}
			if at >= 0 {
				return nil, fail("the header has two columns named %q (columns %d and %d); rename one", name, at+1, j+1)
			}
			at = j
		}
		if at < 0 {
			return nil, fail("no column named %q; the header has %s", name, quoteList(header))
		}
		if slices.Contains(cols, at) {
			return nil, fail("column %q is asked for twice; name each column once", name)
		}
		cols = append(cols, at)
	}
	return cols, nil
}

// reader is an encoding/csv reader set up as c says.
func (c CSV) reader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // ragged rows get our own message
	if c.Comma != 0 {
		cr.Comma = c.Comma
	}
	return cr
}

func (s *csvScan) fail(format string, args ...any) error {
	return fmt.Errorf("datagen: %s: "+format, append([]any{s.src}, args...)...)
}

// cellProblem is what is wrong with a cell of a column read.
type cellProblem int8

const (
	cellOK cellProblem = iota
	cellMissing
	cellNotNumber
	cellNotFinite
)

// values parses the cells of rec in columns cols into vals, in order,
// stopping at the first cell with a problem: it returns that cell's index
// in cols and the problem, or cellOK.
func (c CSV) values(rec []string, cols []int, vals []float64) (k int, p cellProblem) {
	for k, j := range cols {
		cell := strings.TrimSpace(rec[j])
		if isMissing(cell) {
			return k, cellMissing
		}
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return k, cellNotNumber
		}
		if math.IsInf(v, 0) {
			return k, cellNotFinite
		}
		vals[k] = v
	}
	return -1, cellOK
}

// cellError says what is wrong with a cell, where, and what to do.
func cellError(src string, header []string, line, j int, cell string, p cellProblem) error {
	where := fmt.Sprintf("datagen: %s: line %d, column %d (%q)", src, line, j+1, header[j])
	switch p {
	case cellMissing:
		shown := cell
		if shown == "" {
			shown = "empty"
		}
		return fmt.Errorf("%s: missing value (%s); fill it in, or set CSV.DropMissing to leave such rows out", where, shown)
	case cellNotNumber:
		return fmt.Errorf("%s: %q is not a number; correct the cell, or leave the column out", where, cell)
	default:
		return fmt.Errorf("%s: %q is not a finite number; correct the cell, or leave the column out", where, cell)
	}
}

// isMissing reports whether a trimmed cell stands for a missing value.
func isMissing(cell string) bool {
	switch strings.ToLower(cell) {
	case "", "na", "n/a", "nan", "null":
		return true
	}
	return false
}

// csvError rewords a parse error of encoding/csv, which already carries its
// line and column.
func csvError(src string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("datagen: %s: line %d: %v; check the quotes on that line", src, pe.Line, pe.Err)
	}
	return fmt.Errorf("datagen: %s: %w", src, err)
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
