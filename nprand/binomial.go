package nprand

import (
	"math"

	"github.com/gmmlab/gmmlab/internal/numpy"
)

// Binomial returns RandomState.binomial(n, p): numpy's legacy binomial,
// inversion when min(p, 1-p)*n <= 30 and BTPE (Kachitvichyanukul and
// Schmeiser) otherwise, drawing for 1-p and returning n minus the count when
// p > 0.5. Like numpy's legacy path it draws even when n == 0 or p == 0.
// It panics if n < 0 or p is outside [0, 1] or NaN, with numpy's messages.
func (r *RandomState) Binomial(n int, p float64) int {
	if !(p >= 0 && p <= 1) {
		panic("nprand: p < 0, p > 1 or p is NaN")
	}
	if n < 0 {
		panic("nprand: n < 0")
	}
	return int(r.binomial(int64(n), p))
}

// binomial is legacy_random_binomial_original from numpy's
// legacy-distributions.c.
func (r *RandomState) binomial(n int64, p float64) int64 {
	if p <= 0.5 {
		if p*float64(n) <= 30.0 {
			return r.binomialInversion(n, p)
		}
		return r.binomialBTPE(n, p)
	}
	q := 1.0 - p
	if q*float64(n) <= 30.0 {
		return n - r.binomialInversion(n, q)
	}
	return n - r.binomialBTPE(n, q)
}

// Multinomial returns RandomState.multinomial(n, pvals): the count of each
// of len(pvals) outcomes in n trials, drawn as a chain of binomials
// (numpy's random_multinomial, whose binomial returns 0 without drawing when
// the trials or the probability are 0). The last outcome takes what is left,
// so pvals[len(pvals)-1] is not read. It panics if n < 0, if an entry of
// pvals is outside [0, 1] or NaN, or if sum(pvals[:-1]) > 1 + 1e-12.
func (r *RandomState) Multinomial(n int, pvals []float64) []int {
	for _, v := range pvals {
		if !(v >= 0 && v <= 1) {
			panic("nprand: pvals < 0, pvals > 1 or pvals contains NaNs")
		}
	}
	d := len(pvals)
	if d > 0 && kahanSum(pvals[:d-1]) > 1.0+1e-12 {
		panic("nprand: sum(pvals[:-1]) > 1.0")
	}
	if n < 0 {
		panic("nprand: n < 0")
	}
	out := make([]int, d)
	if d == 0 {
		return out
	}
	remaining := 1.0
	dn := int64(n)
	for j := 0; j < d-1; j++ {
		var k int64
		if pj := pvals[j] / remaining; dn != 0 && pj != 0 {
			k = r.binomial(dn, pj)
		}
		out[j] = int(k)
		dn -= k
		if dn <= 0 {
			break
		}
		remaining -= pvals[j]
	}
	if dn > 0 {
		out[d-1] = int(dn)
	}
	return out
}

// binomialInversion is numpy's random_binomial_inversion.
func (r *RandomState) binomialInversion(n int64, p float64) int64 {
	q := 1.0 - p
	qn := numpy.Exp(float64(n) * numpy.Log(q))
	np := float64(n) * p
	// (RAND_INT_TYPE)MIN(n, np + 10.0*sqrt(np*q + 1)), compared as doubles.
	b := np + float64(10.0*math.Sqrt(float64(np*q)+1))
	bound := int64(b)
	if float64(n) < b {
		bound = n
	}
	var x int64
	px := qn
	u := r.mt.nextDouble()
	for u > px {
		x++
		if x > bound {
			x = 0
			px = qn
			u = r.mt.nextDouble()
		} else {
			u -= px
			px = (float64(n-x+1) * p * px) / (float64(x) * q)
		}
	}
	return x
}

