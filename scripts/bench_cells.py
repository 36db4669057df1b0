#!/usr/bin/python3
"""Time every lesson cell by cell through the GoNB kernel, as a learner waits for it.

Usage (`make bench-cells` runs the first form on notebooks/):

    bench_cells.py [--repeat N] [--no-warm] [--twins DIR | --no-twins]
                   [--json FILE] [--kernel-env NAME=VALUE]... [--kernel-arg ARG]...
                   [--variant NAME=ITEM,...]... [--breakdown DIR] NOTEBOOK_OR_DIR...

A benchmark, not a test: it never fails on a slow cell, only on a cell that
ends in an error. Each lesson runs in a fresh GoNB kernel (the one
docker/register-kernel.sh registers), started headless through
jupyter_client, one code cell after the other. A cell's latency is the
client's wall time from sending its execute_request to the kernel's status
"idle" for that request: what a learner waits between Shift+Enter and the
end of the output. Kernel start-up is not counted.

Warm caches first: unless --no-warm, every lesson (and twin) runs once
untimed, so the Go build cache holds every library package and the page
cache the toolchain. Then --repeat N timed runs (default 3), each in a fresh
kernel; a cell's figure is the median of its N latencies.

Kinds of cell, decided from the source and from what the cell showed:

  directive  only %-commands or !-shell lines (%noautoget, %goflags ...):
             GoNB compiles nothing.
  decl       Go declarations without %%: GoNB still compiles and runs a
             program (every var declared so far is initialised).
  print      a %% (or %main) cell that showed no figure.
  plot       a cell that showed at least one figure (a display_data or
             execute_result with image/png or image/svg+xml, or HTML with
             <img>/<svg>).

A cell is "new-source" when its exact text has not been run before in that
kernel: its program's main package is then compiled from scratch (GoNB's
module name is unique per kernel, so the Go build cache never holds it).
Every cell of a straight run is new-source; a re-run is not. The summary's
"median print cell" is the median over the new-source print cells of all
lessons, "median plot cell" over the new-source plot cells.

The Python twin of notebooks/NN-name.ipynb is notebooks/python/NN-name.py
(or DIR/NN-name.py with --twins DIR): a script cut into sections by
"# %% cell N" marker lines, N being the lesson's cell it mirrors (code
before the first marker is the "preamble"). The twin runs in an ipykernel
(/usr/bin/python3) with matplotlib's inline backend, as Jupyter would run
it, one section per execute_request, timed exactly as the Go cells: so the
twin's total is the sum of the latencies of its cell-equivalents (its
imports included), and figures are rendered to PNG and sent as the Go ones
are (a twin's own matplotlib.use() call is made a no-op for this). A lesson
without a twin is reported as "missing", not as a failure.

Beside each latency the benchmark records the CPU time the cell used: the
kernel's and that of every process it waited for (goimports, go build with
the compiler and linker, the cell's program), from /proc. Other jobs on the
machine stretch a latency but hardly its CPU time, so on a busy machine the
CPU figures tell what an idle one would show better than the latencies do:
on an idle machine a cell's latency is at most about its CPU time (part of
the toolchain's work runs on both cores at once).

--kernel-env and --kernel-arg change the kernel for this run only (a copy of
the registered kernelspec, put first on JUPYTER_PATH): for example
--kernel-env GOFLAGS=-ldflags=-w, or GOFLAGS= to time without what the
registered kernelspec sets.

--variant compares kernels, or edited copies of the lessons, side by side:
each --variant NAME=ITEM,ITEM,... is a kernel whose environment gets each
ITEM KEY=VALUE; arg=ARG appends ARG to its command line (arg=-go_work=DIR
runs the cells against another checkout of the library), and dir=DIR takes
the lesson of the same file name from DIR instead. Within every repeat the variants run one after the other, so a
load that changes over minutes weighs on them alike. The report puts the
variants' latencies in columns, and lists every cell whose printed output
(stdout) differs between variants: a speed-up must change no printed number.
For example, the kernel before and after issue 15's changes:

    bench_cells.py --no-twins \
        --variant "before=PATH=$PWD/bin:/usr/local/go/bin:\${PATH},GOFLAGS=" \
        --variant after= notebooks --breakdown DIR runs GoNB with -v=2 and
GODEBUG=inittrace=1 and writes, per cell, where its time went (kernel
bookkeeping, goimports, go build, the program: package initialisation,
re-run declarations, main) to DIR/breakdown.txt; its timings are not the
benchmark's (logging costs a little).

The report shows `uptime`'s load averages at the start and the end: on a busy
machine absolute figures are noisy, ratios and medians less so.
"""

