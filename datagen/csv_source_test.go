package datagen

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// rowSource is gmmlab.RowSource, declared again here (datagen does not
// import gmmlab): the row sources must satisfy it.
type rowSource interface {
	Dims() (rows, cols int)
	ReadRows(dst []float64, lo int) (n int, err error)
}

var (
	_ rowSource = (*CSVFile)(nil)
	_ rowSource = (*NPYFile)(nil)
)

// openCSVBytes opens CSV text held in memory as a CSVFile named "CSV
// input", as CSV.Read names it.
func openCSVBytes(c CSV, in []byte) (*CSVFile, error) {
	return c.open(&rowFile{r: bytes.NewReader(in), path: "CSV input", size: int64(len(in))})
}

// readAllRows reads every row of src in pieces of `chunk` rows, starting
// each piece where the last ended.
func readAllRows(t testing.TB, src rowSource, chunk int) []float64 {
	t.Helper()
	r, c := src.Dims()
	out := make([]float64, r*c)
	for lo := 0; lo < r; {
		hi := min(lo+chunk, r)
		n, err := src.ReadRows(out[lo*c:hi*c], lo)
		if err != nil || n != hi-lo {
			t.Fatalf("ReadRows(rows %d..%d) = %d, %v", lo, hi, n, err)
		}
		lo = hi
	}
	// Reading at the end reads nothing; asking past the end reads what is left.
	if n, err := src.ReadRows(make([]float64, c), r); n != 0 || err != nil {
		t.Fatalf("ReadRows at the end = %d, %v", n, err)
	}
	if r > 0 {
		tail := make([]float64, 3*c)
		if n, err := src.ReadRows(tail, r-1); n != 1 || err != nil || !bitsEqual(tail[:c], out[(r-1)*c:]) {
			t.Fatalf("ReadRows of the last row with room for 3 = %d, %v", n, err)
		}
	}
	return out
}

// checkCSVAgainstOracle reads in with the streaming ReadCSV, with a
// CSVFile, and with the oracle (the reader that held every row), and
// fails unless all three agree: the same error text, or the same names and
// values.
func checkCSVAgainstOracle(t *testing.T, c CSV, in string, chunk int) {
	t.Helper()
	wantX, wantNames, wantErr := oracleReadCSV(c, strings.NewReader(in), "CSV input")
	X, names, err := c.Read(strings.NewReader(in))
	f, ferr := openCSVBytes(c, []byte(in))
	for _, got := range []struct {
		who string
		err error
	}{{"ReadCSV", err}, {"OpenCSV", ferr}} {
		if (wantErr == nil) != (got.err == nil) || wantErr != nil && wantErr.Error() != got.err.Error() {
			t.Fatalf("%s on %q (%+v):\n got error %v\nwant error %v", got.who, in, c, got.err, wantErr)
		}
	}
	if wantErr != nil {
		return
	}
	if strings.Join(names, "\x00") != strings.Join(wantNames, "\x00") || strings.Join(f.Names(), "\x00") != strings.Join(wantNames, "\x00") {
		t.Fatalf("names on %q: ReadCSV %q, OpenCSV %q, want %q", in, names, f.Names(), wantNames)
	}
	if !equalDense(X, wantX) {
		t.Fatalf("ReadCSV on %q:\n got %v\nwant %v", in, mat.Formatted(X), mat.Formatted(wantX))
	}
	r, cols := f.Dims()
	if wr, wc := wantX.Dims(); r != wr || cols != wc {
		t.Fatalf("OpenCSV on %q: Dims %d×%d, want %d×%d", in, r, cols, wr, wc)
	}
	if got := readAllRows(t, f, chunk); !bitsEqual(got, wantX.RawMatrix().Data) {
		t.Fatalf("OpenCSV on %q in pieces of %d rows:\n got %v\nwant %v", in, chunk, got, wantX.RawMatrix().Data)
	}
	// Every single row, read on its own from its mark.
	for i := range r {
		row := make([]float64, cols)
		if n, err := f.ReadRows(row, i); n != 1 || err != nil || !bitsEqual(row, wantX.RawRowView(i)) {
			t.Fatalf("OpenCSV on %q: row %d = %v (%d, %v), want %v", in, i, row, n, err, wantX.RawRowView(i))
		}
	}
}

