package datagen_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gmmlab/gmmlab/datagen"
	"gonum.org/v1/gonum/mat"
)

func ExampleWriteNPY() {
	dir, _ := os.MkdirTemp("", "datagen")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "blobs.npy")

	// Python: X, y = make_blobs(n_samples=4, random_state=0); np.save("blobs.npy", X)
	X, _, _ := datagen.MakeBlobs(datagen.Blobs{NSamples: 4})
	if err := datagen.WriteNPY(path, X); err != nil {
		fmt.Println(err)
		return
	}
	// The bytes np.save writes: a header numpy reads, then the values.
	b, _ := os.ReadFile(path)
	fmt.Printf("%d bytes: %q\n", len(b), b[10:69])

	// Python: np.load("blobs.npy")
	Y, err := datagen.ReadNPY(path)
	fmt.Println(mat.Equal(X, Y), err)
	// Output:
	// 192 bytes: "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }"
	// true <nil>
}

func ExampleOpenNPY() {
	dir, _ := os.MkdirTemp("", "datagen")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "x.npy")
	X := mat.NewDense(10, 2, []float64{
		1, 10, 2, 20, 3, 30, 4, 40, 5, 50,
		6, 60, 7, 70, 8, 80, 9, 90, 10, 100,
	})
	datagen.WriteNPY(path, X)

	// A source of rows: the file is read a piece at a time, never whole.
	src, err := datagen.OpenNPY(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer src.Close()
	rows, cols := src.Dims()
	fmt.Println(rows, cols)

	// The column sums, 4 rows at a time: 4, 4, then the last 2.
	sum := make([]float64, cols)
	buf := make([]float64, 4*cols)
	for lo := 0; lo < rows; {
		n, err := src.ReadRows(buf, lo)
		if err != nil {
			fmt.Println(err)
			return
		}
		for i := range n * cols {
			sum[i%cols] += buf[i]
		}
		fmt.Println("read", n, "rows from row", lo)
		lo += n
	}
	fmt.Println(sum)

	// A file datagen cannot read as a table says why.
	_, err = datagen.OpenNPY("testdata/npy/int64.npy")
	fmt.Println(err)
	// Output:
	// 10 2
	// read 4 rows from row 0
	// read 4 rows from row 4
	// read 2 rows from row 8
	// [55 550]
	// datagen: testdata/npy/int64.npy: the dtype '<i8' (int64) is not float64 or float32; datagen reads float64 ('<f8') and float32 ('<f4'), little-endian: in numpy, np.save(path, X.astype('<f8'))
}

func ExampleOpenCSV() {
	dir, _ := os.MkdirTemp("", "datagen")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "faithful.csv")
	os.WriteFile(path, []byte("id,eruptions,waiting,kind\n"+
		"1,3.600,79,long\n2,1.800,54,short\n3,3.333,,long\n4,2.283,62,short\n5,4.533,85,long\n"), 0o644)

	// Python: pd.read_csv("faithful.csv")[["eruptions", "waiting"]]
	_, err := datagen.OpenCSV(path, "eruptions", "waiting")
	fmt.Println(err != nil) // line 4 has no waiting time: ReadCSV's error

	// With the options of a CSV value: drop the incomplete row.
	src, err := datagen.CSV{Columns: []string{"eruptions", "waiting"}, DropMissing: true}.Open(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer src.Close()
	fmt.Println(src.Dims())
	fmt.Println(src.Names())

	// Rows 1 and 2 (from 0): the parse starts near them, not at the top.
	buf := make([]float64, 2*2)
	n, err := src.ReadRows(buf, 1)
	fmt.Println(n, buf, err)

	// Convert to .npy a piece at a time, for faster passes later.
	npy := filepath.Join(dir, "faithful.npy")
	w, _ := datagen.CreateNPY(npy, 2)
	rows, cols := src.Dims()
	for lo := 0; lo < rows; lo += 3 {
		piece := make([]float64, 3*cols)
		n, _ := src.ReadRows(piece, lo)
		w.WriteRows(piece[:n*cols])
	}
	fmt.Println(w.Close())
	X, _ := datagen.ReadNPY(npy)
	fmt.Println(X.RawMatrix().Data)
	// Output:
	// true
	// 4 2
	// [eruptions waiting]
	// 2 [1.8 54 2.283 62] <nil>
	// <nil>
	// [3.6 79 1.8 54 2.283 62 4.533 85]
}

func ExampleCreateNPY() {
	dir, _ := os.MkdirTemp("", "datagen")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "big.npy")

	// A file larger than memory, written 1000 rows at a time: the same
	// bytes as np.save of the whole 5000×8 array.
	w, err := datagen.CreateNPY(path, 8)
	if err != nil {
		fmt.Println(err)
		return
	}
	rs := datagen.NewRandomState(0)
	for range 5 {
		piece := rs.Normal(0, 1, 1000, 8)
		if err := w.WriteRows(piece.RawMatrix().Data); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}
	src, _ := datagen.OpenNPY(path)
	defer src.Close()
	fmt.Println(src.Dims())
	// Output:
	// 5000 8
}
