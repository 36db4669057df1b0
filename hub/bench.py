#!/usr/bin/env python3
"""make bench-hub: how many learners one machine holds (run as root).

N simulated learners (accounts hubtest-PORT-bench-01 ... made from a roster
and removed afterwards) log in to a hub started for the run on
127.0.0.1:HUB_TEST_PORT (a multiple of 100; the run uses that port and the
99 above it, and nothing else), start their
servers, and run a lesson (01 by default) cell by cell through the Jupyter
kernel protocol over the hub's proxy, as a browser would, waiting a think
time (5 s by default) between cells. All learners start together, as a class
does when the instructor says "open lesson 1".

Reported: cell latency (execute_request sent to the kernel's idle status)
p50/p95/max over every cell of every learner, the median cell that prints
and the median cell that shows a figure (per pass with PASSES=2 or more: the
learners run the lesson again in the same kernel), cells failed (an error
reply or an error output), time from login to a learner's server being ready
and to their first output, and memory per learner: the peak, over the run,
of the summed resident memory (RSS) of the learner's processes (server,
kernel, go commands, the cells' programs), sampled every second; and the CPU
time a learner's processes used (with the go commands and cell programs
their kernel waited for), which, unlike the latencies, hardly depends on
what else the machine runs. The load average before and after is printed
beside the figures: latencies mean little on a busy machine.

The results go to standard output, ending with a row of the README's table
("How many learners one machine holds") ready to paste, and to
build/bench-hub-N.json.
"""
import argparse
import asyncio
import csv
import datetime
import hashlib
import json
import os
import pwd
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

def names_for(base):
    """The accounts' name prefix and the group (and cgroup) of a run on ports
    base..base+99: runs on other ports never touch them."""
    return f"hubtest-{base}-bench-", f"hubtest-{base}"


