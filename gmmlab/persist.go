package gmmlab

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// formatVersion is the version of the saved-model formats this package
// writes. Readers accept this version and older ones.
const formatVersion = 1

// mixtureJSON is the saved form of a Mixture. Covariances and
// PrecisionsCholesky use the covariance type's compact layout, row-major:
// full K×D×D, tied D×D, diag K×D, spherical K. For full and tied the
// precision Cholesky factor is the lower triangular L with precision = LᵀL.
type mixtureJSON struct {
	Format             string    `json:"format"`
	Version            int       `json:"version"`
	CovarianceType     string    `json:"covariance_type"`
	NComponents        int       `json:"n_components"`
	NFeatures          int       `json:"n_features"`
	Weights            []float64 `json:"weights"`
	Means              []float64 `json:"means"`
	Covariances        []float64 `json:"covariances"`
	PrecisionsCholesky []float64 `json:"precisions_cholesky"`
	Converged          bool      `json:"converged"`
	NIter              int       `json:"n_iter"`
	LowerBound         float64   `json:"lower_bound"`
	RandomState        int64     `json:"random_state"`
}

const mixtureFormat = "gmmlab.Mixture"

// MarshalJSON writes the fitted model with a format version. Reading it
// back with UnmarshalJSON gives the same model, bit for bit.
func (m *Mixture) MarshalJSON() ([]byte, error) {
	cov := m.covariances()
	lb := m.lowerBound
	for _, v := range [][]float64{m.weights, m.means, cov, m.pc, {lb}} {
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, errors.New("gmmlab: the model holds a non-finite parameter and cannot be saved as JSON")
			}
		}
	}
	return json.Marshal(mixtureJSON{
		Format: mixtureFormat, Version: formatVersion,
		CovarianceType: string(m.ct), NComponents: m.k, NFeatures: m.d,
		Weights: m.weights, Means: m.means, Covariances: cov, PrecisionsCholesky: m.pc,
		Converged: m.converged, NIter: m.nIter, LowerBound: lb, RandomState: m.seed,
	})
}

// UnmarshalJSON reads a model written by MarshalJSON. A corrupt, truncated
// or inconsistent document, or one written by a newer gmmlab, gives an
// error and leaves m unchanged.
func (m *Mixture) UnmarshalJSON(b []byte) error {
	var j mixtureJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("gmmlab: cannot read the saved model: %v", err)
	}
	if dec.More() {
		return errors.New("gmmlab: the saved model has trailing data after the document")
	}
	if j.Format != mixtureFormat {
		return fmt.Errorf("gmmlab: the document is not a saved gmmlab.Mixture (format %q)", j.Format)
	}
	return m.restore(j)
}

// restore validates a saved model and installs it in m.
func (m *Mixture) restore(j mixtureJSON) error {
	if j.Version < 1 || j.Version > formatVersion {
		return fmt.Errorf("gmmlab: the saved model has format version %d but this gmmlab reads versions 1 to %d; upgrade gmmlab", j.Version, formatVersion)
	}
	ct := CovarianceType(j.CovarianceType)
	st, ok := strategies[ct]
	if !ok {
		return fmt.Errorf("gmmlab: the saved model has unknown covariance type %q", j.CovarianceType)
	}
	k, d := j.NComponents, j.NFeatures
	if k < 1 || d < 1 || k > 1<<20 || d > 1<<20 {
		return fmt.Errorf("gmmlab: the saved model has %d components and %d features; both must be at least 1", k, d)
	}
	n := st.paramLen(k, d)
	for _, f := range []struct {
		name string
		v    []float64
		want int
	}{{"weights", j.Weights, k}, {"means", j.Means, k * d}, {"covariances", j.Covariances, n}, {"precisions_cholesky", j.PrecisionsCholesky, n}} {
		if len(f.v) != f.want {
			return fmt.Errorf("gmmlab: the saved model's %s has %d values, want %d: the file is truncated or corrupt", f.name, len(f.v), f.want)
		}
		for _, x := range f.v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("gmmlab: the saved model's %s holds %v", f.name, x)
			}
		}
	}
	sum := 0.0
	for _, w := range j.Weights {
		if w < 0 || w > 1 {
			return fmt.Errorf("gmmlab: the saved model has weight %v outside [0, 1]", w)
		}
		sum += w
	}
	if math.Abs(sum-1) > 1e-6 {
		return fmt.Errorf("gmmlab: the saved model's weights sum to %v, not 1", sum)
	}
	ld := make([]float64, k)
	st.logDet(ld, j.PrecisionsCholesky, k, d)
	for _, v := range ld {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("gmmlab: the saved model's precision factors are not positive definite")
		}
	}
	if err := st.precisionCholesky(make([]float64, n), j.Covariances, k, d); err != nil {
		return errors.New("gmmlab: the saved model's covariances are not positive definite: the file is corrupt")
	}
	if j.NIter < 0 || math.IsNaN(j.LowerBound) || math.IsInf(j.LowerBound, 0) {
		return fmt.Errorf("gmmlab: the saved model has n_iter %d and lower_bound %v: the file is corrupt", j.NIter, j.LowerBound)
	}
	if j.RandomState < 0 || j.RandomState > math.MaxUint32 {
		return fmt.Errorf("gmmlab: the saved model has random_state %d outside [0, 2^32)", j.RandomState)
	}
	*m = Mixture{
		model: model{ct: ct, k: k, d: d,
			weights: append([]float64(nil), j.Weights...), means: append([]float64(nil), j.Means...),
			cov: append([]float64(nil), j.Covariances...), pc: append([]float64(nil), j.PrecisionsCholesky...)},
		converged: j.Converged, nIter: j.NIter, lowerBound: j.LowerBound, seed: j.RandomState,
	}
	m.refresh()
	return nil
}

