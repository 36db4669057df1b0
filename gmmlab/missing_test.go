package gmmlab

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/nprand"
)

// The reference numbers in testdata/missing.json come from an EM with
// missing values written independently with numpy and scipy, started from
// scikit-learn 1.2.1's initialisation on the mean-imputed data, and from
// scipy.stats.multivariate_normal on observed sub-vectors; written by
// testdata/gen_missing.py (`make fixtures` reruns it; the script says what
// each part is).

type missingFile struct {
	Datasets map[string]struct {
		X        [][]float64  `json:"X"`
		XMissing [][]*float64 `json:"X_missing"`
	} `json:"datasets"`
	Cases []struct {
		Data           string    `json:"data"`
		CovarianceType string    `json:"covariance_type"`
		NComponents    int       `json:"n_components"`
		RandomState    int64     `json:"random_state"`
		InitMeans      []float64 `json:"init_means"`
		Weights        []float64 `json:"weights"`
		Means          []float64 `json:"means"`
		Covariances    []float64 `json:"covariances"`
		NIter          int       `json:"n_iter"`
		Converged      bool      `json:"converged"`
		LowerBound     float64   `json:"lower_bound"`
		ScoreSamples   []float64 `json:"score_samples"`
		PredictProba   []float64 `json:"predict_proba"`
	} `json:"cases"`
	Marginal struct {
		Case int `json:"case"`
		Rows []struct {
			Row           int     `json:"row"`
			LogLikelihood float64 `json:"log_likelihood"`
		} `json:"rows"`
	} `json:"marginal"`
}

func loadMissing(t *testing.T) (missingFile, map[string]*mat.Dense) {
	t.Helper()
	b, err := os.ReadFile("testdata/missing.json")
	if err != nil {
		t.Fatal(err)
	}
	var f missingFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	data := map[string]*mat.Dense{}
	for name, d := range f.Datasets {
		n, dd := len(d.XMissing), len(d.XMissing[0])
		x := mat.NewDense(n, dd, nil)
		for i, row := range d.XMissing {
			for j, v := range row {
				if v == nil {
					x.Set(i, j, math.NaN())
				} else {
					x.Set(i, j, *v)
				}
			}
		}
		data[name] = x
	}
	return f, data
}

// TestMissingParity: for every case of missing.json, Fit with Marginalize
// gives the numpy EM's weights, means, covariances and lower bound to 1e-6
// relative, its n_iter and converged exactly, and ScoreSamples and
// PredictProba of rows with NaN its values.
func TestMissingParity(t *testing.T) {
	f, data := loadMissing(t)
	for i, c := range f.Cases {
		t.Run(fmt.Sprintf("%d_%s_%s", i, c.Data, c.CovarianceType), func(t *testing.T) {
			X := data[c.Data]
			k, d := c.NComponents, X.RawMatrix().Cols
			ct := CovarianceType(c.CovarianceType)
			g := GaussianMixture{NComponents: k, CovarianceType: ct, RandomState: c.RandomState, Missing: Marginalize}
			init, err := g.Initialize(X)
			if err != nil {
				t.Fatal(err)
			}
			for j, v := range init.Means().RawMatrix().Data {
				checkClose(t, fmt.Sprintf("initial means[%d]", j), v, c.InitMeans[j])
			}
			m, err := g.Fit(X)
			if err != nil {
				t.Fatal(err)
			}
			if m.NIter() != c.NIter || m.Converged() != c.Converged {
				t.Errorf("n_iter %d converged %v, numpy %d %v", m.NIter(), m.Converged(), c.NIter, c.Converged)
			}
			checkClose(t, "lower bound", m.LowerBound(), c.LowerBound)
			for j, v := range m.Weights() {
				checkClose(t, fmt.Sprintf("weights[%d]", j), v, c.Weights[j])
			}
			for j, v := range m.Means().RawMatrix().Data {
				checkCloseTo(t, fmt.Sprintf("means[%d]", j), v, c.Means[j], 1)
			}
			cov := m.p.covariances()
			if len(cov) != len(c.Covariances) {
				t.Fatalf("%d covariance values, numpy %d", len(cov), len(c.Covariances))
			}
			for j, v := range cov {
				checkCloseTo(t, fmt.Sprintf("covariances[%d]", j), v, c.Covariances[j], 1)
			}
			rows := X.Slice(0, len(c.ScoreSamples), 0, d)
			for j, v := range m.ScoreSamples(rows) {
				checkClose(t, fmt.Sprintf("score_samples[%d]", j), v, c.ScoreSamples[j])
			}
			for j, v := range m.PredictProba(rows).RawMatrix().Data {
				checkCloseTo(t, fmt.Sprintf("predict_proba[%d]", j), v, c.PredictProba[j], 1)
			}
		})
	}
}

