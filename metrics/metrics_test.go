package metrics

import (
	"encoding/json"
	"math"
	"os"
	"reflect"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Expected values come from testdata/reference.json, written by
// testdata/gen_reference.py with scikit-learn 1.2.1, scipy 1.10.1 and numpy
// 1.24.2, except in the tests whose comments derive their own.

type labelingCase struct {
	Name                 string   `json:"name"`
	LabelsTrue           []int    `json:"labels_true"`
	LabelsPred           []int    `json:"labels_pred"`
	Contingency          [][]int  `json:"contingency"`
	TrueClasses          []int    `json:"true_classes"`
	PredClasses          []int    `json:"pred_classes"`
	AdjustedRand         float64  `json:"adjusted_rand"`
	Rand                 float64  `json:"rand"`
	MutualInfo           *float64 `json:"mutual_info"` // null where sklearn raises
	NormalizedMutualInfo float64  `json:"normalized_mutual_info"`
	AdjustedMutualInfo   float64  `json:"adjusted_mutual_info"`
	Homogeneity          float64  `json:"homogeneity"`
	Completeness         float64  `json:"completeness"`
	VMeasure             float64  `json:"v_measure"`
	Accuracy             *float64 `json:"accuracy"`         // null for NaN
	MatchedAccuracy      *float64 `json:"matched_accuracy"` // null for NaN
	Mapping              [][2]int `json:"mapping"`          // [cluster id, true label] pairs
	ConfusionLabels      []int    `json:"confusion_labels"`
	Confusion            [][]int  `json:"confusion"`
}

type assignmentCase struct {
	Name   string      `json:"name"`
	Cost   [][]float64 `json:"cost"`
	RowInd []int       `json:"row_ind"`
	ColInd []int       `json:"col_ind"`
	Total  float64     `json:"total"`
}

type reference struct {
	SklearnVersion string           `json:"sklearn_version"`
	Labelings      []labelingCase   `json:"labelings"`
	Assignments    []assignmentCase `json:"assignments"`
}

func loadReference(t *testing.T) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if ref.SklearnVersion != "1.2.1" || len(ref.Labelings) < 20 || len(ref.Assignments) < 10 {
		t.Fatalf("unexpected reference file: sklearn %s, %d labelings, %d assignments",
			ref.SklearnVersion, len(ref.Labelings), len(ref.Assignments))
	}
	return ref
}

// Tolerances against scikit-learn's values. The pair-counting scores and
// the accuracies are computed from exact integers, as in scikit-learn, and
// must match bit for bit. The information-theoretic scores must agree to a
// relative 1e-12, or to an absolute floor where their sums cancel: numpy's
// vectorized log and scipy's gammaln round differently from math.Log and
// math.Lgamma in the last bit, and a mutual information of 1e-5 built from
// terms of size 0.1 (case "nearly independent") magnifies that to a
// relative 4e-11. The expected mutual information of AMI sums exp of
// differences of lgamma values near n·log(n), so its absolute floor is
// larger; for n=5000 the observed difference is 6e-14.
const (
	exact    = 0
	relTol   = 1e-12
	miFloor  = 1e-14
	amiFloor = 1e-12
)

// near reports whether got is within rel·|want| or abs of want. NaN is near
// NaN.
func near(got, want, rel, abs float64) bool {
	if got == want || (math.IsNaN(got) && math.IsNaN(want)) {
		return true
	}
	d := math.Abs(got - want)
	return d <= rel*math.Abs(want) || d <= abs
}

func denseOf(rows [][]int) *mat.Dense {
	if len(rows) == 0 {
		return &mat.Dense{}
	}
	m := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, row := range rows {
		for j, v := range row {
			m.Set(i, j, float64(v))
		}
	}
	return m
}

func sameDense(a, b *mat.Dense) bool {
	if a.IsEmpty() || b.IsEmpty() {
		return a.IsEmpty() && b.IsEmpty()
	}
	return mat.Equal(a, b)
}

func TestContingencyMatrix(t *testing.T) {
	for _, c := range loadReference(t).Labelings {
		table, tc, pc := ContingencyMatrix(c.LabelsTrue, c.LabelsPred)
		if !sameDense(table, denseOf(c.Contingency)) {
			t.Errorf("%s: table\n%v\nwant %v", c.Name, mat.Formatted(table), c.Contingency)
		}
		if !slices.Equal(tc, c.TrueClasses) || !slices.Equal(pc, c.PredClasses) {
			t.Errorf("%s: classes %v, %v; want %v, %v", c.Name, tc, pc, c.TrueClasses, c.PredClasses)
		}
	}
}