// binaryMagic starts every binary-encoded Mixture.
var binaryMagic = [4]byte{'G', 'M', 'M', 'B'}

// MarshalBinary writes the model in a compact binary form (for caches such
// as GoNB's between cells): a magic number, the format version and the
// same fields as MarshalJSON, little-endian.
func (m *Mixture) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.Write(binaryMagic[:])
	cov := m.covariances()
	conv := int64(0)
	if m.converged {
		conv = 1
	}
	ct := []byte(m.ct)
	head := []int64{formatVersion, int64(len(ct)), int64(m.k), int64(m.d), conv, int64(m.nIter), m.seed}
	_ = binary.Write(&b, binary.LittleEndian, head)
	b.Write(ct)
	_ = binary.Write(&b, binary.LittleEndian, m.lowerBound)
	for _, v := range [][]float64{m.weights, m.means, cov, m.pc} {
		_ = binary.Write(&b, binary.LittleEndian, int64(len(v)))
		_ = binary.Write(&b, binary.LittleEndian, v)
	}
	return b.Bytes(), nil
}

// UnmarshalBinary reads a model written by MarshalBinary. Corrupt,
// truncated or newer-version data give an error and leave m unchanged.
func (m *Mixture) UnmarshalBinary(data []byte) error {
	r := bytes.NewReader(data)
	var magic [4]byte
	if _, err := r.Read(magic[:]); err != nil || magic != binaryMagic {
		return errors.New("gmmlab: the data are not a binary gmmlab.Mixture")
	}
	head := make([]int64, 7)
	if err := binary.Read(r, binary.LittleEndian, head); err != nil {
		return errors.New("gmmlab: the binary model is truncated")
	}
	j := mixtureJSON{Version: int(head[0]), NComponents: int(head[2]), NFeatures: int(head[3]),
		Converged: head[4] == 1, NIter: int(head[5]), RandomState: head[6]}
	if head[1] < 0 || head[1] > 32 {
		return errors.New("gmmlab: the binary model is corrupt")
	}
	ct := make([]byte, head[1])
	if _, err := r.Read(ct); err != nil && len(ct) > 0 {
		return errors.New("gmmlab: the binary model is truncated")
	}
	j.CovarianceType = string(ct)
	if err := binary.Read(r, binary.LittleEndian, &j.LowerBound); err != nil {
		return errors.New("gmmlab: the binary model is truncated")
	}
	for _, dst := range []*[]float64{&j.Weights, &j.Means, &j.Covariances, &j.PrecisionsCholesky} {
		var n int64
		if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n < 0 || n > int64(r.Len()/8) {
			return errors.New("gmmlab: the binary model is truncated or corrupt")
		}
		*dst = make([]float64, n)
		if err := binary.Read(r, binary.LittleEndian, *dst); err != nil {
			return errors.New("gmmlab: the binary model is truncated")
		}
	}
	if r.Len() != 0 {
		return errors.New("gmmlab: the binary model has trailing data")
	}
	return m.restore(j)
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

// MarshalJSON writes the fitted clustering with a format version.
func (m *KMeansModel) MarshalJSON() ([]byte, error) {
	return json.Marshal(kmeansJSON{Format: kmeansFormat, Version: formatVersion, NCluster: m.k, NFeature: m.d,
		Centers: m.centers, Labels: m.labels, Inertia: m.inertia, NIter: m.nIter})
}

// UnmarshalJSON reads a clustering written by MarshalJSON; bad or newer
// documents give an error and leave m unchanged.
func (m *KMeansModel) UnmarshalJSON(b []byte) error {
	var j kmeansJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("gmmlab: cannot read the saved k-means model: %v", err)
	}
	switch {
	case j.Format != kmeansFormat:
		return fmt.Errorf("gmmlab: the document is not a saved gmmlab.KMeansModel (format %q)", j.Format)
	case j.Version < 1 || j.Version > formatVersion:
		return fmt.Errorf("gmmlab: the saved k-means model has format version %d but this gmmlab reads versions 1 to %d; upgrade gmmlab", j.Version, formatVersion)
	case j.NCluster < 1 || j.NFeature < 1 || j.NCluster > 1<<20 || j.NFeature > 1<<20 || len(j.Centers) != j.NCluster*j.NFeature:
		return errors.New("gmmlab: the saved k-means model's centers do not match its shape: the file is truncated or corrupt")
	case j.NIter < 0 || !(j.Inertia >= 0):
		return fmt.Errorf("gmmlab: the saved k-means model has n_iter %d and inertia %v: the file is corrupt", j.NIter, j.Inertia)
	}
	for _, l := range j.Labels {
		if l < 0 || l >= j.NCluster {
			return fmt.Errorf("gmmlab: the saved k-means model has label %d outside 0..%d", l, j.NCluster-1)
		}
	}
	for _, v := range j.Centers {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("gmmlab: the saved k-means model has a non-finite center")
		}
	}
	*m = KMeansModel{k: j.NCluster, d: j.NFeature, centers: j.Centers, labels: j.Labels, inertia: j.Inertia, nIter: j.NIter}
	return nil
}