import argparse
import json
import os
import queue
import re
import shutil
import statistics
import sys
import tempfile
import time

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbrun import notebooks_in  # noqa: E402  (the same notebooks make test runs)

GO_KERNEL = "gonb"
PY_KERNEL = "gmmlab-bench-python3"
FIGURE_MIME = ("image/png", "image/svg+xml")
FIGURE_HTML = re.compile(r"<(img|svg)\b", re.I)
MAIN_LINE = re.compile(r"^\s*(%%|%main\b)")
TWIN_MARKER = re.compile(r"^# %%(?P<rest>.*)$")
TWIN_CELL = re.compile(r"^ cell (?P<cell>\d+)\b")

# Targets of issue 15 (warm caches, this machine).
TARGET_PRINT = 0.35
TARGET_PLOT = 0.60
TARGET_TWIN_RATIO = 2.0


# ---- kernels ---------------------------------------------------------------


def make_kernelspecs(tmp, variants, breakdown):
    """Writes the kernelspecs this run uses into tmp/kernels and puts tmp
    first on JUPYTER_PATH: per variant, a copy of the registered gonb
    kernel with the variant's changes, and an ipykernel on /usr/bin/python3."""
    try:
        spec = KernelSpecManager().get_kernel_spec(GO_KERNEL)
    except NoSuchKernel:
        sys.exit("bench_cells: no gonb kernel registered: run make setup")
    for v in variants:
        d = spec.to_dict()
        d["env"] = dict(d.get("env", {}))
        for name, value in v["env"]:
            d["env"][name] = value
        argv = list(d["argv"])
        if breakdown:
            argv = [a for a in argv if not a.startswith("-v=")] + ["-v=2"]
            d["env"]["GODEBUG"] = ",".join(x for x in [d["env"].get("GODEBUG", ""), "inittrace=1"] if x)
        d["argv"] = argv + list(v["args"])
        write_spec(tmp, v["kernel"], d)
    write_spec(tmp, PY_KERNEL, {
        "argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (bench)", "language": "python",
        "env": {"MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    })
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in [tmp, os.environ.get("JUPYTER_PATH")] if p)


def parse_variants(args):
    """The kernels (and lesson copies) to compare: each --variant
    NAME=ITEM,ITEM... where an ITEM is KEY=VALUE (set in the kernel's
    environment), arg=ARG (appended to the kernel's command line, such as
    arg=-go_work=DIR for another checkout of the library) or dir=DIR (the
    lessons of that name in DIR); without --variant, one variant from
    --kernel-env and --kernel-arg."""
    if not args.variant:
        env = [tuple(kv.split("=", 1)) if "=" in kv else (kv, "") for kv in args.kernel_env]
        return [{"name": "go", "kernel": GO_KERNEL + "-bench", "env": env, "args": args.kernel_arg, "dir": None}]
    variants = []
    for i, text in enumerate(args.variant):
        name, _, spec = text.partition("=")
        v = {"name": name, "kernel": f"{GO_KERNEL}-bench-{i}", "env": [], "args": list(args.kernel_arg), "dir": None}
        for item in [x for x in spec.split(",") if x]:
            key, _, value = item.partition("=")
            if key == "dir":
                v["dir"] = value
            elif key == "arg":
                v["args"].append(value)
            else:
                v["env"].append((key, value))
        v["env"] = [tuple(kv.split("=", 1)) for kv in args.kernel_env] + v["env"]
        variants.append(v)
    return variants


def write_spec(tmp, name, d):
    kdir = os.path.join(tmp, "kernels", name)
    os.makedirs(kdir, exist_ok=True)
    with open(os.path.join(kdir, "kernel.json"), "w") as f:
        json.dump(d, f, indent=1)


class Kernel:
    """A kernel started in cwd; run() executes one cell and times it."""

    def __init__(self, name, cwd, timeout, log=None):
        self.timeout = timeout
        self.km = KernelManager(kernel_name=name)
        # The kernel's own log goes to log, or nowhere.
        self.devnull = None
        if log is None:
            log = self.devnull = open(os.devnull, "w")
        kw = {"cwd": cwd, "stderr": log, "stdout": log}
        self.km.start_kernel(**kw)
        self.pid = self.km.provisioner.process.pid
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)

    def cpu(self):
        """CPU seconds the kernel and the processes it has waited for
        (goimports, go build and the cell's program, with their own
        children) have used so far, from /proc."""
        try:
            with open(f"/proc/{self.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        # utime, stime, cutime, cstime are fields 14-17 of stat(5).
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def run(self, code):
        """Returns (seconds, outputs, error text or None, CPU seconds).
        outputs are the iopub messages' (msg_type, content) for this
        request."""
        # Drop what earlier requests left on iopub.
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0)
            except queue.Empty:
                break
        cpu0 = self.cpu()
        start = time.monotonic()
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False)
        outputs, error = [], None
        deadline = start + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return time.monotonic() - start, outputs, f"timed out after {self.timeout}s", 0.0
            try:
                msg = self.kc.get_iopub_msg(timeout=left)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content.get("execution_state") == "idle":
                break
            if kind in ("stream", "display_data", "execute_result", "update_display_data"):
                outputs.append((kind, content))
            elif kind == "error":
                error = f"{content.get('ename')}: {content.get('evalue')}".strip()
        elapsed = time.monotonic() - start
        reply = self.kc.get_shell_msg(timeout=self.timeout)
        if error is None and reply["content"].get("status") == "error":
            error = f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
        return elapsed, outputs, error, self.cpu() - cpu0

    def stop(self):
        try:
            self.kc.stop_channels()
        finally:
            # A shutdown request, not a kill: GoNB then removes its
            # temporary directory (the cell programs), as in Jupyter.
            self.km.shutdown_kernel(now=False)
            if self.devnull:
                self.devnull.close()


