package gmmlab

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
)

// The saved form of a BayesianMixture, format "gmmlab.BayesianMixture".
// Version 1: the Gaussian point estimates as a Mixture saves them
// (savedModel), the posterior (weight concentration, mean precision,
// degrees of freedom), the priors the fit used and the fit information;
// lower_bound is null (JSON) or -Inf (binary) for a model no iteration made.
// A writer writes version 1; a reader accepts versions 1 to bayesVersion.
const (
	bayesVersion = 1
	bayesFormat  = "gmmlab.BayesianMixture"
)

// bayesJSON is the saved form of a BayesianMixture.
type bayesJSON struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	savedModel
	WeightConcentrationPriorType string    `json:"weight_concentration_prior_type"`
	WeightConcentration          []float64 `json:"weight_concentration"`                // α
	WeightConcentrationBeta      []float64 `json:"weight_concentration_beta,omitempty"` // β, Dirichlet process only
	MeanPrecision                []float64 `json:"mean_precision"`
	DegreesOfFreedom             []float64 `json:"degrees_of_freedom"`
	WeightConcentrationPrior     float64   `json:"weight_concentration_prior"`
	MeanPrecisionPrior           float64   `json:"mean_precision_prior"`
	MeanPrior                    []float64 `json:"mean_prior"`
	DegreesOfFreedomPrior        float64   `json:"degrees_of_freedom_prior"`
	CovariancePrior              []float64 `json:"covariance_prior"` // the covariance type's layout for one component
	Converged                    bool      `json:"converged"`
	NIter                        int       `json:"n_iter"`
	LowerBound                   *float64  `json:"lower_bound"` // null: -Inf, no iteration ran
	RandomState                  int64     `json:"random_state"`
}

// saved returns b's saved form.
func (b *BayesianMixture) saved() bayesJSON {
	v, m := b.v, b.m
	j := bayesJSON{Format: bayesFormat, Version: bayesVersion, savedModel: m.p.saved(),
		WeightConcentrationPriorType: string(v.pr.priorType()), WeightConcentration: v.alpha,
		WeightConcentrationBeta: v.beta, MeanPrecision: v.meanPrec, DegreesOfFreedom: v.dof,
		WeightConcentrationPrior: v.pr.weight, MeanPrecisionPrior: v.pr.meanPrec, MeanPrior: v.pr.mean,
		DegreesOfFreedomPrior: v.pr.dof, CovariancePrior: v.pr.cov,
		Converged: m.converged, NIter: m.nIter, RandomState: m.seed}
	if !math.IsInf(m.lowerBound, -1) {
		lb := m.lowerBound
		j.LowerBound = &lb
	}
	return j
}