func TestConfusionMatrix(t *testing.T) {
	for _, c := range loadReference(t).Labelings {
		table, labels := ConfusionMatrix(c.LabelsTrue, c.LabelsPred)
		if !sameDense(table, denseOf(c.Confusion)) {
			t.Errorf("%s: confusion matrix differs from sklearn", c.Name)
		}
		if !slices.Equal(labels, c.ConfusionLabels) {
			t.Errorf("%s: labels %v, want %v", c.Name, labels, c.ConfusionLabels)
		}
	}
}

func TestScores(t *testing.T) {
	nan := math.NaN()
	orNaN := func(p *float64) float64 {
		if p == nil {
			return nan
		}
		return *p
	}
	scores := []struct {
		name     string
		fn       func(a, b []int) float64
		want     func(c labelingCase) float64
		rel, abs float64
	}{
		{"AdjustedRandScore", AdjustedRandScore, func(c labelingCase) float64 { return c.AdjustedRand }, exact, exact},
		{"RandScore", RandScore, func(c labelingCase) float64 { return c.Rand }, exact, exact},
		{"MutualInfo", MutualInfo, func(c labelingCase) float64 {
			if c.MutualInfo == nil {
				return 0 // sklearn raises for empty input; MutualInfo documents 0.
			}
			return *c.MutualInfo
		}, relTol, miFloor},
		{"NormalizedMutualInfo", NormalizedMutualInfo, func(c labelingCase) float64 { return c.NormalizedMutualInfo }, relTol, miFloor},
		{"AdjustedMutualInfo", AdjustedMutualInfo, func(c labelingCase) float64 { return c.AdjustedMutualInfo }, relTol, amiFloor},
		{"Homogeneity", func(a, b []int) float64 { h, _, _ := HomogeneityCompletenessVMeasure(a, b); return h },
			func(c labelingCase) float64 { return c.Homogeneity }, relTol, miFloor},
		{"Completeness", func(a, b []int) float64 { _, cp, _ := HomogeneityCompletenessVMeasure(a, b); return cp },
			func(c labelingCase) float64 { return c.Completeness }, relTol, miFloor},
		{"VMeasure", func(a, b []int) float64 { _, _, v := HomogeneityCompletenessVMeasure(a, b); return v },
			func(c labelingCase) float64 { return c.VMeasure }, relTol, miFloor},
		{"Accuracy", Accuracy, func(c labelingCase) float64 { return orNaN(c.Accuracy) }, exact, exact},
		{"MatchedAccuracy", func(a, b []int) float64 { acc, _ := MatchedAccuracy(a, b); return acc },
			func(c labelingCase) float64 { return orNaN(c.MatchedAccuracy) }, exact, exact},
	}
	ref := loadReference(t)
	for _, s := range scores {
		t.Run(s.name, func(t *testing.T) {
			for _, c := range ref.Labelings {
				got, want := s.fn(c.LabelsTrue, c.LabelsPred), s.want(c)
				if !near(got, want, s.rel, s.abs) {
					t.Errorf("%s: got %v, want %v (sklearn), difference %.3g", c.Name, got, want, got-want)
				}
			}
		})
	}
}

func TestMatchedAccuracyMapping(t *testing.T) {
	for _, c := range loadReference(t).Labelings {
		_, mapping := MatchedAccuracy(c.LabelsTrue, c.LabelsPred)
		want := make(map[int]int)
		for _, p := range c.Mapping {
			want[p[0]] = p[1]
		}
		if !reflect.DeepEqual(mapping, want) {
			t.Errorf("%s: mapping %v, want %v (scipy linear_sum_assignment)", c.Name, mapping, want)
		}
	}
}

func TestHungarian(t *testing.T) {
	for _, c := range loadReference(t).Assignments {
		orig := make([][]float64, len(c.Cost))
		for i := range c.Cost {
			orig[i] = slices.Clone(c.Cost[i])
		}
		got := Hungarian(c.Cost)
		if !reflect.DeepEqual(orig, c.Cost) {
			t.Errorf("%s: Hungarian modified its input", c.Name)
		}
		want := make([]int, len(c.Cost))
		for i := range want {
			want[i] = -1
		}
		for k, r := range c.RowInd {
			want[r] = c.ColInd[k]
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: assignment %v, want %v (scipy)", c.Name, got, want)
		}
		var total float64
		for i, j := range got {
			if j >= 0 {
				total += c.Cost[i][j]
			}
		}
		if !near(total, c.Total, relTol, exact) {
			t.Errorf("%s: total cost %v, want %v", c.Name, total, c.Total)
		}
	}
}

