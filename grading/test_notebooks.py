#!/usr/bin/python3
"""Tests of the notebook transforms (notebooks.py) and of the learner
versions make assign writes: no solution and no hidden test reaches a
learner. Fast: nothing is executed.

    /usr/bin/python3 grading/test_notebooks.py [-v]
"""

import glob
import os
import subprocess
import sys
import tempfile
import unittest

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import notebooks  # noqa: E402


def code(source, cid, role, **extra):
    return nbformat.v4.new_code_cell(source, metadata={"gmmlab": dict(id=cid, role=role, **extra)})


def master():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(notebooks.KERNELSPEC)
    nb.cells = [
        code("%noautoget", "noautoget", "given"),
        nbformat.v4.new_markdown_cell("## Exercise 1"),
        code("func f(x int) int {\n\t// BEGIN SOLUTION\n\treturn secretFormula(x)\n\t// END SOLUTION\n}", "ex1-answer", "answer"),
        code("%%\ncheck.Exercise(1, func(t *check.T) {\n\tt.Equal(\"f(1)\", f(1), 2)\n"
             "\t// BEGIN HIDDEN TESTS\n\tt.Equal(\"f(7) on hidden data\", f(7), check.Hidden)\n\t// END HIDDEN TESTS\n})",
             "ex1-check", "check", exercise=1, points=2),
    ]
    return nb


class Transforms(unittest.TestCase):
    def test_learner_version(self):
        nb = notebooks.learner_version(master())
        answer, check = nb.cells[2], nb.cells[3]
        self.assertEqual(answer.source, "func f(x int) int {\n\t// YOUR CODE HERE\n\tpanic(check.NotDone)\n}")
        self.assertNotIn("Hidden", check.source)
        self.assertNotIn("f(7)", check.source)
        self.assertIn('t.Equal("f(1)", f(1), 2)', check.source)
        self.assertFalse(check.metadata["editable"])
        self.assertFalse(check.metadata["deletable"])
        self.assertNotIn("editable", answer.metadata)
        self.assertEqual(notebooks.secrets(master()), {"return secretFormula(x)", 't.Equal("f(7) on hidden data", f(7), check.Hidden)'})

    def test_validate(self):
        self.assertEqual(notebooks.validate(master()), [])
        bad = master()
        bad.cells[2].source = bad.cells[2].source.replace("// END SOLUTION", "")
        bad.cells[1].source += "\n// BEGIN SOLUTION"
        bad.cells[0].metadata["gmmlab"]["id"] = "ex1-answer"
        bad.cells[3].metadata["gmmlab"]["exercise"] = 2
        problems = "\n".join(notebooks.validate(bad))
        for want in ("BEGIN SOLUTION without // END SOLUTION", "markers belong in code cells",
                     "'ex1-answer' is used twice", "must call check.Exercise(2, ...)"):
            self.assertIn(want, problems)

    def test_graded_version(self):
        sub = notebooks.learner_version(master())
        sub.cells[2].source = "func f(x int) int { return x + 1 }"
        sub.cells[3].source = '%%\nfmt.Println("✔ Exercise 1 passed.")'  # an edited check
        sub.cells.insert(3, nbformat.v4.new_code_cell("func helper() {}"))  # a cell of the learner's
        del sub.cells[0]  # a deleted given cell
        nb = notebooks.graded_version(master(), sub)
        sources = [c.source for c in nb.cells if c.cell_type == "code"]
        self.assertEqual(sources[0], "%noautoget")
        self.assertEqual(sources[1], "func f(x int) int { return x + 1 }")
        self.assertEqual(sources[2], "func helper() {}")
        self.assertIn("BEGIN HIDDEN TESTS", sources[3])  # the master's check, hidden tests and all
        self.assertEqual(len(sources), 4)
        stubbed = notebooks.graded_version(master(), None)
        self.assertIn("panic(check.NotDone)", stubbed.cells[2].source)


class Assigned(unittest.TestCase):
    """make assign's learner versions of the real master notebooks."""

    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="gmmlab-learner-")
        subprocess.run([sys.executable, os.path.join(HERE, "assign.py"), "--no-run", "--learner", cls.out],
                       check=True, stderr=subprocess.DEVNULL)
        cls.masters = sorted(glob.glob(os.path.join(ROOT, "exercises", "*.ipynb")))

    def test_masters(self):
        names = [os.path.basename(p) for p in self.masters]
        self.assertEqual(names, ["01-gmm-lab.ipynb", "02-choosing-k.ipynb", "03-covariance-types.ipynb",
                                 "04-sampling-and-density.ipynb"])
        for p in self.masters:
            n = sum(1 for c in nbformat.read(p, as_version=4).cells if notebooks.meta(c).get("role") == "check")
            self.assertTrue(4 <= n <= 8, f"{p}: {n} exercises, want 4 to 8")

    def test_no_solution_or_hidden_test(self):
        for p in self.masters:
            m = nbformat.read(p, as_version=4)
            learner = nbformat.read(os.path.join(self.out, os.path.basename(p)), as_version=4)
            text = "\n".join(c.source for c in learner.cells)
            secret = notebooks.secrets(m)
            self.assertTrue(secret)
            lines = {l.strip() for l in text.split("\n")}
            self.assertEqual(secret & lines, set(), p)
            for marker in notebooks.MARKERS + ("check.Hidden",):
                self.assertNotIn(marker, text, p)
            answers = [c for c in learner.cells if notebooks.meta(c).get("role") == "answer"]
            self.assertTrue(answers)
            for c in answers:
                self.assertIn("// YOUR CODE HERE\n\tpanic(check.NotDone)", c.source)
            for c in learner.cells:
                if c.cell_type == "code":
                    self.assertEqual(c.outputs, [])
                    self.assertIsNone(c.execution_count)

    def test_only_notebooks_in_the_learner_folder(self):
        self.assertEqual(sorted(os.listdir(self.out)), sorted(os.path.basename(p) for p in self.masters))


if __name__ == "__main__":
    unittest.main()
