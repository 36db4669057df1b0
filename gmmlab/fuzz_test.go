package gmmlab

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Fuzz targets. `make fuzz` runs each for a minute; `go test` runs their
// seeds and the crashers kept in testdata/fuzz/<target>.

// fuzzValue decodes one matrix entry from the front of data: a tag byte
// picks a special value (NaN, ±Inf, huge, tiny, a repeat of an earlier
// entry), a small grid value, or the next 8 bytes as raw float64 bits.
func fuzzValue(data []byte, prev []float64) (float64, []byte) {
	if len(data) == 0 {
		return 0, nil
	}
	tag, data := data[0], data[1:]
	switch {
	case tag < 160:
		return (float64(tag) - 80) / 8, data
	case tag < 176 && len(prev) > 0:
		return prev[int(tag-160)%len(prev)], data
	case tag < 192:
		special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e300, -1e300, 1e150, -1e150, 1e153,
			1e-300, -1e-300, 1e-150, 5e-324, math.MaxFloat64, -math.MaxFloat64, 1e8, 1e8 + 1}
		return special[tag%16], data
	case len(data) >= 8:
		return math.Float64frombits(binary.LittleEndian.Uint64(data)), data[8:]
	}
	return float64(tag), data
}

// fuzzConfig decodes the shape and settings of one fit.
func fuzzConfig(n, d, k, opts uint8, seed uint16) (int, int, GaussianMixture) {
	regs := []float64{0, 1e-12, 1e-300, 10}
	return int(n % 21), 1 + int(d%4), GaussianMixture{
		NComponents:    1 + int(k%4),
		CovarianceType: CovarianceTypes[opts&3],
		InitParams:     InitMethods[(opts>>2)&3],
		NInit:          1 + int((opts>>4)&1),
		RegCovar:       regs[(opts>>5)&3],
		MaxIter:        []int{0, 1}[(opts>>7)&1],
		RandomState:    int64(seed),
	}
}

// FuzzFitPredict fits small matrices full of NaN, Inf, huge, tiny and
// repeated values under every covariance type and init. Fit must not
// panic (the settings are valid), and a fit without error must have
// finite parameters and finite predictions on its training data.
func FuzzFitPredict(f *testing.F) {
	f.Add(uint8(6), uint8(1), uint8(1), uint8(0), uint16(0), []byte{80, 81, 82, 120, 121, 122, 80, 81, 82, 120, 121, 122})
	f.Add(uint8(10), uint8(0), uint8(2), uint8(3), uint16(7), []byte{1, 2, 160, 161, 162, 150, 151, 152, 153, 154})
	f.Add(uint8(5), uint8(2), uint8(3), uint8(12), uint16(1), []byte{176, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113})
	f.Add(uint8(8), uint8(1), uint8(1), uint8(0x55), uint16(3), []byte{181, 80, 182, 80, 187, 188, 80, 80, 185, 186, 185, 186, 80, 90, 100, 110})
	f.Add(uint8(20), uint8(3), uint8(3), uint8(0xaa), uint16(9), []byte{190, 191, 190, 191, 80, 80, 80, 80, 170, 171, 172, 173})
	f.Add(uint8(4), uint8(0), uint8(0), uint8(0xff), uint16(2), []byte{200, 0, 0, 0, 0, 0, 0, 0xf0, 0x7f, 80, 81, 82})
	f.Fuzz(func(t *testing.T, nb, db, kb, opts uint8, seed uint16, data []byte) {
		n, d, g := fuzzConfig(nb, db, kb, opts, seed)
		x := make([]float64, n*d)
		for i := range x {
			x[i], data = fuzzValue(data, x[:i])
		}
		var X mat.Matrix = &mat.Dense{}
		if n > 0 {
			X = mat.NewDense(n, d, x)
		}
		before := append([]float64(nil), x...)
		m, err := g.Fit(X)
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(before[i]) {
				t.Fatalf("Fit modified X[%d]", i)
			}
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "gmmlab: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			return
		}
		if err := saneModel(m, 1e-9); err != nil {
			t.Fatalf("%+v on %v: Fit returned no error but %v", g, x, err)
		}
		if err := finitePredictions(m, X); err != nil {
			t.Fatalf("%+v on %v: %v", g, x, err)
		}
	})
}

