#!/usr/bin/env python3
"""Tests of hub/culler.py against a fake hub API."""
import copy
import datetime
import http.server
import json
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import culler  # noqa: E402

NOW = datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)


def ago(seconds):
    return (NOW - datetime.timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


USERS = [
    {"name": "ada", "servers": {"": {"ready": True, "pending": None, "last_activity": ago(4000)}}},
    {"name": "bob", "servers": {"": {"ready": True, "pending": None, "last_activity": ago(100)}}},
    {"name": "cy", "servers": {"": {"ready": True, "pending": None, "last_activity": None, "started": ago(5000)}}},
    {"name": "di", "servers": {"": {"ready": False, "pending": "spawn", "last_activity": ago(9000)}}},
    {"name": "ed", "servers": {}},
]


class CullerTest(unittest.TestCase):
    def test_idle_servers(self):
        got = [(u, s) for u, s, _ in culler.idle_servers(USERS, 3600, NOW)]
        self.assertEqual(got, [("ada", ""), ("cy", "")])

    def test_cull_once_against_an_api(self):
        calls = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                calls.append(("GET", self.path, self.headers["Authorization"]))
                users = copy.deepcopy(USERS)
                for u in users:  # relative to the real clock
                    for s in u["servers"].values():
                        for k in ("last_activity", "started"):
                            if s.get(k):
                                t = culler.parse_time(s[k]) - NOW + datetime.datetime.now(datetime.timezone.utc)
                                s[k] = t.isoformat()
                body = json.dumps(users).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def do_DELETE(self):
                calls.append(("DELETE", self.path, self.headers["Authorization"]))
                self.send_response(204)
                self.end_headers()

        srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        try:
            hub = culler.Hub(f"http://127.0.0.1:{srv.server_port}/hub/api", "secret")
            self.assertEqual(culler.cull_once(hub, 3600, log=lambda m: None), 2)
        finally:
            srv.shutdown()
        self.assertEqual(calls[0], ("GET", "/hub/api/users?state=ready", "token secret"))
        self.assertEqual([c[1] for c in calls[1:]], ["/hub/api/users/ada/server", "/hub/api/users/cy/server"])


if __name__ == "__main__":
    unittest.main()
