"""JupyterHub 3.0 configuration of the gmmlab class hub (started by `make hub`).

Everything is set from environment variables, which docker/hub.sh documents
and passes:

  HUB_IP, HUB_PORT        the public address (127.0.0.1:8000)
  HUB_API_PORT            the hub's internal API (HUB_PORT+1)
  HUB_PROXY_API_PORT      the proxy's REST API (HUB_PORT+2)
  HUB_SERVER_PORTS        the learners' servers, FIRST-LAST (HUB_PORT+10 to HUB_PORT+99)
  HUB_STATE               the hub's database, cookie secret and pid files (mode 0700)
  HUB_PREFIX              what docker/hub-install.sh installed
  HUB_GROUP               the group of the roster's accounts: only they may log in
  HUB_ADMINS              admin user names (in the roster)
  HUB_MEM_LIMIT           memory per learner (2G), HUB_PIDS_LIMIT processes and
                          threads per learner (1024), HUB_CPU_LIMIT cores per
                          learner (none: equal shares only)
  HUB_START_TIMEOUT       seconds a server may take to start (120)
  HUB_CULL_IDLE           stop a server idle this many seconds (3600; 0: never)
  HUB_CULL_EVERY          how often to look (60 s)
  HUB_CGROUP              the name of the hub's cgroup below its own (gmmlab-hub)

Authentication is PAM against the system accounts the roster created
(hub/roster.py), restricted to HUB_GROUP. Each server runs as its learner
through LocalProcessSpawner's setuid, inside the learner's cgroup
(hub/limits.py), on a port of HUB_SERVER_PORTS.
"""
import os
import pwd
import re
import socket
import sys

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Integer, Unicode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import limits  # noqa: E402

c = get_config()  # noqa: F821 (provided by JupyterHub)

env = os.environ.get
hub_ip = env("HUB_IP") or "127.0.0.1"
hub_port = int(env("HUB_PORT") or 8000)
state = env("HUB_STATE") or "/var/lib/gmmlab-hub"
prefix = env("HUB_PREFIX") or "/opt/gmmlab-hub"
group = env("HUB_GROUP") or "gmmlab-learners"
admins = {a for a in re.split(r"[,\s]+", env("HUB_ADMINS") or "") if a}
cull_idle = int(env("HUB_CULL_IDLE") or 3600)
cull_every = int(env("HUB_CULL_EVERY") or 60)

# ---- network: the public proxy on HUB_IP, everything else on 127.0.0.1
c.JupyterHub.bind_url = f"http://{hub_ip}:{hub_port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("HUB_API_PORT") or hub_port + 1)
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(env('HUB_PROXY_API_PORT') or hub_port + 2)}"
c.Spawner.ip = "127.0.0.1"

# ---- state: outside every served directory, private to root
c.JupyterHub.db_url = f"sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{state}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = f"{state}/jupyterhub.pid"
c.ConfigurableHTTPProxy.pid_file = f"{state}/jupyterhub-proxy.pid"
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the learners' servers

# ---- who may log in
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {group}
c.Authenticator.admin_users = admins
c.LocalAuthenticator.create_system_users = False  # hub/roster.py makes accounts
c.JupyterHub.admin_access = False  # admins manage servers, they do not open them


