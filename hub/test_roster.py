#!/usr/bin/env python3
"""Tests of hub/roster.py's checks: every bad line is named, and nothing is
planned for a roster with one. (The hub's browser test creates real accounts.)"""
import collections
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roster  # noqa: E402

Pw = collections.namedtuple("Pw", "pw_name pw_uid")


def fake_getpwnam(table):
    def get(name):
        if name not in table:
            raise KeyError(name)
        return Pw(name, table[name])
    return get


class RosterTest(unittest.TestCase):
    def write(self, text):
        f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_good_roster(self):
        path = self.write('username,password\nada,s3cret\n\ngrace,"with, comma"\n')
        self.assertEqual(roster.parse(path), [(2, "ada", "s3cret"), (4, "grace", "with, comma")])

    def test_each_bad_line_is_named(self):
        path = self.write("username,password\n"
                          "ada,ok\n"
                          "Bob,x\n"             # line 3: upper case
                          "carl\n"              # line 4: one field
                          "dan,\n"              # line 5: empty password
                          "ada,again\n"         # line 6: twice
                          "eve,a,b\n"           # line 7: three fields
                          '"fay","multi\nline"\n')  # line 8
        with self.assertRaises(roster.RosterError) as e:
            roster.parse(path)
        msg = str(e.exception)
        for want in ["line 3: 'Bob' is not a valid user name", "line 4: 1 fields", "line 5: dan has an empty password",
                     "line 6: ada is listed again (first on line 2)", "line 7: 3 fields", "line 8: a field spans"]:
            self.assertIn(want, msg)
        self.assertNotIn("line 2:", msg)

    def test_header_is_required(self):
        with self.assertRaises(roster.RosterError) as e:
            roster.parse(self.write("name,pass\nada,x\n"))
        self.assertIn("line 1: the header must be 'username,password'", str(e.exception))

    def test_plan(self):
        entries = [(2, "ada", "x"), (3, "grace", "y")]
        create, update = roster.plan("r.csv", entries, "learners", ["grace"],
                                     getpwnam=fake_getpwnam({"grace": 1001}), members={"grace"})
        self.assertEqual((create, update), (["ada"], ["grace"]))

    def test_plan_refuses_accounts_it_does_not_manage(self):
        entries = [(2, "root", "x"), (3, "alice", "y"), (4, "ada", "z")]
        with self.assertRaises(roster.RosterError) as e:
            roster.plan("r.csv", entries, "learners", ["ada", "nobody-here"],
                        getpwnam=fake_getpwnam({"root": 0, "alice": 1000}), members=set())
        msg = str(e.exception)
        self.assertIn("r.csv line 2: root is a system account", msg)
        self.assertIn("r.csv line 3: alice is an existing account outside the group learners", msg)
        self.assertIn("HUB_ADMINS: nobody-here is not in the roster", msg)

    def test_check_mode_changes_nothing(self):
        path = self.write("username,password\nhubtest-nobody-ever,x\n")
        self.assertEqual(roster.main([path, "--check", "--group", "hubtest-no-such-group"]), 0)

    def test_main_reports_a_bad_roster(self):
        path = self.write("username,password\nBAD,x\n")
        import contextlib
        import io
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            self.assertEqual(roster.main([path, "--group", "hubtest-no-such-group"]), 1)
        self.assertIn("line 2", err.getvalue())
        self.assertIn("nothing was changed", err.getvalue())


if __name__ == "__main__":
    unittest.main()