// TestMissingMarginalLikelihood: under given parameters, ScoreSamples of a
// row with missing coordinates is its marginal log-likelihood on the
// observed ones, as scipy computes it term by term (1e-10 relative).
func TestMissingMarginalLikelihood(t *testing.T) {
	f, data := loadMissing(t)
	c := f.Cases[f.Marginal.Case]
	X := data[c.Data]
	k, d := c.NComponents, X.RawMatrix().Cols
	st := strategies[CovarianceType(c.CovarianceType)]
	pc := make([]float64, st.paramLen(k, d))
	if err := st.precisionCholesky(pc, c.Covariances, k, d); err != nil {
		t.Fatal(err)
	}
	saved := savedModel{CovarianceType: c.CovarianceType, NComponents: k, NFeatures: d,
		Weights: c.Weights, Means: c.Means, Covariances: c.Covariances, PrecisionsCholesky: pc}
	p, err := saved.restore()
	if err != nil {
		t.Fatal(err)
	}
	m := &Mixture{p: p, missing: Marginalize}
	if len(f.Marginal.Rows) < 10 {
		t.Fatalf("only %d rows to check", len(f.Marginal.Rows))
	}
	for _, r := range f.Marginal.Rows {
		row := X.Slice(r.Row, r.Row+1, 0, d)
		if !hasNaN(mat.Row(nil, 0, row)) {
			t.Fatalf("row %d has no missing value", r.Row)
		}
		got := m.ScoreSamples(row)[0]
		if math.Abs(got-r.LogLikelihood) > 1e-10*math.Abs(r.LogLikelihood) {
			t.Errorf("row %d: log-likelihood %.17g, scipy %.17g", r.Row, got, r.LogLikelihood)
		}
	}
}

// blobs3 is n rows of three separated 4-feature groups.
func blobs3(seed uint32, n int) *mat.Dense {
	rs := nprand.New(seed)
	d := 4
	x := rs.NormalN(0, 1, n*d)
	centers := [][]float64{{0, 0, 0, 0}, {5, 3, -2, 1}, {-4, 4, 2, -3}}
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			x[i*d+j] += centers[i%3][j]
		}
	}
	return mat.NewDense(n, d, x)
}

// removeAtRandom returns X with each entry NaN with probability share,
// never a whole row.
func removeAtRandom(X *mat.Dense, share float64, seed uint32) *mat.Dense {
	n, d := X.Dims()
	u := nprand.New(seed).UniformN(0, 1, n*d)
	out := mat.DenseCopyOf(X)
	for i := 0; i < n; i++ {
		left := d
		for j := 0; j < d; j++ {
			if u[i*d+j] < share && left > 1 {
				out.Set(i, j, math.NaN())
				left--
			}
		}
	}
	return out
}

// TestMissingNoNaNIsFit: with Missing: Marginalize and no NaN in X, Fit is
// today's Fit bit for bit, for every covariance type, and so are the
// predictions.
func TestMissingNoNaNIsFit(t *testing.T) {
	X := blobs3(3, 600)
	for _, ct := range CovarianceTypes {
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 1, NInit: 2}
		want, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		g.Missing = Marginalize
		got, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		checkBits(t, string(ct)+" weights", got.Weights(), want.Weights())
		checkBits(t, string(ct)+" means", got.Means().RawMatrix().Data, want.Means().RawMatrix().Data)
		checkBits(t, string(ct)+" covariances", got.p.cov, want.p.cov)
		checkBits(t, string(ct)+" precision factors", got.p.pc, want.p.pc)
		checkBits(t, string(ct)+" lower bound", []float64{got.LowerBound()}, []float64{want.LowerBound()})
		if got.NIter() != want.NIter() || got.Converged() != want.Converged() {
			t.Errorf("%s: NIter %d converged %v, want %d %v", ct, got.NIter(), got.Converged(), want.NIter(), want.Converged())
		}
		checkBits(t, string(ct)+" score_samples", got.ScoreSamples(X), want.ScoreSamples(X))
		checkBits(t, string(ct)+" predict_proba", got.PredictProba(X).RawMatrix().Data, want.PredictProba(X).RawMatrix().Data)
		if got.Missing() != Marginalize || want.Missing() != RejectMissing {
			t.Errorf("%s: Missing() %v and %v", ct, got.Missing(), want.Missing())
		}
	}
}