// binomialBTPE is numpy's random_binomial_btpe, step for step. Products are
// wrapped in float64() wherever a sum follows, so that no architecture fuses
// them into an FMA that numpy's x86-64 build does not use.
func (r *RandomState) binomialBTPE(n int64, p float64) int64 {
	fn := float64(n)
	rr := math.Min(p, 1.0-p)
	q := 1.0 - rr
	fm := float64(fn*rr) + rr
	m := int64(math.Floor(fm))
	p1 := math.Floor(float64(2.195*math.Sqrt(float64(fn*rr)*q))-float64(4.6*q)) + 0.5
	xm := float64(m) + 0.5
	xl := xm - p1
	xr := xm + p1
	c := 0.134 + 20.5/(15.3+float64(m))
	a := (fm - xl) / (fm - float64(xl*rr))
	laml := a * (1.0 + a/2.0)
	a = (xr - fm) / (xr * q)
	lamr := a * (1.0 + a/2.0)
	p2 := p1 * (1.0 + 2.0*c)
	p3 := p2 + c/laml
	p4 := p3 + c/lamr

	var y int64
	var u, v float64
step10:
	nrq := fn * rr * q
	u = r.mt.nextDouble() * p4
	v = r.mt.nextDouble()
	if u > p1 {
		goto step20
	}
	y = int64(math.Floor(xm - float64(p1*v) + u))
	goto step60

step20:
	if u > p2 {
		goto step30
	}
	{
		x := xl + (u-p1)/c
		v = float64(v*c) + 1.0 - math.Abs(float64(m)-x+0.5)/p1
		if v > 1.0 {
			goto step10
		}
		y = int64(math.Floor(x))
	}
	goto step50

step30:
	if u > p3 {
		goto step40
	}
	y = int64(math.Floor(xl + numpy.Log(v)/laml))
	// Reject if v == 0, where the conversion above is meaningless.
	if y < 0 || v == 0.0 {
		goto step10
	}
	v = v * (u - p2) * laml
	goto step50

step40:
	y = int64(math.Floor(xr - numpy.Log(v)/lamr))
	if y > n || v == 0.0 {
		goto step10
	}
	v = v * (u - p3) * lamr

step50:
	{
		k := y - m
		if k < 0 {
			k = -k
		}
		if k > 20 && float64(k) < nrq/2.0-1 {
			goto step52
		}
		s := rr / q
		a := s * float64(n+1)
		f := 1.0
		if m < y {
			for i := m + 1; i <= y; i++ {
				f *= a/float64(i) - s
			}
		} else if m > y {
			for i := y + 1; i <= m; i++ {
				f /= a/float64(i) - s
			}
		}
		if v > f {
			goto step10
		}
		goto step60
	}

step52:
	{
		k := y - m
		if k < 0 {
			k = -k
		}
		fk := float64(k)
		rho := (fk / nrq) * ((float64(fk*(fk/3.0+0.625))+0.16666666666666666)/nrq + 0.5)
		t := float64(-k*k) / (2 * nrq)
		aa := numpy.Log(v)
		if aa < t-rho {
			goto step60
		}
		if aa > t+rho {
			goto step10
		}
		x1 := float64(y + 1)
		f1 := float64(m + 1)
		z := float64(n + 1 - m)
		w := float64(n - y + 1)
		x2 := x1 * x1
		f2 := f1 * f1
		z2 := z * z
		w2 := w * w
		bound := float64(xm*numpy.Log(f1/x1)) +
			float64((float64(n-m)+0.5)*numpy.Log(z/w)) +
			float64(float64(y-m)*numpy.Log(w*rr/(x1*q))) +
			stirling(f1, f2) + stirling(z, z2) + stirling(x1, x2) + stirling(w, w2)
		if aa > bound {
			goto step10
		}
	}

step60:
	if p > 0.5 {
		y = n - y
	}
	return y
}

// stirling is one correction term of BTPE's final acceptance test.
func stirling(x, x2 float64) float64 {
	return (13680. - (462.-(132.-(99.-140./x2)/x2)/x2)/x2) / x / 166320.
}
