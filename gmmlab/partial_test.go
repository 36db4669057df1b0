package gmmlab

import (
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// streamBatch draws b rows of the stream's distribution: three Gaussians
// in 2-D with weights 0.5, 0.3, 0.2, means (0, 0), (6, 1), (2, 7) and
// covariances [[1, 0.5], [0.5, 1]], diag(0.5, 2) and 0.8·I.
func streamBatch(rs *nprand.RandomState, b int) *mat.Dense {
	x := make([]float64, 0, 2*b)
	for i := 0; i < b; i++ {
		u := rs.RandomSample()
		z0, z1 := rs.StandardNormal(), rs.StandardNormal()
		switch {
		case u < 0.5:
			x = append(x, z0, 0.5*z0+math.Sqrt(0.75)*z1)
		case u < 0.8:
			x = append(x, 6+math.Sqrt(0.5)*z0, 1+math.Sqrt(2)*z1)
		default:
			x = append(x, 2+math.Sqrt(0.8)*z0, 7+math.Sqrt(0.8)*z1)
		}
	}
	return mat.NewDense(b, 2, x)
}

// byFirstMean orders the components of m by their mean's first then
// second coordinate, for comparing two fits of one distribution.
func byFirstMean(m *Mixture) []int {
	idx := []int{0, 1, 2}
	mu := m.Means()
	sort.Slice(idx, func(a, b int) bool {
		return mu.At(idx[a], 0)+0.1*mu.At(idx[a], 1) < mu.At(idx[b], 0)+0.1*mu.At(idx[b], 1)
	})
	return idx
}

// PartialFit over a stream of batches of one distribution ends near the
// full-batch fit of all the rows, for every covariance type, starting from
// a fit on the first batch alone.
func TestPartialFitConverges(t *testing.T) {
	const batches, b = 120, 400
	rs := nprand.New(12)
	var all []float64
	var stream []*mat.Dense
	for i := 0; i < batches; i++ {
		B := streamBatch(rs, b)
		stream = append(stream, B)
		all = append(all, B.RawMatrix().Data...)
	}
	X := mat.NewDense(batches*b, 2, all)
	for _, ct := range CovarianceTypes {
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 1}
		full, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		m, err := g.Fit(stream[0])
		if err != nil {
			t.Fatal(err)
		}
		start := m
		for _, B := range stream[1:] {
			if m, err = m.PartialFit(B); err != nil {
				t.Fatal(err)
			}
		}
		if m.RowsSeen() != batches*b {
			t.Errorf("%s: RowsSeen %v, want %d", ct, m.RowsSeen(), batches*b)
		}
		fo, mo, so := byFirstMean(full), byFirstMean(m), byFirstMean(start)
		moved, off := 0.0, 0.0
		for r := range fo {
			for j := 0; j < 2; j++ {
				got, want := m.Means().At(mo[r], j), full.Means().At(fo[r], j)
				if math.Abs(got-want) > 0.05 {
					t.Errorf("%s: mean %d[%d] is %.4f online, %.4f full-batch", ct, r, j, got, want)
				}
				moved = max(moved, math.Abs(start.Means().At(so[r], j)-want))
				off = max(off, math.Abs(got-want))
			}
			if got, want := m.Weights()[mo[r]], full.Weights()[fo[r]]; math.Abs(got-want) > 0.02 {
				t.Errorf("%s: weight %d is %.4f online, %.4f full-batch", ct, r, got, want)
			}
			gc, wc := m.Covariances()[mo[r]], full.Covariances()[fo[r]]
			for i := 0; i < 2; i++ {
				for j := 0; j <= i; j++ {
					if math.Abs(gc.At(i, j)-wc.At(i, j)) > 0.1*math.Sqrt(wc.At(i, i)*wc.At(j, j)) {
						t.Errorf("%s: covariance %d[%d][%d] is %.4f online, %.4f full-batch", ct, r, i, j, gc.At(i, j), wc.At(i, j))
					}
				}
			}
		}
		t.Logf("%s: the means were %.3f from the full-batch fit's after the first batch, %.3f after the stream", ct, moved, off)
	}
}

// PartialFit leaves its model as it was and counts the rows.
func TestPartialFitKeepsInput(t *testing.T) {
	rs := nprand.New(3)
	m, err := GaussianMixture{NComponents: 3}.Fit(streamBatch(rs, 500))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(m)
	B := streamBatch(rs, 100)
	data := append([]float64(nil), B.RawMatrix().Data...)
	m2, err := m.PartialFit(B)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal(m)
	if string(before) != string(after) {
		t.Error("PartialFit changed its model")
	}
	if !sameBits(data, B.RawMatrix().Data) {
		t.Error("PartialFit changed its batch")
	}
	if m.RowsSeen() != 500 || m2.RowsSeen() != 600 {
		t.Errorf("RowsSeen %v then %v, want 500 then 600", m.RowsSeen(), m2.RowsSeen())
	}
	if sameBits(m.p.means, m2.p.means) {
		t.Error("PartialFit did not move the means")
	}
	w, err := GaussianMixture{NComponents: 3}.FitWeighted(streamBatch(rs, 50), append(ones(49), 2.5))
	if err != nil || w.RowsSeen() != 51.5 {
		t.Errorf("RowsSeen of a weighted fit: %v, %v; want 51.5", w.RowsSeen(), err)
	}
}