// TestHungarianOptimal checks Hungarian against brute force over all
// injections on small random matrices, including rectangular ones and ones
// with many ties. The expected values are computed here, not taken from scipy.
func TestHungarianOptimal(t *testing.T) {
	state := uint64(1)
	next := func() float64 { // a fixed linear congruential sequence in [0, 1)
		state = state*6364136223846793005 + 1442695040888963407
		return float64(state>>11) / (1 << 53)
	}
	for trial := range 300 {
		nr, nc := 1+trial%5, 1+(trial/5)%5
		cost := make([][]float64, nr)
		for i := range cost {
			cost[i] = make([]float64, nc)
			for j := range cost[i] {
				if trial%2 == 0 {
					cost[i][j] = math.Floor(4 * next()) // ties
				} else {
					cost[i][j] = 200*next() - 100
				}
			}
		}
		got := Hungarian(cost)
		used := make(map[int]bool)
		var total float64
		assigned := 0
		for i, j := range got {
			if j < 0 {
				continue
			}
			if used[j] {
				t.Fatalf("trial %d: column %d used twice in %v", trial, j, got)
			}
			used[j] = true
			total += cost[i][j]
			assigned++
		}
		if assigned != min(nr, nc) {
			t.Fatalf("trial %d: %d pairs for a %d×%d matrix", trial, assigned, nr, nc)
		}
		if best := bruteForce(cost); math.Abs(total-best) > 1e-9 {
			t.Errorf("trial %d: total %v, brute force %v", trial, total, best)
		}
	}
}

// bruteForce returns the smallest total cost of a maximal matching.
func bruteForce(cost [][]float64) float64 {
	nr, nc := len(cost), len(cost[0])
	best := math.Inf(1)
	used := make([]bool, nc)
	var rec func(i, left int, sum float64)
	rec = func(i, left int, sum float64) {
		if left == 0 {
			best = min(best, sum)
			return
		}
		if nr-i < left {
			return
		}
		rec(i+1, left, sum) // leave row i out
		for j := range nc {
			if !used[j] {
				used[j] = true
				rec(i+1, left-1, sum+cost[i][j])
				used[j] = false
			}
		}
	}
	rec(0, min(nr, nc), 0)
	return best
}

func TestHungarianEmpty(t *testing.T) {
	if got := Hungarian(nil); len(got) != 0 {
		t.Errorf("Hungarian(nil) = %v, want empty", got)
	}
	if got := Hungarian([][]float64{{}, {}}); !slices.Equal(got, []int{-1, -1}) {
		t.Errorf("Hungarian of 2×0 = %v, want [-1 -1]", got)
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		fn   func()
		msg  string
	}{
		{"ARI lengths", func() { AdjustedRandScore([]int{1, 2, 3}, []int{1, 2}) },
			"metrics: labelsTrue has 3 labels but labelsPred has 2"},
		{"Accuracy lengths", func() { Accuracy([]int{1}, nil) },
			"metrics: labelsTrue has 1 labels but labelsPred has 0"},
		{"ConfusionMatrix lengths", func() { ConfusionMatrix(nil, []int{4}) },
			"metrics: labelsTrue has 0 labels but labelsPred has 1"},
		{"ragged cost", func() { Hungarian([][]float64{{1, 2}, {3}}) },
			"metrics: cost row 1 has 1 columns but row 0 has 2"},
		{"NaN cost", func() { Hungarian([][]float64{{1, math.NaN()}}) },
			"metrics: cost[0][1] is NaN; Hungarian needs finite costs"},
	}
	for _, test := range tests {
		func() {
			defer func() {
				if r := recover(); r != test.msg {
					t.Errorf("%s: panic %v, want %q", test.name, r, test.msg)
				}
			}()
			test.fn()
		}()
	}
}

// TestAdjustedRandLarge checks that pair counts whose products exceed the
// int64 range are combined without overflow. Two labelings that split
// n = 4m samples into halves crossing each other evenly have tp = n²/4 - n
// and fp = fn = tn = n²/4, so ARI = -1/(n-2) exactly; here tp·tn ≈ 1e20.
func TestAdjustedRandLarge(t *testing.T) {
	const n = 200000
	a, b := make([]int, n), make([]int, n)
	for i := range a {
		a[i] = i % 2
		b[i] = (i / 2) % 2
	}
	got, want := AdjustedRandScore(a, b), -1.0/(n-2)
	if !near(got, want, relTol, exact) {
		t.Errorf("AdjustedRandScore of crossed halves, n=%d: %v, want %v", n, got, want)
	}
}