def percentile(values, q):
    """The q-th percentile (0..100) with linear interpolation, as numpy's default."""
    if not values:
        return float("nan")
    v = sorted(values)
    pos = (len(v) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def lesson_cells(path):
    with open(path) as f:
        nb = json.load(f)
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def rss_by_uid(uids):
    """Sum of VmRSS (bytes) of the processes of each uid."""
    total = dict.fromkeys(uids, 0)
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/status") as f:
                uid = rss = None
                for line in f:
                    if line.startswith("Uid:"):
                        uid = int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        rss = int(line.split()[1]) * 1024
        except OSError:
            continue
        if uid in total and rss:
            total[uid] += rss
    return total


def cpu_seconds(uid):
    """CPU time (user + system) of the processes of uid, including the
    children they have waited for: a kernel's go commands and cell programs."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if os.stat(f"/proc/{pid}").st_uid != uid:
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime: fields 14-17 of stat(5), 12-15 after the name.
        total += sum(int(x) for x in fields[11:15])
    return total / tick


class Learner:
    def __init__(self, base, name, password):
        self.base, self.name, self.password = base, name, password
        self.uid = pwd.getpwnam(name).pw_uid
        self.cpu = None
        self.cookies = {}
        self.http = AsyncHTTPClient(force_instance=True, defaults={"request_timeout": 600, "connect_timeout": 60})
        self.latencies, self.failed, self.errors = [], 0, []
        self.kinds = []  # "print", "plot" or "other", one per cell run
        self.passes = []  # the pass (0, 1...) of each cell run
        self.t_ready = self.t_first_output = None

    def _cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _keep_cookies(self, resp):
        for h in resp.headers.get_list("Set-Cookie"):
            k, _, rest = h.partition("=")
            self.cookies[k.strip()] = rest.split(";")[0]

    async def hub(self, method, path, body=None, **kw):
        headers = {"Cookie": self._cookie_header(), "Referer": self.base + "/hub/"}
        if body is not None and not isinstance(body, str):
            body = json.dumps(body)
            headers["Content-Type"] = "application/json"
        req = HTTPRequest(self.base + path, method=method, headers=headers, body=body,
                          follow_redirects=False, allow_nonstandard_methods=True, **kw)
        resp = await self.http.fetch(req, raise_error=False)
        self._keep_cookies(resp)
        return resp

    async def login(self):
        form = urllib.parse.urlencode({"username": self.name, "password": self.password})
        resp = await self.hub("POST", "/hub/login", form)
        if resp.code != 302 or not any(k.startswith("jupyterhub-session") for k in self.cookies):
            raise RuntimeError(f"{self.name}: login answered {resp.code}")

    async def start_server(self, timeout):
        resp = await self.hub("POST", f"/hub/api/users/{self.name}/server", {})
        if resp.code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"{self.name}: starting the server answered {resp.code}: {resp.body[:200]!r}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            resp = await self.hub("GET", f"/hub/api/users/{self.name}")
            server = json.loads(resp.body).get("servers", {}).get("")
            if server and server.get("ready"):
                return
            await asyncio.sleep(0.5)
        raise RuntimeError(f"{self.name}: server not ready after {timeout} s")

    async def token(self):
        resp = await self.hub("POST", f"/hub/api/users/{self.name}/tokens", {"note": "bench-hub", "expires_in": 7200})
        if resp.code != 201:
            raise RuntimeError(f"{self.name}: token request answered {resp.code}")
        return json.loads(resp.body)["token"]

    async def run(self, cells, think, t0, timeout, passes=1):
        await self.login()
        await self.start_server(timeout)
        self.t_ready = time.monotonic() - t0
        token = await self.token()
        auth = {"Authorization": f"token {token}"}
        user = f"{self.base}/user/{self.name}"
        resp = await self.http.fetch(HTTPRequest(f"{user}/api/kernels", method="POST", headers=auth,
                                                 body=json.dumps({"name": "gonb"})))
        kernel = json.loads(resp.body)["id"]
        ws_url = f"{user.replace('http', 'ws', 1)}/api/kernels/{kernel}/channels"
        # websocket_connect does not take the client's defaults: without its
        # own, a handshake slower than 20 s (a class starting together on two
        # cores) would fail the learner.
        ws = await websocket_connect(HTTPRequest(ws_url, headers=auth, connect_timeout=timeout, request_timeout=timeout),
                                     max_message_size=256 << 20)
        session = uuid.uuid4().hex
        try:
            for n in range(passes):
                for i, code in enumerate(cells):
                    if i or n:
                        await asyncio.sleep(think)
                    await self.execute(ws, session, code, t0, timeout)
                    self.kinds.append(cell_kind(code))
                    self.passes.append(n)
            self.cpu = cpu_seconds(self.uid)
        finally:
            ws.close()
            await self.http.fetch(HTTPRequest(f"{user}/api/kernels/{kernel}", method="DELETE", headers=auth),
                                  raise_error=False)
            await self.hub("DELETE", f"/hub/api/users/{self.name}/server")

    async def execute(self, ws, session, code, t0, timeout):
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {"msg_id": msg_id, "username": self.name, "session": session, "msg_type": "execute_request",
                       "version": "5.3", "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }
        sent = time.monotonic()
        await ws.write_message(json.dumps(msg))
        status, error, idle = None, False, False
        deadline = sent + timeout
        while not (idle and status is not None):
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"{self.name}: a cell did not finish within {timeout} s")
            raw = await asyncio.wait_for(ws.read_message(), left)
            if raw is None:
                raise RuntimeError(f"{self.name}: the kernel's websocket closed")
            if isinstance(raw, bytes):
                continue  # binary messages carry buffers only
            m = json.loads(raw)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = m["header"]["msg_type"]
            if kind in ("stream", "display_data", "execute_result", "error") and self.t_first_output is None:
                self.t_first_output = time.monotonic() - t0
            if kind == "error":
                error = True
                self.errors.append(f"{m['content'].get('ename')}: {m['content'].get('evalue')}"[:300])
            elif kind == "execute_reply":
                status = m["content"]["status"]
            elif kind == "status" and m["content"]["execution_state"] == "idle":
                idle = True
        self.latencies.append(time.monotonic() - sent)
        if error or status != "ok":
            self.failed += 1


def cell_kind(code):
    """plot for a cell that shows a figure, print for one that prints,
    other for the rest (imports, declarations)."""
    if "Show(" in code or "gonbui.Display" in code:
        return "plot"
    if "fmt.Print" in code:
        return "print"
    return "other"


def make_accounts(prefix_name, n, state):
    names = [f"{prefix_name}{i:02d}" for i in range(1, n + 1)]
    passwords = {name: secrets.token_urlsafe(12) for name in names}
    roster = os.path.join(state, "roster.csv")
    with open(os.open(roster, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["username", "password"])
        for name in names:
            w.writerow([name, passwords[name]])
    return names, passwords, roster


def remove_accounts(prefix_name, group):
    for p in pwd.getpwall():
        if p.pw_name.startswith(prefix_name):
            subprocess.run(["userdel", "--remove", p.pw_name], capture_output=True)
    subprocess.run(["groupdel", group], capture_output=True)


async def sample_memory(uids, peaks, stop):
    while not stop.is_set():
        for uid, rss in rss_by_uid(uids).items():
            peaks[uid] = max(peaks.get(uid, 0), rss)
        try:
            await asyncio.wait_for(stop.wait(), 1.0)
        except asyncio.TimeoutError:
            pass


async def bench(a, names, passwords, cells):
    base = f"http://127.0.0.1:{a.port}"
    learners = [Learner(base, name, passwords[name]) for name in names]
    uids = [pwd.getpwnam(n).pw_uid for n in names]
    peaks, stop = {}, asyncio.Event()
    sampler = asyncio.ensure_future(sample_memory(uids, peaks, stop))
    t0 = time.monotonic()
    results = await asyncio.gather(*(l.run(cells, a.think, t0, a.timeout, a.passes) for l in learners), return_exceptions=True)
    wall = time.monotonic() - t0
    stop.set()
    await sampler
    return learners, results, [peaks.get(u, 0) for u in uids], wall


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--learners", type=int, default=int(os.environ.get("LEARNERS") or 1))
    p.add_argument("--think", type=float, default=float(os.environ.get("THINK") or 5), help="seconds between cells")
    p.add_argument("--passes", type=int, default=int(os.environ.get("PASSES") or 1),
                   help="times each learner runs the lesson, in the same kernel, as a learner who runs it again")
    p.add_argument("--lesson", default=os.environ.get("LESSON") or "01", help="number or file name under notebooks/")
    p.add_argument("--port", type=int, default=int(os.environ.get("HUB_TEST_PORT") or 0),
                   help="HUB_TEST_PORT: the first of the run's 100 ports, a multiple of 100 (make sets it)")
    p.add_argument("--timeout", type=float, default=900, help="seconds a server start or a cell may take")
    a = p.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench-hub: run as root (it creates accounts and runs a hub)")
    if not (1024 <= a.port <= 65400 and a.port % 100 == 0):
        sys.exit("bench-hub: HUB_TEST_PORT (or --port) must be a multiple of 100 between 1100 and 65400 "
                 "(make bench-hub sets it)")
    if a.passes < 1:
        sys.exit("bench-hub: PASSES must be at least 1")
    if not 1 <= a.learners <= 90:
        sys.exit("bench-hub: LEARNERS must be 1..90 (the hub gives servers ports HUB_PORT+10..+99)")
    nbdir = os.path.join(ROOT, "notebooks")
    lesson = next((f for f in sorted(os.listdir(nbdir)) if f.endswith(".ipynb") and
                   (f == a.lesson or f.startswith(a.lesson.zfill(2) + "-") or f == a.lesson + ".ipynb")), None)
    if not lesson:
        sys.exit(f"bench-hub: no lesson {a.lesson!r} in notebooks/")
    cells = lesson_cells(os.path.join(nbdir, lesson))

    prefix_name, group = names_for(a.port)
    remove_accounts(prefix_name, group)
    state = subprocess.run(["mktemp", "-d", "/var/tmp/hubtest-bench-state-XXXXXX"], capture_output=True,
                           text=True, check=True).stdout.strip()
    names, passwords, roster = make_accounts(prefix_name, a.learners, state)
    os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
    log_path = os.path.join(ROOT, "build", f"bench-hub-{a.learners}.log")
    # A class starting together on a small machine: servers may take minutes
    # to start, and the learners' memory limit must not be what is measured.
    env = dict(os.environ, HUB_IP="127.0.0.1", HUB_PORT=str(a.port), HUB_STATE=state, HUB_GROUP=group,
               HUB_CGROUP=group, HUB_ROSTER=roster, HUB_CULL_IDLE="0", HUB_START_TIMEOUT=str(int(a.timeout)))
    # The install the browser test keeps between runs (tests/browser/hub.test.mjs).
    env.setdefault("HUB_PREFIX", f"/var/tmp/gmmlab-hubtest-{hashlib.sha256(ROOT.encode()).hexdigest()[:10]}-{a.port}")
    with open(log_path, "w") as log:
        hub = subprocess.Popen(["bash", "docker/hub.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 900
        import urllib.request
        while True:
            if hub.poll() is not None:
                sys.exit(f"bench-hub: the hub exited; see {log_path}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{a.port}/hub/health", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit(f"bench-hub: the hub did not start; see {log_path}")
                time.sleep(1)
        load_before = os.getloadavg()
        learners, results, peaks, wall = asyncio.run(bench(a, names, passwords, cells))
        load_after = os.getloadavg()
    finally:
        os.killpg(hub.pid, signal.SIGTERM)
        try:
            hub.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(hub.pid, signal.SIGKILL)
            hub.wait()
        remove_accounts(prefix_name, group)
        subprocess.run(["rm", "-rf", state])

    crashed = [f"{l.name}: {r}" for l, r in zip(learners, results) if isinstance(r, BaseException)]
    lat = [x for l in learners for x in l.latencies]
    total_cells = a.learners * len(cells) * a.passes
    # A cell that never ran (its learner stopped on an error) counts as failed.
    failed = total_cells - sum(1 for l in learners for _ in l.latencies) + sum(l.failed for l in learners)
    ready = [l.t_ready for l in learners if l.t_ready is not None]
    cpu = [l.cpu for l in learners if l.cpu is not None]
    first = [l.t_first_output for l in learners if l.t_first_output is not None]
    def kind_p50(kind, n=0):
        return round(percentile([x for l in learners for x, k, p in zip(l.latencies, l.kinds, l.passes)
                                 if k == kind and p == n], 50), 2)

    mib = 1 << 20
    report = {
        "learners": a.learners, "lesson": lesson, "cells_per_learner": len(cells), "passes": a.passes,
        "think_s": a.think,
        "wall_s": round(wall, 1), "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after], "cpus": os.cpu_count(),
        "cell_latency_s": {"p50": round(percentile(lat, 50), 2), "p95": round(percentile(lat, 95), 2),
                           "max": round(max(lat), 2) if lat else None, "n": len(lat)},
        # The first pass: a class opening the lesson; then each pass again.
        "print_cell_p50_s": kind_p50("print"), "plot_cell_p50_s": kind_p50("plot"),
        "print_cell_p50_s_by_pass": [kind_p50("print", n) for n in range(a.passes)],
        "plot_cell_p50_s_by_pass": [kind_p50("plot", n) for n in range(a.passes)],
        "cells_failed": failed, "cells_total": total_cells,
        "server_ready_s": {"p50": round(percentile(ready, 50), 1), "max": round(max(ready), 1) if ready else None},
        "first_output_s": {"p50": round(percentile(first, 50), 1), "max": round(max(first), 1) if first else None},
        "memory_per_learner_mib": {"mean": round(statistics.mean(peaks) / mib), "max": round(max(peaks) / mib)},
        "cpu_per_learner_s": round(statistics.mean(cpu), 1) if cpu else None,
        "cpu_per_cell_s": round(statistics.mean(cpu) / (len(cells) * a.passes), 2) if cpu else None,
        "errors": sorted({e for l in learners for e in l.errors})[:10] + crashed[:10],
    }
    out = os.path.join(ROOT, "build", f"bench-hub-{a.learners}.json")
    with open(out, "w") as f:
        json.dump(report, f, indent=1)
    c, r, fo, m = report["cell_latency_s"], report["server_ready_s"], report["first_output_s"], report["memory_per_learner_mib"]
    print(f"bench-hub: {a.learners} learners x {len(cells)} cells of {lesson}"
          f"{f' x {a.passes} passes' if a.passes > 1 else ''}, think {a.think:g} s, "
          f"{os.cpu_count()} CPUs, load {load_before[0]:.2f} before / {load_after[0]:.2f} after, {wall:.0f} s in all")
    print(f"  cell latency     p50 {c['p50']:.2f} s   p95 {c['p95']:.2f} s   max {c['max']} s")
    for n in range(a.passes):
        print(f"  print cell p50   {report['print_cell_p50_s_by_pass'][n]:.2f} s   "
              f"plot cell p50 {report['plot_cell_p50_s_by_pass'][n]:.2f} s" + (f" (pass {n + 1})" if a.passes > 1 else ""))
    print(f"  cells failed     {failed} of {total_cells}")
    print(f"  server ready     p50 {r['p50']} s   max {r['max']} s (from login)")
    print(f"  first output     p50 {fo['p50']} s   max {fo['max']} s (from login)")
    print(f"  memory/learner   mean {m['mean']} MiB   max {m['max']} MiB (peak RSS of the learner's processes)")
    if cpu:
        print(f"  CPU/learner      {report['cpu_per_learner_s']} s in all, {report['cpu_per_cell_s']} s a cell "
              "(server, kernel, go commands, cell programs; the part of the figures that load does not change)")
    for e in report["errors"]:
        print(f"  error: {e}")
    print(f"bench-hub: {out}")
    print("bench-hub: the row of README.md's table (\"How many learners one machine holds\"):")
    print(markdown_row(report))
    return 1 if crashed else 0


def markdown_row(r):
    """The report as a row of the README's table, whose header is
    TABLE_HEADER."""
    c, fo, m = r["cell_latency_s"], r["first_output_s"], r["memory_per_learner_mib"]
    cpu = f"{r['cpu_per_learner_s']} s ({r['cpu_per_cell_s']:.2f} s a cell)" if r["cpu_per_learner_s"] is not None else "-"
    learners = str(r["learners"]) + (f" ({r['passes']} passes)" if r.get("passes", 1) > 1 else "")
    cells = [learners, f"{r['load_before'][0]:.1f} / {r['load_after'][0]:.1f}",
             f"{c['p50']:.2f} s", f"{c['p95']:.2f} s", f"{c['max']:.2f} s" if c["max"] is not None else "-",
             f"{r['print_cell_p50_s']:.2f} s", f"{r['cells_failed']} of {r['cells_total']}",
             f"{r['server_ready_s']['p50']:.1f} s", f"{fo['p50']:.1f} s", f"{m['mean']} MiB", cpu]
    return "| " + " | ".join(cells) + " |"


TABLE_HEADER = ("| learners | load before / after | cell p50 | cell p95 | cell max | print cell p50 | failed "
                "| server ready (p50) | first output (p50) | memory per learner | CPU per learner |")


if __name__ == "__main__":
    sys.exit(main())
