package datagen

// The reader of CSV files as it stood before ReadCSV and OpenCSV shared one
// streaming scan: it holds every row as text, then chooses the columns, then
// parses the cells. It is kept here, unchanged, as the oracle that the
// streaming scan must match exactly, value for value and error for error
// (FuzzCSVSource), because its order of checks is the documented one.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

func oracleReadCSV(c CSV, r io.Reader, src string) (*mat.Dense, []string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // ragged rows get our own message below
	cr.ReuseRecord = false
	if c.Comma != 0 {
		cr.Comma = c.Comma
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("datagen: %s: "+format, append([]any{src}, args...)...)
	}

	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, fail("the file is empty; expected a header row of column names, then rows of numbers")
	}
	if err != nil {
		return nil, nil, csvError(src, err)
	}
	headerLine, _ := cr.FieldPos(0)
	header[0] = strings.TrimPrefix(header[0], "\ufeff") // a spreadsheet's byte order mark
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}

	// Read every row as text first: choosing numeric columns needs them.
	type row struct {
		line   int
		fields []string
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, csvError(src, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			return nil, nil, fail("line %d has %d fields but the header (line %d) has %d; every row needs one value per column", line, len(rec), headerLine, len(header))
		}
		rows = append(rows, row{line, rec})
	}
	if len(rows) == 0 {
		return nil, nil, fail("the header (line %d) is not followed by any data row", headerLine)
	}

	var cols []int
	if c.Columns != nil {
		if len(c.Columns) == 0 {
			return nil, nil, fail("CSV.Columns is empty; name at least one column, or leave it nil to read every numeric column")
		}
		for _, name := range c.Columns {
			at := -1
			for j, h := range header {
				if h != name {
					continue
				}
				if at >= 0 {
					return nil, nil, fail("the header has two columns named %q (columns %d and %d); rename one", name, at+1, j+1)
				}
				at = j
			}
			if at < 0 {
				return nil, nil, fail("no column named %q; the header has %s", name, quoteList(header))
			}
			for _, k := range cols {
				if k == at {
					return nil, nil, fail("column %q is asked for twice; name each column once", name)
				}
			}
			cols = append(cols, at)
		}
	} else {
		for j := range header {
			for _, r := range rows {
				cell := strings.TrimSpace(r.fields[j])
				if isMissing(cell) {
					continue
				}
				// A number out of float64's range (1e400) still marks a
				// numeric column; reading it then says it is not finite.
				if _, err := strconv.ParseFloat(cell, 64); err == nil || errors.Is(err, strconv.ErrRange) {
					cols = append(cols, j)
				}
				break
			}
		}
		if len(cols) == 0 {
			return nil, nil, fail("no column holds numbers (the header has %s); check the separator (CSV.Comma) or the file", quoteList(header))
		}
	}

	names := make([]string, len(cols))
	for k, j := range cols {
		names[k] = header[j]
		for _, prev := range names[:k] {
			if prev == names[k] {
				return nil, nil, fail("two columns named %q; rename one in the header, or name the columns to read", prev)
			}
		}
	}
	data := make([]float64, 0, len(rows)*len(cols))
	n := 0
rows:
	for _, r := range rows {
		start := len(data)
		for _, j := range cols {
			cell := strings.TrimSpace(r.fields[j])
			where := func() string { return fmt.Sprintf("line %d, column %d (%q)", r.line, j+1, header[j]) }
			if isMissing(cell) {
				if c.DropMissing {
					data = data[:start]
					continue rows
				}
				shown := cell
				if shown == "" {
					shown = "empty"
				}
				return nil, nil, fail("%s: missing value (%s); fill it in, or set CSV.DropMissing to leave such rows out", where(), shown)
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return nil, nil, fail("%s: %q is not a number; correct the cell, or leave the column out", where(), cell)
			}
			if math.IsInf(v, 0) {
				return nil, nil, fail("%s: %q is not a finite number; correct the cell, or leave the column out", where(), cell)
			}
			data = append(data, v)
		}
		n++
	}
	if n == 0 {
		return nil, nil, fail("every data row has a missing value in %s, so none is left after CSV.DropMissing", quoteList(names))
	}
	return mat.NewDense(n, len(cols), data), names, nil
}