// FuzzUnmarshal reads arbitrary bytes as a saved Mixture (JSON and binary)
// and a saved KMeansModel. It must never panic; whatever it accepts must
// be a usable model that saves and reads back the same.
func FuzzUnmarshal(f *testing.F) {
	X := smallData()
	for _, ct := range CovarianceTypes {
		m, err := GaussianMixture{NComponents: 2, CovarianceType: ct}.Fit(X)
		if err != nil {
			f.Fatal(err)
		}
		js, _ := json.Marshal(m)
		bin, _ := m.MarshalBinary()
		f.Add(js)
		f.Add(bin)
	}
	km, err := KMeans{NClusters: 2}.Fit(X)
	if err != nil {
		f.Fatal(err)
	}
	js, _ := json.Marshal(km)
	f.Add(js)
	f.Add([]byte(`{"format":"gmmlab.KMeansModel","version":1,"n_clusters":8589934592,"n_features":2147483648,"centers":[]}`))
	f.Add([]byte(`{"format":"gmmlab.Mixture","version":1,"covariance_type":"spherical","n_components":1,"n_features":1,"weights":[1],"means":[0],"covariances":[-1],"precisions_cholesky":[1]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Mixture
		if err := m.UnmarshalJSON(data); err == nil {
			checkRestored(t, &m)
		}
		var b Mixture
		if err := b.UnmarshalBinary(data); err == nil {
			checkRestored(t, &b)
		}
		var k KMeansModel
		if err := k.UnmarshalJSON(data); err == nil {
			if k.d > 64 {
				return
			}
			probe := mat.NewDense(2, k.d, nil)
			if l := k.Predict(probe); len(l) != 2 || l[0] < 0 || l[0] >= k.k {
				t.Fatalf("restored k-means model predicts %v", l)
			}
			again, err := json.Marshal(&k)
			if err != nil {
				t.Fatalf("restored k-means model does not save: %v", err)
			}
			var k2 KMeansModel
			if err := k2.UnmarshalJSON(again); err != nil {
				t.Fatalf("saved k-means model does not read back: %v", err)
			}
		}
	})
}

// checkRestored asserts that an accepted saved model is sane, predicts,
// samples and round-trips through both formats.
func checkRestored(t *testing.T, m *Mixture) {
	t.Helper()
	// UnmarshalJSON accepts weights that sum to 1 within 1e-6.
	if err := saneModel(m, 1e-6); err != nil {
		t.Fatalf("accepted a saved model with %v", err)
	}
	if m.p.d*m.p.d*m.p.k > 1<<16 {
		return // big but valid; the checks below would only be slow
	}
	probe := mat.NewDense(3, m.p.d, nil)
	for i := 0; i < 3; i++ {
		for j := 0; j < m.p.d; j++ {
			probe.Set(i, j, float64(i-j))
		}
	}
	labels := m.Predict(probe)
	for _, l := range labels {
		if l < 0 || l >= m.p.k {
			t.Fatalf("restored model predicts component %d of %d", l, m.p.k)
		}
	}
	s, _ := m.Sample(3)
	for _, v := range s.RawMatrix().Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("restored model samples %v", v)
		}
	}
	js, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("restored model does not save as JSON: %v", err)
	}
	bin, err := m.MarshalBinary()
	if err != nil {
		t.Fatalf("restored model does not save as binary: %v", err)
	}
	var a, b Mixture
	if err := a.UnmarshalJSON(js); err != nil {
		t.Fatalf("saved model does not read back: %v\n%s", err, js)
	}
	if err := b.UnmarshalBinary(bin); err != nil {
		t.Fatalf("saved binary model does not read back: %v", err)
	}
	if !sameModel(&a, &b) {
		t.Fatal("the JSON and binary round trips disagree")
	}
}

// TestCorruptSavedModels: documents the fuzzers found or that
// persist_test.go does not cover; each gives an error, never a panic or a
// model that misbehaves later.
func TestCorruptSavedModels(t *testing.T) {
	X := smallData()
	m, err := GaussianMixture{NComponents: 2, CovarianceType: Spherical}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(m)
	good := string(js)
	covs, _ := json.Marshal(m.p.cov)
	for name, c := range map[string]struct{ doc, want string }{
		"negative covariance": {strings.Replace(good, `"covariances":`+string(covs), `"covariances":[-1,1]`, 1),
			"gmmlab: the saved model's covariances are not positive definite: the file is corrupt"},
		"trailing document": {good + `{}`, "gmmlab: the saved model has trailing data after the document"},
		"negative n_iter":   {strings.Replace(good, `"n_iter":`, `"n_iter":-`, 1), ""},
		"newer version":     {strings.Replace(good, `"version":3`, `"version":4`, 1), "gmmlab: the saved model has format version 4 but this gmmlab reads versions 1 to 3; upgrade gmmlab"},
		"null":              {`null`, `gmmlab: the document is not a saved gmmlab.Mixture (format "")`},
	} {
		var back Mixture
		err := back.UnmarshalJSON([]byte(c.doc))
		if err == nil || !strings.HasPrefix(err.Error(), "gmmlab: ") || (c.want != "" && err.Error() != c.want) {
			t.Errorf("%s: error %v, want %q", name, err, c.want)
		}
		if back.p != nil {
			t.Errorf("%s: the failed read changed the model", name)
		}
	}
	bin, _ := m.MarshalBinary()
	nanLB := append([]byte(nil), bin...)
	// The lower bound follows the magic, 7 int64s and the type's name.
	binary.LittleEndian.PutUint64(nanLB[4+7*8+len(m.p.ct):], math.Float64bits(math.NaN()))
	var back Mixture
	if err := back.UnmarshalBinary(nanLB); err == nil || !strings.Contains(err.Error(), "lower_bound NaN") {
		t.Errorf("NaN lower bound: error %v", err)
	}

	km, err := KMeans{NClusters: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	kjs, _ := json.Marshal(km)
	kgood := string(kjs)
	for name, c := range map[string]struct{ doc, want string }{
		"shape overflow": {`{"format":"gmmlab.KMeansModel","version":1,"n_clusters":8589934592,"n_features":2147483648,"centers":[]}`,
			"gmmlab: the saved k-means model's centers do not match its shape: the file is truncated or corrupt"},
		"short centers": {strings.Replace(kgood, `"centers":[`, `"centers":[1,`, 1),
			"gmmlab: the saved k-means model's centers do not match its shape: the file is truncated or corrupt"},
		"label out of range": {strings.Replace(kgood, `"labels":[`, `"labels":[7,`, 1), "gmmlab: the saved k-means model has label 7 outside 0..1"},
		"negative inertia":   {strings.Replace(kgood, `"inertia":`, `"inertia":-`, 1), ""},
		"newer version": {strings.Replace(kgood, `"version":1`, `"version":3`, 1),
			"gmmlab: the saved k-means model has format version 3 but this gmmlab reads versions 1 to 1; upgrade gmmlab"},
		"other format": {good, `gmmlab: cannot read the saved k-means model: json: unknown field "covariance_type"`},
		"truncated":    {kgood[:len(kgood)/2], ""},
	} {
		var back KMeansModel
		err := back.UnmarshalJSON([]byte(c.doc))
		if err == nil || !strings.HasPrefix(err.Error(), "gmmlab: ") || (c.want != "" && err.Error() != c.want) {
			t.Errorf("k-means %s: error %v, want %q", name, err, c.want)
		}
		if back.k != 0 {
			t.Errorf("k-means %s: the failed read changed the model", name)
		}
	}
}
