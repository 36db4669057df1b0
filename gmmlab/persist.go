package gmmlab

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
)

// Saved-model formats. A writer writes the lowest version that holds the
// model; a reader accepts this version and older ones.
//
// Mixture, version 1: the fields of mixtureJSON, lower_bound a number.
// Version 2: lower_bound may be null (JSON) or -Inf (binary), for a model
// no EM iteration made (Initialize, MaxIter: Zero).
// Version 3: adds rows_seen, the weight of the rows the model learnt from,
// and reg_covar, its fit's RegCovar, which PartialFit needs; every model a
// fit or PartialFit makes is written as version 3 (its lower_bound null
// when no iteration ran). A model read from version 1 or 2 has neither
// and is written back in its own version. Version 3 also has missing,
// "marginalize" for a model fit with Missing: Marginalize and absent
// otherwise (binary: an int64 after lower_bound, the MissingPolicy).
const (
	mixtureVersion = 3
	kmeansVersion  = 1
)

// savedModel is the saved form of a model's Gaussian parameters, the part
// of the saved forms every estimator shares. Covariances and
// PrecisionsCholesky use the covariance type's compact layout, row-major:
// full K×D×D, tied D×D, diag K×D, spherical K. For full and tied the
// precision Cholesky factor is the lower triangular L with precision = LᵀL.
type savedModel struct {
	CovarianceType     string    `json:"covariance_type"`
	NComponents        int       `json:"n_components"`
	NFeatures          int       `json:"n_features"`
	Weights            []float64 `json:"weights"`
	Means              []float64 `json:"means"`
	Covariances        []float64 `json:"covariances"`
	PrecisionsCholesky []float64 `json:"precisions_cholesky"`
}

// mixtureJSON is the saved form of a Mixture.
type mixtureJSON struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	savedModel
	Converged   bool     `json:"converged"`
	NIter       int      `json:"n_iter"`
	LowerBound  *float64 `json:"lower_bound"` // null: -Inf, no iteration ran
	RandomState int64    `json:"random_state"`
	RowsSeen    *float64 `json:"rows_seen,omitempty"` // version 3
	RegCovar    *float64 `json:"reg_covar,omitempty"` // version 3
	Missing     string   `json:"missing,omitempty"`   // version 3: "marginalize"
}

const mixtureFormat = "gmmlab.Mixture"

// corrupt returns an error wrapping ErrCorrupt.
func corrupt(format string, args ...any) error { return errorf(ErrCorrupt, format, args...) }

// restore validates a saved model's parameters and returns the model they
// make.
func (j *savedModel) restore() (*model, error) {
	ct := CovarianceType(j.CovarianceType)
	st, ok := strategies[ct]
	if !ok {
		return nil, corrupt("gmmlab: the saved model has unknown covariance type %q", j.CovarianceType)
	}
	k, d := j.NComponents, j.NFeatures
	if k < 1 || d < 1 || k > 1<<20 || d > 1<<20 {
		return nil, corrupt("gmmlab: the saved model has %d components and %d features; both must be at least 1", k, d)
	}
	n := st.paramLen(k, d)
	for _, f := range []struct {
		name string
		v    []float64
		want int
	}{{"weights", j.Weights, k}, {"means", j.Means, k * d}, {"covariances", j.Covariances, n}, {"precisions_cholesky", j.PrecisionsCholesky, n}} {
		if len(f.v) != f.want {
			return nil, corrupt("gmmlab: the saved model's %s has %d values, want %d: the file is truncated or corrupt", f.name, len(f.v), f.want)
		}
		for _, x := range f.v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, corrupt("gmmlab: the saved model's %s holds %v", f.name, x)
			}
		}
	}
	sum := 0.0
	for _, w := range j.Weights {
		if w < 0 || w > 1 {
			return nil, corrupt("gmmlab: the saved model has weight %v outside [0, 1]", w)
		}
		sum += w
	}
	if math.Abs(sum-1) > 1e-6 {
		return nil, corrupt("gmmlab: the saved model's weights sum to %v, not 1", sum)
	}
	ld := make([]float64, k)
	st.logDet(ld, j.PrecisionsCholesky, k, d)
	for _, v := range ld {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, corrupt("gmmlab: the saved model's precision factors are not positive definite")
		}
	}
	if err := st.precisionCholesky(make([]float64, n), j.Covariances, k, d); err != nil {
		return nil, corrupt("gmmlab: the saved model's covariances are not positive definite: the file is corrupt")
	}
	p := &model{ct: ct, k: k, d: d,
		weights: append([]float64(nil), j.Weights...), means: append([]float64(nil), j.Means...),
		cov: append([]float64(nil), j.Covariances...), pc: append([]float64(nil), j.PrecisionsCholesky...)}
	p.refresh()
	return p, nil
}

