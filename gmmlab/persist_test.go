package gmmlab

import (
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
)

func fitReference(t *testing.T, i int) (*Mixture, refFit) {
	t.Helper()
	f := loadReference(t).Fits[i]
	m, err := configOf(t, f.Params).Fit(denseOf(f.X))
	if err != nil {
		t.Fatal(err)
	}
	return m, f
}

// sameModel reports whether two mixtures hold the same bits.
func sameModel(a, b *Mixture) bool {
	eq := func(x, y []float64) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return false
			}
		}
		return true
	}
	p, q := a.p, b.p
	return p.ct == q.ct && p.k == q.k && p.d == q.d && eq(p.weights, q.weights) && eq(p.means, q.means) &&
		eq(p.cov, q.cov) && eq(p.pc, q.pc) && eq(p.off, q.off) &&
		a.converged == b.converged && a.nIter == b.nIter && a.seed == b.seed &&
		math.Float64bits(a.lowerBound) == math.Float64bits(b.lowerBound)
}

func TestMixtureRoundTrip(t *testing.T) {
	// Fits 2..5 are the four covariance types on the same data.
	for i := 0; i < 6; i++ {
		m, f := fitReference(t, i)
		js, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back Mixture
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !sameModel(m, &back) {
			t.Errorf("%s: JSON round trip changed the model", f.Name)
		}
		bin, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back2 Mixture
		if err := back2.UnmarshalBinary(bin); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !sameModel(m, &back2) {
			t.Errorf("%s: binary round trip changed the model", f.Name)
		}
		X := denseOf(f.X)
		a, b := m.ScoreSamples(X), back2.ScoreSamples(X)
		for r := range a {
			if a[r] != b[r] {
				t.Fatalf("%s: ScoreSamples differs after the round trip at row %d", f.Name, r)
			}
		}
	}
}

// nullLB matches the lower bound of a saved model.
var nullLB = regexp.MustCompile(`"lower_bound":[^,}]*`)

func TestMixtureCorruptInput(t *testing.T) {
	m, _ := fitReference(t, 0)
	js, _ := json.Marshal(m)
	good := string(js)
	cases := map[string]string{
		"truncated":                         good[:len(good)/2],
		"empty":                             "",
		"not an object":                     "[1,2,3]",
		"newer version":                     strings.Replace(good, `"version":3`, `"version":4`, 1),
		"null lower bound v1":               nullLB.ReplaceAllString(good, `"lower_bound":null`),
		"null lower bound after iterations": nullLB.ReplaceAllString(good, `"lower_bound":null`),
		"other format":                      strings.Replace(good, `"gmmlab.Mixture"`, `"something"`, 1),
		"bad type":                          strings.Replace(good, `"covariance_type":"full"`, `"covariance_type":"banana"`, 1),
		"short weights":                     strings.Replace(good, `"weights":[`, `"weights":[0.5,`, 1),
		"unknown field":                     strings.Replace(good, `{`, `{"extra":1,`, 1),
		"zero components":                   strings.Replace(good, `"n_components":3`, `"n_components":0`, 1),
	}
	for name, doc := range cases {
		var back Mixture
		err := json.Unmarshal([]byte(doc), &back)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(err.Error(), "gmmlab") && name != "empty" && name != "truncated" {
			t.Errorf("%s: error %q does not say gmmlab", name, err)
		}
		// json.Unmarshal itself rejects what is not JSON at all.
		if name != "empty" && name != "truncated" && !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: error %q does not wrap ErrCorrupt", name, err)
		}
	}
	bin, _ := m.MarshalBinary()
	for n := 0; n < len(bin); n++ {
		var back Mixture
		if err := back.UnmarshalBinary(bin[:n]); err == nil {
			t.Fatalf("binary truncated to %d of %d bytes read without error", n, len(bin))
		}
	}
	var back Mixture
	if err := back.UnmarshalBinary(append(bin, 0)); err == nil {
		t.Error("trailing byte read without error")
	}
	newer := append([]byte(nil), bin...)
	newer[4] = 4
	if err := back.UnmarshalBinary(newer); err == nil || !strings.Contains(err.Error(), "upgrade") {
		t.Errorf("newer binary version: %v", err)
	}
}

func TestKMeansRoundTrip(t *testing.T) {
	X := denseOf(loadReference(t).Fits[0].X)
	km, err := KMeans{NClusters: 3, RandomState: 170}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(km)
	if err != nil {
		t.Fatal(err)
	}
	var back KMeansModel
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	a, b := km.Predict(X), back.Predict(X)
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("Predict differs after the round trip")
		}
	}
	if back.Inertia() != km.Inertia() || back.NIter() != km.NIter() {
		t.Error("inertia or n_iter changed")
	}
	if err := json.Unmarshal([]byte(strings.Replace(string(js), `"version":1`, `"version":9`, 1)), &back); err == nil {
		t.Error("newer k-means version read without error")
	}
}
