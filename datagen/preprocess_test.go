package datagen

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func dense(rows [][]float64) *mat.Dense {
	m := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		m.SetRow(i, r)
	}
	return m
}

// TestTrainTestSplitReference checks every train_test_split case of
// reference.json bit for bit: the split is a permutation, so nothing is
// rounded.
func TestTrainTestSplitReference(t *testing.T) {
	cases := loadReference(t).TrainTestSplit
	if len(cases) == 0 {
		t.Fatal("no train_test_split cases")
	}
	for i, c := range cases {
		Xtr, Xte, ytr, yte := TrainTestSplit(dense(c.X), c.Y, c.TestSize, c.RandomState)
		equalExact(t, "X_train", Xtr, c.XTrain)
		equalExact(t, "X_test", Xte, c.XTest)
		if c.Y == nil {
			if ytr != nil || yte != nil {
				t.Errorf("case %d: y nil but ytrain, ytest = %v, %v", i, ytr, yte)
			}
			continue
		}
		equalInts(t, "y_train", ytr, c.YTrain)
		equalInts(t, "y_test", yte, c.YTest)
	}
}

func TestTrainTestSplitDoesNotModify(t *testing.T) {
	X := dense([][]float64{{1, 2}, {3, 4}, {5, 6}, {7, 8}})
	y := []int{0, 1, 2, 3}
	Xtr, _, ytr, _ := TrainTestSplit(X, y, 0, 0)
	Xtr.Set(0, 0, 100)
	ytr[0] = 100
	if X.At(0, 0) != 1 || X.At(1, 0) != 3 || X.At(2, 0) != 5 || X.At(3, 0) != 7 || y[0]+y[1]+y[2]+y[3] != 6 {
		t.Error("TrainTestSplit's outputs share memory with its inputs")
	}
}

func TestTrainTestSplitPanics(t *testing.T) {
	X := dense([][]float64{{1}, {2}, {3}, {4}})
	for _, c := range []struct {
		name     string
		y        []int
		testSize float64
		seed     int64
	}{
		{"y length", []int{1, 2}, 0.25, 0},
		{"negative testSize", nil, -0.5, 0},
		{"testSize 1", nil, 1.5, 0},
		{"count too large", nil, 4, 0},
		{"seed", nil, 0.25, -1},
		{"NaN", nil, math.NaN(), 0},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: no panic", c.name)
				} else if s := fmt.Sprint(r); len(s) < 9 || s[:9] != "datagen: " {
					t.Errorf("%s: panic %v does not start with `datagen: `", c.name, r)
				}
			}()
			TrainTestSplit(X, c.y, c.testSize, c.seed)
		}()
	}
}

// closeSlice compares to 1e-12 relative (absolute below 1): scikit-learn's
// scalers sum with numpy, whose order of additions depends on the array's
// layout (pairwise along a contiguous axis). On the cases of reference.json
// every value is in fact bit for bit scikit-learn's today.
func closeSlice(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-12*math.Max(1, math.Abs(want[i])) {
			t.Errorf("%s[%d] = %v, want %v (scikit-learn)", name, i, got[i], want[i])
		}
	}
}

// TestStandardScalerReference compares with StandardScaler().fit(X) of
// reference.json: mean_, var_, scale_, transform, inverse_transform, to
// 1e-12, including a constant column (scale 1) and a single row.
func TestStandardScalerReference(t *testing.T) {
	for _, c := range loadReference(t).Scalers {
		t.Run(c.Name, func(t *testing.T) {
			var s StandardScaler
			Xs, err := s.FitTransform(dense(c.X))
			if err != nil {
				t.Fatal(err)
			}
			closeSlice(t, "mean", s.Mean, c.Standard.Mean)
			closeSlice(t, "var", s.Var, c.Standard.Var)
			closeSlice(t, "scale", s.Scale, c.Standard.Scale)
			equalTol(t, "transform", Xs, c.Standard.Transform, 1e-12)
			equalTol(t, "transform_new", s.Transform(dense(c.XNew)), c.Standard.TransformNew, 1e-12)
			equalTol(t, "inverse_new", s.InverseTransform(dense(c.XNew)), c.Standard.InverseNew, 1e-12)
			if s.NSamplesSeen != len(c.X) {
				t.Errorf("NSamplesSeen = %d, want %d", s.NSamplesSeen, len(c.X))
			}
		})
	}
}

// TestMinMaxScalerReference compares with MinMaxScaler(...).fit(X) of
// reference.json for the default range, (-1, 1) and clip=True.
func TestMinMaxScalerReference(t *testing.T) {
	for _, c := range loadReference(t).Scalers {
		for _, ref := range []minMaxRef{c.MinMax, c.MinMaxM1, c.MinMaxC} {
			s := MinMaxScaler{Clip: ref.Clip}
			if ref.FeatureRange[0] != 0 || ref.FeatureRange[1] != 1 {
				s.FeatureRange = [2]float64{ref.FeatureRange[0], ref.FeatureRange[1]}
			}
			Xs, err := s.FitTransform(dense(c.X))
			if err != nil {
				t.Fatal(err)
			}
			closeSlice(t, c.Name+" data_min", s.DataMin, ref.DataMin)
			closeSlice(t, c.Name+" data_max", s.DataMax, ref.DataMax)
			closeSlice(t, c.Name+" scale", s.Scale, ref.Scale)
			closeSlice(t, c.Name+" min", s.Min, ref.Min)
			equalTol(t, c.Name+" transform", Xs, ref.Transform, 1e-12)
			equalTol(t, c.Name+" transform_new", s.Transform(dense(c.XNew)), ref.TransformNew, 1e-12)
			equalTol(t, c.Name+" inverse_new", s.InverseTransform(dense(c.XNew)), ref.InverseNew, 1e-12)
		}
	}
}

func TestScalerErrors(t *testing.T) {
	X := dense([][]float64{{1, 2}, {math.NaN(), 4}})
	var ss StandardScaler
	if err := ss.Fit(X); err == nil || err.Error()[:9] != "datagen: " {
		t.Errorf("StandardScaler.Fit(NaN) = %v, want a datagen error", err)
	}
	var mm MinMaxScaler
	if _, err := mm.FitTransform(X); err == nil {
		t.Error("MinMaxScaler.Fit(NaN) returned no error")
	}
	mustPanic(t, "Transform before Fit", func() { ss.Transform(X) })
	mustPanic(t, "bad FeatureRange", func() { (&MinMaxScaler{FeatureRange: [2]float64{1, 0}}).Fit(dense([][]float64{{1}})) })
	ss.Fit(dense([][]float64{{1, 2, 3}}))
	mustPanic(t, "wrong width", func() { ss.Transform(dense([][]float64{{1, 2}})) })
}

func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r == nil {
			t.Errorf("%s: no panic", name)
		}
	}()
	f()
}
