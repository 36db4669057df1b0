package gmmlab

import "math"

// The special functions of BayesianGaussianMixture's variational updates and
// its lower bound: scipy.special's digamma, gammaln and betaln, for the
// positive arguments they take there. testdata/gen_special.py writes scipy's
// values for the tests.

// digamma returns ψ(x) = d/dx log Γ(x), scipy.special.digamma. Negative
// non-integer arguments use the reflection ψ(x) = ψ(1-x) - π/tan(πx); the
// others are raised above 10 by ψ(x) = ψ(x+1) - 1/x and then take the
// asymptotic series log x - 1/(2x) - Σ B₂ₖ/(2k·x²ᵏ), whose terms past x⁻¹⁴
// are below 1e-17 there. Its error is a few ulps of the largest term, an
// absolute error near 1e-16 around the root x ≈ 1.4616.
func digamma(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1):
		return math.NaN()
	case x == 0:
		return math.Copysign(math.Inf(1), -x)
	}
	r := 0.0
	if x < 0 {
		_, frac := math.Modf(x)
		if frac == 0 {
			return math.NaN()
		}
		r = -math.Pi / math.Tan(math.Pi*frac)
		x = 1 - x
	}
	for ; x < 10; x++ {
		r -= 1 / x
	}
	z := 1 / (x * x)
	// Σ B₂ₖ/(2k) zᵏ for k = 1..7: B₂ = 1/6, B₄ = -1/30, B₆ = 1/42, B₈ = -1/30,
	// B₁₀ = 5/66, B₁₂ = -691/2730, B₁₄ = 7/6.
	s := z * (1.0/12 - z*(1.0/120-z*(1.0/252-z*(1.0/240-z*(1.0/132-z*(691.0/32760-z*(1.0/12)))))))
	return r + math.Log(x) - 0.5/x - s
}

// gammaln returns log |Γ(x)|, scipy.special.gammaln.
func gammaln(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// betaln returns log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a+b),
// scipy.special.betaln, for a, b > 0. Its absolute error is a few ulps of
// log Γ(a+b): 1e-10 for a+b near 1e6, far below what the lower bound of a
// fit on that many rows resolves.
func betaln(a, b float64) float64 {
	return gammaln(a) + gammaln(b) - gammaln(a+b)
}
