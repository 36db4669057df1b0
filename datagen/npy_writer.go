package datagen

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"os"

	"gonum.org/v1/gonum/mat"
)

// WriteNPY writes X to the file at path in numpy's .npy format, as
// np.save(path, X) does for a float64 array: the same bytes (version 1.0
// header, padded as numpy pads it, C order), so numpy.load reads X back bit
// for bit, NaN and ±Inf included. An existing file is replaced.
//
// It panics if X is empty. For data too large to hold in memory, write
// the rows in pieces with CreateNPY.
func WriteNPY(path string, X mat.Matrix) error {
	r, c := X.Dims()
	if r == 0 || c == 0 {
		panic("datagen: WriteNPY of an empty matrix")
	}
	w, err := CreateNPY(path, c)
	if err != nil {
		return err
	}
	if raw, ok := X.(mat.RawMatrixer); ok {
		m := raw.RawMatrix()
		if m.Stride == c {
			w.WriteRows(m.Data[:r*c])
		} else {
			for i := range r {
				w.WriteRows(m.Data[i*m.Stride : i*m.Stride+c])
			}
		}
		return w.Close()
	}
	row := make([]float64, c)
	for i := range r {
		for j := range row {
			row[j] = X.At(i, j)
		}
		w.WriteRows(row)
	}
	return w.Close()
}

// NPYWriter writes a float64 .npy file a piece of rows at a time, for data
// too large to hold in memory: CreateNPY, WriteRows as often as needed,
// then Close, which writes the number of rows into the header. The file is
// then what np.save writes for the whole array, byte for byte (numpy pads
// its header so that the row count can grow in place; so does NPYWriter).
// An NPYWriter is not safe for concurrent use.
type NPYWriter struct {
	f    *os.File
	w    *bufio.Writer
	path string
	cols int
	rows int
	buf  []byte
	err  error // the first error; every later call returns it
}

// CreateNPY creates (or replaces) the .npy file at path, for rows of cols
// float64 values. It panics if cols < 1.
func CreateNPY(path string, cols int) (*NPYWriter, error) {
	if cols < 1 {
		panic(fmt.Sprintf("datagen: CreateNPY with %d columns", cols))
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("datagen: %w", err)
	}
	w := &NPYWriter{f: f, w: bufio.NewWriterSize(f, 256<<10), path: path, cols: cols}
	w.write(npyHeaderBytes(0, cols))
	if w.err != nil {
		f.Close()
		os.Remove(path)
		return nil, w.err
	}
	return w, nil
}

func (w *NPYWriter) write(b []byte) {
	if w.err != nil {
		return
	}
	if _, err := w.w.Write(b); err != nil {
		w.err = fmt.Errorf("datagen: %w", err)
	}
}

// WriteRows appends the rows in data, one after the other (row-major), to
// the file. It panics if len(data) is not a multiple of the number of
// columns. After an error, every call returns that error.
func (w *NPYWriter) WriteRows(data []float64) error {
	if len(data)%w.cols != 0 {
		panic(fmt.Sprintf("datagen: NPYWriter.WriteRows: len(data) is %d, not a multiple of the %d columns", len(data), w.cols))
	}
	if w.f == nil && w.err == nil {
		w.err = fmt.Errorf("datagen: %s: NPYWriter.WriteRows after Close", w.path)
	}
	for len(data) > 0 && w.err == nil {
		k := min(len(data), max(1, 8192/w.cols)*w.cols) // whole rows, about 64 KiB
		w.buf = w.buf[:0]
		for _, v := range data[:k] {
			w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(v))
		}
		w.write(w.buf)
		data = data[k:]
		w.rows += k / w.cols
	}
	return w.err
}

// Close writes the row count into the header and closes the file. If any
// write failed, the file is removed (no half-written file is left to be
// read as whole) and the first error is returned.
func (w *NPYWriter) Close() error {
	if w.f == nil {
		return w.err
	}
	if w.err == nil {
		if err := w.w.Flush(); err != nil {
			w.err = fmt.Errorf("datagen: %w", err)
		} else if _, err := w.f.WriteAt(npyHeaderBytes(w.rows, w.cols), 0); err != nil {
			w.err = fmt.Errorf("datagen: %w", err)
		}
	}
	if err := w.f.Close(); err != nil && w.err == nil {
		w.err = fmt.Errorf("datagen: %w", err)
	}
	w.f = nil
	if w.err != nil {
		os.Remove(w.path)
	}
	return w.err
}
