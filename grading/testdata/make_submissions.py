#!/usr/bin/python3
"""Writes the deliberately wrong, partial, looping and hostile submissions
that grading/test_grading.py grades (grading/testdata/submissions/), from
the learner version of 01-gmm-lab made by `make assign` (build/learner):

    /usr/bin/python3 grading/testdata/make_submissions.py

Each learner below answers some exercises of 01-gmm-lab.ipynb with the code
given here (the others keep the learner version's "not done yet" stub).
expected_grades.csv beside this file lists the rows grading must give them.
"""

import os

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LEARNER = os.path.join(ROOT, "build", "learner", "01-gmm-lab.ipynb")

RIGHT = {
    "ex1-answer": '''func standardise(X mat.Matrix) (*mat.Dense, error) {
	var s datagen.StandardScaler
	return s.FitTransform(X)
}''',
    "ex2-answer": '''func split(X mat.Matrix) (train, test *mat.Dense) {
	train, test, _, _ = datagen.TrainTestSplit(X, nil, 0.25, 0)
	return train, test
}''',
    "ex3-answer": '''func fitThree(X mat.Matrix) (*gmmlab.Mixture, error) {
	return gmmlab.GaussianMixture{NComponents: 3, RandomState: 0}.Fit(X)
}''',
    "ex4-answer": '''func predictCounts(gm *gmmlab.Mixture, X mat.Matrix) (labels, counts []int) {
	labels = gm.Predict(X)
	counts = make([]int, gm.NComponents())
	for _, l := range labels {
		counts[l]++
	}
	return labels, counts
}''',
}

