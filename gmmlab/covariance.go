package gmmlab

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// errIllDefined is scikit-learn's advice when a covariance is not positive
// definite even after RegCovar.
var errIllDefined = errorf(ErrIllDefined, "gmmlab: fitting the mixture model failed because some components have "+
	"ill-defined empirical covariance (for instance caused by singleton or collapsed samples). "+
	"Try to decrease the number of components, or increase RegCovar")

// A covStrategy is what one covariance type contributes to EM: how its
// parameters are stored, its log densities, the second moments it
// accumulates and how they become covariances. The EM loop is written
// once, in terms of these.
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
	// logProb sets q[i] = off - ½ (x_i-μ)ᵀ P_c (x_i-μ) for the b rows of
	// x (b×d), μ = mu the mean of component c: the log density up to the
	// constant off. Unless d = 2 it also sets diff (b×d) to x_i - μ.
	logProb(q []float64, off float64, x, mu, diff []float64, b, d, c int, pc []float64)
	// accumulate adds component c's Σ r_i, Σ r_i (x_i-μ) and r-weighted
	// second moments about μ over the b rows of x into a; r[i*rs] is row
	// i's responsibility, diff holds x_i - μ unless d = 2, idx is scratch
	// for b row numbers. Rows of zero weight add nothing and are skipped.
	accumulate(a *stats, x, mu, diff, r []float64, rs, b, d, c int, idx []int)
	// add2 adds component c's sums over a chunk of two-feature rows, m,
	// into a: what accumulate does with the sums it computes for d = 2.
	add2(a *stats, c int, m sums2)
	// unassigned adds to a the second moments of what the b rows' initial
	// responsibilities r (b×K, row-major) leave unassigned, w_i = 1 -
	// Σ_c r_ic (times the row's sample weight wt[i] unless wt is nil), for a type whose scikit-learn estimate counts every row
	// whatever its responsibilities: Tied takes XᵀX over all rows, so an
	// initialisation that gives each component one row (k-means++,
	// random_from_data) starts from the covariance of all rows about the
	// origin. The other types weight every term by r and ignore it.
	unassigned(a *stats, x, r, wt []float64, b, k, d int)
	// estimate sets cov from the reduced moments s, taken about the
	// reference means, the component masses nk and the shifts of the new
	// means from the reference means (K×D).
	estimate(cov, s, nk, shift []float64, k, d int, reg float64)
	// momentsOf is estimate backwards (PartialFit, partial.go): it sets s
	// to the second moments about the means that estimate, given the
	// masses w and no shift, turns into the covariances cov, reg included.
	momentsOf(s, cov, w []float64, k, d int, reg float64)
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
	// covFromPrecision sets cov to the covariances the precision factors pc
	// stand for (the inverses of the precisions).
	covFromPrecision(cov, pc []float64, k, d int)
	// draw appends to out the nc samples z_i·A + μ of a component with mean
	// mu and full covariance cov, from its nc×d standard normals z, A being
	// the factor numpy uses: multivariate_normal's √s·Vᵀ of the SVD of cov
	// (Full, Tied), or diag(√σ²) (Diag, Spherical: mean + standard_normal ·
	// sqrt(covariance)).
	draw(out, z, mu []float64, cov *mat.SymDense, nc, d int) []float64

	// The BayesianGaussianMixture part (wishart.go).

	// wishart is the Wishart update of BayesianGaussianMixture's M-step:
	// it sets dof to the posterior degrees of freedom ν₀ + N_c (Tied: ν₀ +
	// ΣN_c/K for every component) and cov to the posterior scale
	// normalised by dof, from the priors, the masses nk, the data means xk,
	// the empirical covariances sk (layout of the type, RegCovar added)
	// and the posterior mean precisions β.
	wishart(cov, dof []float64, pr *priors, nk, xk, sk, meanPrec []float64, k, d int)
	// defaultCovPrior is scikit-learn's covariance_prior_ when none is
	// given, from the n rows of x and their column means, in the layout of
	// one component.
	defaultCovPrior(x, mean []float64, n, d int) []float64
	// covPriorOf checks a given CovariancePrior and returns it in the
	// layout of one component; it panics with ErrSetting if it does not
	// fit the type.
	covPriorOf(m mat.Matrix, d int) []float64
}