// checkBits fails unless got and want are the same bits.
func checkBits(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if !sameBits(got, want) {
		t.Errorf("%s = %.17g, want %.17g bit for bit", what, got, want)
	}
}

// paramError is the largest absolute difference of the means and of the
// covariances of two fits of the same data, components matched by their
// order (the tests start both from the same MeansInit).
func paramError(a, b *Mixture) (means, covs float64) {
	for i, v := range a.Means().RawMatrix().Data {
		means = max(means, math.Abs(v-b.Means().RawMatrix().Data[i]))
	}
	bc := b.Covariances()
	for c, s := range a.Covariances() {
		n := s.SymmetricDim()
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				covs = max(covs, math.Abs(s.At(i, j)-bc[c].At(i, j)))
			}
		}
	}
	return means, covs
}

// TestMissingConvergence: on data with 0 %, 5 % and 20 % of the entries
// removed at random, the fitted means and covariances approach the
// complete-data fit as the share goes to zero: at 0 % they are the same
// bits, and the error at 5 % is below the error at 20 %, for every
// covariance type and several draws of the removed entries.
func TestMissingConvergence(t *testing.T) {
	X := blobs3(5, 900)
	start := mat.NewDense(3, 4, []float64{0, 0, 0, 0, 5, 3, -2, 1, -4, 4, 2, -3})
	for _, ct := range CovarianceTypes {
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, MeansInit: start, Tol: 1e-8, Missing: Marginalize}
		full, err := g.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		for seed := uint32(0); seed < 3; seed++ {
			var errs [3][2]float64
			for s, share := range []float64{0, 0.05, 0.2} {
				Xm := removeAtRandom(X, share, seed)
				m, err := g.Fit(Xm)
				if err != nil {
					t.Fatal(err)
				}
				errs[s][0], errs[s][1] = paramError(m, full)
			}
			if errs[0] != [2]float64{} {
				t.Errorf("%s seed %d: 0 %% removed differs from the complete fit by %v", ct, seed, errs[0])
			}
			if !(errs[1][0] < errs[2][0] && errs[1][1] < errs[2][1]) {
				t.Errorf("%s seed %d: errors (means, covariances) at 5 %% %v not below 20 %% %v", ct, seed, errs[1], errs[2])
			}
			// Sanity: at 20 % the fit is still close to the complete one.
			if errs[2][0] > 0.3 || errs[2][1] > 0.5 {
				t.Errorf("%s seed %d: 20 %% removed moved the fit by %v", ct, seed, errs[2])
			}
		}
	}
}