// fitInfo is what a saved Mixture holds beside its parameters.
type fitInfo struct {
	version    int
	converged  bool
	nIter      int
	lowerBound float64
	seed       int64
	// rowsSeen and regCovar: version 3, 0 before.
	rowsSeen, regCovar float64
	missing            MissingPolicy
}

// info returns m's fitInfo with the version that holds it.
func (m *Mixture) info() fitInfo {
	v := 1
	switch {
	case m.rowsSeen > 0:
		v = 3
	case math.IsInf(m.lowerBound, -1):
		v = 2
	}
	if m.missing != RejectMissing {
		v = 3
	}
	return fitInfo{version: v, converged: m.converged, nIter: m.nIter, lowerBound: m.lowerBound, seed: m.seed,
		rowsSeen: m.rowsSeen, regCovar: m.regCovar, missing: m.missing}
}

// checkMixtureVersion fails unless this gmmlab reads Mixture format
// version v.
func checkMixtureVersion(v int) error {
	if v < 1 || v > mixtureVersion {
		return corrupt("gmmlab: the saved model has format version %d but this gmmlab reads versions 1 to %d; upgrade gmmlab", v, mixtureVersion)
	}
	return nil
}

// restoreMixture validates a saved Mixture and returns it.
func restoreMixture(j *savedModel, f fitInfo) (*Mixture, error) {
	if err := checkMixtureVersion(f.version); err != nil {
		return nil, err
	}
	p, err := j.restore()
	if err != nil {
		return nil, err
	}
	noIter := math.IsInf(f.lowerBound, -1) && f.nIter == 0 && !f.converged && f.version >= 2
	if f.nIter < 0 || math.IsNaN(f.lowerBound) || (math.IsInf(f.lowerBound, 0) && !noIter) {
		return nil, corrupt("gmmlab: the saved model has n_iter %d and lower_bound %v: the file is corrupt", f.nIter, f.lowerBound)
	}
	if f.seed < 0 || f.seed > math.MaxUint32 {
		return nil, corrupt("gmmlab: the saved model has random_state %d outside [0, 2^32)", f.seed)
	}
	bad := !(f.rowsSeen >= 0) || math.IsInf(f.rowsSeen, 0) || !(f.regCovar >= 0) || math.IsInf(f.regCovar, 0)
	if f.version >= 3 {
		bad = bad || f.rowsSeen == 0
	} else {
		bad = bad || f.rowsSeen != 0 || f.regCovar != 0
	}
	if bad {
		return nil, corrupt("gmmlab: the saved model of format version %d has rows_seen %v and reg_covar %v: "+
			"version 3 needs a positive rows_seen and a finite reg_covar ≥ 0, older versions neither", f.version, f.rowsSeen, f.regCovar)
	}
	if f.missing != RejectMissing && (f.missing != Marginalize || f.version < 3) {
		return nil, corrupt("gmmlab: the saved model has format version %d and Missing policy %v: the file is corrupt", f.version, f.missing)
	}
	m := &Mixture{p: p, converged: f.converged, nIter: f.nIter, lowerBound: f.lowerBound, seed: f.seed,
		rowsSeen: f.rowsSeen, regCovar: f.regCovar, missing: f.missing}
	if !f.converged && f.nIter > 0 {
		m.warning = errorf(ErrNotConverged, "gmmlab: EM did not converge: after MaxIter = %d iterations the lower bound still changed by Tol or more; "+
			"try other InitParams, increase MaxIter or Tol, or check for degenerate data", f.nIter)
	}
	return m, nil
}