def figures_in(outputs):
    n = 0
    for kind, content in outputs:
        if kind not in ("display_data", "execute_result"):
            continue
        data = content.get("data", {})
        if any(m in data for m in FIGURE_MIME) or FIGURE_HTML.search(str(data.get("text/html", ""))):
            n += 1
    return n


def stream_text(outputs, name):
    return "".join(c.get("text", "") for k, c in outputs if k == "stream" and c.get("name") == name)


# ---- lessons and twins -----------------------------------------------------


def code_cells(path):
    """[(cell number counting from 1 as Jupyter shows them, source)]."""
    nb = nbformat.read(path, as_version=4)
    return [(i, c.source) for i, c in enumerate(nb.cells, 1) if c.cell_type == "code"]


def is_directive(source):
    lines = [l.strip() for l in source.splitlines() if l.strip() and not l.strip().startswith("//")]
    return all(l.startswith(("%", "!")) and not MAIN_LINE.match(l) for l in lines)


def kind_of(source, figures):
    if figures:
        return "plot"
    if is_directive(source):
        return "directive"
    if any(MAIN_LINE.match(l) for l in source.splitlines()):
        return "print"
    return "decl"


def twin_sections(path):
    """[(label, code)]: "preamble" and "cell N" sections of a twin script."""
    sections = [["preamble", []]]
    with open(path) as f:
        for line in f.read().splitlines():
            m = TWIN_MARKER.match(line)
            if m:
                c = TWIN_CELL.match(m.group("rest"))
                sections.append([f"cell {c.group('cell')}" if c else m.group("rest").strip() or "section", []])
            else:
                sections[-1][1].append(line)
    return [(label, "\n".join(code) + "\n") for label, code in sections if "".join(code).strip()]


