package nb

import (
	"fmt"
	"io"
	"os"
)

// Must returns v if err is nil. Otherwise it prints err and stops the
// cell's program with exit status 1, as Check does.
func Must[T any](v T, err error) T {
	Check(err)
	return v
}

// Check does nothing if err is nil. Otherwise it prints "error: " and err's
// message on standard error and stops the cell's program with exit status
// 1, without a stack trace.
func Check(err error) {
	if err != nil {
		stop(err)
	}
}

// Stderr and exit are where Check reports and how it stops; tests replace
// them.
var (
	stderr io.Writer = os.Stderr
	exit             = os.Exit
)

func stop(err error) {
	fmt.Fprintf(stderr, "error: %v\n", err)
	exit(1)
}