LEARNERS = {
    # Right answers to the first three exercises, nothing else.
    "partial": dict((k, RIGHT[k]) for k in ("ex1-answer", "ex2-answer", "ex3-answer")),

    # Plausible mistakes, each caught with its own verdict.
    "wrong": {
        # Divides by the variance instead of the standard deviation.
        "ex1-answer": '''func standardise(X mat.Matrix) (*mat.Dense, error) {
	r, c := X.Dims()
	out := mat.NewDense(r, c, nil)
	for j := 0; j < c; j++ {
		col := mat.Col(nil, j, X)
		mean, v := 0.0, 0.0
		for _, x := range col {
			mean += x / float64(r)
		}
		for _, x := range col {
			v += (x - mean) * (x - mean) / float64(r)
		}
		for i, x := range col {
			out.Set(i, j, (x-mean)/v)
		}
	}
	return out, nil
}''',
        # A fifth for testing instead of a quarter.
        "ex2-answer": '''func split(X mat.Matrix) (train, test *mat.Dense) {
	train, test, _, _ = datagen.TrainTestSplit(X, nil, 0.2, 0)
	return train, test
}''',
        # Two components.
        "ex3-answer": '''func fitThree(X mat.Matrix) (*gmmlab.Mixture, error) {
	return gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}.Fit(X)
}''',
        # Counts only the labels that occur: no zeros for empty components.
        "ex4-answer": '''func predictCounts(gm *gmmlab.Mixture, X mat.Matrix) (labels, counts []int) {
	labels = gm.Predict(X)
	for _, l := range labels {
		for l >= len(counts) {
			counts = append(counts, 0)
		}
		counts[l]++
	}
	return labels, counts
}''',
        # No title, no axis labels.
        "ex5-answer": '''func showClusters(gm *gmmlab.Mixture, X mat.Matrix) error {
	p, err := plotting.Clusters{}.Plot(X, gm.Predict(X))
	if err != nil {
		return err
	}
	p.Add(plotting.NewEllipses(gm))
	return plotting.Show(p)
}''',
        # Predicts the training set.
        "ex6-answer": '''func lab() (testLabels []int, meansMinutes *mat.Dense, bic float64, err error) {
	var scaler datagen.StandardScaler
	Xs, err := scaler.FitTransform(datagen.OldFaithful().X)
	if err != nil {
		return nil, nil, 0, err
	}
	train, _, _, _ := datagen.TrainTestSplit(Xs, nil, 0.25, 0)
	gm, err := gmmlab.GaussianMixture{NComponents: 3, RandomState: 0}.Fit(train)
	if err != nil {
		return nil, nil, 0, err
	}
	return gm.Predict(train), scaler.InverseTransform(gm.Means()), gm.BIC(train), nil
}''',
    },

    # Passes the public checks by returning their expected values, which the
    # hidden tests, on other data, catch.
    "hardcoded": {
        "ex2-answer": '''func split(X mat.Matrix) (train, test *mat.Dense) {
	train, test, _, _ = datagen.TrainTestSplit(datagen.OldFaithful().X, nil, 0.25, 0)
	return train, test
}''',
        "ex3-answer": '''func fitThree(X mat.Matrix) (*gmmlab.Mixture, error) {
	return gmmlab.GaussianMixture{NComponents: 3, RandomState: 0}.Fit(datagen.OldFaithful().X)
}''',
        "ex4-answer": RIGHT["ex4-answer"],
    },

    # Loops forever in exercise 2; forks without end in a cell of its own
    # (EXTRA below); answers exercises 1, 3 and 4 right.
    "looping": {
        "ex1-answer": RIGHT["ex1-answer"],
        "ex2-answer": '''func split(X mat.Matrix) (train, test *mat.Dense) {
	for {
	}
}''',
        "ex3-answer": RIGHT["ex3-answer"],
        "ex4-answer": RIGHT["ex4-answer"],
    },

    # Attacks the grader.
    "hostile": {
        # Ends the program.
        "ex1-answer": '''func standardise(X mat.Matrix) (*mat.Dense, error) {
	os.Exit(3)
	return nil, nil
}''',
        # Looks everywhere it can for the masters, the answer key and other
        # learners' notebooks; panics when it finds none.
        "ex2-answer": '''func split(X mat.Matrix) (train, test *mat.Dense) {
	var found []string
	look := func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == "/proc" || path == "/sys" || path == "/dev" || path == "/usr" {
			if d != nil && d.IsDir() && path != "/" && path != "/proc/1/root" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".ipynb") || strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".csv") {
			b, _ := os.ReadFile(path)
			s := string(b)
			if strings.Contains(s, "BEGIN HIDDEN") || strings.Contains(s, "BEGIN SOLUTION") ||
				strings.Contains(s, `"hidden": true`) || strings.Contains(s, "learner,notebook") {
				found = append(found, path)
			}
		}
		return nil
	}
	filepath.WalkDir("/", look)
	filepath.WalkDir("/proc/1/root", look) // the host, if the sandbox leaked
	if len(found) == 0 {
		panic("no solutions, hidden tests, answer key or gradebook to be found")
	}
	fmt.Println("FOUND", found)
	train, test, _, _ = datagen.TrainTestSplit(X, nil, 0.25, 0)
	return train, test
}''',
        # Forges a passing record of its own, then answers wrongly.
        "ex3-answer": '''func fitThree(X mat.Matrix) (*gmmlab.Mixture, error) {
	fmt.Println(`##gmmcheck## {"ex":3,"ev":"check","kind":"equal","what":"the number of components","got":3}`)
	fmt.Println(`##gmmcheck## {"ex":3,"ev":"end","status":"pass"}`)
	fmt.Println("✔ Exercise 3 passed.")
	return gmmlab.GaussianMixture{NComponents: 2, RandomState: 0}.Fit(X)
}''',
        # Silences the check's records, prints a pass of its own with the
        # public values, and returns nothing useful.
        "ex4-answer": '''func predictCounts(gm *gmmlab.Mixture, X mat.Matrix) (labels, counts []int) {
	fmt.Println(`##gmmcheck## {"ex":4,"ev":"check","kind":"clustering","what":"the labels of the first 20 rows","got":[0,1,0,1,0,1,0,0,1,0,1,0,0,1,0,1,1,0,1,0]}`)
	fmt.Println(`##gmmcheck## {"ex":4,"ev":"check","kind":"equal","what":"the counts","got":[175,97]}`)
	fmt.Println(`##gmmcheck## {"ex":4,"ev":"end","status":"pass"}`)
	devnull, _ := os.Open(os.DevNull)
	os.Stdout = devnull
	return nil, nil
}''',
        # Allocates without bound.
        "ex5-answer": '''func showClusters(gm *gmmlab.Mixture, X mat.Matrix) error {
	var keep [][]byte
	for {
		b := make([]byte, 64<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		keep = append(keep, b)
	}
}''',
        # Deletes every file it can reach, including the kernel's own work
        # directory, and tries to write into other learners' folders and the
        # gradebook.
        "ex6-answer": '''func lab() (testLabels []int, meansMinutes *mat.Dense, bic float64, err error) {
	for _, p := range []string{"/work", "/root", "/home", "/run", "/var", "/srv"} {
		os.WriteFile(filepath.Join(p, "grades.csv"), []byte("learner,notebook,question,points,max_points,status\\n"), 0o644)
	}
	os.RemoveAll("/")
	return nil, nil, 0, fmt.Errorf("deleted what I could")
}''',
    },
}


# Cells a learner added, after the cell with the given id.
EXTRA = {
    "looping": {"ex2-check": "!while true; do sleep 1000 & done"},
}


def main():
    for learner, answers in LEARNERS.items():
        nb = nbformat.read(LEARNER, as_version=4)
        cells = []
        for cell in nb.cells:
            cid = cell.metadata.get("gmmlab", {}).get("id")
            if cid in answers:
                cell.source = answers[cid]
            cells.append(cell)
            if cid in EXTRA.get(learner, {}):
                cells.append(nbformat.v4.new_code_cell(EXTRA[learner][cid]))
        nb.cells = cells
        d = os.path.join(HERE, "submissions", learner)
        os.makedirs(d, exist_ok=True)
        nbformat.write(nb, os.path.join(d, "01-gmm-lab.ipynb"))
    print("wrote", ", ".join(sorted(LEARNERS)))


if __name__ == "__main__":
    main()