# The twin runs as Jupyter runs a script's cells: inline figures, rendered to
# PNG and sent. Its own matplotlib.use("Agg") would switch rendering off.
# __file__ and sys.argv are what the script would see run as a file.
PY_SETUP = """\
import matplotlib, sys
matplotlib.use = lambda *args, **kwargs: None
%matplotlib inline
__file__ = {path!r}
sys.argv = [__file__]
"""


# ---- one run ---------------------------------------------------------------


def run_lesson(path, timeout, kernel, log=None, on_cell=None):
    """Runs a lesson in a fresh kernel; returns a list of cell records."""
    cells = code_cells(path)
    k = Kernel(kernel, os.path.dirname(os.path.abspath(path)), timeout, log)
    seen, records = set(), []
    try:
        for number, source in cells:
            secs, outputs, error, cpu = k.run(source)
            figs = figures_in(outputs)
            rec = {"cell": number, "kind": kind_of(source, figs), "new": source not in seen,
                   "seconds": secs, "cpu": cpu, "figures": figs, "error": error,
                   "stdout": stream_text(outputs, "stdout"), "stderr": stream_text(outputs, "stderr")}
            seen.add(source)
            records.append(rec)
            if on_cell:
                on_cell(rec, source)
            if error:
                break
    finally:
        k.stop()
    return records


def run_twin(path, timeout):
    sections = twin_sections(path)
    k = Kernel(PY_KERNEL, os.path.dirname(os.path.abspath(path)), timeout)
    records = []
    try:
        _, _, error, _ = k.run(PY_SETUP.format(path=os.path.abspath(path)))
        if error:
            return [{"label": "setup", "seconds": 0.0, "figures": 0, "error": error}]
        for label, code in sections:
            secs, outputs, error, cpu = k.run(code)
            records.append({"label": label, "seconds": secs, "cpu": cpu, "figures": figures_in(outputs),
                            "error": error})
            if error:
                break
    finally:
        k.stop()
    return records


# ---- breakdown -------------------------------------------------------------

KLOG = re.compile(r"^[IWEF](\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{6})\s+\d+ \S+\] (.*)$")
INITTRACE = re.compile(r"^init (\S+) @([\d.]+) ms, ([\d.]+) ms clock")

PHASES = [  # (name, klog text that ends the phase)
    ("kernel", "Executing /"),  # request received, cell parsed and merged, main.go written
    ("goimports", "ExecuteCell: after s.GoImports()"),
    ("go build", "ExecuteCell: after s.Compile()"),
    ("program", "Execution finished successfully"),
]


def klog_events(path):
    """[(seconds since midnight, message)] of a GoNB -v=2 log."""
    events = []
    with open(path, errors="replace") as f:
        for line in f:
            line = re.sub(r"\x1b\[[0-9;]*m", "", line.rstrip("\n"))
            line = re.sub(r"^\S*\[\w+\] ", "", line)  # UniqueID prefix, where klog puts it
            m = KLOG.match(line)
            if not m:
                continue
            _, h, mi, s, us, msg = m.groups()
            msg = re.sub(r"^\[\w+\] ", "", msg)
            events.append((int(h) * 3600 + int(mi) * 60 + int(s) + int(us) / 1e6, msg))
    return events


def split_cells(events):
    """Groups klog events by cell: a cell starts at its execute_request."""
    cells, cur = [], None
    for t, msg in events:
        if msg.startswith("Message content:") and "code:" in msg:
            cur = [(t, msg)]
            cells.append(cur)
        elif cur is not None:
            cur.append((t, msg))
    return cells


def phases_of(cell_events):
    t0 = cell_events[0][0]
    out, last = {}, t0
    for name, marker in PHASES:
        hit = next((t for t, m in cell_events if t >= last and m.startswith(marker)), None)
        if hit is None:
            continue
        out[name] = hit - last
        last = hit
    idle = next((t for t, m in cell_events if m.startswith("> kernel status set to idle")), None)
    if idle is not None and idle >= last:
        out["reply"] = idle - last
    return out