// MarshalJSON writes the fitted model with a format version. Reading it
// back with UnmarshalJSON gives the same model, bit for bit. It returns
// ErrNotFitted for a zero Mixture.
func (m *Mixture) MarshalJSON() ([]byte, error) {
	if m == nil || m.p == nil {
		return nil, errorf(ErrNotFitted, "gmmlab: cannot save a Mixture that is not fitted")
	}
	f := m.info()
	j := mixtureJSON{Format: mixtureFormat, Version: f.version, savedModel: m.p.saved(),
		Converged: f.converged, NIter: f.nIter, RandomState: f.seed}
	if f.missing != RejectMissing {
		j.Missing = f.missing.String()
	}
	if !math.IsInf(f.lowerBound, -1) {
		j.LowerBound = &f.lowerBound
	}
	if f.version >= 3 {
		j.RowsSeen, j.RegCovar = &f.rowsSeen, &f.regCovar
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a model written by MarshalJSON. A corrupt, truncated
// or inconsistent document, or one written by a newer gmmlab, gives an
// error wrapping ErrCorrupt and leaves m unchanged.
func (m *Mixture) UnmarshalJSON(b []byte) error {
	var j mixtureJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return corrupt("gmmlab: cannot read the saved model: %v", err)
	}
	if dec.More() {
		return corrupt("gmmlab: the saved model has trailing data after the document")
	}
	if j.Format != mixtureFormat {
		return corrupt("gmmlab: the document is not a saved gmmlab.Mixture (format %q)", j.Format)
	}
	lb := math.Inf(-1)
	if j.LowerBound != nil {
		lb = *j.LowerBound
	} else if j.Version < 2 {
		return corrupt("gmmlab: the saved model has no lower_bound: the file is corrupt")
	}
	f := fitInfo{version: j.Version, converged: j.Converged, nIter: j.NIter, lowerBound: lb, seed: j.RandomState}
	switch j.Missing {
	case "":
	case Marginalize.String():
		f.missing = Marginalize
	default:
		return corrupt("gmmlab: the saved model has unknown missing policy %q", j.Missing)
	}
	if j.RowsSeen != nil {
		f.rowsSeen = *j.RowsSeen
	}
	if j.RegCovar != nil {
		f.regCovar = *j.RegCovar
	} else if j.Version >= 3 {
		return corrupt("gmmlab: the saved model of format version %d has no reg_covar: the file is corrupt", j.Version)
	}
	r, err := restoreMixture(&j.savedModel, f)
	if err != nil {
		return err
	}
	*m = *r
	return nil
}

// binaryMagic starts every binary-encoded Mixture.
var binaryMagic = [4]byte{'G', 'M', 'M', 'B'}

// MarshalBinary writes the model in a compact binary form (for caches such
// as GoNB's between cells): a magic number, the format version and the
// same fields as MarshalJSON, little-endian. It returns ErrNotFitted for a
// zero Mixture.
func (m *Mixture) MarshalBinary() ([]byte, error) {
	if m == nil || m.p == nil {
		return nil, errorf(ErrNotFitted, "gmmlab: cannot save a Mixture that is not fitted")
	}
	var b bytes.Buffer
	b.Write(binaryMagic[:])
	f, j := m.info(), m.p.saved()
	conv := int64(0)
	if f.converged {
		conv = 1
	}
	ct := []byte(j.CovarianceType)
	head := []int64{int64(f.version), int64(len(ct)), int64(j.NComponents), int64(j.NFeatures), conv, int64(f.nIter), f.seed}
	_ = binary.Write(&b, binary.LittleEndian, head)
	b.Write(ct)
	_ = binary.Write(&b, binary.LittleEndian, f.lowerBound)
	if f.version >= 3 {
		_ = binary.Write(&b, binary.LittleEndian, int64(f.missing))
	}
	writeSlices(&b, j.Weights, j.Means, j.Covariances, j.PrecisionsCholesky)
	if f.version >= 3 {
		_ = binary.Write(&b, binary.LittleEndian, []float64{f.rowsSeen, f.regCovar})
	}
	return b.Bytes(), nil
}

// writeSlices writes each slice as its length (int64) and its values,
// little-endian.
func writeSlices(b *bytes.Buffer, vs ...[]float64) {
	for _, v := range vs {
		_ = binary.Write(b, binary.LittleEndian, int64(len(v)))
		_ = binary.Write(b, binary.LittleEndian, v)
	}
}

// readSlices reads what writeSlices wrote into dsts, and fails on lengths
// the data cannot hold.
func readSlices(r *bytes.Reader, dsts ...*[]float64) error {
	for _, dst := range dsts {
		var n int64
		if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n < 0 || n > int64(r.Len()/8) {
			return corrupt("gmmlab: the binary model is truncated or corrupt")
		}
		*dst = make([]float64, n)
		if err := binary.Read(r, binary.LittleEndian, *dst); err != nil {
			return corrupt("gmmlab: the binary model is truncated")
		}
	}
	return nil
}

// UnmarshalBinary reads a model written by MarshalBinary. Corrupt,
// truncated or newer-version data give an error wrapping ErrCorrupt and
// leave m unchanged.
func (m *Mixture) UnmarshalBinary(data []byte) error {
	r := bytes.NewReader(data)
	var magic [4]byte
	if _, err := r.Read(magic[:]); err != nil || magic != binaryMagic {
		return corrupt("gmmlab: the data are not a binary gmmlab.Mixture")
	}
	head := make([]int64, 7)
	if err := binary.Read(r, binary.LittleEndian, head); err != nil {
		return corrupt("gmmlab: the binary model is truncated")
	}
	j := savedModel{NComponents: int(head[2]), NFeatures: int(head[3])}
	f := fitInfo{version: int(head[0]), converged: head[4] == 1, nIter: int(head[5]), seed: head[6]}
	if head[1] < 0 || head[1] > 32 {
		return corrupt("gmmlab: the binary model is corrupt")
	}
	ct := make([]byte, head[1])
	if _, err := r.Read(ct); err != nil && len(ct) > 0 {
		return corrupt("gmmlab: the binary model is truncated")
	}
	j.CovarianceType = string(ct)
	if err := binary.Read(r, binary.LittleEndian, &f.lowerBound); err != nil {
		return corrupt("gmmlab: the binary model is truncated")
	}
	if err := checkMixtureVersion(f.version); err != nil {
		return err
	}
	if f.version >= 3 {
		var p int64
		if err := binary.Read(r, binary.LittleEndian, &p); err != nil {
			return corrupt("gmmlab: the binary model is truncated")
		}
		if p != int64(RejectMissing) && p != int64(Marginalize) {
			return corrupt("gmmlab: the binary model has unknown missing policy %d", p)
		}
		f.missing = MissingPolicy(p)
	}
	if err := readSlices(r, &j.Weights, &j.Means, &j.Covariances, &j.PrecisionsCholesky); err != nil {
		return err
	}
	if f.version >= 3 {
		v := make([]float64, 2)
		if err := binary.Read(r, binary.LittleEndian, v); err != nil {
			return corrupt("gmmlab: the binary model is truncated")
		}
		f.rowsSeen, f.regCovar = v[0], v[1]
	}
	if r.Len() != 0 {
		return corrupt("gmmlab: the binary model has trailing data")
	}
	back, err := restoreMixture(&j, f)
	if err != nil {
		return err
	}
	*m = *back
	return nil
}

// kmeansJSON is the saved form of a KMeansModel.
type kmeansJSON struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	NCluster int       `json:"n_clusters"`
	NFeature int       `json:"n_features"`
	Centers  []float64 `json:"centers"`
	Labels   []int     `json:"labels"`
	Inertia  float64   `json:"inertia"`
	NIter    int       `json:"n_iter"`
}

