#!/usr/bin/env python3
"""Tests of docker/learner-tree.sh, the tree the Dockerfile's images and the
class hub's sources are made of: it holds the lessons, the library and the
learner versions of the exercises, and nothing with a solution or a hidden
test in it (no master, no reference values, no grading test data, no grading
bundle), whether made from this checkout or from a learner's tree again (as
the single-user image's docker/hub-install.sh does)."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SCRIPT = os.path.join(ROOT, "docker", "learner-tree.sh")
sys.path.insert(0, os.path.join(ROOT, "grading"))
import notebooks  # noqa: E402  (grading/notebooks.py: the master's markers)

# Markers of a master notebook, in any file: solution and hidden-test regions.
MARKERS = [m.replace("// ", "") for m in notebooks.MARKERS if "BEGIN" in m]
# A Markdown file may name a marker in a code span, as documentation.
DOC_MENTION = re.compile(r"`[^`\n]*(?:%s)[^`\n]*`" % "|".join(map(re.escape, MARKERS)))


def make_tree(src_root, out):
    cp = subprocess.run(["bash", os.path.join(src_root, "docker", "learner-tree.sh"), out],
                        capture_output=True, text=True, timeout=300)
    if cp.returncode != 0:
        raise AssertionError(f"learner-tree.sh failed ({cp.returncode}):\n{cp.stdout}{cp.stderr}")
    return cp


def files(tree):
    for dirpath, _, names in os.walk(tree):
        for n in names:
            yield os.path.relpath(os.path.join(dirpath, n), tree)


def leaks(tree):
    """Files of tree that hold a marker (outside a Markdown code span), and
    notebooks with a hidden check or a solution region in a cell."""
    found = []
    for rel in files(tree):
        with open(os.path.join(tree, rel), "rb") as f:
            text = f.read().decode("utf-8", "replace")
        if rel.endswith(".md"):
            text = DOC_MENTION.sub("", text)
        for m in MARKERS:
            if m in text:
                found.append(f"{rel}: {m}")
        if rel.endswith(".ipynb"):
            nb = json.loads(text)
            for cell in nb.get("cells", []):
                src = "".join(cell.get("source", []))
                if "check.Hidden" in src:
                    found.append(f"{rel}: check.Hidden")
    return found


class LearnerTreeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.tree = os.path.join(cls.tmp.name, "tree")
        make_tree(ROOT, cls.tree)
        cls.files = set(files(cls.tree))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_no_solution_nor_hidden_test_anywhere(self):
        self.assertEqual(leaks(self.tree), [])

    def test_no_master_reference_grading_or_bundle(self):
        bad = sorted(f for f in self.files if f.split("/")[0] in ("exercises", "grading", "tests", ".ci", ".git")
                     or f.startswith("build/") and not f.startswith("build/learner/")
                     or os.path.basename(f) in ("expected_grades.csv", "key.json"))
        self.assertEqual(bad, [])
        # Nor a copy of a master or of the reference values under another name.
        secret = {}
        for p in glob.glob(os.path.join(ROOT, "exercises", "*")):
            with open(p, "rb") as f:
                secret[f.read()] = os.path.relpath(p, ROOT)
        for rel in self.files:
            with open(os.path.join(self.tree, rel), "rb") as f:
                self.assertNotIn(f.read(), secret, f"{rel} is a copy of a file of exercises/")

    def test_learner_notebooks_are_there(self):
        masters = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "exercises", "*.ipynb")))
        self.assertGreater(len(masters), 0)
        self.assertEqual(sorted(os.listdir(os.path.join(self.tree, "build", "learner"))), masters)
        for name in masters:
            with open(os.path.join(self.tree, "build", "learner", name)) as f:
                src = "".join("".join(c["source"]) for c in json.load(f)["cells"])
            self.assertIn("panic(check.NotDone)", src, name)  # the learner's stub
        lessons = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
        self.assertEqual(sorted(f[len("notebooks/"):] for f in self.files
                                if f.startswith("notebooks/") and f.count("/") == 1 and f.endswith(".ipynb")), lessons)

    def test_library_and_image_scripts_are_there(self):
        for f in ["go.mod", "go.sum", "gmmlab/doc.go", "check/check.go", "plotting/doc.go", "cmd/gonbgo/main.go",
                  "hub/gocache/main.go", "docker/lab.sh", "docker/hub-install.sh", "docker/learner-tree.sh"]:
            self.assertIn(f, self.files)

    def test_the_leak_check_sees_a_master(self):
        # The checks above fail on a tree that holds a master.
        with tempfile.TemporaryDirectory() as t:
            os.makedirs(os.path.join(t, "x"))
            src = os.path.join(ROOT, "exercises", sorted(os.listdir(os.path.join(ROOT, "exercises")))[0])
            with open(src, "rb") as f, open(os.path.join(t, "x", "n.ipynb"), "wb") as g:
                g.write(f.read())
            with open(os.path.join(t, "README.md"), "w") as f:
                f.write(f"Mark it with `// {MARKERS[0]}`.\n")
            self.assertTrue(any(MARKERS[0] in x for x in leaks(t)), leaks(t))
            self.assertFalse(any(x.startswith("README.md") for x in leaks(t)))

    def test_again_from_a_learner_tree(self):
        # The single-user image runs docker/hub-install.sh in a learner's tree,
        # which has no masters: the learner versions are taken as they are.
        again = os.path.join(self.tmp.name, "again")
        make_tree(self.tree, again)
        self.assertEqual(set(files(again)), self.files)
        self.assertEqual(leaks(again), [])

    def test_refuses_a_non_empty_out(self):
        with tempfile.TemporaryDirectory() as t:
            open(os.path.join(t, "x"), "w").close()
            cp = subprocess.run(["bash", SCRIPT, t], capture_output=True, text=True, timeout=60)
            self.assertNotEqual(cp.returncode, 0)
            self.assertIn("not empty", cp.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
