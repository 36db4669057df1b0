// Package nprand reproduces numpy's legacy np.random.RandomState bit for bit,
// so that a Go notebook seeded like its Python twin draws the same numbers.
//
// The reference is numpy 1.24.2 (numpy/random/mtrand.pyx and the C it calls:
// src/mt19937/mt19937.c, src/legacy/legacy-distributions.c and
// src/distributions/distributions.c). RandomState is MT19937 seeded by
// init_genrand plus the legacy samplers numpy keeps frozen, so the streams
// below are the ones numpy has produced for years and will keep producing.
//
// A Python cell
//
//	rs = np.random.RandomState(0)
//	X = rs.normal(0, 1, size=(100, 2))
//	idx = rs.permutation(100)
//
// reads in Go as
//
//	r := nprand.New(0)
//	X := r.NormalN(0, 1, 100*2) // row-major: X[2*i+j] is X[i, j]
//	idx := r.Permutation(100)
//
// # How the stream is consumed
//
// Every method consumes the MT19937 stream exactly as the numpy call named in
// its doc comment, so calls can be interleaved freely and stay in step with
// numpy:
//
//   - RandomSample uses two 32-bit words (53 bits).
//   - StandardNormal, Normal: the polar method makes normals in pairs and
//     caches the second; other draws in between leave the cache alone, as in
//     numpy. Seed discards it.
//   - Randint, RandintN, and Choice with replacement and no p: masked
//     rejection, one 32-bit word per try when high-low-1 < 2**32-1, a raw
//     word when it equals 2**32-1, two words (high half first) otherwise, and
//     no draw when high-low == 1.
//   - Shuffle, ShuffleInts, Permutation, and Choice without replacement and
//     no p: Fisher-Yates from the end with Interval (numpy's random_interval).
//   - Binomial: inversion or BTPE; Multinomial: a chain of binomials.
//
// A size=(a, b) call in numpy is the N-suffixed method with n = a*b, filled
// in row-major order.
//
// # Exactness
//
// Integer draws, uniforms, permutations and choices are exact on every
// platform. Normals and binomials also call log and exp; numpy calls the C
// library's, which Go's math package does not match in the last bit (about 3%
// of normals would differ). So when cgo is enabled (the default where a C
// compiler is installed) this package calls the platform's libm, and then
// agrees with numpy on the same platform bit for bit; the tests check that
// against numpy on x86-64 Linux with glibc. Built with CGO_ENABLED=0 it falls
// back to math.Log and math.Exp and is accurate to a few ulps instead. Products
// are explicitly rounded (float64(x*y)) wherever numpy's x86-64 build rounds
// them, so Go's fused multiply-add on arm64 and friends changes nothing.
//
// # Concurrency
//
// A RandomState is not safe for concurrent use. Give each goroutine its own,
// seeded deterministically, so that results never depend on scheduling.
//
// Panics follow numpy's ValueErrors: where numpy would raise (a seed out of
// range, low >= high, p that does not sum to 1, ...), the method panics with
// numpy's message prefixed by "nprand: ".
package nprand
