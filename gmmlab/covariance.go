package gmmlab

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// errIllDefined is scikit-learn's advice when a covariance is not positive
// definite even after RegCovar.
var errIllDefined = errors.New("gmmlab: fitting the mixture model failed because some components have " +
	"ill-defined empirical covariance (for instance caused by singleton or collapsed samples). " +
	"Try to decrease the number of components, or increase RegCovar")

// A covStrategy is what one covariance type contributes to EM: how its
// parameters are stored, its squared Mahalanobis distances, the second
// moments it accumulates and how they become covariances. The EM loop is
// written once, in terms of these.
//
// Layouts (row-major): Full K×D×D, Tied D×D, Diag K×D, Spherical K. For
// Full and Tied the precision Cholesky factor is stored as the lower
// triangular L with precision = Lᵀ·L (scikit-learn's precisions_cholesky_
// transposed), so that y = L·(x-μ) reads rows contiguously.
type covStrategy interface {
	// paramLen is the length of the covariance and precision-factor slices.
	paramLen(k, d int) int
	// statLen is the length of the accumulated second moments.
	statLen(k, d int) int
	// nCovParams is the number of free covariance parameters (for BIC).
	nCovParams(k, d int) int
	// mahalanobis sets q[i] = (x_i-μ_c)ᵀ P_c (x_i-μ_c) for the b rows of
	// diff (b×d) of component c.
	mahalanobis(q, diff []float64, b, d, c int, pc []float64)
	// accumulate adds the r-weighted second moments of the b rows of diff
	// (component c; r[i*rs] is row i's responsibility) into s.
	accumulate(s, diff, r []float64, rs, b, d, c, k int)
	// estimate sets cov from the reduced moments s, taken about the
	// reference means, the component masses nk and the shifts of the new
	// means from the reference means (K×D).
	estimate(cov, s, nk, shift []float64, k, d int, reg float64)
	// precisionCholesky sets pc from cov; it fails if a covariance is not
	// positive definite.
	precisionCholesky(pc, cov []float64, k, d int) error
	// logDet sets out[c] = log det of component c's precision factor.
	logDet(out, pc []float64, k, d int)
	// expand writes component c's full d×d covariance (precision=false) or
	// precision (precision=true) into m, from cov or pc.
	expand(m *mat.SymDense, param []float64, c, d int, precision bool)
	// precisionInit checks PrecisionsInit and returns the precision factors.
	precisionInit(p []*mat.SymDense, k, d int) []float64
}

var strategies = map[CovarianceType]covStrategy{
	Full:      fullCov{},
	Tied:      tiedCov{},
	Diag:      diagCov{},
	Spherical: sphericalCov{},
}

// lowerMahalanobis sets q[i] = ‖L·diff_i‖² for a lower triangular L.
func lowerMahalanobis(q, diff []float64, b, d int, l []float64) {
	switch d {
	case 1:
		l00 := l[0]
		for i := 0; i < b; i++ {
			y := l00 * diff[i]
			q[i] = y * y
		}
	case 2:
		l00, l10, l11 := l[0], l[2], l[3]
		for i := 0; i < b; i++ {
			x0, x1 := diff[2*i], diff[2*i+1]
			y0 := l00 * x0
			y1 := l10*x0 + l11*x1
			q[i] = y0*y0 + y1*y1
		}
	default:
		for i := 0; i < b; i++ {
			x := diff[i*d : i*d+d]
			s := 0.0
			for j := 0; j < d; j++ {
				row := l[j*d : j*d+j+1]
				y := 0.0
				for t, v := range row {
					y += v * x[t]
				}
				s += y * y
			}
			q[i] = s
		}
	}
}

// lowerOuterAccumulate adds Σ r_i diff_i diff_iᵀ into the lower triangle of s.
func lowerOuterAccumulate(s, diff, r []float64, rs, b, d int) {
	if d == 2 {
		s00, s10, s11 := s[0], s[2], s[3]
		for i := 0; i < b; i++ {
			w := r[i*rs]
			x0, x1 := diff[2*i], diff[2*i+1]
			wx0 := w * x0
			s00 += wx0 * x0
			s10 += wx0 * x1
			s11 += w * x1 * x1
		}
		s[0], s[2], s[3] = s00, s10, s11
		return
	}
	for i := 0; i < b; i++ {
		w := r[i*rs]
		x := diff[i*d : i*d+d]
		for p := 0; p < d; p++ {
			wp := w * x[p]
			row := s[p*d : p*d+p+1]
			for t := range row {
				row[t] += wp * x[t]
			}
		}
	}
}

