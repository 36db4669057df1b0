package gmmlab

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// callAll calls every exported method of v (a pointer to a zero model)
// with arguments that would be valid for a fitted one, and reports for
// each what it did: its panic value, or its results.
func callAll(t *testing.T, v any) map[string]any {
	t.Helper()
	out := map[string]any{}
	rv := reflect.ValueOf(v)
	for i := 0; i < rv.NumMethod(); i++ {
		name := rv.Type().Method(i).Name
		m := rv.Method(i)
		args := make([]reflect.Value, m.Type().NumIn())
		for a := range args {
			switch in := m.Type().In(a); in {
			case reflect.TypeFor[mat.Matrix]():
				args[a] = reflect.ValueOf(mat.Matrix(mat.NewDense(3, 2, nil)))
			case reflect.TypeFor[int]():
				args[a] = reflect.ValueOf(3)
			case reflect.TypeFor[[]byte]():
				args[a] = reflect.ValueOf([]byte("{"))
			case reflect.TypeFor[[]float64]():
				args[a] = reflect.ValueOf([]float64{1, 1, 1})
			default:
				t.Fatalf("%s: no test argument for %v", name, in)
			}
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					out[name] = r
				}
			}()
			res := m.Call(args)
			out[name] = res
		}()
	}
	return out
}

// TestZeroValueModels: every exported method of a model no fit made
// panics with ErrNotFitted ("gmmlab: the Mixture is not fitted ..."),
// never with a nil dereference; MarshalJSON and MarshalBinary return
// ErrNotFitted; UnmarshalJSON and UnmarshalBinary, which fill a zero
// model, report the bad document.
func TestZeroValueModels(t *testing.T) {
	for _, c := range []struct {
		typ  string
		zero any
	}{{"Mixture", &Mixture{}}, {"KMeansModel", &KMeansModel{}}, {"Mixture", (*Mixture)(nil)}, {"KMeansModel", (*KMeansModel)(nil)},
		{"BayesianMixture", &BayesianMixture{}}, {"BayesianMixture", (*BayesianMixture)(nil)}} {
		got := callAll(t, c.zero)
		if len(got) < 5 {
			t.Fatalf("%s: only %d methods", c.typ, len(got))
		}
		for name, r := range got {
			switch {
			case strings.HasPrefix(name, "Unmarshal"):
				if c.zero == any((*Mixture)(nil)) || c.zero == any((*KMeansModel)(nil)) || c.zero == any((*BayesianMixture)(nil)) {
					continue // a nil pointer cannot be filled
				}
				res, ok := r.([]reflect.Value)
				if !ok || res[0].IsNil() || !errors.Is(res[0].Interface().(error), ErrCorrupt) {
					t.Errorf("zero %s.%s(bad document) = %v, want an error wrapping ErrCorrupt", c.typ, name, r)
				}
			case strings.HasPrefix(name, "Marshal"):
				res, ok := r.([]reflect.Value)
				if !ok || res[1].IsNil() || !errors.Is(res[1].Interface().(error), ErrNotFitted) {
					t.Errorf("zero %s.%s() = %v, want ErrNotFitted", c.typ, name, r)
				}
			default:
				err, ok := r.(error)
				if !ok || !errors.Is(err, ErrNotFitted) || !strings.HasPrefix(err.Error(), "gmmlab: the "+c.typ+" is not fitted") {
					t.Errorf("zero %s.%s: %v, want a panic wrapping ErrNotFitted", c.typ, name, r)
				}
			}
		}
	}
	for _, zero := range []*Selection{{}, nil} {
		mustPanic(t, "zero Selection.Best", "gmmlab: the Selection is not fitted", func() { zero.Best(BIC) })
		if ks, _ := zero.Scores(Full, BIC); ks != nil || !strings.Contains(zero.String(), "covariance") {
			t.Error("zero Selection: Scores or String")
		}
	}
}

// TestZeroSettings: Zero asks for scikit-learn's max_iter=0, tol=0 and
// reg_covar=0, which a zero field cannot (it means the default). The
// parity cases *_iter0, *_tol0 and *_reg0 of mixture_nd.json compare the
// results with scikit-learn's; this checks what each means.
func TestZeroSettings(t *testing.T) {
	X := denseOf(loadReference(t).Fits[0].X)
	g := GaussianMixture{NComponents: 3, RandomState: 170}
	ini, err := GaussianMixture{NComponents: 3, RandomState: 170, MaxIter: Zero, NInit: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	if ini.NIter() != 0 || ini.Converged() || !math.IsInf(ini.LowerBound(), -1) || ini.Warning() != nil {
		t.Errorf("MaxIter Zero: NIter %d, Converged %v, LowerBound %v, Warning %v; want 0, false, -Inf, nil",
			ini.NIter(), ini.Converged(), ini.LowerBound(), ini.Warning())
	}
	// No iteration: the model predicts and saves like any other.
	if l := ini.Predict(X); len(l) != 1500 {
		t.Fatal("Predict")
	}
	js, err := json.Marshal(ini)
	if err != nil || !bytes.Contains(js, []byte(`"version":3`)) || !bytes.Contains(js, []byte(`"lower_bound":null`)) {
		t.Fatalf("saved as %.80s..., %v; want version 3 with a null lower bound", js, err)
	}
	var back Mixture
	if err := json.Unmarshal(js, &back); err != nil || !sameModel(&back, ini) {
		t.Fatalf("JSON round trip: %v", err)
	}
	bin, _ := ini.MarshalBinary()
	if err := back.UnmarshalBinary(bin); err != nil || !sameModel(&back, ini) {
		t.Fatalf("binary round trip: %v", err)
	}

	g.Tol, g.MaxIter = Zero, 7
	m, err := g.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	if m.NIter() != 7 || m.Converged() || !errors.Is(m.Warning(), ErrNotConverged) {
		t.Errorf("Tol Zero: NIter %d, Converged %v, Warning %v; want every iteration and a warning", m.NIter(), m.Converged(), m.Warning())
	}

	// One component's covariance is the data's, plus RegCovar.
	g = GaussianMixture{RegCovar: Zero}
	noReg, err := g.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	g.RegCovar = 0
	def, _ := g.Fit(X)
	if d := noReg.Covariances()[0].At(0, 0) - def.Covariances()[0].At(0, 0); math.Abs(d+1e-6) > 1e-12 {
		t.Errorf("RegCovar Zero: variance differs from the default fit's by %g, want -1e-6", d)
	}

	if _, err := (KMeans{NClusters: 3, Tol: Zero}).Fit(X); err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]GaussianMixture{
		"MaxIter -1": {MaxIter: -1}, "Tol -1": {Tol: -1}, "RegCovar -1": {RegCovar: -1},
	} {
		func() {
			defer func() {
				if err, _ := recover().(error); !errors.Is(err, ErrSetting) {
					t.Errorf("%s: panic %v, want ErrSetting (only Zero asks for zero)", name, err)
				}
			}()
			_, _ = g.Fit(X)
		}()
	}
}