def inittrace_of(stderr):
    """(package inits before main's, main's init = the declarations) in ms."""
    pkgs, main_init = 0.0, 0.0
    for line in stderr.splitlines():
        m = INITTRACE.match(line)
        if not m:
            continue
        if m.group(1) == "main":
            main_init += float(m.group(3))
        else:
            pkgs += float(m.group(3))
    return pkgs, main_init


def write_breakdown(out_dir, lesson, records, log_path):
    """Writes one lesson's table to out_dir/breakdown.txt and returns its
    rows: (kind, {phase: milliseconds}) for the summary."""
    cells = split_cells(klog_events(log_path))
    rows = []
    lines = [f"== {lesson}", f"{'cell':>4} {'kind':9} {'client':>7} {'kernel':>7} {'imports':>7} "
             f"{'build':>7} {'program':>7} {'(inits':>7} {'decls':>7} {'main)':>7} {'reply':>6}"]
    # The first execute_request of a kernel may be a kernel_info; match cells by order.
    for rec, ev in zip(records, cells[-len(records):] if cells else []):
        ph = phases_of(ev)
        inits, decls = inittrace_of(rec.get("stderr", ""))
        prog = ph.get("program")
        main = prog * 1000 - inits - decls if prog is not None else None

        def ms(v):
            return f"{v * 1000:7.0f}" if v is not None else f"{'-':>7}"

        def msf(v):
            return f"{v:7.0f}" if v is not None else f"{'-':>7}"
        lines.append(f"{rec['cell']:4d} {rec['kind']:9} {ms(rec['seconds'])} {ms(ph.get('kernel'))} "
                     f"{ms(ph.get('goimports'))} {ms(ph.get('go build'))} {ms(prog)} "
                     f"{msf(inits if prog else None)} {msf(decls if prog else None)} {msf(main)} "
                     f"{ms(ph.get('reply')):>6}")
        if prog is not None and rec["new"] and not rec["error"]:
            rows.append((rec["kind"], {
                "client": rec["seconds"] * 1000, "kernel": ph.get("kernel", 0) * 1000,
                "goimports": ph.get("goimports", 0) * 1000, "go build": ph.get("go build", 0) * 1000,
                "program": prog * 1000, "inits": inits, "decls": decls, "main": main,
                "other": (rec["seconds"] - sum(ph.get(k, 0) for k in ("kernel", "goimports", "go build", "program")))
                * 1000}))
    with open(os.path.join(out_dir, "breakdown.txt"), "a") as f:
        f.write("\n".join(lines) + "\n\n")
    print("\n".join(lines), flush=True)
    return rows


BREAKDOWN_PHASES = ["client", "kernel", "goimports", "go build", "program", "inits", "decls", "main", "other"]


def breakdown_summary(rows_by_variant):
    """Median milliseconds of each phase, per variant and kind of cell."""
    lines = ["== median milliseconds per phase over the new-source cells "
             "(other = client time outside the kernel's logged phases: messaging, the reply)",
             f"{'variant':10} {'kind':6} {'n':>3} " + " ".join(f"{p:>9}" for p in BREAKDOWN_PHASES)]
    for name, rows in rows_by_variant.items():
        for kind in ("decl", "print", "plot"):
            sel = [r for k, r in rows if k == kind]
            if not sel:
                continue
            meds = [statistics.median(r[p] for r in sel) for p in BREAKDOWN_PHASES]
            lines.append(f"{name[:10]:10} {kind:6} {len(sel):3d} " + " ".join(f"{m:9.0f}" for m in meds))
    return "\n".join(lines)


# ---- report ----------------------------------------------------------------


def load():
    a, b, c = os.getloadavg()
    return f"load {a:.2f} {b:.2f} {c:.2f}"


def median_or_none(xs):
    return statistics.median(xs) if xs else None


def fmt(v, width=7, digits=2):
    return f"{v:{width}.{digits}f}" if v is not None else f"{'-':>{width}}"


