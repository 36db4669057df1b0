#!/usr/bin/python3
"""Run gmmlab's notebooks headless with the GoNB kernel and check what they show.

Usage (make test runs the first form; `make clean-notebooks` the last):

    nbrun.py [--expect FILE] [--timeout SECONDS] [--log-dir DIR] NOTEBOOK_OR_DIR...
    nbrun.py --clean NOTEBOOK_OR_DIR...

A directory stands for every *.ipynb directly inside it. Each notebook is
executed cell by cell through nbclient with the `gonb` kernel registered by
docker/register-kernel.sh (run with GoNB's -raw_error flag, so a compile
error comes back as plain text rather than an HTML report) and FAILS when:

  * it is not a valid notebook, its kernelspec is not gonb, or its first code
    cell is not `%noautoget` (GoNB's automatic `go get` needs the network),
    or a cell asks for input with %with_inputs or %with_password (a headless
    run would wait for it until the cell times out);
  * it was committed with outputs or execution counts (`make clean-notebooks`
    strips them);
  * a cell ends in an error (GoNB reports a compile error or a non-zero exit
    as an error output named "ERROR"), times out, or kills the kernel;
  * any output holds panic or compiler text: lines starting "panic:",
    "fatal error:", "goroutine N [", "--- FAIL", "ERROR", a Go compiler
    position such as "./main.go:5:2: ", or GoNB's HTML error report;
  * it shows fewer figures than expected, or an expected line is missing.

Expectations live in expect.json (by default next to the first directory
given), one entry per notebook file name; a notebook with no entry fails, and
so does an entry naming a notebook that does not exist:

    {
      "02-quick-start.ipynb": {"min_figures": 3, "lines": ["[1 1 1 1 1]"]},
      "05-covariance-types.ipynb": {"min_figures": 1}
    }

  min_figures  how many figures the notebook must at least display (default 0).
               A figure is one display_data or execute_result output holding
               image/png or image/svg+xml, or HTML with an <img> or <svg> in it:
               what gonbui.DisplayPNG, DisplaySVG, DisplayImage and
               DisplayHTML("<img ...>") produce. Call gonbui.Sync() at the end
               of a cell that displays, or the last figure may be lost.
  lines        lines the notebook must print (stdout, or the text of a cell
               result), each compared with a whole output line, surrounding
               blanks ignored.

Per notebook, one line `PASS|FAIL name seconds figures` and the reasons for a
failure; at the end exactly `N passed, M failed`. The exit status is 1 when
anything failed. The kernel's own log goes to --log-dir (default build/nbrun).
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time

import nbclient
import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "gonb"
KERNELSPEC = {"name": KERNEL, "display_name": "Go (gonb)", "language": "go"}
EXPECT_KEYS = {"min_figures": int, "lines": list}

# Text that must never appear in a cell's output. GoNB prints a runtime panic
# as Go does ("panic: ...", then "goroutine 1 [running]:"), reports a failed
# compile or exit as an error output named ERROR, and without -raw_error as an
# HTML report styled with gonb-err-* classes.
BAD_TEXT = [
    (re.compile(r"^panic: ", re.M), "panic"),
    (re.compile(r"^fatal error: ", re.M), "Go runtime fatal error"),
    (re.compile(r"^goroutine \d+ \[", re.M), "goroutine stack trace"),
    (re.compile(r"^--- FAIL", re.M), "failed Go test"),
    (re.compile(r"^ERROR\b", re.M), "ERROR"),
    (re.compile(r"\.go:\d+:\d+: ", re.M), "Go compiler error"),
    (re.compile(r"gonb-err-"), "GoNB error report"),
]
READS_INPUT = re.compile(r"^\s*%(with_inputs|with_password)\b", re.M)
FIGURE_MIME = ("image/png", "image/svg+xml")
FIGURE_HTML = re.compile(r"<(img|svg)\b", re.I)


def notebooks_in(paths):
    found = []
    for p in paths:
        if os.path.isdir(p):
            found += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".ipynb"))
        elif os.path.isfile(p):
            found.append(p)
        else:
            sys.exit(f"nbrun: {p}: no such notebook or directory")
    return found


def load_expect(path):
    """Returns {name: expectation} and a list of problems with the file."""
    if not os.path.exists(path):
        return {}, [f"{path} does not exist; create it with {{}} and one entry per notebook"]
    try:
        with open(path) as f:
            data = json.load(f)
    except ValueError as e:
        return {}, [f"{path} is not valid JSON: {e}"]
    if not isinstance(data, dict):
        return {}, [f"{path} must hold a JSON object keyed by notebook file name"]
    problems = []
    for name, exp in data.items():
        if not isinstance(exp, dict):
            problems.append(f"{path}: {name}: expected an object like {{\"min_figures\": 1, \"lines\": []}}")
            continue
        for key, value in exp.items():
            want = EXPECT_KEYS.get(key)
            if want is None:
                problems.append(f"{path}: {name}: unknown key {key!r} (known: {', '.join(EXPECT_KEYS)})")
            elif not isinstance(value, want) or isinstance(value, bool):
                problems.append(f"{path}: {name}: {key} must be a JSON {want.__name__}")
        if not all(isinstance(l, str) for l in exp.get("lines", [])):
            problems.append(f"{path}: {name}: lines must be strings")
    return data, problems


def static_problems(nb):
    """Problems visible without running the notebook."""
    problems = []
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as e:
        problems.append(f"not a valid notebook: {e.message}")
    name = nb.metadata.get("kernelspec", {}).get("name")
    if name != KERNEL:
        problems.append(f"kernelspec is {name!r}, not {KERNEL!r}: choose Kernel > Go (gonb) "
                        "in Jupyter, or run make clean-notebooks")
    code = [c for c in nb.cells if c.cell_type == "code"]
    if code and code[0].source.strip() != "%noautoget":
        problems.append("the first code cell must be exactly %noautoget")
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type == "code" and READS_INPUT.search(cell.source):
            problems.append(f"cell {i} reads input (%with_inputs / %with_password): "
                            "it would hang make test and make html, which have no one to type")
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"cell {i} was committed with outputs or an execution count: "
                            "run make clean-notebooks before committing")
            break
    return problems


def output_text(out):
    """The text a display_data or execute_result output carries."""
    data = out.get("data", {})
    return "\n".join(str(data[k]) for k in ("text/plain", "text/html", "text/markdown") if k in data)


def is_figure(out):
    if out.output_type not in ("display_data", "execute_result"):
        return False
    data = out.get("data", {})
    return any(m in data for m in FIGURE_MIME) or bool(FIGURE_HTML.search(str(data.get("text/html", ""))))


def check_outputs(nb, exp):
    """Returns (problems, figure count) for an executed notebook. Cells are
    numbered from 1, markdown cells included, as they appear in Jupyter."""
    problems, printed, figures = [], set(), 0
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            continue
        where = f"cell {i} ({first_lines(cell.source, 1)})"
        # A program's output arrives in chunks; join each stream as Jupyter shows it.
        streams = {}
        texts = []
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                streams[out.name] = streams.get(out.name, "") + out.text
            elif out.output_type == "error":
                problems.append(f"{where}: {out.ename}: {first_lines(chr(10).join([out.evalue] + out.traceback))}")
            else:
                texts.append(output_text(out))
                figures += is_figure(out)
                if out.output_type == "execute_result":
                    printed.update(l.strip() for l in texts[-1].splitlines())
        printed.update(l.strip() for l in streams.get("stdout", "").splitlines())
        for text in list(streams.values()) + texts:
            for pattern, what in BAD_TEXT:
                m = pattern.search(text)
                if m:
                    problems.append(f"{where}: {what} in output: {first_lines(text[m.start():])}")
                    break
    want = exp.get("min_figures", 0)
    if figures < want:
        problems.append(f"{figures} figures shown, expected at least {want} "
                        "(display them with gonbui / the plotting package, then gonbui.Sync())")
    for line in exp.get("lines", []):
        if line.strip() not in printed:
            problems.append(f"expected line not printed: {line!r}")
    return problems, figures


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def first_lines(text, n=6):
    """The first n non-blank lines of text on one line, terminal colours removed."""
    lines = [l for l in ANSI.sub("", text).strip().splitlines() if l.strip()]
    more = " ..." if len(lines) > n else ""
    return " | ".join(lines[:n]) + more


def raw_error_kernel(tmp):
    """Copies the registered gonb kernelspec with -raw_error=true into tmp and
    puts tmp first on JUPYTER_PATH, so compile errors come back as text."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        sys.exit("nbrun: no gonb kernel registered: run docker/register-kernel.sh (make setup)")
    d = spec.to_dict()
    d["argv"] = [a for a in d["argv"] if not a.startswith("-raw_error")] + ["-raw_error=true"]
    kdir = os.path.join(tmp, "kernels", KERNEL)
    os.makedirs(kdir)
    with open(os.path.join(kdir, "kernel.json"), "w") as f:
        json.dump(d, f)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in [tmp, os.environ.get("JUPYTER_PATH")] if p)


