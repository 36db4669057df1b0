#!/usr/bin/python3
"""make grade: grades every learner's submitted exercise notebooks.

    grade.py --submissions DIR [--bundle build/autograder] [--out build/grades]
             [--jobs N] [--cell-timeout S] [--notebook-timeout S]
             [--memory MiB] [--processes N] [--disk MiB]

DIR holds one folder per learner, named by the learner's id, holding any of
the exercise notebooks under their learner file names (01-gmm-lab.ipynb...).
For each learner and each notebook of the answer key, the learner's answer
cells are put into the master notebook (given code, public checks and hidden
tests come from the master, whatever the submission did to them), and that
notebook runs headless with the GoNB kernel in a sandbox of its own
(grading/sandbox.sh) as one of the unprivileged users gmmgrade1..N, several
submissions at a time. bin/gmmgrade report then judges the values the
learner's code produced against the answer key and writes OUT/grades.csv,
OUT/<learner>.html, and one summary line on standard output; progress goes to
standard error.

Limits (defaults in brackets; the environment variables GRADE_CELL_TIMEOUT,
GRADE_NOTEBOOK_TIMEOUT, GRADE_MEMORY, GRADE_PROCESSES, GRADE_DISK and
GRADE_JOBS set them too):
  --cell-timeout      seconds one cell may run before it is interrupted [60]
  --notebook-timeout  seconds one notebook may run in all [600]
  --memory            address space of each process, MiB [4096]
  --processes         processes and threads of the sandbox user [512]
  --disk              the sandbox's writable space, MiB [1024]
  --jobs              notebooks graded at the same time [number of cores]

The executed notebooks and kernel logs of the last run are kept, readable by
root only, in build/grading-work/.
"""

import argparse
import json
import os
import pwd
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import uuid

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import nbexec  # noqa: E402
import notebooks  # noqa: E402

LEARNER_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,63}$")
MAX_NOTEBOOK_BYTES = 20 << 20
RUNS_DIR = "/run/gmmgrade"


def say(msg):
    print(msg, file=sys.stderr, flush=True)


def env_default(name, default):
    v = os.environ.get(name, "")
    return int(v) if v.strip() else default