var strategies = map[CovarianceType]covStrategy{
	Full:      fullCov{},
	Tied:      tiedCov{},
	Diag:      diagCov{},
	Spherical: sphericalCov{},
}

// lowerLogProb sets q[i] = off - ½‖L·(x_i-μ)‖² for a lower triangular L,
// and diff_i = x_i - μ unless d = 2.
func lowerLogProb(q []float64, off float64, x, mu, diff []float64, b, d int, l []float64) {
	if d == 2 {
		m0, m1 := mu[0], mu[1]
		l00, l10, l11 := l[0], l[2], l[3]
		for i := logProb2x4(q[:b], x, m0, m1, l00, l10, l11, off, false); i < b; i++ {
			x0, x1 := x[2*i]-m0, x[2*i+1]-m1
			y0 := l00 * x0
			y1 := l10*x0 + l11*x1
			q[i] = off - 0.5*(y0*y0+y1*y1)
		}
		return
	}
	subRows(diff, x, mu, b, d)
	// Four rows at a time: each entry of L is loaded once for four rows.
	i := 0
	for ; i+4 <= b; i += 4 {
		d0, d1, d2, d3 := diff[i*d:i*d+d], diff[(i+1)*d:(i+1)*d+d], diff[(i+2)*d:(i+2)*d+d], diff[(i+3)*d:(i+3)*d+d]
		var q0, q1, q2, q3 float64
		for j := 0; j < d; j++ {
			row := l[j*d : j*d+j+1]
			a0, a1, a2, a3 := d0[:len(row)], d1[:len(row)], d2[:len(row)], d3[:len(row)]
			var y0, y1, y2, y3 float64
			for t, v := range row {
				y0 += v * a0[t]
				y1 += v * a1[t]
				y2 += v * a2[t]
				y3 += v * a3[t]
			}
			q0 += y0 * y0
			q1 += y1 * y1
			q2 += y2 * y2
			q3 += y3 * y3
		}
		q[i], q[i+1], q[i+2], q[i+3] = off-0.5*q0, off-0.5*q1, off-0.5*q2, off-0.5*q3
	}
	for ; i < b; i++ {
		xi := diff[i*d : i*d+d]
		s := 0.0
		for j := 0; j < d; j++ {
			row := l[j*d : j*d+j+1]
			a := xi[:len(row)]
			y := 0.0
			for t, v := range row {
				y += v * a[t]
			}
			s += y * y
		}
		q[i] = off - 0.5*s
	}
}

// sums2 are one component's sums over a chunk of two-feature rows, y_i =
// x_i - μ: Σ r_i, Σ r_i y_i and the lower triangle of Σ r_i y_i y_iᵀ.
type sums2 struct{ n, s0, s1, s00, s10, s11 float64 }

// moments2 returns the sums2 of the b rows of a two-feature x about mu,
// r[i*rs] being row i's responsibility.
func moments2(x, mu, r []float64, rs, b int) sums2 {
	m0, m1 := mu[0], mu[1]
	var n, s0, s1, s00, s10, s11 float64
	x = x[:2*b]
	for i, ri := 0, 0; i < b; i, ri = i+1, ri+rs {
		w := r[ri]
		xi := x[2*i : 2*i+2]
		y0, y1 := xi[0]-m0, xi[1]-m1
		wy0, wy1 := w*y0, w*y1
		n += w
		s0 += wy0
		s1 += wy1
		s00 += wy0 * y0
		s10 += wy0 * y1
		s11 += wy1 * y1
	}
	return sums2{n, s0, s1, s00, s10, s11}
}

// addFirst2 adds Σ r_i and Σ r_i y_i of m into a for component c.
func (a *stats) addFirst2(c int, m sums2) {
	a.nk[c] += m.n
	a.sumDiff[2*c] += m.s0
	a.sumDiff[2*c+1] += m.s1
}