def run(path, exp, timeout, log_dir):
    """Executes one notebook; returns (problems, figures)."""
    nb = nbformat.read(path, as_version=4)
    problems = static_problems(nb)
    if problems:
        return problems, 0
    client = nbclient.NotebookClient(
        nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=120, allow_errors=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    log_path = os.path.join(log_dir, os.path.basename(path) + ".kernel.log")
    with open(log_path, "w") as log:
        try:
            client.execute(stdout=log, stderr=log)
        except CellExecutionError:
            pass  # the error output is in the notebook; check_outputs reports it
        except (CellTimeoutError, DeadKernelError) as e:
            problems.append(f"{type(e).__name__}: {first_lines(str(e))} (kernel log: {log_path})")
    more, figures = check_outputs(nb, exp)
    return problems + more, figures


def clean(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "go"}
    nbformat.write(nb, path)
    print(f"cleaned {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="notebooks, or directories of notebooks")
    ap.add_argument("--expect", help="expectations file (default: expect.json in the first directory)")
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("NB_CELL_TIMEOUT", "900")),
                    help="seconds one cell may run (default $NB_CELL_TIMEOUT or 900)")
    ap.add_argument("--log-dir", default="build/nbrun", help="where kernel logs go")
    ap.add_argument("--clean", action="store_true", help="strip outputs and set the gonb kernelspec, in place")
    args = ap.parse_args()

    notebooks = notebooks_in(args.paths)
    if args.clean:
        for p in notebooks:
            clean(p)
        return 0

    expect_path = args.expect or os.path.join(
        next((p for p in args.paths if os.path.isdir(p)), os.path.dirname(args.paths[0]) or "."), "expect.json")
    expect, problems = load_expect(expect_path)
    if problems:
        print("\n".join(f"FAIL {p}" for p in problems))
        print(f"0 passed, {len(problems)} failed")
        return 1

    names = {os.path.basename(p) for p in notebooks}
    results = []  # (name, problems, seconds, figures)
    for name in sorted(set(expect) - names):
        results.append((name, [f"{expect_path} names {name}, which does not exist"], 0.0, 0))
        print(f"FAIL {name}\n    {results[-1][1][0]}", flush=True)

    os.makedirs(args.log_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nbrun-")
    try:
        if notebooks:
            raw_error_kernel(tmp)
        for path in notebooks:
            name = os.path.basename(path)
            start = time.monotonic()
            if name in expect:
                problems, figures = run(path, expect[name], args.timeout, args.log_dir)
            else:
                problems, figures = [f"no entry in {expect_path}: add {{\"{name}\": "
                                     "{\"min_figures\": N, \"lines\": [...]}}"], 0
            secs = time.monotonic() - start
            results.append((name, problems, secs, figures))
            print(f"{'FAIL' if problems else 'PASS'} {name} {secs:.1f}s {figures} figures", flush=True)
            for p in problems:
                print(f"    {p}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    failed = sum(1 for r in results if r[1])
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
