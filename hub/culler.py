#!/usr/bin/env python3
"""Stops learners' servers that have been idle too long: a JupyterHub service.

The hub starts it (see jupyterhub_config.py) with an API token whose role
grants only list:users, read:users:activity, read:servers and
delete:servers, as jupyterhub-idle-culler does. Every --every seconds it
lists the users with a running server (GET /users?state=ready) and stops
each server whose last activity is older than --timeout seconds (DELETE
/users/NAME/server). A server's last activity is what its single-user server
reports to the hub: a request from the learner's browser, a kernel that
runs a cell. The learner's files stay; logging in again starts a new server.

Standard library only; runs as an unprivileged user.
"""
import argparse
import datetime
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def parse_time(s):
    """Parses the hub's ISO 8601 times ("2024-05-01T10:00:00.123456Z")."""
    if not s:
        return None
    t = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=datetime.timezone.utc)


def idle_servers(users, timeout, now):
    """Returns [(user name, server name, idle seconds)] of ready servers idle
    longer than timeout. A server without any activity yet counts from its
    start."""
    out = []
    for u in users:
        for sname, s in (u.get("servers") or {}).items():
            if not s.get("ready") or s.get("pending"):
                continue
            last = parse_time(s.get("last_activity")) or parse_time(s.get("started"))
            if last is None:
                continue
            idle = (now - last).total_seconds()
            if idle > timeout:
                out.append((u["name"], sname, idle))
    return out


class Hub:
    def __init__(self, url, token):
        self.url, self.token = url.rstrip("/"), token

    def call(self, method, path):
        req = urllib.request.Request(self.url + path, method=method,
                                     headers={"Authorization": "token " + self.token})
        with urllib.request.urlopen(req, timeout=60) as r:
            body = r.read()
        return json.loads(body) if body else None

    def users(self):
        return self.call("GET", "/users?state=ready") or []

    def stop(self, user, server):
        path = f"/users/{urllib.parse.quote(user)}/server"
        if server:
            path = f"/users/{urllib.parse.quote(user)}/servers/{urllib.parse.quote(server)}"
        self.call("DELETE", path)


def cull_once(hub, timeout, log=print):
    now = datetime.datetime.now(datetime.timezone.utc)
    stopped = 0
    for user, server, idle in idle_servers(hub.users(), timeout, now):
        try:
            hub.stop(user, server)
            stopped += 1
            log(f"culler: stopped {user}'s server{' ' + server if server else ''}, idle {idle:.0f} s")
        except urllib.error.HTTPError as e:
            log(f"culler: stopping {user}'s server failed: HTTP {e.code}")
    return stopped


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--timeout", type=float, default=3600, help="idle seconds before a server is stopped")
    p.add_argument("--every", type=float, default=60, help="seconds between checks")
    a = p.parse_args(argv)
    hub = Hub(os.environ["JUPYTERHUB_API_URL"], os.environ["JUPYTERHUB_API_TOKEN"])
    print(f"culler: stopping servers idle for {a.timeout:.0f} s, checking every {a.every:.0f} s", flush=True)
    while True:
        try:
            cull_once(hub, a.timeout, log=lambda m: print(m, flush=True))
        except (OSError, ValueError) as e:
            print(f"culler: {e}", file=sys.stderr, flush=True)
        time.sleep(a.every)


if __name__ == "__main__":
    main()