// accumulate2x4 is accumulate for the components of an E-step pass over
// b two-feature rows, four components at a time with AVX2
// (moments2x4): it adds the statistics of components 0..4⌊k/4⌋-1 into a,
// in component order, and returns how many components it took (0
// without AVX2). r is component-major, chunkRows values per component.
func accumulate2x4(st covStrategy, a *stats, x, mu, r []float64, b, k int) int {
	var out [24]float64
	c := 0
	for ; c+4 <= k; c += 4 {
		if !moments2x4(x[:2*b], r[c*chunkRows:], mu[2*c:2*c+8], &out) {
			return c
		}
		for j := range 4 {
			st.add2(a, c+j, sums2{out[j], out[4+j], out[8+j], out[12+j], out[16+j], out[20+j]})
		}
	}
	return c
}

// nonZeroRows returns the rows i < b whose weight r[i*rs] is not zero, in
// order, in idx.
func nonZeroRows(r []float64, rs, b int, idx []int) []int {
	n := 0
	for i := 0; i < b; i++ {
		if r[i*rs] != 0 {
			idx[n] = i
			n++
		}
	}
	return idx[:n]
}

// addFirstMoments adds Σ r_i and Σ r_i diff_i over rows into a for component c.
func addFirstMoments(a *stats, diff, r []float64, rs, d, c int, rows []int) {
	sd := a.sumDiff[c*d : c*d+d]
	nk := 0.0
	for _, i := range rows {
		w := r[i*rs]
		nk += w
		for j, v := range diff[i*d : i*d+d] {
			sd[j] += w * v
		}
	}
	a.nk[c] += nk
}

// lowerMoments is accumulate for Full and Tied: the second moments go to
// the lower triangle of the d×d s.
func lowerMoments(a *stats, s, x, mu, diff, r []float64, rs, b, d, c int, idx []int) {
	if d == 2 {
		lowerAdd2(a, s, c, moments2(x, mu, r, rs, b))
		return
	}
	rows := nonZeroRows(r, rs, b, idx)
	sd := a.sumDiff[c*d : c*d+d]
	nk := 0.0
	// Four rows and two rows of s at a time: each entry of s is loaded and
	// stored once for four samples, each entry of diff loaded once for
	// eight products.
	j := 0
	for ; j+4 <= len(rows); j += 4 {
		i0, i1, i2, i3 := rows[j], rows[j+1], rows[j+2], rows[j+3]
		w0, w1, w2, w3 := r[i0*rs], r[i1*rs], r[i2*rs], r[i3*rs]
		nk += w0 + w1 + w2 + w3
		d0, d1, d2, d3 := diff[i0*d:i0*d+d], diff[i1*d:i1*d+d], diff[i2*d:i2*d+d], diff[i3*d:i3*d+d]
		p := 0
		for ; p+2 <= d; p += 2 {
			e00, e01, e02, e03 := w0*d0[p], w1*d1[p], w2*d2[p], w3*d3[p]
			e10, e11, e12, e13 := w0*d0[p+1], w1*d1[p+1], w2*d2[p+1], w3*d3[p+1]
			sd[p] += e00 + e01 + e02 + e03
			sd[p+1] += e10 + e11 + e12 + e13
			s0 := s[p*d : p*d+p+1]
			s1 := s[(p+1)*d : (p+1)*d+p+2]
			s1 = s1[:len(s0)+1]
			a0, a1, a2, a3 := d0[:len(s0)], d1[:len(s0)], d2[:len(s0)], d3[:len(s0)]
			for t := range s0 {
				x0, x1, x2, x3 := a0[t], a1[t], a2[t], a3[t]
				s0[t] += e00*x0 + e01*x1 + e02*x2 + e03*x3
				s1[t] += e10*x0 + e11*x1 + e12*x2 + e13*x3
			}
			s1[p+1] += e10*d0[p+1] + e11*d1[p+1] + e12*d2[p+1] + e13*d3[p+1]
		}
		if p < d { // the last row of s when d is odd
			e0, e1, e2, e3 := w0*d0[p], w1*d1[p], w2*d2[p], w3*d3[p]
			sd[p] += e0 + e1 + e2 + e3
			s0 := s[p*d : p*d+p+1]
			a0, a1, a2, a3 := d0[:len(s0)], d1[:len(s0)], d2[:len(s0)], d3[:len(s0)]
			for t := range s0 {
				s0[t] += e0*a0[t] + e1*a1[t] + e2*a2[t] + e3*a3[t]
			}
		}
	}
	for _, i := range rows[j:] {
		w := r[i*rs]
		nk += w
		xi := diff[i*d : i*d+d]
		for p := 0; p < d; p++ {
			e := w * xi[p]
			sd[p] += e
			row := s[p*d : p*d+p+1]
			a := xi[:len(row)]
			for t := range row {
				row[t] += e * a[t]
			}
		}
	}
	a.nk[c] += nk
}