// TestCSVSourceMatchesReadCSV runs the cases of TestReadCSVErrors and more
// through the three readers: the order of the checks in one pass must
// be that of reading every row first.
func TestCSVSourceMatchesReadCSV(t *testing.T) {
	cases := []struct {
		in   string
		cols []string
	}{
		{"", nil}, {"\n\n", nil}, {"a,b\n", nil}, {"a,b\n1,2\n3,x4\n", nil},
		{"a,b\n1,2\n3,4\noops,5\n", []string{"a"}}, {"a,b\n1,2\n\"3,5\",4\n", nil},
		{"a,b\n1,\n", []string{"b"}}, {"a,b\n1,2\nNaN,3\n", nil}, {"a\n1\ninf\n", nil},
		{"a,b,c\n1,2,3\n4,5\n", nil}, {"a,b\n1,2\n3,4,5\n", nil}, {"a,b\n1,2\n", []string{"c"}},
		{"a,a\n1,2\n", []string{"a"}}, {"a,b\n1,2\n", []string{"a", "a"}}, {"a,b\n1,2\n", []string{}},
		{"name,kind\nx,y\n", nil}, {"a,b\n1,\"2\n", nil}, {"a,b\n1,NA\n,2\n", nil},
		{"a,a\n1,2\n", nil}, {"a,b\n1,2\n1e400,3\n", nil},
		// A bad cell above a ragged row: the ragged row is reported.
		{"a,b\nx,2\n3\n", nil},
		// A bad cell above a column that becomes numeric only later: the
		// first row's missing cell comes first.
		{"a,b\n,2\n1,x\n5,6\n", nil},
		{"a,b\n,1\n,oops\n5,6\n", nil},
		{"a,b\n1,\n2,x\n3,5\n", nil},
		{"a,b,c\n,1,\n,x,\n3,5,7\n8,9,y\n", nil},
		// Named columns: a bad cell above a named mistake.
		{"a,b\nx,1\n", []string{"a", "c"}},
		{"\ufeffname, a ,b,species\nx,1,2.5,setosa\ny,-3e2,NA,virginica\nz,4,5,setosa\n", []string{"b", "a"}},
		{"\ufeffname, a ,b,species\nx,1,2.5,setosa\ny,-3e2,NA,virginica\nz,4,5,setosa\n", nil},
		{"a,b\r\n1,2\r\n\r\n3,4\r\n", nil},
		{"a,b\n\"1\n\",2\n3,\"4\n\n\"\n5,6\n", nil},
	}
	for _, c := range cases {
		for _, drop := range []bool{false, true} {
			for _, chunk := range []int{1, 3, 1000} {
				checkCSVAgainstOracle(t, CSV{Columns: c.cols, DropMissing: drop}, c.in, chunk)
			}
		}
	}
}

// TestCSVSourceLarge reads a file with hundreds of rows, some dropped, in
// pieces that start between the marks, and from several goroutines at once.
func TestCSVSourceLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,x,label,y\n")
	rs := NewRandomState(3)
	U := rs.Uniform(0, 1, 1000, 2)
	for i := range 1000 {
		x, y := strFloat(U.At(i, 0)), strFloat(U.At(i, 1))
		switch {
		case i%97 == 5:
			y = "NA"
		case i%31 == 0:
			x = ""
		}
		b.WriteString(strings.Join([]string{strFloat(float64(i)), x, "\"lab\nel\"", y}, ",") + "\n")
	}
	in := b.String()
	for _, chunk := range []int{1, 7, 64, 65, 500} {
		checkCSVAgainstOracle(t, CSV{DropMissing: true}, in, chunk)
	}
	checkCSVAgainstOracle(t, CSV{Columns: []string{"y", "id"}, DropMissing: true}, in, 10)

	path := filepath.Join(t.TempDir(), "large.csv")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := CSV{DropMissing: true}.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, _, _ := CSV{DropMissing: true}.ReadFile(path)
	testConcurrentReads(t, f, want.RawMatrix().Data)
}

