package nprand

// This file is MT19937 as numpy 1.24 implements it in
// numpy/random/src/mt19937/mt19937.{c,h}: the reference Mersenne Twister of
// Matsumoto and Nishimura, seeded by init_genrand (numpy's mt19937_seed).

const (
	mtN         = 624
	mtM         = 397
	mtMatrixA   = 0x9908b0df
	mtUpperMask = 0x80000000
	mtLowerMask = 0x7fffffff
)

// mt19937 is the generator state: numpy's mt19937_state.
type mt19937 struct {
	key [mtN]uint32
	pos int
}

// seed is numpy's mt19937_seed (Knuth's initialisation, init_genrand).
func (s *mt19937) seed(seed uint32) {
	for i := 0; i < mtN; i++ {
		s.key[i] = seed
		seed = 1812433253*(seed^(seed>>30)) + uint32(i) + 1
	}
	s.pos = mtN
}

// gen refills key with the next 624 untempered words: numpy's mt19937_gen.
func (s *mt19937) gen() {
	k := &s.key
	var i int
	for i = 0; i < mtN-mtM; i++ {
		y := k[i]&mtUpperMask | k[i+1]&mtLowerMask
		k[i] = k[i+mtM] ^ y>>1 ^ (-(y & 1) & mtMatrixA)
	}
	for ; i < mtN-1; i++ {
		y := k[i]&mtUpperMask | k[i+1]&mtLowerMask
		k[i] = k[i+mtM-mtN] ^ y>>1 ^ (-(y & 1) & mtMatrixA)
	}
	y := k[mtN-1]&mtUpperMask | k[0]&mtLowerMask
	k[mtN-1] = k[mtM-1] ^ y>>1 ^ (-(y & 1) & mtMatrixA)
	s.pos = 0
}

// next32 is numpy's mt19937_next: one tempered 32-bit word.
func (s *mt19937) next32() uint32 {
	if s.pos == mtN {
		s.gen()
	}
	y := s.key[s.pos]
	s.pos++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	y ^= y >> 18
	return y
}

// next64 is numpy's mt19937_next64: the first word drawn is the high half.
func (s *mt19937) next64() uint64 {
	hi := uint64(s.next32())
	return hi<<32 | uint64(s.next32())
}

// nextDouble is numpy's mt19937_next_double: 53 random bits in [0, 1),
// the high 27 bits from one word and the low 26 from the next.
func (s *mt19937) nextDouble() float64 {
	a := s.next32() >> 5
	b := s.next32() >> 6
	return (float64(a)*67108864.0 + float64(b)) / 9007199254740992.0
}
