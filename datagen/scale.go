package datagen

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// StandardScaler standardizes features by removing the mean and scaling to
// unit variance, as scikit-learn's StandardScaler() (with_mean and with_std
// true) does: z = (x - Mean) / Scale, per column.
//
//	var sc datagen.StandardScaler
//	Xs, err := sc.FitTransform(X)
//	...
//	Xback := sc.InverseTransform(Xs)
//
// Scale is the population standard deviation (dividing by n), except that a
// feature scikit-learn considers constant (its variance within rounding
// error of zero) gets Scale 1, so it is centred but not blown up. The zero
// value is ready to Fit; the fitted fields may also be set by hand.
type StandardScaler struct {
	// Mean, Var and Scale are scikit-learn's mean_, var_ and scale_, one
	// per feature, set by Fit.
	Mean, Var, Scale []float64

	// NSamplesSeen is the number of rows Fit saw.
	NSamplesSeen int
}

// Fit computes the mean and standard deviation of each column of X with
// scikit-learn's arithmetic: mean = sum/n, and the variance by the two-pass
// algorithm with its correction term, (Σ(x-mean)² - (Σ(x-mean))²/n) / n.
// It returns an error if X has a NaN or an infinite value, and then leaves
// s unchanged.
func (s *StandardScaler) Fit(X mat.Matrix) error {
	if err := checkFinite("StandardScaler.Fit", X); err != nil {
		return err
	}
	r, c := X.Dims()
	n := float64(r)
	mean := make([]float64, c)
	variance := make([]float64, c)
	scale := make([]float64, c)
	for j := range c {
		var sum float64
		for i := range r {
			sum += X.At(i, j)
		}
		// _incremental_mean_and_var: T = new_sum / n; temp = X - T;
		// correction = sum(temp); var = (sum(temp**2) - correction**2/n) / n.
		t := sum / n
		var corr, sq float64
		for i := range r {
			d := X.At(i, j) - t
			corr += d
			sq += float64(d * d)
		}
		v := (sq - float64(corr*corr)/n) / n
		if math.IsInf(sum, 0) || math.IsInf(v, 0) || math.IsNaN(v) {
			// The sums overflow float64: compute on the column divided by
			// its largest magnitude and scale back. The variance itself
			// may stay +Inf; the standard deviation is representable.
			m, sd := scaledMeanStd(X, j, r)
			mean[j], variance[j], scale[j] = m, sd*sd, sd
			if sd == 0 {
				scale[j] = 1
			}
			continue
		}
		mean[j] = sum / n
		variance[j] = v
		// _is_constant_feature: var <= n*eps*var + (n*mean*eps)**2.
		eps := 0x1p-52
		m := float64(float64(n*mean[j]) * eps)
		bound := float64(float64(n*eps)*v) + float64(m*m)
		if v <= bound {
			scale[j] = 1
		} else {
			scale[j] = math.Sqrt(v)
		}
	}
	s.Mean, s.Var, s.Scale, s.NSamplesSeen = mean, variance, scale, r
	return nil
}

// scaledMeanStd returns the mean and standard deviation of column j of X
// computed on the column divided by its largest magnitude, for values whose
// sums of squares would overflow.
func scaledMeanStd(X mat.Matrix, j, r int) (mean, std float64) {
	big := 0.0
	for i := range r {
		big = math.Max(big, math.Abs(X.At(i, j)))
	}
	var sum float64
	for i := range r {
		sum += X.At(i, j) / big
	}
	m := sum / float64(r)
	var sq float64
	for i := range r {
		d := X.At(i, j)/big - m
		sq += d * d
	}
	return m * big, math.Sqrt(sq/float64(r)) * big
}

// Transform returns (X - Mean) / Scale, column by column, as a new matrix.
// It panics if s has not been fitted or X has a different number of columns
// than the data s was fitted on.
func (s *StandardScaler) Transform(X mat.Matrix) *mat.Dense {
	s.check("Transform", X)
	return mapColumns(X, func(j int, v float64) float64 { return (v - s.Mean[j]) / s.Scale[j] })
}

// FitTransform is Fit followed by Transform of the same X.
func (s *StandardScaler) FitTransform(X mat.Matrix) (*mat.Dense, error) {
	if err := s.Fit(X); err != nil {
		return nil, err
	}
	return s.Transform(X), nil
}

// InverseTransform undoes Transform: X*Scale + Mean, column by column, as a
// new matrix. It panics as Transform does.
func (s *StandardScaler) InverseTransform(X mat.Matrix) *mat.Dense {
	s.check("InverseTransform", X)
	return mapColumns(X, func(j int, v float64) float64 { return float64(v*s.Scale[j]) + s.Mean[j] })
}

func (s *StandardScaler) check(method string, X mat.Matrix) {
	if s.Mean == nil || len(s.Scale) != len(s.Mean) {
		panic(fmt.Sprintf("datagen: StandardScaler.%s called before Fit; call Fit or FitTransform on the training data first", method))
	}
	checkColumns("StandardScaler."+method, X, len(s.Mean))
}

