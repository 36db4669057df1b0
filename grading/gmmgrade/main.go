// Command gmmgrade is the trusted half of gmmlab's grading: it builds the
// answer key of the exercise notebooks from a run of the master notebooks,
// and judges learners' runs against that key. grading/assign.py and
// grading/grade.py run the notebooks and call it:
//
//	gmmgrade key -reference exercises/reference.json -o KEY.json RUN.json...
//	gmmgrade report -key KEY.json -out DIR RUN.json...
//
// A RUN.json file is one executed notebook, as grading/nbexec.py writes it:
// each code cell's status, error text and the check records it printed.
//
// key reads the runs of the master notebooks and writes the answer key:
// for every exercise, its points and the specification of each of its
// checks. Hidden checks get their expected values from the reference file
// (exercises/reference.json, computed with scikit-learn by
// exercises/reference.py), and every expected value written in a master's
// check cell must agree with the reference too. It fails, listing what is
// wrong, unless each master passes all its own checks.
//
// report judges each learner's values against the key, never trusting a
// verdict the learner's program printed, and writes DIR/grades.csv, one
// DIR/<learner>.html feedback page per learner and one summary line on
// standard output.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "key":
		err = keyCommand(os.Args[2:])
	case "report":
		err = reportCommand(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gmmgrade:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  gmmgrade key -reference REFERENCE.json -o KEY.json RUN.json...
  gmmgrade report -key KEY.json -out DIR RUN.json...`)
	os.Exit(2)
}

func keyCommand(args []string) error {
	fs := flag.NewFlagSet("key", flag.ExitOnError)
	refPath := fs.String("reference", "exercises/reference.json", "reference values computed with scikit-learn")
	outPath := fs.String("o", "", "where to write the answer key")
	fs.Parse(args)
	if *outPath == "" || fs.NArg() == 0 {
		usage()
	}
	ref, err := readReference(*refPath)
	if err != nil {
		return err
	}
	runs, err := readRuns(fs.Args())
	if err != nil {
		return err
	}
	key, problems := buildKey(runs, ref)
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "gmmgrade key:", p)
		}
		return fmt.Errorf("%d problems with the master notebooks; no key written", len(problems))
	}
	return writeJSON(*outPath, key)
}

func reportCommand(args []string) error {
	fs := flag.NewFlagSet("report", flag.ExitOnError)
	keyPath := fs.String("key", "", "the answer key written by gmmgrade key")
	outDir := fs.String("out", "build/grades", "where to write grades.csv and the feedback pages")
	fs.Parse(args)
	if *keyPath == "" {
		usage()
	}
	var key Key
	if err := readJSON(*keyPath, &key); err != nil {
		return err
	}
	runs, err := readRuns(fs.Args())
	if err != nil {
		return err
	}
	book := grade(key, runs)
	if err := book.write(*outDir); err != nil {
		return err
	}
	fmt.Println(book.summary())
	return nil
}
