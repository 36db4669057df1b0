#!/usr/bin/python3
"""Grades a class of test learners end to end and checks the gradebook row by
row (make test-exercises runs it, after make assign and grading/setup.sh):

  master     the master notebooks themselves: full marks
  blank      the untouched learner versions: 0 points, every exercise "fail"
  partial, wrong, hardcoded, looping, hostile
             grading/testdata/submissions/ (make_submissions.py there says
             what each does), 01-gmm-lab only
  weird      a notebook that is not JSON, and one that is a link to
             /etc/shadow
  and a folder whose name is not a learner id, and a stray file: skipped.

grades.csv must equal grading/testdata/expected_grades.csv, make grade must
print one summary line on standard output, and grading must change nothing
but build/grades: the submissions and the autograder bundle are intact, and
no hostile code found the masters, the answer key or a gradebook.
"""

import glob
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TESTDATA = os.path.join(HERE, "testdata")
BUNDLE = os.path.join(ROOT, "build", "autograder")
WORK = os.path.join(ROOT, "build", "grading-work")


def tree_digest(top):
    """Path → sha256 of every file (and link target) under top."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            rel = os.path.relpath(p, top)
            if os.path.islink(p):
                out[rel] = "link:" + os.readlink(p)
            elif os.path.isfile(p):
                with open(p, "rb") as f:
                    out[rel] = hashlib.sha256(f.read()).hexdigest()
            else:
                out[rel] = "dir"
    return out


class GradeClass(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(os.path.join(BUNDLE, "key.json")):
            raise unittest.SkipTest("no answer key: run make assign first")
        cls.tmp = tempfile.mkdtemp(prefix="gmmlab-e2e-")
        subs = cls.subs = os.path.join(cls.tmp, "submissions")
        shutil.copytree(os.path.join(TESTDATA, "submissions"), subs)
        os.makedirs(os.path.join(subs, "master"))
        for p in glob.glob(os.path.join(ROOT, "exercises", "*.ipynb")):
            shutil.copy(p, os.path.join(subs, "master"))
        shutil.copytree(os.path.join(ROOT, "build", "learner"), os.path.join(subs, "blank"))
        os.makedirs(os.path.join(subs, "weird"))
        with open(os.path.join(subs, "weird", "01-gmm-lab.ipynb"), "w") as f:
            f.write('{"cells": [not json')
        os.symlink("/etc/shadow", os.path.join(subs, "weird", "02-choosing-k.ipynb"))
        os.makedirs(os.path.join(subs, "not a learner id"))
        with open(os.path.join(subs, "notes.txt"), "w") as f:
            f.write("a stray file\n")

        cls.before_subs = tree_digest(subs)
        cls.before_bundle = tree_digest(BUNDLE)
        cls.out = os.path.join(cls.tmp, "grades")
        env = dict(os.environ, GRADE_CELL_TIMEOUT="20", GRADE_NOTEBOOK_TIMEOUT="400")
        cls.result = subprocess.run([sys.executable, os.path.join(HERE, "grade.py"), "--submissions", subs,
                                     "--out", cls.out], capture_output=True, text=True, env=env)
        sys.stderr.write(cls.result.stderr)

    def test_exit_status_and_summary(self):
        self.assertEqual(self.result.returncode, 0)
        lines = self.result.stdout.splitlines()
        self.assertEqual(len(lines), 1, self.result.stdout)
        self.assertRegex(lines[0], r"^graded 8 learners: mean score \d+\.\d of 44 points \(\d+ %\); "
                                   r"exercises errored: \d+, timed out: \d+, missing: \d+$")
        self.assertIn("skipping folder 'not a learner id'", self.result.stderr)

    def test_gradebook(self):
        with open(os.path.join(self.out, "grades.csv")) as f:
            got = f.read().splitlines()
        with open(os.path.join(TESTDATA, "expected_grades.csv")) as f:
            want = f.read().splitlines()
        self.assertEqual(got[0], "learner,notebook,question,points,max_points,status")
        diff = [f"- {l}" for l in want if l not in got] + [f"+ {l}" for l in got if l not in want]
        self.assertEqual(got, want, "\n".join(diff))

    def test_feedback_pages(self):
        names = sorted(os.listdir(self.out))
        learners = ["blank", "hardcoded", "hostile", "looping", "master", "partial", "weird", "wrong"]
        self.assertEqual(names, sorted(["grades.csv"] + [l + ".html" for l in learners]))
        with open(os.path.join(self.out, "wrong.html")) as f:
            page = html.unescape(f.read())
        self.assertIn("the test set's labels: got 204 labels; expected 68, one per row", page)
        self.assertIn("did you predict on the test set", page)
        self.assertIn("the number of components is 2; expected 3", page)
        with open(os.path.join(self.out, "hostile.html")) as f:
            page = html.unescape(f.read())
        self.assertIn("recorded 2 times with different values", page)
        with open(os.path.join(self.out, "master.html")) as f:
            self.assertIn("44 of 44 points (100 %)", f.read())

    def test_nothing_else_changed(self):
        self.assertEqual(tree_digest(self.subs), self.before_subs)
        self.assertEqual(tree_digest(BUNDLE), self.before_bundle)

    def test_hostile_code_found_nothing(self):
        nb = nbformat.read(os.path.join(WORK, "notebooks", "hostile--01-gmm-lab.executed.ipynb"), as_version=4)
        printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        self.assertTrue(printed.strip(), "the executed notebook has no output")
        self.assertNotIn("FOUND", printed)
        self.assertIn("no solutions, hidden tests, answer key or gradebook to be found", printed)

    def test_untouched_and_solved_notebooks_run_clean(self):
        # Run All goes through: no cell fails when nothing is answered, and
        # none fails when everything is.
        for learner in ("blank", "master"):
            for path in glob.glob(os.path.join(WORK, "runs", f"{learner}--*.json")):
                with open(path) as f:
                    run = json.load(f)
                self.assertEqual(run["status"], "ok", path)
                bad = [(c["id"], c["status"]) for c in run["cells"] if c["status"] != "ok"]
                self.assertEqual(bad, [], path)

    def test_no_process_left(self):
        with open("/etc/passwd") as f:
            users = [l.split(":")[2] for l in f if l.startswith("gmmgrade")]
        left = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/status") as f:
                    uid = next(l for l in f if l.startswith("Uid:")).split()[1]
            except (OSError, StopIteration):
                continue
            if uid in users:
                left.append(pid)
        self.assertEqual(left, [])


if __name__ == "__main__":
    if os.geteuid() != 0:
        sys.exit("test_e2e.py: grading needs root")
    unittest.main(verbosity=2)