// TestMissingErrors: NaN keeps today's error without the setting; under it
// a row with every coordinate missing is an error naming its row, and so
// is a column with no observed value and an infinite value; the
// predictions panic likewise.
func TestMissingErrors(t *testing.T) {
	X := removeAtRandom(blobs3(1, 60), 0.2, 1)
	if _, err := (GaussianMixture{NComponents: 2}).Fit(X); !errors.Is(err, ErrNonFinite) ||
		!strings.Contains(err.Error(), "drop or impute the missing values before fitting") {
		t.Errorf("NaN without Marginalize: %v", err)
	}
	g := GaussianMixture{NComponents: 2, Missing: Marginalize}
	bad := mat.DenseCopyOf(X)
	for j := 0; j < 4; j++ {
		bad.Set(7, j, math.NaN())
	}
	_, err := g.Fit(bad)
	wantErr(t, "all-missing row", err, ErrNonFinite, "gmmlab: row 7 of X has every coordinate missing (NaN); a row needs at least one observed value: drop it before fitting")
	col := mat.DenseCopyOf(X)
	for i := 0; i < 60; i++ {
		col.Set(i, 2, math.NaN())
	}
	_, err = g.Fit(col)
	wantErr(t, "all-missing column", err, ErrNonFinite, "gmmlab: column 2 of X has no observed value (all NaN); drop it before fitting")
	inf := mat.DenseCopyOf(X)
	inf.Set(3, 1, math.Inf(1))
	_, err = g.Fit(inf)
	wantErr(t, "Inf", err, ErrNonFinite, "gmmlab: X contains +Inf at row 3, column 1; drop or clip the infinite values before fitting (only NaN counts as missing)")
	m, err := g.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	mustPanicExactly(t, "predict all-missing", "gmmlab: row 7 of X has every coordinate missing (NaN); a row needs at least one observed value: drop it before predicting",
		func() { m.Predict(bad) })
	mustPanicExactly(t, "predict Inf", "gmmlab: X contains +Inf at row 3, column 1; drop or clip the infinite values before predicting (only NaN counts as missing)",
		func() { m.ScoreSamples(inf) })
	plain, err := GaussianMixture{NComponents: 2}.Fit(blobs3(1, 60))
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(){
		"Predict": func() { plain.Predict(X) }, "PredictProba": func() { plain.PredictProba(X) },
		"ScoreSamples": func() { plain.ScoreSamples(X) }, "Score": func() { plain.Score(X) },
	} {
		mustPanic(t, name+" NaN without Marginalize", "drop or impute the missing values before predicting", f)
	}
	mustPanic(t, "unknown policy", "unknown Missing policy 7", func() { _, _ = GaussianMixture{Missing: 7}.Fit(X) })
}

func wantErr(t *testing.T, name string, err, kind error, msg string) {
	t.Helper()
	if !errors.Is(err, kind) || err.Error() != msg {
		t.Errorf("%s: error %v\nwant %s", name, err, msg)
	}
}

// TestMissingPredictions: under Marginalize, a complete row scores the same
// bits whether or not other rows of X have NaN; a row with NaN scores its
// observed coordinates, the same as a model fit on them alone would
// (the marginal of a mixture of Gaussians is the mixture of the
// marginals); Predict is the arg max of PredictProba and Score the mean of
// ScoreSamples.
func TestMissingPredictions(t *testing.T) {
	full := blobs3(2, 300)
	X := removeAtRandom(full, 0.25, 4)
	for _, ct := range CovarianceTypes {
		m, err := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 0, Missing: Marginalize}.Fit(X)
		if err != nil {
			t.Fatal(err)
		}
		mixed := m.ScoreSamples(X)
		proba := m.PredictProba(X)
		labels := m.Predict(X)
		n, d := X.Dims()
		sum := 0.0
		for i := 0; i < n; i++ {
			sum += mixed[i]
			row := X.Slice(i, i+1, 0, d)
			if best := argmax(proba.RawRowView(i)); best != labels[i] {
				t.Errorf("%s row %d: Predict %d, PredictProba's arg max %d", ct, i, labels[i], best)
			}
			if !hasNaN(mat.Row(nil, 0, row)) {
				checkBits(t, fmt.Sprintf("%s row %d alone", ct, i), m.ScoreSamples(row), mixed[i:i+1])
				continue
			}
			if want := marginalScore(m, mat.Row(nil, 0, row)); math.Abs(mixed[i]-want) > 1e-12*math.Abs(want) {
				t.Errorf("%s row %d: %.17g, the marginal model gives %.17g", ct, i, mixed[i], want)
			}
		}
		if got := m.Score(X); math.Abs(got-sum/float64(n)) > 1e-12*math.Abs(got) {
			t.Errorf("%s: Score %v, mean of ScoreSamples %v", ct, got, sum/float64(n))
		}
	}
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// marginalScore is the log-likelihood of row (NaN where missing) under
// the mixture of m's components marginalised by hand with gonum: the
// observed means and covariance blocks, a mixture of Gaussians on them.
func marginalScore(m *Mixture, row []float64) float64 {
	var obs []int
	for j, v := range row {
		if !math.IsNaN(v) {
			obs = append(obs, j)
		}
	}
	no := len(obs)
	covs, means, w := m.Covariances(), m.Means(), m.Weights()
	terms := make([]float64, len(w))
	for c := range w {
		s := mat.NewSymDense(no, nil)
		y := mat.NewVecDense(no, nil)
		for a, i := range obs {
			y.SetVec(a, row[i]-means.At(c, i))
			for b, j := range obs {
				s.SetSym(a, b, covs[c].At(i, j))
			}
		}
		var ch mat.Cholesky
		if !ch.Factorize(s) {
			panic("not positive definite")
		}
		var z mat.VecDense
		_ = ch.SolveVecTo(&z, y)
		terms[c] = math.Log(w[c]) - 0.5*(float64(no)*math.Log(2*math.Pi)+ch.LogDet()+mat.Dot(y, &z))
	}
	mx := terms[0]
	for _, v := range terms {
		mx = max(mx, v)
	}
	s := 0.0
	for _, v := range terms {
		s += math.Exp(v - mx)
	}
	return mx + math.Log(s)
}

