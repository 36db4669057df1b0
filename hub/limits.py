"""Per-learner limits for the hub's single-user servers, through cgroups.

Each learner's server, its kernels and everything their cells start run in
one control group per learner, GROUP/<username>, made under the hub's own
control group (so a hub inside a container or a systemd unit stays inside
it). Three limits:

  memory   memory.max (v2) or memory.limit_in_bytes (v1): a cell that
           allocates past it is killed by the kernel's OOM killer, not the
           machine;
  pids     pids.max: processes and threads, so a fork bomb stops there;
  cpu      every learner's group has the same weight (cpu.weight 100 or
           cpu.shares 1024), so the CPU is shared per learner and not per
           process; cpu_limit cores, when given, is a hard quota (cpu.max or
           cpu.cfs_quota_us).

Both cgroup v2 (the unified hierarchy, where the hub's cgroup must allow
the controllers in its subtree: a systemd unit with Delegate=yes, or a
container's root cgroup) and v1 (one hierarchy per controller) are used,
whichever this machine has writable. What is not available degrades with a
warning in the hub's log and does not stop the hub: the number of
processes is then still bounded by RLIMIT_NPROC, which counts per user id
and is always set.

Standard library only, imported by jupyterhub_config.py; the paths of
/proc and /sys are parameters so that the tests can use a fake tree.
"""
import errno
import os
import resource
import signal

V1_CONTROLLERS = ("memory", "pids", "cpu")


class Limits:
    """What one learner may use; None means no limit of that kind."""

    def __init__(self, mem_bytes=None, pids=None, cpu_cores=None):
        self.mem_bytes, self.pids, self.cpu_cores = mem_bytes, pids, cpu_cores


def parse_mountinfo(text):
    """Returns {"v2": mount point or None, "v1": {controller: mount point}}."""
    v1, v2 = {}, None
    for line in text.splitlines():
        left, _, right = line.partition(" - ")
        fields, rfields = left.split(), right.split()
        if len(fields) < 5 or len(rfields) < 3:
            continue
        mount, fstype, opts = fields[4], rfields[0], rfields[2].split(",")
        if fstype == "cgroup2" and v2 is None:
            v2 = mount
        elif fstype == "cgroup":
            for c in V1_CONTROLLERS:
                if c in opts and c not in v1:
                    v1[c] = mount
    return {"v2": v2, "v1": v1}


def parse_proc_cgroup(text):
    """Returns {"v2": path or None, "v1": {controller: path}} from /proc/PID/cgroup."""
    v1, v2 = {}, None
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, ctrls, path = parts
        if ctrls == "":
            v2 = path
        for c in ctrls.split(","):
            if c in V1_CONTROLLERS:
                v1[c] = path
    return {"v2": v2, "v1": v1}


def read(path):
    with open(path) as f:
        return f.read()


def write(path, value):
    with open(path, "w") as f:
        f.write(str(value))


