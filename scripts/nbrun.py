#!/usr/bin/python3
"""Run gmmlab's lessons headless with the GoNB kernel and prove them against their Python twins.

Usage (make test runs the first form; `make clean-notebooks` the last):

    nbrun.py [--timeout SECONDS] [--log-dir DIR] NOTEBOOK_OR_DIR...
    nbrun.py --clean NOTEBOOK_OR_DIR...

A directory stands for every *.ipynb directly inside it. Each lesson
NN-name.ipynb has a Python twin, python/NN-name.py beside it: the
tutorial's own Python, cut into sections by marker lines that name the
lesson's code cell each section mirrors (cells are numbered from 1, markdown
cells included, as in every message here):

    # %% cell 8                     compare the values the cell prints
    # %% cell 8 exact               ... and require the very same lines
    # %% cell 11 uncompared: why    run it, count its figures, compare nothing

The runner executes the twin with Debian's python3 (scripts/twinrun.py:
all sections in order in one namespace, matplotlib on Agg), then the
notebook cell by cell through nbclient with the `gonb` kernel registered by
docker/register-kernel.sh (run with GoNB's -raw_error flag, so a compile
error comes back as plain text), and FAILS the lesson when:

  * it is not a valid notebook, its kernelspec is not gonb, or its first code
    cell is not `%noautoget` (GoNB's automatic `go get` needs the network),
    a cell asks for input with %with_inputs or %with_password (a headless
    run would wait for it until the cell times out), or a cell calls
    plotting.Show and drops its error (wrap it: nb.Check(plotting.Show(p)));
  * it was committed with outputs or execution counts (`make clean-notebooks`
    strips them);
  * a cell ends in an error (GoNB reports a compile error or a non-zero exit
    as an error output named "ERROR"), times out, or kills the kernel;
  * any output holds panic or compiler text: lines starting "panic:",
    "fatal error:", "goroutine N [", "--- FAIL", "ERROR", a Go compiler
    position such as "./main.go:5:2: ", or GoNB's HTML error report;
  * an output holds NaN or Inf (unless the cell is tagged shows-nan) or
    error text: a line starting "error: " (nb.Check) or a package's
    message such as "gmmlab: ..." (unless the cell is tagged shows-error);
  * a figure is blank: nearly one colour, or no coloured pixel of data;
  * the twin is missing, its markers are malformed or name a cell that is
    not a code cell, or it raises an exception;
  * a code cell prints a value or shows a figure and the twin has no
    section for it; a cell shows another number of figures than its
    section makes; the values a cell prints on stdout (numbers, and the
    words true and false) differ from its section's, in number or value,
    compared in order: integers exactly, decimals within the larger of
    1e-9 relative and half a unit in the last digit of the less precise
    of the two as printed; an `exact` section prints other lines;
  * no value at all was compared.

A mismatch names the lesson, the cell and both values. Per notebook, one
line `PASS|FAIL name seconds figures values` (the values compared), the
cells left uncompared with their reasons, and the reasons for a failure;
at the end exactly `N passed, M failed`. The exit status is 1 when anything
failed. The kernel's own log, the executed notebook and the twin's results
go to --log-dir (default build/nbrun).
"""

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import nbclient
import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import nbcompare  # noqa: E402

KERNEL = "gonb"
KERNELSPEC = {"name": KERNEL, "display_name": "Go (gonb)", "language": "go"}
TWIN_TIMEOUT = 600  # seconds for a whole twin

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


