package nprand_test

import (
	"fmt"

	"github.com/gmmlab/gmmlab/nprand"
)

// The values printed are what numpy 1.24.2 prints for the same calls.

func ExampleNew() {
	// np.random.RandomState(0).random_sample(3)
	r := nprand.New(0)
	fmt.Println(r.RandomSampleN(3))
	// Output: [0.5488135039273248 0.7151893663724195 0.6027633760716439]
}

func ExampleRandomState_NormalN() {
	// rs = np.random.RandomState(42); rs.normal(5, 2, 3)
	r := nprand.New(42)
	fmt.Println(r.NormalN(5, 2, 3))
	// Output: [5.993428306022466 4.72347139765763 6.295377076201385]
}

func ExampleRandomState_RandintN() {
	// After the three normals above: rs.randint(0, 10, 5), rs.permutation(6),
	// rs.choice(4, 5, p=[.1, .2, .3, .4]), rs.multinomial(20, [.5, .3, .2]).
	r := nprand.New(42)
	r.NormalN(5, 2, 3)
	fmt.Println(r.RandintN(0, 10, 5))
	fmt.Println(r.Permutation(6))
	fmt.Println(r.Choice(4, 5, true, []float64{.1, .2, .3, .4}))
	fmt.Println(r.Multinomial(20, []float64{.5, .3, .2}))
	// Output:
	// [6 9 2 6 7]
	// [0 1 2 5 3 4]
	// [0 3 3 0 3]
	// [11 5 4]
}