// The statistics a model stands for give the model back: momentsOf is
// estimate backwards, RegCovar taken off and added again.
func TestMomentsOfInvertsEstimate(t *testing.T) {
	X := blobData(2, 800, 3)
	for _, ct := range CovarianceTypes {
		for _, reg := range []float64{1e-6, 0.3} {
			m, err := GaussianMixture{NComponents: 3, CovarianceType: ct, RegCovar: reg}.Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			p := m.p
			st := p.strategy()
			u := newStats(st, p.k, p.d)
			copy(u.nk, p.weights)
			st.momentsOf(u.s, p.cov, p.weights, p.k, p.d, reg)
			q := p.clone().(*model)
			if err := q.setFrom(u, q.means, 0, reg); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name      string
				got, want []float64
			}{{"weights", q.weights, p.weights}, {"means", q.means, p.means}, {"covariances", q.cov, p.cov}} {
				for i := range c.want {
					if math.Abs(c.got[i]-c.want[i]) > 1e-12*(1+math.Abs(c.want[i])) {
						t.Errorf("%s reg %g: %s[%d] %v, want %v", ct, reg, c.name, i, c.got[i], c.want[i])
						break
					}
				}
			}
		}
	}
}

// asVersion rewrites a saved model (version 3) as the older version v:
// without rows_seen and reg_covar.
func asVersion(doc string, v string) string {
	doc = regexp.MustCompile(`,"(rows_seen|reg_covar)":[^,}]*`).ReplaceAllString(doc, "")
	return regexp.MustCompile(`"version":3`).ReplaceAllString(doc, `"version":`+v)
}

// The running count and RegCovar survive saving; models saved in the
// older formats are read and updated with the documented defaults; the
// new fields are checked.
func TestPartialFitPersistence(t *testing.T) {
	rs := nprand.New(5)
	m, err := GaussianMixture{NComponents: 3, RegCovar: 0.01}.Fit(streamBatch(rs, 300))
	if err != nil {
		t.Fatal(err)
	}
	if m, err = m.PartialFit(streamBatch(rs, 100)); err != nil {
		t.Fatal(err)
	}
	B := streamBatch(rs, 100)
	want, err := m.PartialFit(B)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(m)
	bin, _ := m.MarshalBinary()
	var fromJSON, fromBin Mixture
	if err := json.Unmarshal(js, &fromJSON); err != nil {
		t.Fatal(err)
	}
	if err := fromBin.UnmarshalBinary(bin); err != nil {
		t.Fatal(err)
	}
	for name, back := range map[string]*Mixture{"JSON": &fromJSON, "binary": &fromBin} {
		if back.RowsSeen() != 400 || back.regCovar != 0.01 {
			t.Errorf("%s: RowsSeen %v, RegCovar %v after the round trip", name, back.RowsSeen(), back.regCovar)
		}
		got, err := back.PartialFit(B)
		if err != nil || !sameModel(got, want) || !sameBits([]float64{got.RowsSeen()}, []float64{want.RowsSeen()}) {
			t.Errorf("%s: PartialFit after the round trip differs (%v)", name, err)
		}
	}
	// Version 1 (and 2): no count, no RegCovar; the first update counts
	// the model as having seen one batch, with RegCovar 1e-6.
	var old Mixture
	if err := json.Unmarshal([]byte(asVersion(string(js), "1")), &old); err != nil {
		t.Fatal(err)
	}
	if old.RowsSeen() != 0 {
		t.Errorf("version 1: RowsSeen %v, want 0", old.RowsSeen())
	}
	if again, _ := json.Marshal(&old); string(again) != asVersion(string(js), "1") {
		t.Errorf("a version 1 model is not written back as version 1: %.60s", again)
	}
	oldNext, err := old.PartialFit(B)
	if err != nil {
		t.Fatal(err)
	}
	ref := *m
	ref.rowsSeen, ref.regCovar = 100, 1e-6
	if refNext, _ := ref.PartialFit(B); !sameModel(oldNext, refNext) || oldNext.RowsSeen() != 200 {
		t.Error("a version 1 model is not updated with the documented defaults")
	}
	for name, doc := range map[string]string{
		"v3 without rows_seen":  regexp.MustCompile(`,"rows_seen":[^,}]*`).ReplaceAllString(string(js), ""),
		"v3 without reg_covar":  regexp.MustCompile(`,"reg_covar":[^,}]*`).ReplaceAllString(string(js), ""),
		"v3 negative rows_seen": regexp.MustCompile(`"rows_seen":`).ReplaceAllString(string(js), `"rows_seen":-`),
		"v3 negative reg_covar": regexp.MustCompile(`"reg_covar":`).ReplaceAllString(string(js), `"reg_covar":-`),
		"v2 with rows_seen":     regexp.MustCompile(`"version":3`).ReplaceAllString(string(js), `"version":2`),
	} {
		var back Mixture
		if err := json.Unmarshal([]byte(doc), &back); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
}

func TestPartialFitErrors(t *testing.T) {
	m, err := GaussianMixture{NComponents: 2}.Fit(blobData(1, 100, 2))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.PartialFit(&mat.Dense{}); !errors.Is(err, ErrTooFewSamples) {
		t.Errorf("empty batch: %v", err)
	}
	B := blobData(2, 10, 2)
	B.Set(4, 1, math.Inf(-1))
	if _, err := m.PartialFit(B); !errors.Is(err, ErrNonFinite) {
		t.Errorf("-Inf: %v", err)
	}
	mustPanic(t, "wrong features", "gmmlab: X has 3 features but the model was fit on 2", func() { m.PartialFit(blobData(1, 10, 3)) })
	bm, err := BayesianGaussianMixture{NComponents: 2}.Fit(blobData(1, 100, 2))
	if err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "Bayesian", "BayesianGaussianMixture's posterior cannot be updated", func() { bm.mixture().PartialFit(blobData(1, 10, 2)) })
	mustPanic(t, "zero Mixture", "not fitted", func() { (&Mixture{}).PartialFit(blobData(1, 10, 2)) })
}
