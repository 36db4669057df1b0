package nb

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// stopped is what the replaced exit panics with, so that a test can see
// that the cell would have stopped.
type stopped int

func capture(t *testing.T) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	oldErr, oldExit := stderr, exit
	stderr = &buf
	exit = func(code int) { panic(stopped(code)) }
	t.Cleanup(func() { stderr, exit = oldErr, oldExit })
	return &buf
}

func stopCode(f func()) (code int, didStop bool) {
	defer func() {
		if r := recover(); r != nil {
			c, ok := r.(stopped)
			if !ok {
				panic(r)
			}
			code, didStop = int(c), true
		}
	}()
	f()
	return 0, false
}

func TestMustReturnsValueWithoutError(t *testing.T) {
	buf := capture(t)
	got := Must(42, nil)
	if got != 42 {
		t.Errorf("Must(42, nil) = %d, want 42", got)
	}
	Check(nil)
	if buf.Len() != 0 {
		t.Errorf("nothing should be printed without an error, got %q", buf.String())
	}
}

func TestMustStopsWithShortMessage(t *testing.T) {
	for _, tc := range []struct {
		name string
		call func()
	}{
		{"Must", func() { Must(0, errors.New("gmmlab: X contains NaN in row 3")) }},
		{"Check", func() { Check(fmt.Errorf("gmmlab: X contains NaN in row 3")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			buf := capture(t)
			code, didStop := stopCode(tc.call)
			if !didStop || code != 1 {
				t.Fatalf("stopped=%v code=%d, want a stop with exit status 1", didStop, code)
			}
			if got, want := buf.String(), "error: gmmlab: X contains NaN in row 3\n"; got != want {
				t.Errorf("printed %q, want %q", got, want)
			}
		})
	}
}

// TestCellProgramOutput runs a real program that calls Must on an error, as
// a notebook cell does, and checks what a learner sees: one line, exit
// status 1, no panic and no goroutine dump.
func TestCellProgramOutput(t *testing.T) {
	if os.Getenv("NB_TEST_CELL") == "1" {
		Must(0, errors.New("gmmlab: X contains NaN in row 3"))
		fmt.Println("not reached")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCellProgramOutput$")
	cmd.Env = append(os.Environ(), "NB_TEST_CELL=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
		t.Fatalf("program ended with %v, want exit status 1", err)
	}
	if strings.Contains(out.String(), "not reached") {
		t.Errorf("the program went on after Must: %q", out.String())
	}
	if got, want := errOut.String(), "error: gmmlab: X contains NaN in row 3\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}

// TestCatch checks that inside Catch, Must and Check end f with their error
// instead of the program, that other panics pass through, and that Must
// ends the program again once Catch has returned.
func TestCatch(t *testing.T) {
	buf := capture(t)
	reached := false
	err := Catch(func() {
		Must(0, errors.New("gmmlab: X contains NaN in row 3"))
		reached = true
	})
	if err == nil || err.Error() != "gmmlab: X contains NaN in row 3" || reached {
		t.Errorf("Catch returned %v (f went on: %v), want the error and f stopped", err, reached)
	}
	if err := Catch(func() { Check(nil) }); err != nil {
		t.Errorf("Catch of a normal return = %v, want nil", err)
	}
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("a panic inside Catch came out as %v, want boom", r)
			}
		}()
		Catch(func() { panic("boom") })
	}()
	if buf.Len() != 0 {
		t.Errorf("Catch printed %q, want nothing", buf.String())
	}
	if code, didStop := stopCode(func() { Check(errors.New("after")) }); !didStop || code != 1 {
		t.Errorf("after Catch, Check stopped=%v code=%d, want exit status 1", didStop, code)
	}
}
