// Package numpy holds the numpy-compatible helpers that gmmlab, datagen,
// metrics, nprand and plotting share: the arithmetic that has to round
// exactly as numpy's (or scipy's) for the packages to print scikit-learn's
// numbers, written once.
//
//   - PairwiseSum and Mean: np.sum and np.mean of a contiguous float64 array.
//   - Linspace: np.linspace.
//   - LogSumExp: scipy.special.logsumexp of a vector.
//   - Log, Exp, Cos, Sin: the C library's functions, which numpy's compiled
//     code calls (with cgo; Go's math package without it, see ExactLibm).
//   - CheckSeed and ErrSeed: numpy's seed range, one rule for every package.
//   - Eps: np.finfo(np.float64).eps.
//   - MultivariateNormal: RandomState.multivariate_normal's transform of
//     its standard normals.
//
// # Errors and panics
//
// A seed outside numpy's range is a setting the caller controls: CheckSeed
// panics with an error that wraps ErrSeed, whichever package asks (nprand
// exports the sentinel as nprand.ErrSeed).
package numpy