// TestWarning: a fit that stops at MaxIter in every initialisation is
// still a model, with a nil error; Warning says so with an error wrapping
// ErrNotConverged, scikit-learn's ConvergenceWarning, without Verbose. A
// saved and restored model reports it again.
func TestWarning(t *testing.T) {
	X := denseOf(loadReference(t).Fits[0].X)
	m, err := GaussianMixture{NComponents: 3, RandomState: 170, MaxIter: 2, NInit: 2}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	w := m.Warning()
	if !errors.Is(w, ErrNotConverged) || m.Converged() || !strings.Contains(w.Error(), "MaxIter = 2") {
		t.Fatalf("Warning() = %v, Converged %v", w, m.Converged())
	}
	js, _ := json.Marshal(m)
	var back Mixture
	if err := json.Unmarshal(js, &back); err != nil || !errors.Is(back.Warning(), ErrNotConverged) {
		t.Errorf("restored Warning() = %v (%v)", back.Warning(), err)
	}
	ok, err := GaussianMixture{NComponents: 3, RandomState: 170}.Fit(X)
	if err != nil || ok.Warning() != nil {
		t.Errorf("converged fit: Warning() = %v, %v", ok.Warning(), err)
	}
	if err := json.Unmarshal(mustJSON(t, ok), &back); err != nil || back.Warning() != nil {
		t.Errorf("restored converged fit: Warning() = %v, %v", back.Warning(), err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSentinels: every error Fit returns and every panic value wraps the
// sentinel errors.Is looks for.
func TestSentinels(t *testing.T) {
	nan := smallData()
	nan.Set(3, 1, math.NaN())
	for _, c := range []struct {
		name string
		err  error
		want error
	}{
		{"NaN", second(GaussianMixture{NComponents: 2}.Fit(nan)), ErrNonFinite},
		{"one sample", second(GaussianMixture{}.Fit(mat.NewDense(1, 2, []float64{1, 2}))), ErrTooFewSamples},
		{"more components than samples", second(GaussianMixture{NComponents: 7}.Fit(smallData())), ErrTooFewSamples},
		{"k-means clusters", second(KMeans{NClusters: 7}.Fit(smallData())), ErrTooFewSamples},
		{"no features", second(GaussianMixture{}.Fit(mat.NewDense(3, 1, nil).Slice(0, 3, 0, 0))), ErrShape},
		{"spread", second(GaussianMixture{}.Fit(mat.NewDense(2, 1, []float64{-1e307, 1e307}))), ErrTooSpread},
		{"collapsed", second(GaussianMixture{NComponents: 3, RegCovar: 1e-300, InitParams: InitRandomFromData}.Fit(
			mat.NewDense(4, 2, []float64{1, 1, 1, 1, 1, 1, 1, 1}))), ErrIllDefined},
		{"corrupt", (&Mixture{}).UnmarshalJSON([]byte(`{"format":"gmmlab.Mixture"}`)), ErrCorrupt},
	} {
		if !errors.Is(c.err, c.want) || !strings.HasPrefix(c.err.Error(), "gmmlab: ") {
			t.Errorf("%s: error %v, want one wrapping %v", c.name, c.err, c.want)
		}
	}
	m, err := GaussianMixture{NComponents: 2}.Fit(smallData())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    func()
		want error
	}{
		{"setting", func() { _, _ = GaussianMixture{NComponents: -1}.Fit(smallData()) }, ErrSetting},
		{"seed", func() { _, _ = GaussianMixture{RandomState: -1}.Fit(smallData()) }, ErrSeed},
		{"k-means seed", func() { _, _ = KMeans{RandomState: 1 << 32}.Fit(smallData()) }, ErrSeed},
		{"features", func() { m.Predict(mat.NewDense(1, 3, nil)) }, ErrShape},
		{"non-finite", func() { m.ScoreSamples(mat.NewDense(1, 2, []float64{0, math.Inf(1)})) }, ErrNonFinite},
		{"sample", func() { m.Sample(0) }, ErrSetting},
		{"criterion", func() { (Candidate{}).Score("BIC2") }, ErrSetting},
	} {
		func() {
			defer func() {
				if err, _ := recover().(error); !errors.Is(err, c.want) {
					t.Errorf("%s: panic %v, want one wrapping %v", c.name, err, c.want)
				}
			}()
			c.f()
		}()
	}
}

func second[T any](_ T, err error) error { return err }
