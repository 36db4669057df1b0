package nprand

import "testing"

var sinkF float64

func BenchmarkUint32(b *testing.B) {
	r := New(0)
	var s uint32
	for b.Loop() {
		s += r.Uint32()
	}
	sinkF = float64(s)
}

func BenchmarkRandomSample(b *testing.B) {
	r := New(0)
	for b.Loop() {
		sinkF += r.RandomSample()
	}
}

func BenchmarkStandardNormal(b *testing.B) {
	r := New(0)
	for b.Loop() {
		sinkF += r.StandardNormal()
	}
}

func BenchmarkRandint(b *testing.B) {
	r := New(0)
	for b.Loop() {
		sinkF += float64(r.Randint(0, 100))
	}
}
