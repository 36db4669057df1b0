"""Runs an exercise notebook cell by cell with the GoNB kernel and keeps what
grading needs: each code cell's status and error text, and the check records
it printed (see package check, record mode).

Used by assign.py (the master notebooks, with the ordinary kernel) and by
grade.py (learners' notebooks, each in its own sandboxed kernel).

A cell that runs longer than the cell timeout is interrupted and the next cell
runs; when the notebook's own time runs out, the cells left are not run. The
output a cell may produce is capped, so a program that prints without end
cannot exhaust the grader's memory.
"""

import json
import os
import re
import tempfile
import time

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

RECORD_PREFIX = "##gmmcheck## "
OUTPUT_CAP = 2 << 20  # bytes of output kept per cell
ERROR_TEXT = 4000  # characters of error text kept per cell
TIMEOUT_ENAME = "GradingCellTimeout"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
GOROUTINE = re.compile(r"^goroutine \d+ .*\[")


def role(cell):
    """The gmmlab metadata of a cell: {"id", "role", ...} or {}."""
    return cell.get("metadata", {}).get("gmmlab", {}) or {}


class CappedClient(NotebookClient):
    """A NotebookClient that keeps at most OUTPUT_CAP bytes of output per cell
    and notes the execute reply of every cell."""

    def __init__(self, nb, **kw):
        super().__init__(nb, **kw)
        self.sizes = {}
        self.replies = {}
        self.on_cell_executed = self._note_reply

    def _note_reply(self, cell, cell_index, execute_reply):
        self.replies[cell_index] = execute_reply

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(json.dumps(content, default=str))
        used = self.sizes.get(cell_index, 0)
        if used + size > OUTPUT_CAP:
            if used <= OUTPUT_CAP:
                self.sizes[cell_index] = OUTPUT_CAP + 1
                outs.append(nbformat.v4.new_output(
                    "stream", name="stderr",
                    text=f"\n[grading: output beyond {OUTPUT_CAP >> 20} MiB dropped]\n"))
            return None
        self.sizes[cell_index] = used + size
        return super().output(outs, msg, display_id, cell_index)


def stream_text(cell, name):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == name)


def error_text(cell):
    """The text of a failed cell: its error outputs and what it wrote on
    stderr, colours removed, shortened."""
    parts = [stream_text(cell, "stderr")]
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            parts.append("\n".join([o.get("evalue", "")] + list(o.get("traceback", []))))
    lines, seen, stacks = [], set(), False
    for line in ANSI.sub("", "\n".join(parts)).splitlines():
        if GOROUTINE.match(line):
            # A crash's goroutine stacks say little to a learner: keep its
            # message and the exit status.
            if not stacks:
                lines.append("[goroutine stacks left out]")
            stacks = True
            continue
        if stacks and not line.startswith("exit status"):
            continue
        if line.strip() and line not in seen:  # GoNB repeats the exit status
            seen.add(line)
            lines.append(line)
    text = "\n".join(lines)
    if len(text) > ERROR_TEXT:
        text = text[:ERROR_TEXT] + "\n[...]"
    return text


def records(cell):
    """The check records a cell printed, without the prefix."""
    out = []
    for line in stream_text(cell, "stdout").splitlines():
        if line.startswith(RECORD_PREFIX):
            out.append(line[len(RECORD_PREFIX):])
    return out


def strip_records(cell):
    """Removes the record lines from a cell's stdout, for showing it."""
    outs = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream" and o.get("name") == "stdout":
            o["text"] = "".join(l for l in o["text"].splitlines(True) if not l.startswith(RECORD_PREFIX))
            if not o["text"]:
                continue
        outs.append(o)
    cell["outputs"] = outs