// precisionFactor sets l to the inverse of the lower Cholesky factor of the
// d×d symmetric matrix cov, so that cov⁻¹ = lᵀ·l. It reports false if cov
// is not positive definite.
func precisionFactor(l, cov []float64, d int) bool {
	// Cholesky into l (lower), then invert in place column by column.
	c := make([]float64, d*d)
	for j := 0; j < d; j++ {
		s := cov[j*d+j]
		for t := 0; t < j; t++ {
			s -= c[j*d+t] * c[j*d+t]
		}
		if !(s > 0) || math.IsInf(s, 0) {
			return false
		}
		cjj := math.Sqrt(s)
		c[j*d+j] = cjj
		for i := j + 1; i < d; i++ {
			s := cov[i*d+j]
			for t := 0; t < j; t++ {
				s -= c[i*d+t] * c[j*d+t]
			}
			c[i*d+j] = s / cjj
		}
	}
	// l = c⁻¹ by forward substitution on the identity.
	for i := range l[:d*d] {
		l[i] = 0
	}
	for col := 0; col < d; col++ {
		for i := col; i < d; i++ {
			s := 0.0
			if i == col {
				s = 1
			}
			for t := col; t < i; t++ {
				s -= c[i*d+t] * l[t*d+col]
			}
			l[i*d+col] = s / c[i*d+i]
		}
	}
	return true
}

// lowerLogDet returns Σ log L_jj.
func lowerLogDet(l []float64, d int) float64 {
	s := 0.0
	for j := 0; j < d; j++ {
		s += math.Log(l[j*d+j])
	}
	return s
}

// expandLower writes lᵀ·l (precision) or cov itself into m.
func expandLower(m *mat.SymDense, p []float64, d int, precision bool) {
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			var v float64
			if precision {
				// (LᵀL)_ij = Σ_t L_ti L_tj, t ≥ max(i, j) = j.
				for t := j; t < d; t++ {
					v += p[t*d+i] * p[t*d+j]
				}
			} else {
				v = p[i*d+j]
			}
			m.SetSym(i, j, v)
		}
	}
}

// factorFromPrecision returns the lower L with Lᵀ·L = p, panicking with
// name if p is not symmetric positive definite.
func factorFromPrecision(p *mat.SymDense, d int, name string) []float64 {
	if p == nil || p.SymmetricDim() != d {
		n := 0
		if p != nil {
			n = p.SymmetricDim()
		}
		panic(fmt.Sprintf("gmmlab: %s is %d×%d but the data have %d features", name, n, n, d))
	}
	// Cholesky of the reversed matrix J·P·J = M·Mᵀ gives L = J·Mᵀ·J.
	rev := make([]float64, d*d)
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			v := p.At(d-1-i, d-1-j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("gmmlab: %s has a non-finite entry; precisions must be finite", name))
			}
			rev[i*d+j] = v
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(mat.NewSymDense(d, rev)) {
		panic(fmt.Sprintf("gmmlab: %s must be symmetric, positive-definite", name))
	}
	var m mat.TriDense
	ch.LTo(&m)
	l := make([]float64, d*d)
	for i := 0; i < d; i++ {
		for j := 0; j <= i; j++ {
			l[i*d+j] = m.At(d-1-j, d-1-i)
		}
	}
	return l
}

func checkPrecisionCount(p []*mat.SymDense, want int, ct CovarianceType) {
	if len(p) != want {
		panic(fmt.Sprintf("gmmlab: PrecisionsInit has %d matrices but covariance type %q needs %d", len(p), string(ct), want))
	}
}

type fullCov struct{}

