package datagen

import (
	"fmt"
	"io"
	"os"
	"time"
)

// rowFile is the file under a row source (NPYFile, CSVFile): read with
// ReadAt only, so that concurrent reads share no seek position, and
// remembered as it was at open, so that a read can tell when the file has
// changed since.
type rowFile struct {
	r    io.ReaderAt
	f    *os.File // nil for a source over bytes in memory (tests)
	path string
	size int64
	mod  time.Time
}

// openRowFile opens path for reading rows.
func openRowFile(path string) (*rowFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datagen: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("datagen: %w", err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("datagen: %s is not a regular file; a row source reads a file at any offset", path)
	}
	return &rowFile{r: f, f: f, path: path, size: st.Size(), mod: st.ModTime()}, nil
}

// unchanged returns an error if the file's size or modification time
// differ from what they were at open: the rows found then are no longer
// where they were.
func (rf *rowFile) unchanged() error {
	if rf.f == nil {
		return nil
	}
	st, err := rf.f.Stat()
	if err != nil {
		return fmt.Errorf("datagen: %w", err)
	}
	if st.Size() != rf.size || !st.ModTime().Equal(rf.mod) {
		return fmt.Errorf("datagen: %s changed since it was opened (it had %d bytes, modified %s; it has %d, modified %s); open it again",
			rf.path, rf.size, rf.mod.Format(time.RFC3339Nano), st.Size(), st.ModTime().Format(time.RFC3339Nano))
	}
	return nil
}

// readAt fills b from offset off, which the file held at open.
func (rf *rowFile) readAt(b []byte, off int64) error {
	n, err := rf.r.ReadAt(b, off)
	if n == len(b) {
		return nil
	}
	if err == io.EOF || err == nil {
		return fmt.Errorf("datagen: %s is shorter than when it was opened (%d bytes); open it again", rf.path, rf.size)
	}
	return fmt.Errorf("datagen: %w", err)
}

func (rf *rowFile) close() error {
	if rf.f == nil {
		return nil
	}
	if err := rf.f.Close(); err != nil {
		return fmt.Errorf("datagen: %w", err)
	}
	return nil
}

// checkRead panics, as ReadRows documents, when dst is not whole rows or
// lo is not a row of the table (lo = rows is the end: nothing to read); it
// returns how many rows to read.
func checkRead(kind string, dst []float64, lo, rows, cols int) int {
	if len(dst)%cols != 0 {
		panic(fmt.Sprintf("datagen: %s.ReadRows: len(dst) is %d, not a multiple of the %d columns", kind, len(dst), cols))
	}
	if lo < 0 || lo > rows {
		panic(fmt.Sprintf("datagen: %s.ReadRows: row %d is outside the table's %d rows", kind, lo, rows))
	}
	return min(len(dst)/cols, rows-lo)
}