// lowerAdd2 is add2 for Full and Tied: the second moments go to the lower
// triangle of the 2×2 s.
func lowerAdd2(a *stats, s []float64, c int, m sums2) {
	a.addFirst2(c, m)
	s[0] += m.s00
	s[2] += m.s10
	s[3] += m.s11
}

// diagAdd2 is add2 for Diag and Spherical: Σ r y_j² goes to s[2c+j].
func diagAdd2(a *stats, c int, m sums2) {
	a.addFirst2(c, m)
	a.s[2*c] += m.s00
	a.s[2*c+1] += m.s11
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
		panicf(ErrSetting, "gmmlab: %s is %d×%d but the data have %d features", name, n, n, d)
	}
	// Cholesky of the reversed matrix J·P·J = M·Mᵀ gives L = J·Mᵀ·J.
	rev := make([]float64, d*d)
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			v := p.At(d-1-i, d-1-j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panicf(ErrSetting, "gmmlab: %s has a non-finite entry; precisions must be finite", name)
			}
			rev[i*d+j] = v
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(mat.NewSymDense(d, rev)) {
		panicf(ErrSetting, "gmmlab: %s must be symmetric, positive-definite", name)
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

// lowerCovariances sets the d×d blocks of cov to the inverses of the
// precisions lᵀ·l of the lower factors in pc (Full and Tied).
func lowerCovariances(cov, pc []float64, d int) {
	for c := 0; c < len(cov)/(d*d); c++ {
		p := mat.NewSymDense(d, nil)
		expandLower(p, pc[c*d*d:], d, true)
		var inv mat.Dense
		_ = inv.Inverse(p)
		for i := 0; i < d; i++ {
			for j := 0; j < d; j++ {
				cov[c*d*d+i*d+j] = inv.At(i, j)
			}
		}
	}
}

// inverseSquares sets cov = 1/pc² (Diag and Spherical).
func inverseSquares(cov, pc []float64) {
	for i, v := range pc {
		cov[i] = 1 / (v * v)
	}
}

// svdDraw is draw for Full and Tied: numpy's multivariate_normal, z · (√s ·
// Vᵀ) + μ (numpy.MultivariateNormal).
func svdDraw(out, z, mu []float64, cov *mat.SymDense, nc, d int) []float64 {
	out, ok := numpy.MultivariateNormal(out, z, mu, cov, nc)
	if !ok {
		panicf(ErrIllDefined, "gmmlab: the SVD of a covariance did not converge")
	}
	return out
}

// diagonalDraw is draw for Diag and Spherical: mean + standard_normal(size=(n,
// d)) * sqrt(covariance).
func diagonalDraw(out, z, mu []float64, cov *mat.SymDense, nc, d int) []float64 {
	sd := make([]float64, d)
	for j := range sd {
		sd[j] = math.Sqrt(cov.At(j, j))
	}
	for i := 0; i < nc; i++ {
		for j := 0; j < d; j++ {
			out = append(out, mu[j]+z[i*d+j]*sd[j])
		}
	}
	return out
}

func checkPrecisionCount(p []*mat.SymDense, want int, ct CovarianceType) {
	if len(p) != want {
		panicf(ErrSetting, "gmmlab: PrecisionsInit has %d matrices but covariance type %q needs %d", len(p), string(ct), want)
	}
}

type fullCov struct{}

func (fullCov) paramLen(k, d int) int   { return k * d * d }
func (fullCov) statLen(k, d int) int    { return k * d * d }
func (fullCov) nCovParams(k, d int) int { return k * d * (d + 1) / 2 }
func (fullCov) logProb(q []float64, off float64, x, mu, diff []float64, b, d, c int, pc []float64) {
	lowerLogProb(q, off, x, mu, diff, b, d, pc[c*d*d:(c+1)*d*d])
}
func (fullCov) accumulate(a *stats, x, mu, diff, r []float64, rs, b, d, c int, idx []int) {
	lowerMoments(a, a.s[c*d*d:(c+1)*d*d], x, mu, diff, r, rs, b, d, c, idx)
}
func (fullCov) add2(a *stats, c int, m sums2) { lowerAdd2(a, a.s[4*c:4*c+4], c, m) }
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

func (fullCov) covFromPrecision(cov, pc []float64, k, d int) { lowerCovariances(cov, pc, d) }
func (fullCov) draw(out, z, mu []float64, cov *mat.SymDense, nc, d int) []float64 {
	return svdDraw(out, z, mu, cov, nc, d)
}

func (fullCov) unassigned(a *stats, x, r, wt []float64, b, k, d int) {}

type tiedCov struct{}

func (tiedCov) paramLen(k, d int) int   { return d * d }
func (tiedCov) statLen(k, d int) int    { return d * d }
func (tiedCov) nCovParams(k, d int) int { return d * (d + 1) / 2 }
func (tiedCov) logProb(q []float64, off float64, x, mu, diff []float64, b, d, c int, pc []float64) {
	lowerLogProb(q, off, x, mu, diff, b, d, pc)
}
func (tiedCov) accumulate(a *stats, x, mu, diff, r []float64, rs, b, d, c int, idx []int) {
	lowerMoments(a, a.s, x, mu, diff, r, rs, b, d, c, idx)
}
func (tiedCov) add2(a *stats, c int, m sums2) { lowerAdd2(a, a.s, c, m) }
func (tiedCov) unassigned(a *stats, x, r, wt []float64, b, k, d int) {
	for i := 0; i < b; i++ {
		w := 1.0
		for _, v := range r[i*k : i*k+k] {
			w -= v
		}
		if wt != nil {
			w *= wt[i]
		}
		if w == 0 {
			continue
		}
		xi := x[i*d : i*d+d]
		for p := 0; p < d; p++ {
			e := w * xi[p]
			row := a.s[p*d : p*d+p+1]
			for t := range row {
				row[t] += e * xi[t]
			}
		}
	}
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

func (tiedCov) covFromPrecision(cov, pc []float64, k, d int) { lowerCovariances(cov, pc, d) }
func (tiedCov) draw(out, z, mu []float64, cov *mat.SymDense, nc, d int) []float64 {
	return svdDraw(out, z, mu, cov, nc, d)
}

type diagCov struct{}

func (diagCov) paramLen(k, d int) int   { return k * d }
func (diagCov) statLen(k, d int) int    { return k * d }
func (diagCov) nCovParams(k, d int) int { return k * d }
func (diagCov) logProb(q []float64, off float64, x, mu, diff []float64, b, d, c int, pc []float64) {
	p := pc[c*d : c*d+d]
	if d == 2 {
		m0, m1, p0, p1 := mu[0], mu[1], p[0], p[1]
		// y1 = 0·d0 + p1·d1 there: its square is (p1·d1)², the same bits.
		for i := logProb2x4(q[:b], x, m0, m1, p0, 0, p1, off, false); i < b; i++ {
			y0, y1 := (x[2*i]-m0)*p0, (x[2*i+1]-m1)*p1
			q[i] = off - 0.5*(y0*y0+y1*y1)
		}
		return
	}
	subRows(diff, x, mu, b, d)
	for i := range q[:b] {
		xi := diff[i*d : i*d+d]
		s := 0.0
		for j, v := range p {
			y := v * xi[j]
			s += y * y
		}
		q[i] = off - 0.5*s
	}
}

// diagMoments is accumulate for Diag and Spherical: Σ r_i (x_ij - μ_j)²
// goes to s[c*d+j].
func diagMoments(a *stats, x, mu, diff, r []float64, rs, b, d, c int, idx []int) {
	sc := a.s[c*d : c*d+d]
	if d == 2 {
		diagAdd2(a, c, moments2(x, mu, r, rs, b))
		return
	}
	rows := nonZeroRows(r, rs, b, idx)
	addFirstMoments(a, diff, r, rs, d, c, rows)
	for _, i := range rows {
		w := r[i*rs]
		xi := diff[i*d : i*d+d]
		for j, v := range xi {
			sc[j] += w * v * v
		}
	}
}
func (diagCov) accumulate(a *stats, x, mu, diff, r []float64, rs, b, d, c int, idx []int) {
	diagMoments(a, x, mu, diff, r, rs, b, d, c, idx)
}
func (diagCov) add2(a *stats, c int, m sums2)                        { diagAdd2(a, c, m) }
func (diagCov) unassigned(a *stats, x, r, wt []float64, b, k, d int) {}
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
			panicf(ErrSetting, "gmmlab: %s must be %d×%d, one row per feature", name, d, d)
		}
		out[c] = make([]float64, d)
		for i := 0; i < d; i++ {
			for j := 0; j < d; j++ {
				v := m.At(i, j)
				if i != j && v != 0 {
					panicf(ErrSetting, "gmmlab: %s has off-diagonal entries; %q precisions must be diagonal", name, string(ct))
				}
			}
			v := m.At(i, i)
			if !(v > 0) || math.IsInf(v, 0) {
				panicf(ErrSetting, "gmmlab: %q precision should be positive, but %s[%d][%d] is %v", string(ct), name, i, i, v)
			}
			if constant && v != m.At(0, 0) {
				panicf(ErrSetting, "gmmlab: %s must be a multiple of the identity for %q covariance", name, string(ct))
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

func (diagCov) covFromPrecision(cov, pc []float64, k, d int) { inverseSquares(cov, pc) }
func (diagCov) draw(out, z, mu []float64, cov *mat.SymDense, nc, d int) []float64 {
	return diagonalDraw(out, z, mu, cov, nc, d)
}

type sphericalCov struct{}

func (sphericalCov) paramLen(k, d int) int   { return k }
func (sphericalCov) statLen(k, d int) int    { return k * d }
func (sphericalCov) nCovParams(k, d int) int { return k }
func (sphericalCov) logProb(q []float64, off float64, x, mu, diff []float64, b, d, c int, pc []float64) {
	p2 := pc[c] * pc[c]
	if d == 2 {
		m0, m1 := mu[0], mu[1]
		for i := logProb2x4(q[:b], x, m0, m1, p2, 0, 0, off, true); i < b; i++ {
			y0, y1 := x[2*i]-m0, x[2*i+1]-m1
			q[i] = off - 0.5*((y0*y0+y1*y1)*p2)
		}
		return
	}
	subRows(diff, x, mu, b, d)
	for i := range q[:b] {
		s := 0.0
		for _, v := range diff[i*d : i*d+d] {
			s += v * v
		}
		q[i] = off - 0.5*(s*p2)
	}
}
func (sphericalCov) accumulate(a *stats, x, mu, diff, r []float64, rs, b, d, c int, idx []int) {
	diagMoments(a, x, mu, diff, r, rs, b, d, c, idx)
}
func (sphericalCov) add2(a *stats, c int, m sums2)                        { diagAdd2(a, c, m) }
func (sphericalCov) unassigned(a *stats, x, r, wt []float64, b, k, d int) {}
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
func (sphericalCov) covFromPrecision(cov, pc []float64, k, d int) { inverseSquares(cov, pc) }
func (sphericalCov) draw(out, z, mu []float64, cov *mat.SymDense, nc, d int) []float64 {
	return diagonalDraw(out, z, mu, cov, nc, d)
}
