// Package nb holds what a notebook cell needs around the library and nothing
// else: a way to stop a cell on an error with a short message instead of a
// panic, a goroutine dump and "exit status 2", and a way to compute a
// declared fit or data set once rather than in every later cell.
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
// # Values that later cells reuse
//
// GoNB runs each cell as a new program holding every declaration made so
// far, so `var gm = nb.Must(... .Fit(X))` refits the model in every later
// cell. Cache computes it once per kernel and lets later cells read it back:
//
//	var sel = nb.Cache(func() (*gmmlab.Selection, error) { return grid.Fit(X) }, X)
//
// A cached value is recomputed as soon as its declaration, any declaration
// it uses, one of its inputs (X) or the library changes; values live in the
// kernel's temporary directory and go with it. Cache2 does the same for two
// results (a data set and its labels). Caching pays for fits and data that
// take tens of milliseconds or more; a small fit is as quick to redo.
//
// # Outside a notebook
//
// The same calls work in any Go program (tests of notebook code, scripts):
// Must and Check write to os.Stderr and call os.Exit(1), Cache and Cache2
// compute every time. Programs that must recover from an error should test
// err themselves.
package nb