// restore validates a saved BayesianMixture and returns it.
func (j *bayesJSON) restore() (*BayesianMixture, error) {
	if j.Format != bayesFormat {
		return nil, corrupt("gmmlab: the document is not a saved gmmlab.BayesianMixture (format %q)", j.Format)
	}
	if j.Version < 1 || j.Version > bayesVersion {
		return nil, corrupt("gmmlab: the saved model has format version %d but this gmmlab reads versions 1 to %d; upgrade gmmlab", j.Version, bayesVersion)
	}
	lb := math.Inf(-1)
	if j.LowerBound != nil {
		lb = *j.LowerBound
	}
	// The point estimates and the fit information are checked as a
	// Mixture's of format version 2, whose lower bound may be -Inf.
	m, err := restoreMixture(&j.savedModel, fitInfo{version: 2, converged: j.Converged, nIter: j.NIter, lowerBound: lb, seed: j.RandomState})
	if err != nil {
		return nil, err
	}
	p := m.p
	k, d, st := p.k, p.d, p.strategy()
	dp := false
	switch WeightConcentrationPriorType(j.WeightConcentrationPriorType) {
	case DirichletProcess:
		dp = true
	case DirichletDistribution:
	default:
		return nil, corrupt("gmmlab: the saved model has unknown weight_concentration_prior_type %q", j.WeightConcentrationPriorType)
	}
	wantBeta := 0
	if dp {
		wantBeta = k
	}
	for _, f := range []struct {
		name string
		v    []float64
		want int
		min  float64 // every value must exceed it
	}{
		{"weight_concentration", j.WeightConcentration, k, 0}, {"weight_concentration_beta", j.WeightConcentrationBeta, wantBeta, 0},
		{"mean_precision", j.MeanPrecision, k, 0}, {"degrees_of_freedom", j.DegreesOfFreedom, k, float64(d) - 1},
		{"mean_prior", j.MeanPrior, d, math.Inf(-1)}, {"covariance_prior", j.CovariancePrior, st.paramLen(1, d), math.Inf(-1)},
		{"the priors", []float64{j.WeightConcentrationPrior, j.MeanPrecisionPrior}, 2, 0},
		{"degrees_of_freedom_prior", []float64{j.DegreesOfFreedomPrior}, 1, float64(d) - 1},
	} {
		if len(f.v) != f.want {
			return nil, corrupt("gmmlab: the saved model's %s has %d values, want %d: the file is truncated or corrupt", f.name, len(f.v), f.want)
		}
		for _, x := range f.v {
			if math.IsNaN(x) || math.IsInf(x, 0) || !(x > f.min) {
				return nil, corrupt("gmmlab: the saved model's %s holds %v", f.name, x)
			}
		}
	}
	if err := st.precisionCholesky(make([]float64, len(j.CovariancePrior)), j.CovariancePrior, 1, d); err != nil {
		return nil, corrupt("gmmlab: the saved model's covariance_prior is not positive definite: the file is corrupt")
	}
	pr := &priors{dp: dp, weight: j.WeightConcentrationPrior, meanPrec: j.MeanPrecisionPrior,
		mean: append([]float64(nil), j.MeanPrior...), dof: j.DegreesOfFreedomPrior,
		cov: append([]float64(nil), j.CovariancePrior...)}
	v := &variational{model: *p.clone().(*model), pr: pr, alpha: append([]float64(nil), j.WeightConcentration...),
		meanPrec: append([]float64(nil), j.MeanPrecision...), dof: append([]float64(nil), j.DegreesOfFreedom...)}
	if dp {
		v.beta = append([]float64(nil), j.WeightConcentrationBeta...)
	}
	for c, w := range v.pointWeights() {
		if math.Abs(w-p.weights[c]) > 1e-12 {
			return nil, corrupt("gmmlab: the saved model's weights do not follow from its weight_concentration: the file is corrupt")
		}
	}
	v.constants()
	m.e = v
	return &BayesianMixture{m: m, v: v}, nil
}

// MarshalJSON writes the fitted model with a format version. Reading it
// back with UnmarshalJSON gives the same model, bit for bit. It returns
// ErrNotFitted for a zero BayesianMixture.
func (b *BayesianMixture) MarshalJSON() ([]byte, error) {
	if b == nil || b.v == nil {
		return nil, errorf(ErrNotFitted, "gmmlab: cannot save a BayesianMixture that is not fitted")
	}
	return json.Marshal(b.saved())
}

// UnmarshalJSON reads a model written by MarshalJSON. A corrupt, truncated
// or inconsistent document, or one written by a newer gmmlab, gives an
// error wrapping ErrCorrupt and leaves b unchanged.
func (b *BayesianMixture) UnmarshalJSON(data []byte) error {
	var j bayesJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return corrupt("gmmlab: cannot read the saved model: %v", err)
	}
	if dec.More() {
		return corrupt("gmmlab: the saved model has trailing data after the document")
	}
	r, err := j.restore()
	if err != nil {
		return err
	}
	*b = *r
	return nil
}

// bayesMagic starts every binary-encoded BayesianMixture.
var bayesMagic = [4]byte{'G', 'M', 'M', 'V'}