def execute(nb, km, *, env, cell_timeout, notebook_timeout, cwd=None, log=None, sandbox_uid=None):
    """Executes nb (modified in place) with the kernel manager km and returns
    the run: {"status", "message", "seconds", "cell_timeout",
    "notebook_timeout", "cells": [...]}, one entry per code cell, as
    grading/gmmgrade reads it. With sandbox_uid, the processes that user
    left running are killed after every cell (the kernel excepted)."""
    start = time.monotonic()
    run = {"status": "ok", "message": "", "cell_timeout": cell_timeout,
           "notebook_timeout": notebook_timeout, "cells": []}
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        r = role(cell)
        c = {"id": r.get("id", ""), "role": r.get("role", ""), "status": "notrun"}
        if r.get("role") == "check":
            c["exercise"] = int(r.get("exercise", 0))
            c["points"] = float(r.get("points", 1))
        cells.append((i, cell, c))
        run["cells"].append(c)

    client = CappedClient(nb, km=km, timeout=cell_timeout, interrupt_on_timeout=True,
                          error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "cell timed out", "traceback": []},
                          allow_errors=True, startup_timeout=120, iopub_timeout=10,
                          shutdown_kernel="immediate", record_timing=False)
    kw = {"env": env}
    if cwd:
        kw["cwd"] = cwd
    try:
        sweep = None
        if sandbox_uid is not None:
            kernel = []

            def sweep():
                if not kernel:
                    kernel.append(sandbox_kernel(sandbox_uid, km.provisioner.process.pid))
                return kill_strays(sandbox_uid, kernel[0]) if kernel[0] else 0
        run_cells(client, cells, run, start, kw, cell_timeout, notebook_timeout, log, sweep)
    except Exception as e:  # the kernel did not start, or the connection broke
        run["status"] = "dead"
        run["message"] = f"the kernel failed: {type(e).__name__}: {e}"
    finally:
        try:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        except Exception:  # the kernel may be gone already
            pass
        try:
            client.kc and client.kc.stop_channels()
        except Exception:
            pass
    run["seconds"] = round(time.monotonic() - start, 1)
    return run


def proc_info(pid):
    """(real uid, parent pid) of a process, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            uid = ppid = None
            for line in f:
                if line.startswith("Uid:"):
                    uid = int(line.split()[1])
                elif line.startswith("PPid:"):
                    ppid = int(line.split()[1])
            return uid, ppid
    except (OSError, ValueError):
        return None


def pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def sandbox_kernel(uid, launcher):
    """The pid of the sandboxed kernel: the process of user uid whose parent
    is the first process of the launcher's namespace. Call it before any
    cell runs, when the kernel is the only such process."""
    procs = {p: proc_info(p) for p in pids()}
    for p, info in procs.items():
        if info and info[0] == uid:
            parent = procs.get(info[1])
            if parent and parent[1] == launcher:
                return p
    return None


def kill_strays(uid, kernel):
    """Kills every process of the sandbox user uid but the kernel: between
    two cells nothing else of the learner's may run. Returns how many it
    killed."""
    killed = 0
    for p in pids():
        info = proc_info(p)
        if p == kernel or not info or info[0] != uid:
            continue
        try:
            os.kill(p, 9)
            killed += 1
        except OSError:
            pass
    return killed


def run_cells(client, cells, run, start, kw, cell_timeout, notebook_timeout, log, sweep=None):
    """Executes the code cells in order, filling in their entries of run;
    sweep(), if given, runs after every cell."""
    with client.setup_kernel(**kw):
        if sweep:
            sweep()  # finds the kernel while it is alone
        for i, cell, c in cells:
            left = notebook_timeout - (time.monotonic() - start)
            if left <= 0:
                run["status"] = "timeout"
                run["message"] = f"the notebook did not finish within {notebook_timeout:g} s"
                break
            client.timeout = max(1, int(min(cell_timeout, left)))
            try:
                client.execute_cell(cell, i)
            except DeadKernelError as e:
                c["status"] = "error"
                c["error"] = error_text(cell) or "the kernel died"
                run["status"] = "dead"
                run["message"] = f"the kernel died while running cell {i + 1} ({e})"
                break
            reply = client.replies.get(i) or {}
            content = reply.get("content", {})
            if content.get("ename") == TIMEOUT_ENAME:
                c["status"] = "timeout"
                if client.timeout < cell_timeout:
                    run["status"] = "timeout"
                    run["message"] = f"the notebook did not finish within {notebook_timeout:g} s"
            elif content.get("status") == "error" or any(
                    o.get("output_type") == "error" for o in cell.get("outputs", [])):
                c["status"] = "error"
            else:
                c["status"] = "ok"
            if c["status"] != "ok":
                c["error"] = error_text(cell)
            if c["role"] == "check":
                c["records"] = records(cell)
            if sweep:
                n = sweep()
                if n and log:
                    log(f"cell {i + 1}: killed {n} processes it left running")
            if log:
                log(f"cell {i + 1} {c['id'] or '(learner)'}: {c['status']}")
            if run["status"] == "timeout":
                break


def kernelspec_dir(argv, name, env=None):
    """Writes a kernelspec named name into a new temporary directory and
    returns (directory, KernelSpecManager)."""
    d = tempfile.mkdtemp(prefix="gmmgrade-kernel-")
    os.makedirs(os.path.join(d, "kernels", name))
    spec = {"argv": argv, "display_name": name, "language": "go", "interrupt_mode": "message"}
    if env:
        spec["env"] = env
    with open(os.path.join(d, "kernels", name, "kernel.json"), "w") as f:
        json.dump(spec, f)
    return d, KernelSpecManager(kernel_dirs=[os.path.join(d, "kernels")])


def trusted_kernel_manager():
    """A kernel manager for the registered gonb kernel with -raw_error=true
    (compile errors as text), for trusted notebooks: the masters."""
    try:
        spec = KernelSpecManager().get_kernel_spec("gonb")
    except NoSuchKernel:
        raise SystemExit("no gonb kernel registered: run make setup")
    argv = [a for a in spec.argv if not a.startswith("-raw_error")] + ["-raw_error=true"]
    d, ksm = kernelspec_dir(argv, "gmmlab-trusted", spec.env)
    return d, KernelManager(kernel_name="gmmlab-trusted", kernel_spec_manager=ksm)


def sandbox_kernel_manager(job):
    """A kernel manager that starts the kernel through grading/sandbox.sh,
    talking to it over Unix sockets in the run's directory."""
    here = os.path.dirname(os.path.abspath(__file__))
    d, ksm = kernelspec_dir(["/bin/bash", os.path.join(here, "sandbox.sh"), "{connection_file}"], "gmmgrade")
    ipc = os.path.join(job["run_dir"], "ipc")
    km = KernelManager(kernel_name="gmmgrade", kernel_spec_manager=ksm, transport="ipc",
                       ip=os.path.join(ipc, "kernel"))
    return d, km