def twin_path(path):
    """The Python twin of a notebook: python/NN-name.py beside it."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return os.path.join(os.path.dirname(path), "python", stem + ".py")


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
        if cell.cell_type != "code":
            continue
        if READS_INPUT.search(cell.source):
            problems.append(f"cell {i} reads input (%with_inputs / %with_password): "
                            "it would hang make test and make html, which have no one to type")
        line = nbcompare.ignored_show(cell.source)
        if line:
            problems.append(f"cell {i} drops the error of plotting.Show: {line!r}; "
                            "write nb.Check(plotting.Show(...))")
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"cell {i} was committed with outputs or an execution count: "
                            "run make clean-notebooks before committing")
            break
    return problems


def twin_problems(nb, twin):
    """Problems of the twin's markers against the notebook's cells."""
    if not os.path.isfile(twin):
        return [f"no Python twin {twin}: write the tutorial's Python there, one "
                "'# %% cell N' section per code cell that prints or shows something"]
    with open(twin) as f:
        sections, problems = nbcompare.parse_twin(f.read())
    problems = [f"{twin}: {p}" for p in problems]
    for sec in sections[1:]:
        n = sec["cell"]
        if not 1 <= n <= len(nb.cells) or nb.cells[n - 1].cell_type != "code":
            kind = "beyond the last cell" if not 1 <= n <= len(nb.cells) else f"a {nb.cells[n - 1].cell_type} cell"
            problems.append(f"{twin}:{sec['line'] - 1}: '# %% cell {n}' names {kind}; "
                            "sections name code cells, counted from 1 with the markdown cells")
    return problems


def run_twin(twin, log_dir):
    """Runs the twin with twinrun.py; returns (sections by cell, problems, seconds)."""
    start = time.monotonic()
    result_path = os.path.join(log_dir, os.path.basename(twin) + ".json")
    try:
        p = subprocess.run([sys.executable, os.path.join(HERE, "twinrun.py"), twin, result_path],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TWIN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {}, [f"{twin} ran longer than {TWIN_TIMEOUT} s"], time.monotonic() - start
    secs = time.monotonic() - start
    if p.returncode != 0 or not os.path.exists(result_path):
        return {}, [f"{twin}: twinrun.py failed: {first_lines(p.stdout)}"], secs
    with open(result_path) as f:
        result = json.load(f)
    problems = [f"{twin}: {q}" for q in result["problems"]]
    by_cell = {}
    for sec in result["sections"]:
        where = "its preamble" if sec["cell"] is None else f"its section for cell {sec['cell']}"
        if sec["error"]:
            problems.append(f"{twin}: {where} raised: {last_lines(sec['error'], 6)}")
        if sec["cell"] is None:
            if nbcompare.values(sec["stdout"]) or sec["figures"]:
                problems.append(f"{twin}: {where} prints values or makes figures; "
                                "put that code in the section of the cell it mirrors")
            continue
        by_cell[sec["cell"]] = sec
    return by_cell, problems, secs


def output_text(out):
    """The text a display_data or execute_result output carries."""
    data = out.get("data", {})
    return "\n".join(str(data[k]) for k in ("text/plain", "text/html", "text/markdown") if k in data)


def is_figure(out):
    if out.output_type not in ("display_data", "execute_result"):
        return False
    data = out.get("data", {})
    return any(m in data for m in FIGURE_MIME) or bool(FIGURE_HTML.search(str(data.get("text/html", ""))))


def check_outputs(nb, twin):
    """Checks an executed notebook against its twin's sections (by cell).
    Returns (problems, notes, figures, values compared). Cells are numbered
    from 1, markdown cells included, as they appear in Jupyter."""
    problems, notes, figures, compared = [], [], 0, 0
    # After a twin section raised, later cells have nothing to compare with;
    # the error itself is reported with the twin's problems.
    broken = min((c for c, s in twin.items() if s["error"]), default=None)
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            continue
        where = f"cell {i} ({first_lines(cell.source, 1)})"
        tags = set(cell.get("metadata", {}).get("tags", []))
        # A program's output arrives in chunks; join each stream as Jupyter shows it.
        streams, texts, cell_figures = {}, [], 0
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                streams[out.name] = streams.get(out.name, "") + out.text
            elif out.output_type == "error":
                problems.append(f"{where}: {out.ename}: {first_lines(chr(10).join([out.evalue] + out.traceback))}")
            else:
                texts.append(output_text(out))
                if is_figure(out):
                    cell_figures += 1
                    png = out.get("data", {}).get("image/png")
                    why = png and nbcompare.blank_figure(base64.b64decode(png))
                    if why:
                        problems.append(f"{where}: figure {cell_figures} is blank ({why})")
        figures += cell_figures
        for text in list(streams.values()) + texts:
            for pattern, what in BAD_TEXT:
                m = pattern.search(text)
                if m:
                    problems.append(f"{where}: {what} in output: {first_lines(text[m.start():])}")
                    break
            bad = "shows-nan" not in tags and nbcompare.nonfinite(text)
            if bad:
                problems.append(f"{where}: {bad} in output (tag the cell shows-nan if it is meant to show one)")
            bad = "shows-error" not in tags and nbcompare.error_text(text)
            if bad:
                problems.append(f"{where}: error text in output: {bad!r} "
                                "(tag the cell shows-error if it is meant to show one)")
        stdout = streams.get("stdout", "")
        got = nbcompare.values(stdout)
        sec = twin.get(i)
        if broken is not None and i >= broken:
            continue
        if sec is None:
            if got or cell_figures:
                problems.append(f"{where} prints {len(got)} values and shows {cell_figures} figures, "
                                f"but the twin has no '# %% cell {i}' section to compare them with")
            continue
        if cell_figures != sec["figures"]:
            problems.append(f"{where} shows {cell_figures} figures, its twin section {sec['figures']}")
        if "shows-nan" not in tags and nbcompare.nonfinite(sec["stdout"]):
            problems.append(f"{where}: the twin prints {nbcompare.nonfinite(sec['stdout'])}")
        if sec["mode"] == "uncompared":
            notes.append(f"cell {i} not compared: {sec['reason']}")
            continue
        want = nbcompare.values(sec["stdout"])
        diff = nbcompare.compare_values(got, want)
        if diff:
            problems.append(f"{where}: {diff}")
        if sec["mode"] == "exact":
            diff = nbcompare.exact_lines(stdout, sec["stdout"])
            if diff:
                problems.append(f"{where}: not the twin's lines: {diff}")
        compared += min(len(got), len(want))
    return problems, notes, figures, compared


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def first_lines(text, n=6):
    """The first n non-blank lines of text on one line, terminal colours removed."""
    lines = [l for l in ANSI.sub("", text).strip().splitlines() if l.strip()]
    more = " ..." if len(lines) > n else ""
    return " | ".join(lines[:n]) + more


def last_lines(text, n=6):
    """The last n non-blank lines of text on one line: the end of a traceback."""
    lines = [l for l in ANSI.sub("", text).strip().splitlines() if l.strip()]
    return ("... " if len(lines) > n else "") + " | ".join(lines[-n:])


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


def lesson_client(nb, path, timeout):
    """The nbclient that runs lesson nb, read from path, with the gonb kernel in
    the lesson's folder, stopping at the first cell that fails (prebuild.py uses
    it too)."""
    return nbclient.NotebookClient(
        nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=120, allow_errors=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})


def run(path, timeout, log_dir):
    """Runs one lesson and its twin; returns (problems, notes, figures, values compared)."""
    nb = nbformat.read(path, as_version=4)
    twin = twin_path(path)
    problems = static_problems(nb) + twin_problems(nb, twin)
    if problems:
        return problems, [], 0, 0
    sections, problems, twin_secs = run_twin(twin, log_dir)
    notes = [f"twin {twin} ran in {twin_secs:.1f}s"]
    client = lesson_client(nb, path, timeout)
    log_path = os.path.join(log_dir, os.path.basename(path) + ".kernel.log")
    with open(log_path, "w") as log:
        try:
            client.execute(stdout=log, stderr=log)
        except CellExecutionError:
            pass  # the error output is in the notebook; check_outputs reports it
        except (CellTimeoutError, DeadKernelError) as e:
            problems.append(f"{type(e).__name__}: {first_lines(str(e))} (kernel log: {log_path})")
    nbformat.write(nb, os.path.join(log_dir, os.path.basename(path)))  # the executed lesson, to read
    more, more_notes, figures, compared = check_outputs(nb, sections)
    problems += more
    if compared == 0 and not problems:
        problems.append("no value compared with the twin: a lesson must print the numbers it teaches")
    return problems, notes + more_notes, figures, compared


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
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("NB_CELL_TIMEOUT", "900")),
                    help="seconds one cell may run (default $NB_CELL_TIMEOUT or 900)")
    ap.add_argument("--log-dir", default="build/nbrun", help="where kernel logs, executed notebooks and twin results go")
    ap.add_argument("--clean", action="store_true", help="strip outputs and set the gonb kernelspec, in place")
    args = ap.parse_args()

    notebooks = notebooks_in(args.paths)
    if args.clean:
        for p in notebooks:
            clean(p)
        return 0

    # A twin without its notebook is a lesson that was renamed or removed
    # (modules named _*.py beside the twins are helpers they share).
    results = []  # (name, problems)
    dirs = sorted({os.path.dirname(p) for p in notebooks} | {p for p in args.paths if os.path.isdir(p)})
    names = {os.path.abspath(p) for p in notebooks}
    for d in dirs:
        pydir = os.path.join(d, "python")
        for f in sorted(os.listdir(pydir)) if os.path.isdir(pydir) else []:
            nb_path = os.path.join(d, os.path.splitext(f)[0] + ".ipynb")
            if f.endswith(".py") and not f.startswith("_") and os.path.abspath(nb_path) not in names \
                    and not os.path.exists(nb_path):
                problem = f"{os.path.join(pydir, f)} is the twin of {nb_path}, which does not exist"
                results.append((os.path.basename(nb_path), [problem]))
                print(f"FAIL {os.path.basename(nb_path)}\n    {problem}", flush=True)

    os.makedirs(args.log_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nbrun-")
    total = 0
    try:
        if notebooks:
            raw_error_kernel(tmp)
        for path in notebooks:
            name = os.path.basename(path)
            start = time.monotonic()
            problems, notes, figures, compared = run(path, args.timeout, args.log_dir)
            secs = time.monotonic() - start
            total += compared
            results.append((name, problems))
            print(f"{'FAIL' if problems else 'PASS'} {name} {secs:.1f}s {figures} figures "
                  f"{compared} values", flush=True)
            for n in notes:
                print(f"    note: {n}", flush=True)
            for p in problems:
                print(f"    {p}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    failed = sum(1 for r in results if r[1])
    if notebooks:
        print(f"{total} values compared with the Python twins ({nbcompare.TOLERANCE_DOC})")
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
