package datagen

import (
	"bytes"
	"testing"
)

func BenchmarkMakeBlobs1500(b *testing.B) {
	for b.Loop() {
		MakeBlobs(Blobs{NSamples: 1500, ClusterStd: []float64{1.0, 2.5, 0.5}, RandomState: 170})
	}
}

func BenchmarkMakeMoons1500(b *testing.B) {
	for b.Loop() {
		MakeMoons(Moons{NSamples: 1500, Noise: 0.05, RandomState: 170})
	}
}

func BenchmarkOldFaithful(b *testing.B) {
	for b.Loop() {
		OldFaithful()
	}
}

func BenchmarkReadCSV(b *testing.B) {
	for b.Loop() {
		ReadCSVFrom(bytes.NewReader(faithfulCSV))
	}
}

func BenchmarkTrainTestSplit(b *testing.B) {
	X := Iris().X
	for b.Loop() {
		TrainTestSplit(X, nil, 0.25, 0)
	}
}
