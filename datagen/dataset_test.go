package datagen

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIrisMatchesLoadIris compares with sklearn.datasets.load_iris() as
// saved in reference.json: every value, label and name.
func TestIrisMatchesLoadIris(t *testing.T) {
	ref := loadReference(t).Iris
	d := Iris()
	equalExact(t, "iris X", d.X, ref.Data)
	equalInts(t, "iris y", d.Y, ref.Target)
	if strings.Join(d.FeatureNames, "|") != strings.Join(ref.FeatureNames, "|") {
		t.Errorf("FeatureNames = %q, want %q", d.FeatureNames, ref.FeatureNames)
	}
	if strings.Join(d.TargetNames, "|") != strings.Join(ref.TargetNames, "|") {
		t.Errorf("TargetNames = %q, want %q", d.TargetNames, ref.TargetNames)
	}
	d.X.Set(0, 0, -1)
	if Iris().X.At(0, 0) != 5.1 {
		t.Error("Iris returns shared data")
	}
}

// TestOldFaithful checks the shape and values of R's datasets::faithful
// (R 4.2.2): 272 rows, the first (3.600, 79) and last (4.467, 74), as print(tail(faithful, 1)) shows; the sums
// printed by sum(faithful$eruptions), sum(faithful$waiting) are 948.677 and
// 19284.
func TestOldFaithful(t *testing.T) {
	d := OldFaithful()
	r, c := d.X.Dims()
	if r != 272 || c != 2 {
		t.Fatalf("OldFaithful is %d×%d, want 272×2", r, c)
	}
	if d.X.At(0, 0) != 3.6 || d.X.At(0, 1) != 79 || d.X.At(271, 0) != 4.467 || d.X.At(271, 1) != 74 {
		t.Errorf("first and last rows %v %v", d.X.RawRowView(0), d.X.RawRowView(271))
	}
	var se, sw float64
	for i := range r {
		se += d.X.At(i, 0)
		sw += d.X.At(i, 1)
	}
	if abs(se-948.677) > 1e-9 || sw != 19284 {
		t.Errorf("sums %v %v, want 948.677 19284", se, sw)
	}
	if d.FeatureNames[0] != "eruptions" || d.FeatureNames[1] != "waiting" || d.Y != nil {
		t.Errorf("names %q, Y %v", d.FeatureNames, d.Y)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestReadCSV(t *testing.T) {
	const in = "\ufeffname, a ,b,species\nx,1,2.5,setosa\ny,-3e2,NA,virginica\nz,4,5,setosa\n"
	X, names, err := ReadCSVFrom(strings.NewReader(in), "b", "a")
	if err == nil {
		t.Fatalf("missing value not reported: %v %v", X, names)
	}
	X, names, err = CSV{Columns: []string{"b", "a"}, DropMissing: true}.Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "b,a" {
		t.Errorf("names %q", names)
	}
	equalExact(t, "X", X, [][]float64{{2.5, 1}, {5, 4}})

	// No columns named: the numeric ones ("a" and "b"; "b"'s first cell is
	// a number, so the NA in it is an error).
	_, _, err = ReadCSVFrom(strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), `line 3, column 3 ("b")`) {
		t.Errorf("err = %v", err)
	}
	X, names, err = CSV{DropMissing: true}.Read(strings.NewReader(in))
	if err != nil || strings.Join(names, ",") != "a,b" {
		t.Fatalf("names %q err %v", names, err)
	}
	equalExact(t, "X", X, [][]float64{{1, 2.5}, {4, 5}})

	dir := t.TempDir()
	path := filepath.Join(dir, "d.csv")
	os.WriteFile(path, []byte("u;v\n1;2\n3;4\n"), 0o644)
	X, _, err = CSV{Comma: ';'}.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	equalExact(t, "X", X, [][]float64{{1, 2}, {3, 4}})
	if _, _, err := ReadCSV(filepath.Join(dir, "absent.csv")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("absent file: %v", err)
	}
}

// TestReadCSVErrors checks that each kind of bad input gets an error that
// starts with "datagen: " and says where the problem is.
func TestReadCSVErrors(t *testing.T) {
	for _, c := range []struct {
		name, in string
		cols     []string
		want     string
	}{
		{"empty file", "", nil, "the file is empty"},
		{"blank lines only", "\n\n", nil, "the file is empty"},
		{"header only", "a,b\n", nil, "not followed by any data row"},
		{"bad cell", "a,b\n1,2\n3,x4\n", nil, `line 3, column 2 ("b"): "x4" is not a number`},
		{"bad cell named", "a,b\n1,2\n3,4\noops,5\n", []string{"a"}, `line 4, column 1 ("a"): "oops" is not a number`},
		{"comma decimal", "a,b\n1,2\n\"3,5\",4\n", nil, `line 3, column 1 ("a"): "3,5" is not a number`},
		{"empty cell", "a,b\n1,\n", []string{"b"}, `line 2, column 2 ("b"): missing value (empty)`},
		{"NaN", "a,b\n1,2\nNaN,3\n", nil, `line 3, column 1 ("a"): missing value (NaN)`},
		{"inf", "a\n1\ninf\n", nil, `line 3, column 1 ("a"): "inf" is not a finite number`},
		{"ragged short", "a,b,c\n1,2,3\n4,5\n", nil, "line 3 has 2 fields but the header (line 1) has 3"},
		{"ragged long", "a,b\n1,2\n3,4,5\n", nil, "line 3 has 3 fields but the header (line 1) has 2"},
		{"no such column", "a,b\n1,2\n", []string{"c"}, `no column named "c"; the header has "a", "b"`},
		{"duplicate header", "a,a\n1,2\n", []string{"a"}, `two columns named "a"`},
		{"asked twice", "a,b\n1,2\n", []string{"a", "a"}, "asked for twice"},
		{"empty columns", "a,b\n1,2\n", []string{}, "CSV.Columns is empty"},
		{"no numeric", "name,kind\nx,y\n", nil, "no column holds numbers"},
		{"bad quote", "a,b\n1,\"2\n", nil, "line 2"},
	} {
		_, _, err := CSV{Columns: c.cols}.Read(strings.NewReader(c.in))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "datagen: CSV input: ") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: error %q, want it to contain %q", c.name, msg, c.want)
		}
	}
	_, _, err := CSV{DropMissing: true}.Read(strings.NewReader("a,b\n1,NA\n,2\n"))
	if err == nil || !strings.Contains(err.Error(), "none is left") {
		t.Errorf("all rows dropped: %v", err)
	}
}

// FuzzReadCSV feeds arbitrary text to ReadCSVFrom: it must not panic, and
// what it returns must be consistent.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n3,4\n",
		"eruptions,waiting\n3.600,79\n1.800,54\n",
		"x,y,label\n1,NA,a\n,2,b\n3,4,c\n",
		"a\n\"1\n2\"\n",
		"a,b\n1\n",
		"",
		"\ufeffa;b\n1;2\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, in string, drop bool) {
		X, names, err := CSV{DropMissing: drop}.Read(bytes.NewReader([]byte(in)))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "datagen: ") {
				t.Errorf("error %q does not start with datagen: ", err)
			}
			return
		}
		r, c := X.Dims()
		if r == 0 || c != len(names) {
			t.Errorf("X is %d×%d with %d names", r, c, len(names))
		}
	})
}