// TestMissingDeterministic: the marginalising EM gives the same bits on 1
// and on 4 goroutines, on enough rows for the pass to run in blocks.
func TestMissingDeterministic(t *testing.T) {
	X := removeAtRandom(blobs3(6, 5000), 0.2, 2)
	for _, ct := range CovarianceTypes {
		g := GaussianMixture{NComponents: 3, CovarianceType: ct, RandomState: 3, Missing: Marginalize}
		a, err := g.fit(X, 1)
		if err != nil {
			t.Fatal(err)
		}
		b, err := g.fit(X, 4)
		if err != nil {
			t.Fatal(err)
		}
		checkBits(t, string(ct)+" means", a.p.means, b.p.means)
		checkBits(t, string(ct)+" covariances", a.p.cov, b.p.cov)
		checkBits(t, string(ct)+" lower bound", []float64{a.LowerBound()}, []float64{b.LowerBound()})
	}
}

// TestMissingPersist: the Missing setting survives JSON and binary round
// trips (format version 3), so that a model read back still scores rows
// with NaN; a model fit without it is saved without the field.
func TestMissingPersist(t *testing.T) {
	X := removeAtRandom(blobs3(2, 120), 0.2, 5)
	m, err := GaussianMixture{NComponents: 2, Missing: Marginalize}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"version":3`) || !strings.Contains(string(js), `"missing":"marginalize"`) {
		t.Errorf("saved model %s", js)
	}
	var back Mixture
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	bin, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var backBin Mixture
	if err := backBin.UnmarshalBinary(bin); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]*Mixture{"json": &back, "binary": &backBin} {
		if b.Missing() != Marginalize {
			t.Errorf("%s: Missing %v after the round trip", name, b.Missing())
		}
		checkBits(t, name+" score_samples", b.ScoreSamples(X), m.ScoreSamples(X))
	}
	for name, doc := range map[string]string{
		"unknown policy": strings.Replace(string(js), `"missing":"marginalize"`, `"missing":"guess"`, 1),
		"policy in v1":   strings.Replace(string(js), `"version":3`, `"version":1`, 1),
	} {
		var b Mixture
		if err := json.Unmarshal([]byte(doc), &b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v", name, err)
		}
	}
	plain, err := GaussianMixture{NComponents: 2}.Fit(blobs3(2, 120))
	if err != nil {
		t.Fatal(err)
	}
	js, _ = json.Marshal(plain)
	if strings.Contains(string(js), "missing") {
		t.Errorf("a model without Missing saved as %s", js)
	}
}

// TestMissingModelSelection: with Base.Missing: Marginalize, ModelSelection
// fits data with NaN; each candidate is the fit of its settings and its BIC
// and AIC those of Mixture.BIC and AIC, which score the observed values,
// and BIC picks the three groups. Without the setting NaN is Fit's error.
func TestMissingModelSelection(t *testing.T) {
	X := removeAtRandom(blobs3(7, 300), 0.2, 3)
	base := GaussianMixture{RandomState: 0, Missing: Marginalize}
	sel, err := ModelSelection{NComponents: []int{1, 2, 3, 4}, CovarianceTypes: []CovarianceType{Full, Diag}, Base: base}.Fit(X)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range sel.Candidates {
		g := base
		g.NComponents, g.CovarianceType = c.NComponents, c.CovarianceType
		m, err := g.Fit(X)
		if err != nil || c.Err != nil {
			t.Fatal(err, c.Err)
		}
		checkBits(t, fmt.Sprintf("%d %s means", c.NComponents, c.CovarianceType), c.Model.p.means, m.p.means)
		for name, v := range map[string][2]float64{"BIC": {c.BIC, m.BIC(X)}, "AIC": {c.AIC, m.AIC(X)}} {
			if math.Abs(v[0]-v[1]) > 1e-9*math.Abs(v[1]) {
				t.Errorf("%d %s: %s %v, the model's %v", c.NComponents, c.CovarianceType, name, v[0], v[1])
			}
		}
	}
	if best := sel.Best(BIC); best.NComponents != 3 {
		t.Errorf("BIC picks %d components", best.NComponents)
	}
	if _, err := (ModelSelection{NComponents: []int{1, 2}}).Fit(X); !errors.Is(err, ErrNonFinite) {
		t.Errorf("NaN without Marginalize: %v", err)
	}
}

// TestMissingRandomPatterns: on 1 to 5 features with up to 60 % of the
// entries removed, every covariance type and initialisation either fits,
// with finite parameters, a finite lower bound that EM never lowers, and
// finite scores for every row, or fails with ErrIllDefined (or, where a
// row has no observed value, the error naming it).
func TestMissingRandomPatterns(t *testing.T) {
	for seed := uint32(0); seed < 12; seed++ {
		rs := nprand.New(seed)
		d := 1 + int(seed)%5
		n := 40 + 17*int(seed)
		share := []float64{0.05, 0.3, 0.6}[seed%3]
		x := rs.NormalN(0, 1, n*d)
		for i := 0; i < n; i += 2 {
			x[i*d] += 6
		}
		u := rs.UniformN(0, 1, n*d)
		for i := 0; i < n; i++ {
			left := d
			for j := 0; j < d; j++ {
				// A row keeps at least one value, but row 0 of seed 7 none.
				if seed == 7 && i == 0 || u[i*d+j] < share && left > 1 {
					x[i*d+j] = math.NaN()
					left--
				}
			}
		}
		X := mat.NewDense(n, d, x)
		for _, ct := range CovarianceTypes {
			init := InitMethods[int(seed)%len(InitMethods)]
			g := GaussianMixture{NComponents: 2, CovarianceType: ct, InitParams: init, RandomState: int64(seed), Missing: Marginalize}
			m, err := g.Fit(X)
			name := fmt.Sprintf("seed %d d %d share %v %s %s", seed, d, share, ct, init)
			if seed == 7 && err == nil {
				t.Fatalf("%s: a row with no observed value fitted", name)
			}
			if err != nil {
				if !(seed == 7 && strings.Contains(err.Error(), "row 0 of X has every coordinate missing")) && !errors.Is(err, ErrIllDefined) {
					t.Errorf("%s: %v", name, err)
				}
				continue
			}
			for _, v := range append(append(m.Weights(), m.Means().RawMatrix().Data...), m.p.covariances()...) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s: a parameter is %v", name, v)
				}
			}
			if math.IsNaN(m.LowerBound()) || math.IsInf(m.LowerBound(), 0) {
				t.Errorf("%s: lower bound %v", name, m.LowerBound())
			}
			// The bound of iteration i is the observed log-likelihood after
			// i-1 M-steps: EM never lowers it.
			prev := math.Inf(-1)
			for it := 1; it <= 8; it++ {
				g.MaxIter, g.Tol = it, Zero
				mi, err := g.Fit(X)
				if err != nil {
					t.Fatalf("%s, %d iterations: %v", name, it, err)
				}
				if lb := mi.LowerBound(); lb < prev-1e-9*math.Abs(prev) {
					t.Errorf("%s: EM lowered the bound from %v to %v at iteration %d", name, prev, lb, it)
				} else {
					prev = lb
				}
			}
			for i, v := range m.ScoreSamples(X) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s: row %d scores %v", name, i, v)
				}
			}
		}
	}
}
