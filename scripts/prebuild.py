#!/usr/bin/python3
"""Run every lesson once through the GoNB kernel, so that gonbgo's program store
holds the program of each of their cells.

Usage (docker/prebuild-lessons.sh runs it; `make setup` runs that):

    prebuild.py [--timeout SECONDS] [--stamp FILE --inputs-hash HASH] NOTEBOOK_OR_DIR...

A cell is a program GoNB compiles and links (0.15 to 0.3 s on the 2-core
development machine); gonbgo keeps each program it links in its store,
keyed on everything the program is built from, and gives it to any later
kernel that runs the same cell after the same declarations (README "Faster
cells"). Run once here, the lessons as shipped then answer a learner's
Shift+Enter in a few tens of milliseconds; a cell the learner edits is
compiled and linked as before.

Cells run as nbrun.py runs them (nbclient, the registered `gonb` kernel);
nothing is compared. A cell that fails makes the exit status 1: a lesson
that does not run is a broken lesson (make test's nbrun.py says why). With
--stamp, the file is written with --inputs-hash once every lesson ran.
"""

import argparse
import os
import sys
import time

import nbformat
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbrun import lesson_client, notebooks_in  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="notebooks, or directories of notebooks")
    ap.add_argument("--timeout", type=int, default=900, help="seconds a cell may take")
    ap.add_argument("--stamp", help="file to write --inputs-hash to when every lesson ran")
    ap.add_argument("--inputs-hash", default="", help="what --stamp records")
    args = ap.parse_args()
    failed = 0
    start = time.monotonic()
    paths = notebooks_in(args.paths)
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        t0 = time.monotonic()
        client = lesson_client(nb, path, args.timeout)
        try:
            with open(os.devnull, "w") as devnull:
                client.execute(stdout=devnull, stderr=devnull)
            status = "ok"
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
            status = f"FAILED: {type(e).__name__}: {str(e).strip().splitlines()[-1][:200]}"
            failed += 1
        cells = sum(1 for c in nb.cells if c.cell_type == "code")
        print(f"prebuild: {os.path.basename(path)}: {cells} code cells in {time.monotonic() - t0:.1f} s: {status}",
              flush=True)
    print(f"prebuild: {len(paths) - failed} of {len(paths)} lessons ran in {time.monotonic() - start:.0f} s")
    if failed:
        sys.exit(1)
    if args.stamp:
        with open(args.stamp, "w") as f:
            f.write(args.inputs_hash + "\n")


if __name__ == "__main__":
    main()