func (fullCov) paramLen(k, d int) int   { return k * d * d }
func (fullCov) statLen(k, d int) int    { return k * d * d }
func (fullCov) nCovParams(k, d int) int { return k * d * (d + 1) / 2 }
func (fullCov) mahalanobis(q, diff []float64, b, d, c int, pc []float64) {
	lowerMahalanobis(q, diff, b, d, pc[c*d*d:(c+1)*d*d])
}
func (fullCov) accumulate(s, diff, r []float64, rs, b, d, c, k int) {
	lowerOuterAccumulate(s[c*d*d:(c+1)*d*d], diff, r, rs, b, d)
}
func (fullCov) estimate(cov, s, nk, shift []float64, k, d int, reg float64) {
	for c := 0; c < k; c++ {
		sc, cc, dc := s[c*d*d:], cov[c*d*d:], shift[c*d:]
		for i := 0; i < d; i++ {
			for j := 0; j <= i; j++ {
				v := sc[i*d+j]/nk[c] - dc[i]*dc[j]
				if i == j {
					v += reg
				}
				cc[i*d+j], cc[j*d+i] = v, v
			}
		}
	}
}
func (fullCov) precisionCholesky(pc, cov []float64, k, d int) error {
	for c := 0; c < k; c++ {
		if !precisionFactor(pc[c*d*d:], cov[c*d*d:], d) {
			return errIllDefined
		}
	}
	return nil
}
func (fullCov) logDet(out, pc []float64, k, d int) {
	for c := 0; c < k; c++ {
		out[c] = lowerLogDet(pc[c*d*d:], d)
	}
}
func (fullCov) expand(m *mat.SymDense, p []float64, c, d int, precision bool) {
	expandLower(m, p[c*d*d:], d, precision)
}
func (fullCov) precisionInit(p []*mat.SymDense, k, d int) []float64 {
	checkPrecisionCount(p, k, Full)
	out := make([]float64, 0, k*d*d)
	for c := range p {
		out = append(out, factorFromPrecision(p[c], d, fmt.Sprintf("PrecisionsInit[%d]", c))...)
	}
	return out
}

type tiedCov struct{}

func (tiedCov) paramLen(k, d int) int   { return d * d }
func (tiedCov) statLen(k, d int) int    { return d * d }
func (tiedCov) nCovParams(k, d int) int { return d * (d + 1) / 2 }
func (tiedCov) mahalanobis(q, diff []float64, b, d, c int, pc []float64) {
	lowerMahalanobis(q, diff, b, d, pc)
}
func (tiedCov) accumulate(s, diff, r []float64, rs, b, d, c, k int) {
	lowerOuterAccumulate(s, diff, r, rs, b, d)
}
func (tiedCov) estimate(cov, s, nk, shift []float64, k, d int, reg float64) {
	total := 0.0
	for _, n := range nk {
		total += n
	}
	for i := 0; i < d; i++ {
		for j := 0; j <= i; j++ {
			v := s[i*d+j]
			for c := 0; c < k; c++ {
				v -= nk[c] * shift[c*d+i] * shift[c*d+j]
			}
			v /= total
			if i == j {
				v += reg
			}
			cov[i*d+j], cov[j*d+i] = v, v
		}
	}
}
func (tiedCov) precisionCholesky(pc, cov []float64, k, d int) error {
	if !precisionFactor(pc, cov, d) {
		return errIllDefined
	}
	return nil
}
func (tiedCov) logDet(out, pc []float64, k, d int) {
	ld := lowerLogDet(pc, d)
	for c := range out[:k] {
		out[c] = ld
	}
}
func (tiedCov) expand(m *mat.SymDense, p []float64, c, d int, precision bool) {
	expandLower(m, p, d, precision)
}
func (tiedCov) precisionInit(p []*mat.SymDense, k, d int) []float64 {
	checkPrecisionCount(p, 1, Tied)
	return factorFromPrecision(p[0], d, "PrecisionsInit[0]")
}

type diagCov struct{}

func (diagCov) paramLen(k, d int) int   { return k * d }
func (diagCov) statLen(k, d int) int    { return k * d }
func (diagCov) nCovParams(k, d int) int { return k * d }
func (diagCov) mahalanobis(q, diff []float64, b, d, c int, pc []float64) {
	p := pc[c*d : c*d+d]
	for i := 0; i < b; i++ {
		x := diff[i*d : i*d+d]
		s := 0.0
		for j, v := range p {
			y := v * x[j]
			s += y * y
		}
		q[i] = s
	}
}

// diagAccumulate adds Σ r_i diff_ij² into s[c*d+j]; Diag and Spherical share it.
func diagAccumulate(s, diff, r []float64, rs, b, d, c int) {
	sc := s[c*d : c*d+d]
	for i := 0; i < b; i++ {
		w := r[i*rs]
		x := diff[i*d : i*d+d]
		for j, v := range x {
			sc[j] += w * v * v
		}
	}
}
func (diagCov) accumulate(s, diff, r []float64, rs, b, d, c, k int) {
	diagAccumulate(s, diff, r, rs, b, d, c)
}
func (diagCov) estimate(cov, s, nk, shift []float64, k, d int, reg float64) {
	for c := 0; c < k; c++ {
		for j := 0; j < d; j++ {
			cov[c*d+j] = s[c*d+j]/nk[c] - shift[c*d+j]*shift[c*d+j] + reg
		}
	}
}

