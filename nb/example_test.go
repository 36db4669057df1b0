package nb_test

import (
	"fmt"
	"strconv"

	"github.com/gmmlab/gmmlab/nb"
)

// A cell keeps the value and goes on when there is no error.
func ExampleMust() {
	n := nb.Must(strconv.Atoi("3"))
	fmt.Println(n + 1)
	// Output: 4
}