def read_submission(path):
    """Reads a learner's notebook without following links; returns (nb,
    None), (None, None) if there is none, or (None, reason)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None, None
    if not stat.S_ISREG(st.st_mode):
        return None, "it is not a regular file"
    if st.st_size > MAX_NOTEBOOK_BYTES:
        return None, f"it is larger than {MAX_NOTEBOOK_BYTES >> 20} MiB"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            data = f.read(MAX_NOTEBOOK_BYTES + 1)
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        if not isinstance(nb.get("cells"), list):
            return None, "it has no cells"
        return nb, None
    except Exception as e:  # anything a learner's file can be
        return None, f"{type(e).__name__}: {str(e)[:200]}"


def learners_in(submissions):
    """The learner folders of the submissions directory, by id; folders that
    are links or whose names cannot be ids are reported and left out."""
    out = []
    for name in sorted(os.listdir(submissions)):
        st = os.lstat(os.path.join(submissions, name))
        if not stat.S_ISDIR(st.st_mode):
            if not name.startswith("."):
                say(f"grade: skipping {name!r}: not a folder")
            continue
        if not LEARNER_ID.match(name):
            say(f"grade: skipping folder {name!r}: a learner id is letters, digits and . _ @ + -")
            continue
        out.append(name)
    return out


def sweep(uid):
    """Kills every process of the sandbox user uid (there should be none
    between two runs); returns how many there were."""
    n = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/status") as f:
                uids = next(l for l in f if l.startswith("Uid:")).split()[1:]
            if str(uid) in uids:
                os.kill(int(pid), signal.SIGKILL)
                n += 1
        except (OSError, StopIteration):
            pass
    return n


def kill_kernel(run_dir):
    """Kills the sandbox launcher whose pid the worker wrote, if it still
    runs and is that run's."""
    try:
        with open(os.path.join(run_dir, "kernel.pid")) as f:
            pid = int(f.read().strip())
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            if b"sandbox.sh" not in f.read():
                return
        os.kill(pid, signal.SIGKILL)
    except (OSError, ValueError):
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--submissions", required=True)
    ap.add_argument("--bundle", default=os.path.join(ROOT, "build", "autograder"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "grades"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "grading-work"))
    ap.add_argument("--jobs", type=int, default=env_default("GRADE_JOBS", os.cpu_count() or 1))
    ap.add_argument("--cell-timeout", type=int, default=env_default("GRADE_CELL_TIMEOUT", 60))
    ap.add_argument("--notebook-timeout", type=int, default=env_default("GRADE_NOTEBOOK_TIMEOUT", 600))
    ap.add_argument("--memory", type=int, default=env_default("GRADE_MEMORY", 4096))
    ap.add_argument("--processes", type=int, default=env_default("GRADE_PROCESSES", 512))
    ap.add_argument("--disk", type=int, default=env_default("GRADE_DISK", 1024))
    ap.add_argument("--verbose", action="store_true", help="log every cell")
    args = ap.parse_args()

    if os.geteuid() != 0:
        sys.exit("grade: grading runs learners' code in a sandbox and needs root")
    key_path = os.path.join(args.bundle, "key.json")
    if not os.path.exists(key_path):
        sys.exit(f"grade: no answer key in {args.bundle}: run make assign")
    env_dir = os.path.join(ROOT, "build", "sandbox")
    if not os.path.exists(os.path.join(env_dir, ".ready")):
        sys.exit("grade: the sandbox is not set up: run grading/setup.sh (make grade does)")
    if not os.path.isdir(args.submissions):
        sys.exit(f"grade: {args.submissions} is not a directory")
    with open(key_path) as f:
        key = json.load(f)
    names = [n["notebook"] for n in key["notebooks"]]
    masters = {n: nbformat.read(os.path.join(args.bundle, "masters", n + ".ipynb"), as_version=4) for n in names}
    slots = []
    for i in range(1, args.jobs + 1):
        try:
            slots.append(pwd.getpwnam(f"gmmgrade{i}"))
        except KeyError:
            break
    if not slots:
        sys.exit("grade: no gmmgrade users: run grading/setup.sh")
    gomodcache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True,
                                check=True).stdout.strip()

    shutil.rmtree(args.work, ignore_errors=True)
    for d in ("notebooks", "runs", "logs"):
        os.makedirs(os.path.join(args.work, d))
    os.chmod(args.work, 0o700)
    os.makedirs(RUNS_DIR, exist_ok=True)

    learners = learners_in(args.submissions)
    say(f"grade: {len(learners)} learners × {len(names)} notebooks, {len(slots)} at a time")
    runs, jobs = [], []
    for learner in learners:
        for name in names:
            label = f"{learner}/{name}"
            out = os.path.join(args.work, "runs", f"{learner}--{name}.json")
            runs.append(out)
            sub, why = read_submission(os.path.join(args.submissions, learner, name + ".ipynb"))
            if sub is None:
                status = "missing" if why is None else "unreadable"
                with open(out, "w") as f:
                    json.dump({"learner": learner, "notebook": name, "status": status,
                               "message": why or "", "seconds": 0, "cells": []}, f)
                continue
            graded = notebooks.graded_version(masters[name], sub)
            path = os.path.join(args.work, "notebooks", f"{learner}--{name}.ipynb")
            nbformat.write(graded, path)
            jobs.append({"notebook": path, "name": name, "learner": learner, "label": label,
                         "mode": "sandbox", "out": out, "verbose": args.verbose,
                         "executed": path[:-len(".ipynb")] + ".executed.ipynb",
                         "log": os.path.join(args.work, "logs", f"{learner}--{name}.log"),
                         "cell_timeout": args.cell_timeout, "notebook_timeout": args.notebook_timeout})

    sandbox = {"GMMGRADE_ENV": env_dir, "GMMGRADE_GOMODCACHE": gomodcache,
               "GMMGRADE_MEM": args.memory, "GMMGRADE_NPROC": args.processes,
               "GMMGRADE_CPU": 2 * args.notebook_timeout, "GMMGRADE_DISK": args.disk,
               "GMMGRADE_GOFLAGS": "-ldflags=-w"}
    done = [0]
    start_all = time.monotonic()

    def start(job, slot):
        user = slots[slot - 1]
        run_dir = os.path.join(RUNS_DIR, f"{slot}-{uuid.uuid4().hex[:12]}")
        os.makedirs(os.path.join(run_dir, "ipc"))
        os.chown(os.path.join(run_dir, "ipc"), user.pw_uid, user.pw_gid)
        os.chmod(os.path.join(run_dir, "ipc"), 0o700)
        job = dict(job, run_dir=run_dir, pid_file=os.path.join(run_dir, "kernel.pid"),
                   sandbox=dict(sandbox, GMMGRADE_USER=user.pw_name))
        job_file = os.path.join(run_dir, "job.json")
        with open(job_file, "w") as f:
            json.dump(job, f)
        t0 = time.monotonic()
        try:
            with open(job["log"], "wb") as log:
                p = subprocess.Popen([sys.executable, os.path.join(HERE, "nbexec.py"), job_file],
                                     stdout=log, stderr=log, start_new_session=True)
                try:
                    p.wait(timeout=args.notebook_timeout + 180)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
        finally:
            kill_kernel(run_dir)
            left = sweep(user.pw_uid)
            shutil.rmtree(run_dir, ignore_errors=True)
        if not os.path.exists(job["out"]):
            with open(job["out"], "w") as f:
                json.dump({"learner": job["learner"], "notebook": job["name"], "status": "dead",
                           "message": "the grader's worker failed (see its log)", "seconds": 0,
                           "cell_timeout": args.cell_timeout, "notebook_timeout": args.notebook_timeout,
                           "cells": []}, f)
        done[0] += 1
        with open(job["out"]) as f:
            status = json.load(f)["status"]
        extra = f", {left} stray processes killed" if left else ""
        say(f"grade: [{done[0]}/{len(jobs)}] {job['label']}: {status} in {time.monotonic() - t0:.1f} s{extra}")

    nbexec.run_jobs(jobs, len(slots), start)
    say(f"grade: {len(jobs)} notebooks run in {time.monotonic() - start_all:.1f} s")
    cp = subprocess.run([os.path.join(ROOT, "bin", "gmmgrade"), "report", "-key", key_path,
                         "-out", args.out] + runs)
    sys.exit(cp.returncode)


if __name__ == "__main__":
    main()