class Cgroups:
    """The per-learner groups under the hub's own cgroup, named group."""

    def __init__(self, group="gmmlab-hub", mountinfo="/proc/self/mountinfo", proc_cgroup="/proc/self/cgroup",
                 log=None):
        self.group = group
        self.log = log
        self.version = None
        self.bases = {}  # controller -> directory of `group`
        self.missing = {}  # controller -> reason
        try:
            mounts = parse_mountinfo(read(mountinfo))
            own = parse_proc_cgroup(read(proc_cgroup))
        except OSError as e:
            self.missing = {c: f"cannot read the cgroup mounts: {e}" for c in V1_CONTROLLERS}
            return
        v2root = mounts["v2"]
        if v2root and own["v2"] is not None and os.path.exists(os.path.join(v2root, "cgroup.controllers")) \
                and self._v2_controllers(v2root, own["v2"]):
            self._setup_v2(v2root, own["v2"])
        else:
            self._setup_v1(mounts["v1"], own["v1"])

    @staticmethod
    def _v2_controllers(root, path):
        try:
            return set(read(os.path.join(root, path.lstrip("/"), "cgroup.controllers")).split()) & set(V1_CONTROLLERS)
        except OSError:
            return set()

    def _setup_v2(self, root, path):
        self.version = 2
        own = os.path.join(root, path.lstrip("/"))
        have = self._v2_controllers(root, path)
        base = os.path.join(own, self.group)
        try:
            os.makedirs(base, exist_ok=True)
        except OSError as e:
            self.missing = {c: f"cannot create {base}: {e.strerror}" for c in V1_CONTROLLERS}
            return
        # The controllers must be enabled in the hub's cgroup and in the group
        # for the learners' groups to have them. The hub's own cgroup refuses
        # (EBUSY) while it holds processes, unless it is the root: run the hub
        # in a delegated cgroup (systemd: Delegate=yes) with itself in a leaf.
        for d in (own, base):
            ctl = os.path.join(d, "cgroup.subtree_control")
            try:
                write(ctl, " ".join("+" + c for c in sorted(have)))
            except OSError:
                for c in sorted(have):  # one by one: enable what can be
                    try:
                        write(ctl, "+" + c)
                    except OSError as e:
                        self.missing.setdefault(c, f"cannot enable {c} in {d}: {e.strerror}")
            try:
                have &= {w.lstrip("+") for w in read(ctl).split()}
            except OSError:
                have = set()
        enabled = have
        for c in V1_CONTROLLERS:
            if c in enabled:
                self.bases[c] = base
                self.missing.pop(c, None)
            elif c not in self.missing:
                self.missing[c] = "not available in this cgroup v2 hierarchy"

    def _setup_v1(self, mounts, own):
        self.version = 1
        for c in V1_CONTROLLERS:
            if c not in mounts or c not in own:
                self.missing[c] = "no cgroup controller mounted"
                continue
            base = os.path.join(mounts[c], own[c].lstrip("/"), self.group)
            try:
                os.makedirs(base, exist_ok=True)
                if not os.access(base, os.W_OK):
                    raise PermissionError(errno.EACCES, "not writable")
                self.bases[c] = base
            except OSError as e:
                self.missing[c] = f"cannot create {base}: {e.strerror}"

    def describe(self, limits):
        """One line per limit: how it is enforced, or why it is not."""
        lines = []
        want = {"memory": limits.mem_bytes, "pids": limits.pids, "cpu": True}
        for c in V1_CONTROLLERS:
            if want[c] is None:
                lines.append(f"{c}: no limit configured")
            elif c in self.bases:
                lines.append(f"{c}: cgroup v{self.version} under {self.bases[c]}")
            elif c == "pids":
                lines.append(f"pids: RLIMIT_NPROC only ({self.missing.get(c)})")
            else:
                lines.append(f"{c}: NOT ENFORCED ({self.missing.get(c)})")
        return lines

    def prepare(self, name, limits):
        """Creates the learner's groups with their limits and returns the
        directories that the server process must join."""
        dirs = []
        seen = set()
        for c, base in self.bases.items():
            d = os.path.join(base, name)
            if d not in seen:
                os.makedirs(d, exist_ok=True)
                seen.add(d)
                dirs.append(d)
            try:
                self._limit(c, d, limits)
            except OSError as e:
                if self.log:
                    self.log.warning("cgroup %s limit for %s not set: %s", c, name, e)
        return dirs

    def _limit(self, c, d, limits):
        v2 = self.version == 2
        if c == "memory" and limits.mem_bytes:
            write(os.path.join(d, "memory.max" if v2 else "memory.limit_in_bytes"), int(limits.mem_bytes))
            # No swapping around the limit where swap exists (best effort).
            try:
                write(os.path.join(d, "memory.swap.max" if v2 else "memory.memsw.limit_in_bytes"),
                      0 if v2 else int(limits.mem_bytes))
            except OSError:
                pass
        elif c == "pids" and limits.pids:
            write(os.path.join(d, "pids.max"), int(limits.pids))
        elif c == "cpu":
            write(os.path.join(d, "cpu.weight" if v2 else "cpu.shares"), 100 if v2 else 1024)
            period = 100000
            if limits.cpu_cores:
                quota = max(1000, int(limits.cpu_cores * period))
                if v2:
                    write(os.path.join(d, "cpu.max"), f"{quota} {period}")
                else:
                    write(os.path.join(d, "cpu.cfs_period_us"), period)
                    write(os.path.join(d, "cpu.cfs_quota_us"), quota)

    @staticmethod
    def join(dirs):
        """Moves the calling process into dirs: for a preexec_fn, as root."""
        pid = str(os.getpid())
        for d in dirs:
            write(os.path.join(d, "cgroup.procs"), pid)

    @staticmethod
    def remove(dirs, log=None):
        """Kills what is left in the learner's groups and removes them."""
        for d in dirs:
            try:
                pids = [int(p) for p in read(os.path.join(d, "cgroup.procs")).split()]
            except OSError:
                continue
            for p in pids:
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        for d in dirs:
            for _ in range(50):
                try:
                    os.rmdir(d)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    import time
                    time.sleep(0.1)
            else:
                if log:
                    log.warning("cgroup %s still busy, left in place", d)


def set_rlimits(limits):
    """For a preexec_fn, before setuid: RLIMIT_NPROC bounds the user's
    processes and threads even where no pids cgroup exists."""
    if limits.pids:
        resource.setrlimit(resource.RLIMIT_NPROC, (int(limits.pids), int(limits.pids)))