// MinMaxScaler scales each feature to FeatureRange, as scikit-learn's
// MinMaxScaler(feature_range=..., clip=...) does:
// x' = x*Scale + Min, where Scale = (high - low) / (max - min) and
// Min = low - min*Scale, per column; a constant column gets range 1.
//
//	sc := datagen.MinMaxScaler{FeatureRange: [2]float64{-1, 1}}
//	Xs, err := sc.FitTransform(X)
type MinMaxScaler struct {
	// FeatureRange is the interval {low, high} the training data are mapped
	// onto. The zero value means {0, 1}; otherwise low < high.
	FeatureRange [2]float64

	// Clip clips transformed values to FeatureRange (for new data outside the
	// training range).
	Clip bool

	// DataMin, DataMax, DataRange, Scale and Min are scikit-learn's
	// data_min_, data_max_, data_range_, scale_ and min_, set by Fit.
	DataMin, DataMax, DataRange, Scale, Min []float64

	// NSamplesSeen is the number of rows Fit saw.
	NSamplesSeen int
}

func (s *MinMaxScaler) featureRange() [2]float64 {
	if s.FeatureRange == [2]float64{} {
		return [2]float64{0, 1}
	}
	return s.FeatureRange
}

// Fit records the minimum and maximum of each column of X. It returns an
// error if X has a NaN or an infinite value, and then leaves s unchanged.
// It panics if FeatureRange is not {low, high} with low < high.
func (s *MinMaxScaler) Fit(X mat.Matrix) error {
	fr := s.featureRange()
	if !(fr[0] < fr[1]) || math.IsInf(fr[0], 0) || math.IsInf(fr[1], 0) {
		panic(fmt.Sprintf("datagen: MinMaxScaler.FeatureRange is %v; it must be finite {low, high} with low < high (the zero value means {0, 1})", s.FeatureRange))
	}
	if err := checkFinite("MinMaxScaler.Fit", X); err != nil {
		return err
	}
	r, c := X.Dims()
	lo := make([]float64, c)
	hi := make([]float64, c)
	rng := make([]float64, c)
	scale := make([]float64, c)
	min := make([]float64, c)
	for j := range c {
		lo[j], hi[j] = X.At(0, j), X.At(0, j)
		for i := 1; i < r; i++ {
			v := X.At(i, j)
			lo[j] = math.Min(lo[j], v)
			hi[j] = math.Max(hi[j], v)
		}
		rng[j] = hi[j] - lo[j]
		// _handle_zeros_in_scale: a range below 10*eps counts as zero.
		d := rng[j]
		if d < 10*0x1p-52 {
			d = 1
		}
		scale[j] = (fr[1] - fr[0]) / d
		if math.IsInf(d, 0) {
			// hi - lo overflows float64: halve both sides of the ratio.
			scale[j] = (fr[1]/2 - fr[0]/2) / (hi[j]/2 - lo[j]/2)
		}
		min[j] = fr[0] - float64(lo[j]*scale[j])
	}
	s.DataMin, s.DataMax, s.DataRange, s.Scale, s.Min, s.NSamplesSeen = lo, hi, rng, scale, min, r
	return nil
}

// Transform returns X*Scale + Min, column by column (clipped to
// FeatureRange if Clip is set), as a new matrix. It panics if s has not
// been fitted or X has a different number of columns than the data s was
// fitted on.
func (s *MinMaxScaler) Transform(X mat.Matrix) *mat.Dense {
	s.check("Transform", X)
	fr := s.featureRange()
	return mapColumns(X, func(j int, v float64) float64 {
		v = float64(v*s.Scale[j]) + s.Min[j]
		if s.Clip {
			v = math.Min(math.Max(v, fr[0]), fr[1])
		}
		return v
	})
}

// FitTransform is Fit followed by Transform of the same X.
func (s *MinMaxScaler) FitTransform(X mat.Matrix) (*mat.Dense, error) {
	if err := s.Fit(X); err != nil {
		return nil, err
	}
	return s.Transform(X), nil
}

// InverseTransform undoes Transform: (X - Min) / Scale, column by column, as
// a new matrix. It panics as Transform does.
func (s *MinMaxScaler) InverseTransform(X mat.Matrix) *mat.Dense {
	s.check("InverseTransform", X)
	return mapColumns(X, func(j int, v float64) float64 { return (v - s.Min[j]) / s.Scale[j] })
}

func (s *MinMaxScaler) check(method string, X mat.Matrix) {
	if s.Scale == nil || len(s.Min) != len(s.Scale) {
		panic(fmt.Sprintf("datagen: MinMaxScaler.%s called before Fit; call Fit or FitTransform on the training data first", method))
	}
	checkColumns("MinMaxScaler."+method, X, len(s.Scale))
}

// mapColumns returns the matrix f(j, X[i][j]).
func mapColumns(X mat.Matrix, f func(j int, v float64) float64) *mat.Dense {
	r, c := X.Dims()
	out := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			out.Set(i, j, f(j, X.At(i, j)))
		}
	}
	return out
}

func checkColumns(what string, X mat.Matrix, want int) {
	if _, c := X.Dims(); c != want {
		panic(fmt.Sprintf("datagen: %s: X has %d features but the scaler was fitted on %d", what, c, want))
	}
}

// checkFinite reports the first NaN or infinite entry of X.
func checkFinite(what string, X mat.Matrix) error {
	r, c := X.Dims()
	for i := range r {
		for j := range c {
			if v := X.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("datagen: %s: X[%d][%d] is %v; remove or fill in missing and infinite values first (CSV.DropMissing drops rows with missing cells)", what, i, j, v)
			}
		}
	}
	return nil
}
