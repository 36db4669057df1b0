#!/usr/bin/python3
"""make assign: the learner versions of the exercise notebooks and the
grading bundle.

    assign.py [--masters exercises] [--learner build/learner]
              [--bundle build/autograder] [--jobs N] [--no-run]

For every master notebook exercises/NN-name.ipynb (see notebooks.py for the
conventions) it

  1. checks the master's markers and metadata;
  2. writes the learner version to build/learner/NN-name.ipynb: solutions
     replaced by a stub that reports "not done yet", hidden tests removed,
     outputs cleared, given and check cells locked; and proves that no line
     of a solution or a hidden test is left in it;
  3. runs the master with the GoNB kernel in record mode and, with
     bin/gmmgrade key, turns what its checks recorded into the answer key
     (hidden checks take their expected values from exercises/reference.json,
     computed with scikit-learn); it stops if a master fails one of its own
     checks or disagrees with the reference;
  4. writes the grading bundle, readable by root only: build/autograder/
     masters/ (the masters, hidden tests included), key.json, and the
     masters' runs.

--no-run skips steps 3 and 4 (the learner versions only).
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import nbexec  # noqa: E402
import notebooks  # noqa: E402

CELL_TIMEOUT = 300
NOTEBOOK_TIMEOUT = 1200


def say(msg):
    print(msg, file=sys.stderr, flush=True)


def leaks(learner_nb, secret_lines):
    """The secret lines still present in a learner notebook, and markers."""
    found = []
    for cell in learner_nb.cells:
        for line in cell.source.split("\n"):
            s = line.strip()
            if s in secret_lines or any(m in s for m in notebooks.MARKERS) or "check.Hidden" in s:
                found.append(s)
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--masters", default=os.path.join(ROOT, "exercises"))
    ap.add_argument("--learner", default=os.path.join(ROOT, "build", "learner"))
    ap.add_argument("--bundle", default=os.path.join(ROOT, "build", "autograder"))
    ap.add_argument("--reference", default=None, help="default: MASTERS/reference.json")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--no-run", action="store_true")
    args = ap.parse_args()

    paths = sorted(glob.glob(os.path.join(args.masters, "*.ipynb")))
    if not paths:
        sys.exit(f"assign: no notebooks in {args.masters}")
    masters, problems = {}, []
    for p in paths:
        name = os.path.basename(p)[:-len(".ipynb")]
        nb = nbformat.read(p, as_version=4)
        problems += [f"{name}: {x}" for x in notebooks.validate(nb)]
        masters[name] = nb
    if problems:
        sys.exit("assign: the master notebooks are not ready:\n  " + "\n  ".join(problems))

    os.makedirs(args.learner, exist_ok=True)
    for name, nb in masters.items():
        learner = notebooks.learner_version(nb)
        found = leaks(learner, notebooks.secrets(nb))
        if found:
            sys.exit(f"assign: {name}: the learner version would show: {found[:3]}")
        nbformat.write(learner, os.path.join(args.learner, name + ".ipynb"))
    say(f"assign: {len(masters)} learner notebooks in {os.path.relpath(args.learner)}")
    if args.no_run:
        return

    tmp = args.bundle + ".new"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, "masters"))
    os.makedirs(os.path.join(tmp, "runs"))
    os.chmod(tmp, 0o700)
    jobs = []
    for name, nb in masters.items():
        path = os.path.join(tmp, "masters", name + ".ipynb")
        nbformat.write(notebooks.clean(nb), path)
        job = {"notebook": path, "name": name, "learner": "master", "label": name, "mode": "trusted",
               "cell_timeout": CELL_TIMEOUT, "notebook_timeout": NOTEBOOK_TIMEOUT,
               "out": os.path.join(tmp, "runs", name + ".json"),
               "executed": os.path.join(tmp, "runs", name + ".executed.ipynb"),
               "job_file": os.path.join(tmp, "runs", name + ".job.json")}
        with open(job["job_file"], "w") as f:
            json.dump(job, f)
        jobs.append(job)

    def start(job, slot):
        say(f"assign: running master {job['name']}")
        log = job["out"][:-len(".json")] + ".log"
        with open(log, "wb") as f:
            cp = subprocess.run([sys.executable, os.path.join(HERE, "nbexec.py"), job["job_file"]],
                                stdout=f, stderr=f)
        if cp.returncode != 0 or not os.path.exists(job["out"]):
            return f"{job['name']}: the run failed (exit status {cp.returncode}); see {log}"
        with open(job["out"]) as f:
            run = json.load(f)
        say(f"assign: master {job['name']}: {run['status']} in {run['seconds']} s")
        return None

    errs = [e for e in nbexec.run_jobs(jobs, args.jobs, start) if e]
    if errs:
        sys.exit("assign: " + "\n".join(errs))
    reference = args.reference or os.path.join(args.masters, "reference.json")
    gmmgrade = os.path.join(ROOT, "bin", "gmmgrade")
    cp = subprocess.run([gmmgrade, "key", "-reference", reference, "-o", os.path.join(tmp, "key.json")]
                        + [j["out"] for j in jobs])
    if cp.returncode != 0:
        sys.exit(f"assign: no answer key (the runs are in {tmp}/runs)")
    shutil.rmtree(args.bundle, ignore_errors=True)
    os.replace(tmp, args.bundle)
    say(f"assign: answer key and bundle in {os.path.relpath(args.bundle)} (readable by root only)")


if __name__ == "__main__":
    main()
