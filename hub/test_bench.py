#!/usr/bin/env python3
"""Tests of hub/bench.py's pieces that need no hub: the README row it prints,
how it sorts a lesson's cells, the names of a run's accounts, and its
refusal of a port that is not a multiple of 100."""
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402


def readme_header():
    """The header line of README.md's table of bench-hub figures."""
    with open(os.path.join(HERE, "..", "README.md")) as f:
        for line in f:
            if line.startswith("| learners |"):
                return line.rstrip("\n")
    return None


class BenchTest(unittest.TestCase):
    report = {
        "learners": 10, "load_before": [1.234, 1.0, 0.5], "load_after": [7.96, 5.0, 2.0],
        "cell_latency_s": {"p50": 1.5, "p95": 3.25, "max": 4.0, "n": 90},
        "print_cell_p50_s": 0.61, "cells_failed": 0, "cells_total": 90,
        "server_ready_s": {"p50": 12.34, "max": 20.0}, "first_output_s": {"p50": 25.0, "max": 30.0},
        "memory_per_learner_mib": {"mean": 310, "max": 330},
        "cpu_per_learner_s": 6.3, "cpu_per_cell_s": 0.7,
    }

    def test_row_fits_the_readme_table(self):
        row = bench.markdown_row(self.report)
        self.assertEqual(row, "| 10 | 1.2 / 8.0 | 1.50 s | 3.25 s | 4.00 s | 0.61 s | 0 of 90 | 12.3 s | 25.0 s "
                              "| 310 MiB | 6.3 s (0.70 s a cell) |")
        header = readme_header()
        self.assertEqual(header, bench.TABLE_HEADER)
        self.assertEqual(row.count("|"), header.count("|"))

    def test_row_without_cpu_figures(self):
        r = dict(self.report, cpu_per_learner_s=None, cpu_per_cell_s=None)
        self.assertTrue(bench.markdown_row(r).endswith("| 310 MiB | - |"))

    def test_cell_kinds(self):
        self.assertEqual(bench.cell_kind('%%\nfmt.Println("shape:", 3)'), "print")
        self.assertEqual(bench.cell_kind("%%\np := plotting.Clusters{}\nnb.Check(plotting.Show(p))\nfmt.Println()"), "plot")
        self.assertEqual(bench.cell_kind('import (\n\t"fmt"\n)'), "other")

    def test_names_follow_the_port(self):
        self.assertEqual(bench.names_for(23400), ("hubtest-23400-bench-", "hubtest-23400"))
        self.assertNotEqual(bench.names_for(23400), bench.names_for(23500))
        prefix, _ = bench.names_for(65400)
        self.assertLessEqual(len(prefix + "90"), 32)  # useradd's limit

    def test_port_must_be_a_multiple_of_100(self):
        if os.geteuid() != 0:
            self.skipTest("bench.py checks root first")
        env = dict(os.environ, HUB_TEST_PORT="23450")
        cp = subprocess.run([sys.executable, os.path.join(HERE, "bench.py")], env=env, capture_output=True, text=True,
                            timeout=60)
        self.assertNotEqual(cp.returncode, 0)
        self.assertIn("multiple of 100", cp.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