def run_jobs(jobs, workers, start):
    """Runs start(job, slot) for every job, at most `workers` at a time, each
    with a slot number 1..workers that no other running job has; returns
    the results in the jobs' order."""
    import queue
    from concurrent.futures import ThreadPoolExecutor
    slots = queue.Queue()
    for s in range(1, workers + 1):
        slots.put(s)

    def one(job):
        slot = slots.get()
        try:
            return start(job, slot)
        finally:
            slots.put(slot)

    with ThreadPoolExecutor(max_workers=workers) as ex:
        return list(ex.map(one, jobs))


def main(job_path):
    """Worker: runs the notebook a job file names and writes the run."""
    import shutil
    import sys
    with open(job_path) as f:
        job = json.load(f)
    nb = nbformat.read(job["notebook"], as_version=4)
    env = dict(os.environ)
    env["GMMLAB_CHECK_RECORD"] = "1"
    if job["mode"] == "sandbox":
        d, km = sandbox_kernel_manager(job)
        env.update({k: str(v) for k, v in job["sandbox"].items()})
        env["GMMGRADE_RUN"] = job["run_dir"]
        cwd = job["run_dir"]
    else:
        d, km = trusted_kernel_manager()
        cwd = job.get("cwd") or tempfile.mkdtemp(prefix="gmmlab-master-")

    def log(msg):
        print(f"  {job['label']}: {msg}", file=sys.stderr, flush=True)

    pidfile = job.get("pid_file")
    if pidfile:
        # The grader kills the kernel by this pid if this worker dies.
        orig = km.start_kernel

        def start_and_note(**kw):
            orig(**kw)
            with open(pidfile, "w") as f:
                f.write(str(km.provisioner.process.pid))
        km.start_kernel = start_and_note
    try:
        uid = None
        if job["mode"] == "sandbox":
            import pwd
            uid = pwd.getpwnam(job["sandbox"]["GMMGRADE_USER"]).pw_uid
        run = execute(nb, km, env=env, cell_timeout=job["cell_timeout"],
                      notebook_timeout=job["notebook_timeout"], cwd=cwd,
                      log=log if job.get("verbose") else None, sandbox_uid=uid)
    except Exception as e:  # the kernel did not start, or the client failed
        run = {"status": "dead", "message": f"{type(e).__name__}: {e}", "seconds": 0,
               "cell_timeout": job["cell_timeout"], "notebook_timeout": job["notebook_timeout"],
               "cells": []}
    finally:
        shutil.rmtree(d, ignore_errors=True)
    run["learner"], run["notebook"] = job["learner"], job["name"]
    if job.get("executed"):
        for cell in nb.cells:
            if cell.cell_type == "code":
                strip_records(cell)
        nbformat.write(nb, job["executed"])
    tmp = job["out"] + ".tmp"
    with open(tmp, "w") as f:
        json.dump(run, f, indent=1)
    os.replace(tmp, job["out"])


if __name__ == "__main__":
    import sys
    main(sys.argv[1])
