package gmmlab

import (
	"errors"
	"fmt"

	"github.com/gmmlab/gmmlab/nprand"
)

// Errors a caller can test for with errors.Is, as gonum's mat.ErrShape.
// Every error gmmlab returns, and every value it panics with, wraps one of
// them (a seed outside numpy's range wraps nprand.ErrSeed); the message
// itself says what went wrong and what to do.
var (
	// ErrNonFinite: X holds NaN or ±Inf. Fit returns it; Predict,
	// PredictProba and ScoreSamples panic with it, as scikit-learn's
	// predict raises. Under Missing: Marginalize NaN is a missing value
	// instead, and it is a row or a column with no observed value.
	ErrNonFinite = errors.New("gmmlab: X holds NaN or Inf")
	// ErrTooFewSamples: fewer than 2 samples, or fewer samples than
	// components or clusters (returned by Fit).
	ErrTooFewSamples = errors.New("gmmlab: too few samples")
	// ErrTooSpread: values so far apart that the sums of squares of a fit
	// would overflow float64 (returned by Fit).
	ErrTooSpread = errors.New("gmmlab: X is too spread out for float64")
	// ErrIllDefined: a covariance is not positive definite even after
	// RegCovar (returned by Fit): scikit-learn's "ill-defined empirical
	// covariance".
	ErrIllDefined = errors.New("gmmlab: ill-defined empirical covariance")
	// ErrShape: X has no columns (returned by Fit) or not the number of
	// features the model was fit on (the panic of Predict and friends).
	ErrShape = errors.New("gmmlab: X has the wrong shape")
	// ErrSetting: a setting the caller controls is invalid: a negative
	// count, an unknown CovarianceType, initial parameters of the wrong
	// shape. Fit and the other methods panic with it.
	ErrSetting = errors.New("gmmlab: invalid setting")
	// ErrNotFitted: a method of a model that no fit made (the zero value
	// of Mixture or KMeansModel). The methods panic with it; MarshalJSON
	// and MarshalBinary return it.
	ErrNotFitted = errors.New("gmmlab: the model is not fitted")
	// ErrNotConverged: EM stopped at MaxIter with the lower bound still
	// changing by Tol or more, in every initialisation. Not a failure: Fit
	// returns the model and a nil error, and Mixture.Warning reports it, as
	// scikit-learn's ConvergenceWarning.
	ErrNotConverged = errors.New("gmmlab: EM did not converge")
	// ErrWeights: sample weights that are negative or sum to zero
	// (returned by FitWeighted). A wrong length is ErrShape, NaN or Inf
	// ErrNonFinite.
	ErrWeights = errors.New("gmmlab: invalid sample weights")
	// ErrSource: a RowSource failed to read, or held fewer rows than its
	// Dims said (returned by FitSource). The error wraps the source's own
	// error too, for errors.Is and errors.As.
	ErrSource = errors.New("gmmlab: the row source failed")
	// ErrCorrupt: a saved model that cannot be read back (truncated,
	// inconsistent, not a gmmlab model, or written by a newer gmmlab).
	ErrCorrupt = errors.New("gmmlab: the saved model cannot be read")
)

// ErrSeed is nprand.ErrSeed: the panic value of a RandomState outside
// numpy's range 0..2^32-1 wraps it.
var ErrSeed = nprand.ErrSeed

// gmmError is an error with its own message that wraps a sentinel.
type gmmError struct {
	msg  string
	kind error
}

func (e *gmmError) Error() string { return e.msg }
func (e *gmmError) Unwrap() error { return e.kind }

// errorf returns an error with the formatted message that wraps kind.
func errorf(kind error, format string, args ...any) error {
	return &gmmError{msg: fmt.Sprintf(format, args...), kind: kind}
}

// panicf panics with errorf(kind, format, args...).
func panicf(kind error, format string, args ...any) {
	panic(errorf(kind, format, args...))
}

// notFitted panics with ErrNotFitted for a method of a zero value of the
// type named typ.
func notFitted(typ string) {
	panicf(ErrNotFitted, "gmmlab: the %s is not fitted (it is a zero value); "+
		"get one from Fit, or read a saved one with json.Unmarshal", typ)
}
