package datagen

import (
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Dataset is a real data set: the points, their labels where the data set
// has them, and the names of both.
type Dataset struct {
	// X holds one observation per row.
	X *mat.Dense

	// Y holds the class of each row as 0, 1, ..., or is nil for a data set
	// without labels.
	Y []int

	// FeatureNames names the columns of X.
	FeatureNames []string

	// TargetNames names the classes: TargetNames[Y[i]] is row i's class.
	// It is nil when Y is nil.
	TargetNames []string

	// Description says what the data are and where they come from.
	Description string
}

//go:embed data/iris.csv
var irisCSV []byte

//go:embed data/faithful.csv
var faithfulCSV []byte

// Iris returns Fisher's iris data as scikit-learn's load_iris() does: 150
// flowers, 50 of each of three species, measured in centimetres.
//
//	X: 150×4, FeatureNames "sepal length (cm)", "sepal width (cm)",
//	   "petal length (cm)", "petal width (cm)"
//	Y: 0, 1, 2 for TargetNames "setosa", "versicolor", "virginica"
//
// The numbers are scikit-learn 1.2.1's copy (sklearn/datasets/data/iris.csv),
// which follows Fisher's paper and so differs from the UCI Machine Learning
// Repository's file in two wrong data points (rows 35 and 38 there).
//
// Source: R. A. Fisher (1936), "The use of multiple measurements in taxonomic
// problems", Annals of Eugenics 7(2), 179–188; data collected by E. Anderson
// (1935); UCI Machine Learning Repository, https://archive.ics.uci.edu/dataset/53/iris.
//
// Each call returns a new copy, free to modify.
func Iris() *Dataset {
	lines := strings.Split(strings.TrimSpace(string(irisCSV)), "\n")
	head := strings.Split(strings.TrimSpace(lines[0]), ",")
	n, _ := strconv.Atoi(head[0])
	d, _ := strconv.Atoi(head[1])
	X := mat.NewDense(n, d, nil)
	y := make([]int, n)
	for i, line := range lines[1 : n+1] {
		f := strings.Split(strings.TrimSpace(line), ",")
		for j := range d {
			X.Set(i, j, mustFloat(f[j]))
		}
		y[i], _ = strconv.Atoi(f[d])
	}
	return &Dataset{
		X:            X,
		Y:            y,
		FeatureNames: []string{"sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"},
		TargetNames:  append([]string(nil), head[2:]...),
		Description: "Iris plants: 150 flowers, 50 each of Iris setosa, versicolor and virginica, " +
			"with sepal and petal length and width in cm. R. A. Fisher (1936), Annals of Eugenics 7, 179-188; " +
			"UCI Machine Learning Repository. Values as in scikit-learn's load_iris (Fisher's paper, not UCI's two wrong points).",
	}
}

// OldFaithful returns the Old Faithful geyser data as R's datasets::faithful:
// 272 eruptions of the geyser in Yellowstone National Park, Wyoming.
//
//	X: 272×2, FeatureNames "eruptions" (the eruption's duration, minutes)
//	   and "waiting" (the time to the next eruption, minutes)
//	Y: nil (no labels; the data show two clusters, short and long eruptions)
//
// The values were exported from R 4.2.2 (Debian's r-base-core) with
// write.csv(faithful); the eruption times are given to 3 decimals and the
// waiting times in whole minutes.
//
// Source: W. Härdle (1991), Smoothing Techniques with Implementation in S,
// New York: Springer; see also A. Azzalini and A. W. Bowman (1990), "A look
// at some data on the Old Faithful geyser", Applied Statistics 39, 357–365.
//
// Each call returns a new copy, free to modify.
func OldFaithful() *Dataset {
	X, names, err := ReadCSVFrom(bytes.NewReader(faithfulCSV))
	if err != nil {
		panic(fmt.Sprintf("datagen: the embedded Old Faithful data are corrupt: %v", err))
	}
	return &Dataset{
		X:            X,
		FeatureNames: names,
		Description: "Old Faithful geyser, Yellowstone: 272 eruptions, with the eruption time and the waiting time " +
			"to the next eruption, both in minutes. R's datasets::faithful; W. Härdle (1991), Smoothing Techniques " +
			"with Implementation in S; A. Azzalini and A. W. Bowman (1990), Applied Statistics 39, 357-365.",
	}
}

func mustFloat(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(fmt.Sprintf("datagen: the embedded data are corrupt: %v", err))
	}
	return v
}