class GmmlabSpawner(LocalProcessSpawner):
    """LocalProcessSpawner that never runs a server as a system account,
    picks ports from a fixed range, and puts each learner's server (with
    its kernels and everything they start) in the learner's cgroup."""

    pids_limit = Integer(None, allow_none=True, help="processes and threads per learner").tag(config=True)
    port_range = Unicode("", help="FIRST-LAST: the ports single-user servers listen on").tag(config=True)
    cgroup_name = Unicode("gmmlab-hub", help="the cgroup below the hub's own holding the learners'").tag(config=True)

    _cgroups = None
    _ports = {}  # user name -> port of that user's running server

    @classmethod
    def cgroups(cls, name, log):
        if cls._cgroups is None:
            cls._cgroups = limits.Cgroups(name, log=log)
        return cls._cgroups

    def _limits(self):
        return limits.Limits(mem_bytes=self.mem_limit or None, pids=self.pids_limit, cpu_cores=self.cpu_limit)

    def _pick_port(self):
        first, last = (int(x) for x in self.port_range.split("-"))
        taken = set(GmmlabSpawner._ports.values())
        for port in range(first, last + 1):
            if port in taken:
                continue
            with socket.socket() as s:
                try:
                    s.bind((self.ip or "127.0.0.1", port))
                except OSError:
                    continue
            GmmlabSpawner._ports[self.user.name] = port
            return port
        raise RuntimeError(f"no free port left in {self.port_range} for {self.user.name}'s server")

    def _clean_up(self):
        """Releases the port and removes the learner's cgroups, killing what
        is left in them (a kernel whose server died, a background job)."""
        GmmlabSpawner._ports.pop(self.user.name, None)
        cg = self.cgroups(self.cgroup_name, self.log)
        dirs = sorted({os.path.join(b, self.user.name) for b in cg.bases.values()})
        limits.Cgroups.remove([d for d in dirs if os.path.isdir(d)], log=self.log)

    async def start(self):
        pw = pwd.getpwnam(self.user.name)
        if pw.pw_uid < limits_min_uid:
            raise RuntimeError(f"refusing to start a server for the system account {self.user.name}")
        self._clean_up()  # what a server that died on its own left behind
        if self.port_range:
            self.port = self._pick_port()
        cg = self.cgroups(self.cgroup_name, self.log)
        try:
            self._cg_dirs = cg.prepare(self.user.name, self._limits())
            return await super().start()
        except BaseException:
            self._clean_up()
            raise

    def make_preexec_fn(self, name):
        become_user = super().make_preexec_fn(name)
        dirs, lim = list(getattr(self, "_cg_dirs", [])), self._limits()

        def preexec():
            limits.Cgroups.join(dirs)  # as root, before setuid
            limits.set_rlimits(lim)
            become_user()

        return preexec

    async def poll(self):
        status = await super().poll()
        if status is not None and self.user.name in GmmlabSpawner._ports:
            self._clean_up()  # the server exited by itself
        return status

    async def stop(self, now=False):
        try:
            await super().stop(now=now)
        finally:
            self._clean_up()


limits_min_uid = 1000
c.JupyterHub.spawner_class = GmmlabSpawner
c.GmmlabSpawner.port_range = env("HUB_SERVER_PORTS") or f"{hub_port + 10}-{hub_port + 99}"
c.GmmlabSpawner.cgroup_name = env("HUB_CGROUP") or "gmmlab-hub"
c.Spawner.mem_limit = env("HUB_MEM_LIMIT") or "2G"
c.GmmlabSpawner.pids_limit = int(env("HUB_PIDS_LIMIT") or 1024)
if env("HUB_CPU_LIMIT"):
    c.Spawner.cpu_limit = float(env("HUB_CPU_LIMIT"))
c.Spawner.cmd = [f"{prefix}/bin/gmmlab-singleuser"]
c.Spawner.notebook_dir = "~/gmmlab"
c.Spawner.default_url = "/tree"
c.Spawner.disable_user_config = True  # no ~/.jupyter config can undo these settings
c.Spawner.env_keep = ["LANG", "LC_ALL"]  # PATH and the rest come from lib/env.sh
c.Spawner.environment = {"PATH": f"{prefix}/bin:/usr/local/bin:/usr/bin:/bin"}
# A first start on a busy machine imports Jupyter and copies the lessons; a
# whole class starting at once on a small machine may need more.
c.Spawner.start_timeout = int(env("HUB_START_TIMEOUT") or 120)
c.Spawner.http_timeout = c.Spawner.start_timeout

# ---- idle servers are stopped by hub/culler.py, run as nobody with only the
# scopes it needs.
if cull_idle > 0:
    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": ["/usr/bin/python3", f"{prefix}/lib/culler.py", f"--timeout={cull_idle}", f"--every={cull_every}"],
        "user": "nobody",
        "cwd": "/",
    }]
    c.JupyterHub.load_roles = [{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }]
    # Activity reaches the hub at least as often as the culler looks.
    c.JupyterHub.last_activity_interval = min(300, cull_every)
    c.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] = str(min(300, cull_every))


def _log_limits():
    import logging
    log = logging.getLogger("JupyterHub")
    cg = GmmlabSpawner.cgroups(c.GmmlabSpawner.cgroup_name, log)
    from jupyterhub.traitlets import ByteSpecification
    mem = ByteSpecification().validate(None, c.Spawner.mem_limit)
    lim = limits.Limits(mem, c.GmmlabSpawner.pids_limit, c.Spawner.cpu_limit if "cpu_limit" in c.Spawner else None)
    for line in cg.describe(lim):
        print(f"gmmlab hub: limit per learner: {line}", file=sys.stderr)


_log_limits()
