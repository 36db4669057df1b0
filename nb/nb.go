package nb

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
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

// catching counts the Catch calls under way: while it is positive, Must and
// Check panic with a caught value instead of ending the program.
var catching atomic.Int32

// caught is the panic value of Must and Check inside Catch.
type caught struct{ err error }

func stop(err error) {
	if catching.Load() > 0 {
		panic(caught{err})
	}
	fmt.Fprintf(stderr, "error: %v\n", err)
	exit(1)
}

// Catch runs f and returns the error that Must or Check stopped it with, or
// nil if f returned normally. Inside Catch, Must and Check end f, not the
// program, so the caller can report the error and go on: the exercise checks
// (package check) run a learner's code this way, so that a mistake gives a
// verdict instead of a failed cell. Other panics pass through Catch
// unchanged. Must and Check called on another goroutine than Catch's still
// end the program.
func Catch(f func()) (err error) {
	catching.Add(1)
	defer catching.Add(-1)
	defer func() {
		if r := recover(); r != nil {
			c, ok := r.(caught)
			if !ok {
				panic(r)
			}
			err = c.err
		}
	}()
	f()
	return nil
}