// inverseSqrt sets pc = 1/√cov; Diag and Spherical share it.
func inverseSqrt(pc, cov []float64) error {
	for i, v := range cov {
		if !(v > 0) {
			return errIllDefined
		}
		pc[i] = 1 / math.Sqrt(v)
	}
	return nil
}
func (diagCov) precisionCholesky(pc, cov []float64, k, d int) error {
	return inverseSqrt(pc[:k*d], cov[:k*d])
}
func (diagCov) logDet(out, pc []float64, k, d int) {
	for c := 0; c < k; c++ {
		s := 0.0
		for _, v := range pc[c*d : c*d+d] {
			s += math.Log(v)
		}
		out[c] = s
	}
}
func (diagCov) expand(m *mat.SymDense, p []float64, c, d int, precision bool) {
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			m.SetSym(i, j, 0)
		}
		v := p[c*d+i]
		if precision {
			v *= v
		}
		m.SetSym(i, i, v)
	}
}

// diagonalInit returns the diagonals of precision matrices that must be
// diagonal (and, if constant, a multiple of the identity).
func diagonalInit(p []*mat.SymDense, k, d int, ct CovarianceType, constant bool) [][]float64 {
	checkPrecisionCount(p, k, ct)
	out := make([][]float64, k)
	for c, m := range p {
		name := fmt.Sprintf("PrecisionsInit[%d]", c)
		if m == nil || m.SymmetricDim() != d {
			panic(fmt.Sprintf("gmmlab: %s must be %d×%d, one row per feature", name, d, d))
		}
		out[c] = make([]float64, d)
		for i := 0; i < d; i++ {
			for j := 0; j < d; j++ {
				v := m.At(i, j)
				if i != j && v != 0 {
					panic(fmt.Sprintf("gmmlab: %s has off-diagonal entries; %q precisions must be diagonal", name, string(ct)))
				}
			}
			v := m.At(i, i)
			if !(v > 0) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("gmmlab: %q precision should be positive, but %s[%d][%d] is %v", string(ct), name, i, i, v))
			}
			if constant && v != m.At(0, 0) {
				panic(fmt.Sprintf("gmmlab: %s must be a multiple of the identity for %q covariance", name, string(ct)))
			}
			out[c][i] = v
		}
	}
	return out
}
func (diagCov) precisionInit(p []*mat.SymDense, k, d int) []float64 {
	out := make([]float64, 0, k*d)
	for _, diag := range diagonalInit(p, k, d, Diag, false) {
		for _, v := range diag {
			out = append(out, math.Sqrt(v))
		}
	}
	return out
}

type sphericalCov struct{}

func (sphericalCov) paramLen(k, d int) int   { return k }
func (sphericalCov) statLen(k, d int) int    { return k * d }
func (sphericalCov) nCovParams(k, d int) int { return k }
func (sphericalCov) mahalanobis(q, diff []float64, b, d, c int, pc []float64) {
	p2 := pc[c] * pc[c]
	for i := 0; i < b; i++ {
		s := 0.0
		for _, v := range diff[i*d : i*d+d] {
			s += v * v
		}
		q[i] = s * p2
	}
}
func (sphericalCov) accumulate(s, diff, r []float64, rs, b, d, c, k int) {
	diagAccumulate(s, diff, r, rs, b, d, c)
}
func (sphericalCov) estimate(cov, s, nk, shift []float64, k, d int, reg float64) {
	for c := 0; c < k; c++ {
		m := 0.0
		for j := 0; j < d; j++ {
			m += s[c*d+j]/nk[c] - shift[c*d+j]*shift[c*d+j] + reg
		}
		cov[c] = m / float64(d)
	}
}
func (sphericalCov) precisionCholesky(pc, cov []float64, k, d int) error {
	return inverseSqrt(pc[:k], cov[:k])
}
func (sphericalCov) logDet(out, pc []float64, k, d int) {
	for c := 0; c < k; c++ {
		out[c] = float64(d) * math.Log(pc[c])
	}
}
func (sphericalCov) expand(m *mat.SymDense, p []float64, c, d int, precision bool) {
	v := p[c]
	if precision {
		v *= v
	}
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			m.SetSym(i, j, 0)
		}
		m.SetSym(i, i, v)
	}
}
func (sphericalCov) precisionInit(p []*mat.SymDense, k, d int) []float64 {
	out := make([]float64, k)
	for c, diag := range diagonalInit(p, k, d, Spherical, true) {
		out[c] = math.Sqrt(diag[0])
	}
	return out
}
