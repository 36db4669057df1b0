package datagen

import (
	"encoding/binary"
	"math"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// NPYFile is a numpy .npy file open as a source of rows, for data too large
// to hold in memory: OpenNPY reads and checks its header, and ReadRows
// reads just the rows asked for, at their offset in the file.
//
// It reads what np.save writes for a 2-D array of float64 or float32 in C
// order (a float32 value becomes the float64 of the same value, exactly),
// and a 1-D array as one column, as X.reshape(-1, 1) would: the n values of
// a single feature, which is what scikit-learn asks that reshape for.
// Values are read as stored: NaN and ±Inf included (a fit decides what to
// do with them).
//
// Its methods Dims and ReadRows make it a gmmlab.RowSource. Memory is a
// few hundred bytes, whatever the file's size, plus what the caller reads
// and a 256 KiB buffer for each read under way.
// ReadRows is safe for concurrent use; Close is not.
type NPYFile struct {
	file       *rowFile
	rows, cols int
	item       int   // 8 for float64, 4 for float32
	offset     int64 // where the data start
}

// OpenNPY opens the .npy file at path as a source of rows. It checks the
// whole layout at once, so that every problem is found before a read: the
// error says which problem, and is ErrMalformedNPY (errors.Is) for a file
// that is not a well-formed .npy file (its magic string, version, header
// dict, a truncated file, bytes after the array) or ErrUnsupportedNPY for
// an array that is not a table of little-endian float64 or float32 values
// in C order. Close the file when done.
//
// Version 1.0, 2.0 and 3.0 headers are read, with any padding, as
// numpy.load reads them; unlike numpy.load, bytes after the array are an
// error, not ignored.
func OpenNPY(path string) (*NPYFile, error) {
	rf, err := openRowFile(path)
	if err != nil {
		return nil, err
	}
	f, err := openNPY(rf)
	if err != nil {
		rf.close()
		return nil, err
	}
	return f, nil
}

func openNPY(rf *rowFile) (*NPYFile, error) {
	h, err := readNPYHeader(rf.r, rf.size, rf.path)
	if err != nil {
		return nil, err
	}
	rows, cols, item, err := h.table(rf.size, rf.path)
	if err != nil {
		return nil, err
	}
	return &NPYFile{file: rf, rows: rows, cols: cols, item: item, offset: h.offset}, nil
}

// Dims returns the number of rows and of columns.
func (f *NPYFile) Dims() (rows, cols int) { return f.rows, f.cols }

// npyBuffers holds the byte buffers ReadRows decodes from, 256 KiB each.
var npyBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// ReadRows reads rows lo, lo+1, ... into dst, one after the other, as many
// as dst holds, and returns how many it read: fewer than dst holds only
// when the table ends first, and 0 when lo is the number of rows.
//
// It returns an error (and the number of rows read before it) if the file
// has changed since it was opened or cannot be read. It panics if len(dst)
// is not a multiple of the number of columns or lo is outside 0..rows. It
// is safe for concurrent use.
func (f *NPYFile) ReadRows(dst []float64, lo int) (n int, err error) {
	want := checkRead("NPYFile", dst, lo, f.rows, f.cols)
	if want == 0 {
		return 0, nil
	}
	if err := f.file.unchanged(); err != nil {
		return 0, err
	}
	bp := npyBuffers.Get().(*[]byte)
	defer npyBuffers.Put(bp)
	buf, rowBytes := *bp, f.cols*f.item
	if rowBytes > len(buf) {
		buf = make([]byte, rowBytes) // a row wider than the pool's buffers
	}
	per := len(buf) / rowBytes // rows a read
	for n < want {
		k := min(per, want-n)
		b := buf[:k*rowBytes]
		if err := f.file.readAt(b, f.offset+int64(lo+n)*int64(rowBytes)); err != nil {
			return n, err
		}
		out := dst[n*f.cols : (n+k)*f.cols]
		if f.item == 8 {
			for i := range out {
				out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
			}
		} else {
			for i := range out {
				out[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])))
			}
		}
		n += k
	}
	return n, nil
}

// Close closes the file. Reads after Close fail.
func (f *NPYFile) Close() error { return f.file.close() }

// ReadNPY reads the whole .npy file at path into memory, as numpy.load
// does: one row of X a row of the array (a 1-D array is one column). It
// reads what OpenNPY reads, with the same errors; for a file too large for
// memory, use OpenNPY.
func ReadNPY(path string) (*mat.Dense, error) {
	f, err := OpenNPY(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	X := mat.NewDense(f.rows, f.cols, nil)
	if _, err := f.ReadRows(X.RawMatrix().Data, 0); err != nil {
		return nil, err
	}
	return X, nil
}
