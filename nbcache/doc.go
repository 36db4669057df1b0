// Package nbcache keeps a notebook's declared fits and data sets for the
// later cells of the session, instead of computing them again in each.
//
// GoNB runs every cell as a new program that holds every declaration made
// so far, so a fit declared in one cell,
//
//	var sel = nb.Must(grid.Fit(X))
//
// is fitted again by every later cell. Declared through Value,
//
//	var sel = nbcache.Value(func() (*gmmlab.Selection, error) { return grid.Fit(X) }, X)
//
// it is fitted by the first cell that declares it and read back, bit for bit
// the same, by the others. Value2 does the same for a computation with two
// results (a data set and its labels).
//
// Caching costs a few milliseconds per cell (reading the cell's source,
// hashing the inputs, decoding the value) and, in every cell that uses it,
// the link of this package: it pays for fits and data that take tens of
// milliseconds or more, not for a small fit, which is as quick to redo.
//
// # When a value is computed again
//
// A kept value is used only while everything it was computed from is
// unchanged:
//
//   - the declaration Value is called from, word for word, and every
//     declaration it refers to, directly or through others: the notebook's
//     functions, types (with their methods), constants and variables it
//     names, the imports it uses, and all init functions. Change a setting,
//     in that cell or in a constant declared elsewhere, and the next cell
//     computes anew; the value computed with the old setting is kept too, and
//     used again if the setting comes back;
//   - the inputs passed after the function (X above), compared by content:
//     a data set read from a file that has changed since is a new input. Pass
//     every value compute reads that does not come from the notebook's code
//     (a file's content, the environment);
//   - the library's Go source and data files (this module's packages, by
//     size and modification time), in case they are edited while the
//     notebook runs;
//   - the type of the value.
//
// Values are kept in the kernel's temporary directory ($GONB_TMP_DIR/nbcache),
// which GoNB creates for each kernel and deletes when the kernel stops: a
// restarted kernel, or a fresh `make test` run, never reads an old value.
// Outside GoNB (tests, scripts) Value simply calls compute.
//
// # What can be kept
//
// Values whose type implements encoding.BinaryMarshaler and
// BinaryUnmarshaler (gmmlab.Mixture, mat.Dense), json.Marshaler and
// Unmarshaler (gmmlab.KMeansModel), or plain data: numbers, strings,
// booleans, and slices, arrays, maps, pointers and structs with exported
// fields only, of these and of the marshalers; interface fields must be nil
// (gmmlab.Selection, whose candidates' Err is nil when every fit succeeded).
// A value is kept only if it reads back exactly as computed; any other value
// is computed in every cell, as without nbcache. Inputs are compared by the
// same encodings, or as matrices (any mat.Matrix).
//
// compute should depend only on its declaration, the notebook's other
// declarations and its inputs: a fit with a fixed RandomState, not one that
// draws a new seed every run, which Value would freeze at its first value.
package nbcache
