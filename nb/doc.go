// Package nb holds what a notebook cell needs around the library and nothing
// else: a way to stop a cell on an error with a short message instead of a
// panic, a goroutine dump and "exit status 2".
//
// Go functions return an error beside their result. In a program one writes
// `if err != nil { return err }`; in a notebook cell, as in a Python lab, the
// cell should simply stop and say what went wrong:
//
//	var gm = nb.Must(gmmlab.GaussianMixture{NComponents: 3}.Fit(X))
//
//	%%
//	nb.Check(plotting.Show(fig))
//
// When the error is nil, Must returns the value and Check does nothing. When
// it is not, both print the error's message on standard error, on one line
// that starts with "error: ", and end the cell's program with exit status 1.
// GoNB then marks the cell as failed, so Jupyter's "Run All" stops there, as
// it stops at a Python exception; no stack trace is printed, because the
// mistake is in the data or the settings, not in the library.
//
// # Outside a notebook
//
// The same calls work in any Go program (tests of notebook code, scripts):
// they write to os.Stderr and call os.Exit(1). Programs that must recover
// from an error should test err themselves.
package nb
