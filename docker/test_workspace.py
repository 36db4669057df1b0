#!/usr/bin/env python3
"""Tests of docker/workspace.py: copies on first use, updates untouched
copies, never overwrites a learner's change, resets with a backup."""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workspace  # noqa: E402


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def read(path):
    with open(path) as f:
        return f.read()


class WorkspaceTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        t = self.tmp.name
        self.nb = os.path.join(t, "notebooks")
        self.ex = os.path.join(t, "learner")
        self.ws = os.path.join(t, "ws")
        write(os.path.join(self.nb, "01-a.ipynb"), "lesson 1 v1")
        write(os.path.join(self.nb, "02-b.ipynb"), "lesson 2 v1")
        write(os.path.join(self.nb, "expect.json"), "{}")  # not a notebook: never copied
        write(os.path.join(self.ex, "01-a.ipynb"), "exercise 1 v1")
        self.sources = {"lessons": self.nb, "exercises": self.ex}
        self.log = []

    def tearDown(self):
        self.tmp.cleanup()

    def sync(self):
        return workspace.Workspace(self.ws).sync(self.sources, log=self.log.append)

    def reset(self, *names):
        return workspace.Workspace(self.ws).reset(self.sources, list(names), log=self.log.append)

    def lesson(self, name):
        return read(os.path.join(self.ws, "lessons", name))

    def test_first_sync_copies_lessons_and_exercises(self):
        c = self.sync()
        self.assertEqual(c["copied"], 3)
        self.assertEqual(self.lesson("01-a.ipynb"), "lesson 1 v1")
        self.assertEqual(read(os.path.join(self.ws, "exercises", "01-a.ipynb")), "exercise 1 v1")
        self.assertFalse(os.path.exists(os.path.join(self.ws, "lessons", "expect.json")))
        m = json.load(open(os.path.join(self.ws, ".gmmlab", "manifest.json")))
        self.assertEqual(sorted(m["files"]), ["exercises/01-a.ipynb", "lessons/01-a.ipynb", "lessons/02-b.ipynb"])

    def test_missing_exercise_folder_is_skipped(self):
        self.sources["exercises"] = os.path.join(self.tmp.name, "absent")
        self.assertEqual(self.sync()["copied"], 2)

    def test_untouched_copy_follows_a_new_original(self):
        self.sync()
        write(os.path.join(self.nb, "01-a.ipynb"), "lesson 1 v2")
        c = self.sync()
        self.assertEqual(c["updated"], 1)
        self.assertEqual(self.lesson("01-a.ipynb"), "lesson 1 v2")

    def test_changed_copy_is_never_overwritten(self):
        self.sync()
        write(os.path.join(self.ws, "lessons", "01-a.ipynb"), "my answers")
        write(os.path.join(self.nb, "01-a.ipynb"), "lesson 1 v2")
        c = self.sync()
        self.assertEqual((c["kept"], c["updated"]), (1, 0))
        self.assertEqual(self.lesson("01-a.ipynb"), "my answers")
        self.assertTrue(any("newer version" in line for line in self.log), self.log)
        # The manifest still remembers what the copy came from: a third sync
        # keeps it too, and says so again.
        self.log.clear()
        self.sync()
        self.assertEqual(self.lesson("01-a.ipynb"), "my answers")
        self.assertTrue(any("newer version" in line for line in self.log), self.log)

    def test_copy_without_manifest_entry_is_kept(self):
        write(os.path.join(self.ws, "lessons", "01-a.ipynb"), "made before any manifest")
        self.sync()
        self.assertEqual(self.lesson("01-a.ipynb"), "made before any manifest")

    def test_damaged_manifest_keeps_changed_copies(self):
        self.sync()
        write(os.path.join(self.ws, "lessons", "01-a.ipynb"), "my answers")
        write(os.path.join(self.ws, ".gmmlab", "manifest.json"), "{not json")
        with contextlib.redirect_stderr(io.StringIO()):
            self.sync()
        self.assertEqual(self.lesson("01-a.ipynb"), "my answers")

    def test_deleted_copy_comes_back(self):
        self.sync()
        os.remove(os.path.join(self.ws, "lessons", "02-b.ipynb"))
        self.assertEqual(self.sync()["copied"], 1)
        self.assertEqual(self.lesson("02-b.ipynb"), "lesson 2 v1")

    def test_reset_one_saves_the_learners_copy(self):
        self.sync()
        write(os.path.join(self.ws, "lessons", "01-a.ipynb"), "my answers")
        write(os.path.join(self.ws, "lessons", "02-b.ipynb"), "other answers")
        write(os.path.join(self.ws, "exercises", "01-a.ipynb"), "exercise answers")
        self.assertEqual(self.reset("01"), 1)  # the lesson, not exercise 01
        self.assertEqual(self.lesson("01-a.ipynb"), "lesson 1 v1")
        self.assertEqual(self.lesson("02-b.ipynb"), "other answers")
        self.assertEqual(read(os.path.join(self.ws, "exercises", "01-a.ipynb")), "exercise answers")
        backups = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(self.ws, ".gmmlab", "backup")) for f in fs]
        self.assertEqual([read(b) for b in backups], ["my answers"])
        # After a reset the copy is untouched again: a new original reaches it.
        write(os.path.join(self.nb, "01-a.ipynb"), "lesson 1 v2")
        self.sync()
        self.assertEqual(self.lesson("01-a.ipynb"), "lesson 1 v2")

    def test_reset_names(self):
        self.sync()
        for name in ["01-a.ipynb", "01-a", "1"]:
            self.assertEqual(self.reset(name), 1, name)
        self.assertEqual(self.reset("exercises/01"), 1)
        self.assertEqual(self.reset(), 3)
        with self.assertRaises(SystemExit) as e:
            self.reset("07")
        self.assertIn("no lesson or exercise named '07'", str(e.exception))

    def test_default_workspace_is_outside_the_checkout_and_per_checkout(self):
        a = workspace.default_workspace("/src/gmmlab", home="/home/u", data_home="")
        b = workspace.default_workspace("/other/gmmlab", home="/home/u", data_home="")
        self.assertTrue(a.startswith("/home/u/.local/share/gmmlab/workspaces/gmmlab-"), a)
        self.assertNotEqual(a, b)
        self.assertEqual(a, workspace.default_workspace("/src/gmmlab", home="/home/u", data_home=""))


if __name__ == "__main__":
    unittest.main()