// testConcurrentReads reads distinct ranges of src from 4 goroutines at once,
// each in its own pieces, and checks every value against want.
func testConcurrentReads(t *testing.T, src rowSource, want []float64) {
	t.Helper()
	r, c := src.Dims()
	got := make([]float64, r*c)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for g := range 4 {
		wg.Go(func() {
			lo, hi := g*r/4, (g+1)*r/4
			for at := lo; at < hi; {
				end := min(at+13+g, hi)
				n, err := src.ReadRows(got[at*c:end*c], at)
				if err != nil || n != end-at {
					errs[g] = errors.Join(err, errors.New("short read"))
					return
				}
				at = end
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if !bitsEqual(got, want) {
		t.Fatal("concurrent reads differ from the whole table")
	}
}

func strFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// TestCSVSourceConcurrent is TestCSVSourceLarge's concurrent read under
// the race detector (make test runs the Concurrent tests with -race).
func TestCSVSourceConcurrent(t *testing.T) { TestCSVSourceLarge(t) }

// TestCSVSourceErrors checks OpenCSV's own errors: a missing file, a file
// that changes after it was opened, and misuse of ReadRows.
func TestCSVSourceErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := OpenCSV(filepath.Join(dir, "absent.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("absent file: %v", err)
	}
	if _, err := OpenCSV(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a directory: %v", err)
	}
	path := filepath.Join(dir, "d.csv")
	os.WriteFile(path, []byte("a,b\n1,2\n3,4\n"), 0o644)
	if _, err := OpenCSV(path, "a", "c"); err == nil || err.Error() != `datagen: `+path+`: no column named "c"; the header has "a", "b"` {
		t.Errorf("a missing column: %v", err)
	}
	f, err := OpenCSV(path, "b")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n, err := f.ReadRows(make([]float64, 3), 0); n != 2 || err != nil {
		t.Errorf("ReadRows of 3 rows of the 2 = %d, %v", n, err)
	}
	g, _ := OpenCSV(path)
	defer g.Close()
	mustPanic(t, "odd dst", func() { g.ReadRows(make([]float64, 3), 0) })
	mustPanic(t, "lo past the end", func() { g.ReadRows(make([]float64, 2), 3) })
	mustPanic(t, "negative lo", func() { g.ReadRows(make([]float64, 2), -1) })

	os.WriteFile(path, []byte("a,b\n1,2\n3,4\n5,6\n"), 0o644)
	if _, err := g.ReadRows(make([]float64, 2), 0); err == nil || !strings.Contains(err.Error(), "changed since it was opened") {
		t.Errorf("changed file: %v", err)
	}
}

// FuzzCSVSource feeds arbitrary text to the streaming ReadCSV and OpenCSV
// and to the oracle that holds every row: all three must agree on every
// error and every value, read in pieces of any size.
func FuzzCSVSource(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n3,4\n",
		"x,y,label\n1,NA,a\n,2,b\n3,4,c\n",
		"a,b\n,2\n1,x\n5,6\n",
		"a,b,c\n,1,\n,x,\n3,5,7\n8,9,y\n",
		"a\n\"1\n2\"\n",
		"\ufeffa;b\n1;2\n",
		"a,b\n1,2\n\n3,4\r\n",
	} {
		f.Add(s, false, uint8(1), false)
		f.Add(s, true, uint8(2), true)
	}
	f.Fuzz(func(t *testing.T, in string, drop bool, chunk uint8, named bool) {
		c := CSV{DropMissing: drop}
		if named {
			c.Columns = []string{"b", "a"}
		}
		checkCSVAgainstOracle(t, c, in, int(chunk)%9+1)
	})
}
