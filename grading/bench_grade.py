#!/usr/bin/python3
"""make bench-grade: times the grading of a class of synthetic learners.

    bench_grade.py [--learners 30] [--jobs N]

Learner i answers each exercise of each notebook with the master's solution
or leaves the stub, at random (seeded by i) with a share of right answers
that goes from 0 to 1 across the class, so the class has blank, partial and
complete notebooks. It writes them to build/bench-submissions/, grades them
with grade.py into build/bench-grades/, and prints the wall time, the time
per notebook and grade.py's summary line.
"""

import argparse
import glob
import os
import random
import shutil
import subprocess
import sys
import time

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import notebooks  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--learners", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    subs = os.path.join(ROOT, "build", "bench-submissions")
    shutil.rmtree(subs, ignore_errors=True)
    masters = {os.path.basename(p): nbformat.read(p, as_version=4)
               for p in sorted(glob.glob(os.path.join(ROOT, "exercises", "*.ipynb")))}
    for i in range(args.learners):
        rng = random.Random(i)
        share = i / max(1, args.learners - 1)
        d = os.path.join(subs, f"learner{i + 1:02d}")
        os.makedirs(d)
        for name, m in masters.items():
            nb = notebooks.learner_version(m)
            solved = {notebooks.meta(c).get("id"): c.source for c in m.cells if c.cell_type == "code"}
            for cell in nb.cells:
                if notebooks.meta(cell).get("role") == "answer" and rng.random() < share:
                    cell.source = "\n".join(l for l in solved[notebooks.meta(cell)["id"]].split("\n")
                                             if l.strip() not in notebooks.SOLUTION)
            nbformat.write(nb, os.path.join(d, name))

    n = args.learners * len(masters)
    print(f"bench-grade: {args.learners} learners × {len(masters)} notebooks, {args.jobs} at a time", flush=True)
    t0 = time.monotonic()
    cp = subprocess.run([sys.executable, os.path.join(HERE, "grade.py"), "--submissions", subs,
                         "--out", os.path.join(ROOT, "build", "bench-grades"), "--jobs", str(args.jobs)],
                        capture_output=True, text=True)
    secs = time.monotonic() - t0
    if cp.returncode != 0:
        sys.stderr.write(cp.stderr)
        sys.exit(f"bench-grade: grading failed (exit status {cp.returncode})")
    print(cp.stdout.strip())
    print(f"bench-grade: {n} notebooks graded in {secs:.0f} s ({secs / 60:.1f} min), "
          f"{secs / n:.1f} s per notebook, on {os.cpu_count()} cores with {args.jobs} at a time")


if __name__ == "__main__":
    main()