// MarshalBinary writes the model in a compact binary form (for caches such
// as GoNB's between cells): a magic number, the format version and the
// fields of MarshalJSON, little-endian. It returns ErrNotFitted for a zero
// BayesianMixture.
func (b *BayesianMixture) MarshalBinary() ([]byte, error) {
	if b == nil || b.v == nil {
		return nil, errorf(ErrNotFitted, "gmmlab: cannot save a BayesianMixture that is not fitted")
	}
	j := b.saved()
	var w bytes.Buffer
	w.Write(bayesMagic[:])
	conv := int64(0)
	if j.Converged {
		conv = 1
	}
	ct, pt := []byte(j.CovarianceType), []byte(j.WeightConcentrationPriorType)
	head := []int64{int64(j.Version), int64(len(ct)), int64(len(pt)), int64(j.NComponents), int64(j.NFeatures), conv, int64(j.NIter), j.RandomState}
	_ = binary.Write(&w, binary.LittleEndian, head)
	w.Write(ct)
	w.Write(pt)
	_ = binary.Write(&w, binary.LittleEndian, []float64{b.m.lowerBound, j.WeightConcentrationPrior, j.MeanPrecisionPrior, j.DegreesOfFreedomPrior})
	writeSlices(&w, j.Weights, j.Means, j.Covariances, j.PrecisionsCholesky, j.WeightConcentration,
		j.WeightConcentrationBeta, j.MeanPrecision, j.DegreesOfFreedom, j.MeanPrior, j.CovariancePrior)
	return w.Bytes(), nil
}

// UnmarshalBinary reads a model written by MarshalBinary. Corrupt,
// truncated or newer-version data give an error wrapping ErrCorrupt and
// leave b unchanged.
func (b *BayesianMixture) UnmarshalBinary(data []byte) error {
	r := bytes.NewReader(data)
	var magic [4]byte
	if _, err := r.Read(magic[:]); err != nil || magic != bayesMagic {
		return corrupt("gmmlab: the data are not a binary gmmlab.BayesianMixture")
	}
	head := make([]int64, 8)
	if err := binary.Read(r, binary.LittleEndian, head); err != nil {
		return corrupt("gmmlab: the binary model is truncated")
	}
	if head[1] < 0 || head[1] > 32 || head[2] < 0 || head[2] > 32 {
		return corrupt("gmmlab: the binary model is corrupt")
	}
	j := bayesJSON{Format: bayesFormat, Version: int(head[0]), Converged: head[5] == 1, NIter: int(head[6]), RandomState: head[7]}
	j.NComponents, j.NFeatures = int(head[3]), int(head[4])
	ct, pt := make([]byte, head[1]), make([]byte, head[2])
	for _, s := range [][]byte{ct, pt} {
		if n, _ := r.Read(s); n != len(s) {
			return corrupt("gmmlab: the binary model is truncated")
		}
	}
	j.CovarianceType, j.WeightConcentrationPriorType = string(ct), string(pt)
	scalars := make([]float64, 4)
	if err := binary.Read(r, binary.LittleEndian, scalars); err != nil {
		return corrupt("gmmlab: the binary model is truncated")
	}
	if !math.IsInf(scalars[0], -1) {
		j.LowerBound = &scalars[0]
	}
	j.WeightConcentrationPrior, j.MeanPrecisionPrior, j.DegreesOfFreedomPrior = scalars[1], scalars[2], scalars[3]
	if err := readSlices(r, &j.Weights, &j.Means, &j.Covariances, &j.PrecisionsCholesky, &j.WeightConcentration,
		&j.WeightConcentrationBeta, &j.MeanPrecision, &j.DegreesOfFreedom, &j.MeanPrior, &j.CovariancePrior); err != nil {
		return err
	}
	if len(j.WeightConcentrationBeta) == 0 {
		j.WeightConcentrationBeta = nil
	}
	if r.Len() != 0 {
		return corrupt("gmmlab: the binary model has trailing data")
	}
	back, err := j.restore()
	if err != nil {
		return err
	}
	*b = *back
	return nil
}