def merge_runs(runs):
    """Per-cell medians over repeated runs of one lesson."""
    if not runs:
        return []
    base = runs[0]
    merged = []
    for i, rec in enumerate(base):
        times = [r[i]["seconds"] for r in runs if i < len(r)]
        m = dict(rec)
        m["seconds"] = statistics.median(times)
        m["cpu"] = statistics.median(r[i].get("cpu", 0.0) for r in runs if i < len(r))
        m["runs"] = times
        merged.append(m)
    return merged


def merge_twin_runs(runs):
    if not runs:
        return []
    merged = []
    for i, rec in enumerate(runs[0]):
        m = dict(rec)
        m["seconds"] = statistics.median(r[i]["seconds"] for r in runs if i < len(r))
        m["cpu"] = statistics.median(r[i].get("cpu", 0.0) for r in runs if i < len(r))
        merged.append(m)
    return merged


def lesson_medians(cells, key="seconds"):
    prints = [c.get(key, 0.0) for c in cells if c["kind"] == "print" and c["new"] and not c["error"]]
    plots = [c.get(key, 0.0) for c in cells if c["kind"] == "plot" and c["new"] and not c["error"]]
    return prints, plots


def report(results, variants, loads, args):
    out = []
    p = out.append
    names = [v["name"] for v in variants]
    p(f"bench-cells: {len(results)} lessons, {args.repeat} timed run(s) each after "
      f"{'no warm-up' if args.no_warm else 'one untimed warm-up run'}; per cell the median; "
      f"variants run in turn within each repeat")
    p(f"{loads[0]} at the start, {loads[1]} at the end (2 cores: above ~1 the figures are noisy)")
    for v in variants:
        what = ", ".join([f"{k}={val}" for k, val in v["env"]] + list(v["args"])
                         + ([f"lessons from {v['dir']}"] if v["dir"] else [])) or "the registered kernelspec as is"
        p(f"variant {v['name']}: {what}")
    p("twins: run in an ipykernel (inline figures), one section per execute_request")
    p("")
    prints = {n: [] for n in names}
    plots = {n: [] for n in names}
    cprints = {n: [] for n in names}
    cplots = {n: [] for n in names}
    rows = []
    differences = []
    for lesson, res in results.items():
        twin = res["twin"]
        tw_by_label = {t["label"]: t for t in twin or []}
        p(f"== {lesson}")
        p(f"{'cell':>4} {'kind':9} " + " ".join(f"{n[:8]:>8}" for n in names) + f" {'twin':>7}  note")
        base = res["variants"][names[0]]
        for i, c in enumerate(base):
            t = tw_by_label.get(f"cell {c['cell']}")
            secs, notes = [], []
            for n in names:
                cells = res["variants"][n]
                cc = cells[i] if i < len(cells) else None
                secs.append(f"{cc['seconds']:8.3f}" if cc else f"{'-':>8}")
                if cc and cc["error"]:
                    notes.append(f"{n}: {cc['error']}")
                if cc and n != names[0] and cc.get("stdout") != c.get("stdout"):
                    differences.append((lesson, c["cell"], n, c.get("stdout", ""), cc.get("stdout", "")))
                    notes.append(f"{n}: printed differently")
            p(f"{c['cell']:4d} {c['kind']:9} " + " ".join(secs) + f" {fmt(t['seconds'] if t else None)}  {'; '.join(notes)}")
        if twin and "preamble" in tw_by_label:
            p(f"{'':4} {'twin preamble (imports)':{9 + 9 * len(names)}} {fmt(tw_by_label['preamble']['seconds'])}")
        totals = {n: sum(c["seconds"] for c in res["variants"][n]) for n in names}
        for n in names:
            a, b = lesson_medians(res["variants"][n])
            prints[n] += a
            plots[n] += b
            a, b = lesson_medians(res["variants"][n], "cpu")
            cprints[n] += a
            cplots[n] += b
        cpu_totals = {n: sum(c.get("cpu", 0.0) for c in res["variants"][n]) for n in names}
        tw_cpu = sum(t.get("cpu", 0.0) for t in twin) if twin else None
        tw_total = sum(t["seconds"] for t in twin) if twin else None
        tw_err = next((t["error"] for t in twin or [] if t.get("error")), None)
        go_err = any(c["error"] for n in names for c in res["variants"][n])
        rows.append((lesson, totals, tw_total, res["twin_path"], tw_err, go_err, cpu_totals, tw_cpu))
        p("")
    p("== lessons: total of the cells, Go against its Python twin")
    p(f"{'lesson':31} " + " ".join(f"{n[:8]:>8}" for n in names) + f" {'twin':>7} "
      + " ".join(f"{('/' + n)[:7]:>7}" for n in names) + f"  (ratio Go/twin, target <= {TARGET_TWIN_RATIO:g})")
    for lesson, totals, tw_total, twin_path, tw_err, go_err, _, _ in rows:
        ratios = [totals[n] / tw_total if tw_total else None for n in names]
        note = "twin missing (" + twin_path + ")" if tw_total is None else ""
        if tw_err:
            note += f"twin error: {tw_err}"
        if go_err:
            note += "; a cell failed"
        p(f"{lesson[:31]:31} " + " ".join(f"{totals[n]:8.2f}" for n in names) + f" {fmt(tw_total)} "
          + " ".join(fmt(r, 7, 2) for r in ratios) + f"  {note}")
    p("")
    p("== lessons: CPU seconds used by the kernel and its processes (the Go side) and by the ipykernel")
    p("   (the twin), a measure that other work on the machine hardly changes")
    p(f"{'lesson':31} " + " ".join(f"{n[:8]:>8}" for n in names) + f" {'twin':>7} "
      + " ".join(f"{('/' + n)[:7]:>7}" for n in names))
    for lesson, _, _, _, _, _, cpu_totals, tw_cpu in rows:
        p(f"{lesson[:31]:31} " + " ".join(f"{cpu_totals[n]:8.2f}" for n in names) + f" {fmt(tw_cpu)} "
          + " ".join(fmt(cpu_totals[n] / tw_cpu if tw_cpu else None, 7, 2) for n in names))
    if len(names) > 1:
        p("")
        first = names[0]
        for n in names[1:]:
            ratio = [r[1][n] / r[1][first] for r in rows if r[1][first] > 0]
            p(f"{n} against {first}: lesson totals x{statistics.median(ratio):.2f} (median over lessons), "
              f"sum {sum(r[1][n] for r in rows):.1f} s against {sum(r[1][first] for r in rows):.1f} s")
    p("")
    for n in names:
        mp, ml = median_or_none(prints[n]), median_or_none(plots[n])
        cp, cl = median_or_none(cprints[n]), median_or_none(cplots[n])
        p(f"{n}: median new-source print cell {fmt(mp, 0, 3)} s (CPU {fmt(cp, 0, 3)} s) over {len(prints[n])} cells "
          f"(target <= {TARGET_PRINT} s); plot cell {fmt(ml, 0, 3)} s (CPU {fmt(cl, 0, 3)} s) over {len(plots[n])} "
          f"(target <= {TARGET_PLOT} s)")
    if len(names) > 1:
        p("")
        if differences:
            p(f"printed output that differs between variants ({len(differences)} cells):")
            for lesson, cell, n, a, b in differences:
                la, lb = a.splitlines(), b.splitlines()
                diff = [(x, y) for x, y in zip(la, lb) if x != y][:3]
                p(f"  {lesson} cell {cell} ({n}): {len(la)} against {len(lb)} lines; "
                  + "; ".join(f"{x!r} -> {y!r}" for x, y in diff))
        else:
            p("printed output: identical in every cell across variants")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="notebooks, or directories of notebooks")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per lesson (default 3)")
    ap.add_argument("--no-warm", action="store_true", help="skip the untimed warm-up run")
    ap.add_argument("--twins", help="directory of the Python twins (default: python/ beside each lesson)")
    ap.add_argument("--no-twins", action="store_true", help="do not run the Python twins")
    ap.add_argument("--json", help="also write every latency to this file")
    ap.add_argument("--kernel-env", action="append", default=[], metavar="NAME=VALUE",
                    help="set an environment variable in the kernel (repeatable)")
    ap.add_argument("--kernel-arg", action="append", default=[], metavar="ARG",
                    help="append an argument to the gonb kernel's command line (repeatable)")
    ap.add_argument("--variant", action="append", default=[], metavar="NAME=KEY=VALUE,...",
                    help="compare kernels or lesson copies: NAME=ITEM,ITEM,... with ITEM KEY=VALUE (kernel "
                         "environment) or dir=DIR (the lessons of the same name in DIR); repeatable")
    ap.add_argument("--breakdown", metavar="DIR",
                    help="instead of timing, run each lesson once with GoNB's -v=2 log and "
                         "GODEBUG=inittrace=1 and write where each cell's time goes to DIR")
    ap.add_argument("--timeout", type=int, default=900, help="seconds one cell may run (default 900)")
    args = ap.parse_args()

    notebooks = notebooks_in(args.paths)
    variants = parse_variants(args)
    tmp = tempfile.mkdtemp(prefix="bench-cells-")

    def lesson_path(path, v):
        return os.path.join(v["dir"], os.path.basename(path)) if v["dir"] else path

    try:
        make_kernelspecs(tmp, variants, args.breakdown)
        if args.breakdown:
            os.makedirs(args.breakdown, exist_ok=True)
            open(os.path.join(args.breakdown, "breakdown.txt"), "w").close()
            rows_by_variant = {v["name"]: [] for v in variants}
            for path in notebooks:
                for v in variants:
                    lp = lesson_path(path, v)
                    if not args.no_warm:
                        run_lesson(lp, args.timeout, v["kernel"])
                    name = os.path.basename(path) + ("" if len(variants) == 1 else f" [{v['name']}]")
                    log_path = os.path.join(args.breakdown, name.replace(" ", "_") + ".kernel.log")
                    with open(log_path, "w") as log:
                        records = run_lesson(lp, args.timeout, v["kernel"], log)
                    rows_by_variant[v["name"]] += write_breakdown(args.breakdown, name, records, log_path)
            summary = breakdown_summary(rows_by_variant) + f"\n({load()} at the end)"
            with open(os.path.join(args.breakdown, "breakdown.txt"), "a") as f:
                f.write(summary + "\n")
            print(summary)
            return 0

        start_load = load()
        results = {}
        for path in notebooks:
            name = os.path.basename(path)
            twin_dir = args.twins or os.path.join(os.path.dirname(path), "python")
            twin_path = os.path.join(twin_dir, name[:-len(".ipynb")] + ".py")
            has_twin = not args.no_twins and os.path.isfile(twin_path)
            if not args.no_warm:
                for v in variants:
                    run_lesson(lesson_path(path, v), args.timeout, v["kernel"])
                if has_twin:
                    run_twin(twin_path, args.timeout)
            runs = {v["name"]: [] for v in variants}
            twin_runs = []
            for _ in range(args.repeat):
                for v in variants:
                    runs[v["name"]].append(run_lesson(lesson_path(path, v), args.timeout, v["kernel"]))
                if has_twin:
                    twin_runs.append(run_twin(twin_path, args.timeout))
            results[name] = {"variants": {n: merge_runs(r) for n, r in runs.items()},
                             "twin": merge_twin_runs(twin_runs) if has_twin else None,
                             "twin_path": os.path.relpath(twin_path), "load": load()}
            print(f"{name}: " + ", ".join(f"{n} {sum(c['seconds'] for c in r):.1f} s"
                                          for n, r in results[name]["variants"].items())
                  + f" ({results[name]['load']})", file=sys.stderr, flush=True)
        text = report(results, variants, (start_load, load()), args)
        print(text)
        if args.json:
            os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
            with open(args.json, "w") as f:
                json.dump({"args": vars(args), "variants": variants, "load": [start_load, load()],
                           "results": results}, f, indent=1)
        failed = [n for n, r in results.items() if any(c["error"] for cs in r["variants"].values() for c in cs)]
        if failed:
            print(f"bench_cells: a cell failed in {', '.join(failed)}", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