const kmeansFormat = "gmmlab.KMeansModel"

// MarshalJSON writes the fitted clustering with a format version. It
// returns ErrNotFitted for a zero KMeansModel.
func (m *KMeansModel) MarshalJSON() ([]byte, error) {
	if m == nil || m.centers == nil {
		return nil, errorf(ErrNotFitted, "gmmlab: cannot save a KMeansModel that is not fitted")
	}
	return json.Marshal(kmeansJSON{Format: kmeansFormat, Version: kmeansVersion, NCluster: m.k, NFeature: m.d,
		Centers: m.centers, Labels: m.labels, Inertia: m.inertia, NIter: m.nIter})
}

// UnmarshalJSON reads a clustering written by MarshalJSON; bad or newer
// documents give an error wrapping ErrCorrupt and leave m unchanged.
func (m *KMeansModel) UnmarshalJSON(b []byte) error {
	var j kmeansJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return corrupt("gmmlab: cannot read the saved k-means model: %v", err)
	}
	switch {
	case j.Format != kmeansFormat:
		return corrupt("gmmlab: the document is not a saved gmmlab.KMeansModel (format %q)", j.Format)
	case j.Version < 1 || j.Version > kmeansVersion:
		return corrupt("gmmlab: the saved k-means model has format version %d but this gmmlab reads versions 1 to %d; upgrade gmmlab", j.Version, kmeansVersion)
	case j.NCluster < 1 || j.NFeature < 1 || j.NCluster > 1<<20 || j.NFeature > 1<<20 || len(j.Centers) != j.NCluster*j.NFeature:
		return corrupt("gmmlab: the saved k-means model's centers do not match its shape: the file is truncated or corrupt")
	case j.NIter < 0 || !(j.Inertia >= 0):
		return corrupt("gmmlab: the saved k-means model has n_iter %d and inertia %v: the file is corrupt", j.NIter, j.Inertia)
	}
	for _, l := range j.Labels {
		if l < 0 || l >= j.NCluster {
			return corrupt("gmmlab: the saved k-means model has label %d outside 0..%d", l, j.NCluster-1)
		}
	}
	for _, v := range j.Centers {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return corrupt("gmmlab: the saved k-means model has a non-finite center")
		}
	}
	*m = KMeansModel{k: j.NCluster, d: j.NFeature, centers: j.Centers, labels: j.Labels, inertia: j.Inertia, nIter: j.NIter}
	return nil
}
