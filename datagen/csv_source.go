package datagen

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// CSVFile is a CSV file open as a source of rows, for data too large to
// hold in memory: OpenCSV reads it once to check every row and to note
// where the rows start, and ReadRows then parses just the rows asked for.
// It follows the rules of ReadCSV (and of the CSV options it was opened
// with) exactly: the same columns, the same rows, the same values, and a
// file that ReadCSV refuses gets the same error at OpenCSV.
//
// Its methods Dims and ReadRows make it a gmmlab.RowSource. Memory is one
// byte offset for every 64 rows, whatever the file's size, plus what the
// caller reads. ReadRows is safe for concurrent use; Close is not.
type CSVFile struct {
	file   *rowFile
	c      CSV
	header []string
	cols   []int
	names  []string
	rows   int
	marks  []csvMark // where rows 0, csvMarkEvery, 2·csvMarkEvery, ... start
}

// csvMark is where a row's record starts: the byte offset just after the
// previous record, and the line of the record itself.
type csvMark struct {
	off  int64
	line int
}

// csvMarkEvery is the number of rows between two marks: a read starts at
// the mark before its first row and parses at most this many rows more.
const csvMarkEvery = 64

// OpenCSV opens the CSV file at path as a source of rows: the named
// columns, in the order named, or every numeric column if none is named,
// as ReadCSV reads them. It reads the whole file once, checking every row,
// and returns ReadCSV's error for a file that ReadCSV would refuse. Close
// the file when done.
//
// CSV.Open does the same with the options of a CSV value (DropMissing,
// another separator).
func OpenCSV(path string, columns ...string) (*CSVFile, error) {
	return CSV{Columns: columns}.Open(path)
}

// Open opens the CSV file at path as a source of rows read as c says; see
// OpenCSV.
func (c CSV) Open(path string) (*CSVFile, error) {
	rf, err := openRowFile(path)
	if err != nil {
		return nil, err
	}
	f, err := c.open(rf)
	if err != nil {
		rf.close()
		return nil, err
	}
	return f, nil
}

func (c CSV) open(rf *rowFile) (*CSVFile, error) {
	var marks []csvMark
	r := bufio.NewReaderSize(io.NewSectionReader(rf.r, 0, rf.size), 64<<10)
	s, err := c.scan(r, rf.path,
		func(i int, _ []float64, off int64, line int) {
			if i%csvMarkEvery == 0 {
				marks = append(marks, csvMark{off, line})
			}
		},
		func() { marks = marks[:0] })
	if err != nil {
		return nil, err
	}
	if err := rf.unchanged(); err != nil {
		return nil, err
	}
	return &CSVFile{file: rf, c: c, header: s.header, cols: s.cols, names: s.names, rows: s.kept, marks: slices.Clip(marks)}, nil
}

// Dims returns the number of rows and of columns read.
func (f *CSVFile) Dims() (rows, cols int) { return f.rows, len(f.cols) }

// Names returns the names of the columns read, in the order of the values
// in a row: the second value ReadCSV returns.
func (f *CSVFile) Names() []string { return slices.Clone(f.names) }

// ReadRows reads rows lo, lo+1, ... into dst, one after the other (the
// values of a row in the order of Names), as many as dst holds, and
// returns how many it read: fewer than dst holds only when the table ends
// first, and 0 when lo is the number of rows. Rows dropped by
// CSV.DropMissing do not count: row i is the i-th row ReadCSV would return.
//
// It returns an error (and the number of rows read before it) if the file
// has changed since it was opened. It panics if len(dst) is not a multiple
// of the number of columns or lo is outside 0..rows. It is safe for
// concurrent use.
func (f *CSVFile) ReadRows(dst []float64, lo int) (n int, err error) {
	cols := len(f.cols)
	want := checkRead("CSVFile", dst, lo, f.rows, cols)
	if want == 0 {
		return 0, nil
	}
	if err := f.file.unchanged(); err != nil {
		return 0, err
	}
	m := f.marks[lo/csvMarkEvery]
	skip := lo % csvMarkEvery
	cr := f.c.reader(bufio.NewReaderSize(io.NewSectionReader(f.file.r, m.off, f.file.size-m.off), 64<<10))
	cr.ReuseRecord = true
	changed := func(err error) error {
		return fmt.Errorf("%w (the file was whole when opened, so it has changed since; open it again)", err)
	}
	first := -1
	for n < want {
		rec, err := cr.Read()
		if err == io.EOF {
			return n, fmt.Errorf("datagen: %s ends before the rows it held when opened; it has changed since; open it again", f.file.path)
		}
		if err != nil {
			return n, changed(csvError(f.file.path, err))
		}
		line, _ := cr.FieldPos(0)
		if first < 0 {
			first = line
		}
		line += m.line - first
		if len(rec) != len(f.header) {
			return n, changed(fmt.Errorf("datagen: %s: line %d has %d fields but the header has %d", f.file.path, line, len(rec), len(f.header)))
		}
		k, p := f.c.values(rec, f.cols, dst[n*cols:(n+1)*cols])
		switch {
		case p == cellMissing && f.c.DropMissing:
			continue
		case p != cellOK:
			j := f.cols[k]
			return n, changed(cellError(f.file.path, f.header, line, j, strings.TrimSpace(rec[j]), p))
		}
		if skip > 0 {
			skip--
			continue
		}
		n++
	}
	return n, nil
}

// Close closes the file. Reads after Close fail.
func (f *CSVFile) Close() error { return f.file.close() }
