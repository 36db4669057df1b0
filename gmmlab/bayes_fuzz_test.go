package gmmlab

import (
	"encoding/json"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// FuzzUnmarshalBayesian reads arbitrary bytes as a saved BayesianMixture
// (JSON and binary): a document it accepts must make a model that
// predicts, samples, saves and reads back the same, bit for bit.
func FuzzUnmarshalBayesian(f *testing.F) {
	X := smallData()
	for i, ct := range CovarianceTypes {
		pt := []WeightConcentrationPriorType{DirichletProcess, DirichletDistribution}[i%2]
		m, err := BayesianGaussianMixture{NComponents: 2, CovarianceType: ct, WeightConcentrationPriorType: pt}.Fit(X)
		if err != nil {
			f.Fatal(err)
		}
		js, _ := json.Marshal(m)
		bin, _ := m.MarshalBinary()
		f.Add(js)
		f.Add(bin)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a, b BayesianMixture
		for _, m := range []*BayesianMixture{&a, &b} {
			var err error
			if m == &a {
				err = m.UnmarshalJSON(data)
			} else {
				err = m.UnmarshalBinary(data)
			}
			if err != nil {
				if m.v != nil {
					t.Fatal("a failed read changed the model")
				}
				continue
			}
			checkRestored(t, m.m)
			if m.NComponents()*m.NFeatures()*m.NFeatures() > 1<<16 {
				continue
			}
			probe := mat.NewDense(2, m.NFeatures(), nil)
			for _, l := range m.Predict(probe) {
				if l < 0 || l >= m.NComponents() {
					t.Fatalf("restored model predicts component %d of %d", l, m.NComponents())
				}
			}
			js, err := json.Marshal(m)
			if err != nil {
				t.Fatalf("restored model does not save: %v", err)
			}
			bin, err := m.MarshalBinary()
			if err != nil {
				t.Fatalf("restored model does not save as binary: %v", err)
			}
			var c, d BayesianMixture
			if err := c.UnmarshalJSON(js); err != nil {
				t.Fatalf("saved model does not read back: %v\n%s", err, js)
			}
			if err := d.UnmarshalBinary(bin); err != nil {
				t.Fatalf("saved binary model does not read back: %v", err)
			}
			if !sameBayes(&c, m) || !sameBayes(&d, m) {
				t.Fatal("the round trips change the model")
			}
		}
	})
}
