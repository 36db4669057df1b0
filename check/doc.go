// Package check judges a learner's answers in gmmlab's exercise notebooks
// and prints a verdict in the cell: a pass mark, or what is wrong and a
// hint.
//
// An exercise is a function the learner completes in an answer cell. The
// check cell below it calls that function and compares what it returns:
//
//	// fitThree fits a 3-component mixture with RandomState 0 to X.
//	func fitThree(X mat.Matrix) (*gmmlab.Mixture, error) {
//		// YOUR CODE HERE
//		panic(check.NotDone)
//	}
//
//	%%
//	check.Exercise(3, func(t *check.T) {
//		gm, err := fitThree(faithful.X)
//		t.NoError(err)
//		t.Hint("GaussianMixture's NComponents sets the number of components.")
//		t.Equal("the number of components", gm.NComponents(), 3)
//		t.Near("the weights", gm.Weights(), []float64{0.356, 0.288, 0.356}, 1e-3)
//	})
//
// prints one of
//
//	… Exercise 3 is not done yet: write your code in fitThree where it says // YOUR CODE HERE, ...
//	✘ Exercise 3: the number of components is 2; expected 3.
//	  Hint: GaussianMixture's NComponents sets the number of components.
//	✔ Exercise 3 passed.
//
// # Checks
//
//   - Near compares numbers (a float64, slices, a mat.Matrix) within a
//     tolerance, relative to values over 1;
//   - Equal compares exactly (counts, labels, strings, a covariance type);
//   - Shape compares a matrix's numbers of rows and columns;
//   - SameClustering compares two clusterings up to a renaming of the
//     clusters, counting the rows that differ after the best matching;
//   - Figure asks that the learner's code showed a figure with given texts,
//     covariance ellipses or marks: plotting.Show records what it shows
//     (plotting.Shown), so the check knows.
//
// Each check is named by a description of what it compares ("the
// weights"), which the verdict uses and which must be unique within its
// exercise. The first check that fails ends the exercise.
//
// # Cells never fail for a learner's mistake
//
// In GoNB every cell is a new program in which all earlier declarations are
// compiled and initialised again, and Jupyter's "Run All" stops at the first
// failed cell. So an exercise notebook keeps the learner's code inside
// functions (a package-level var that failed would stop every later cell),
// and Exercise turns every mistake into a verdict with exit status 0: a
// failed check, the not-done stub (panic(check.NotDone)), an error returned
// to NoError, nb.Must or nb.Check on an error (nb.Catch), and a panic in the
// learner's code, reported with the function it came from. Only what ends
// the program itself (os.Exit, log.Fatal, a panic on another goroutine) or
// does not compile fails the cell.
//
// # Hidden tests and grading
//
// A check whose expected value is Hidden records the learner's value and
// judges nothing in the notebook. With the environment variable RecordEnv
// set, every check also writes a Record line: the grader (grading/gmmgrade)
// reads the learner's values from them and judges them with Spec.Judge
// against its own answer key, which holds the hidden values. A verdict the
// learner's program prints counts for nothing there, so code that prints
// "passed" or forges records gains nothing but the values it really
// computes.
package check
