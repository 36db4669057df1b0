#!/usr/bin/env python3
"""Tests of hub/limits.py on fake cgroup trees: v1, v2 with delegation,
v2 without it (the limits degrade and say why)."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import limits  # noqa: E402


def put(path, text=""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def get(path):
    with open(path) as f:
        return f.read()


class CgroupsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.t = self.tmp.name
        self.lim = limits.Limits(mem_bytes=2 << 30, pids=512, cpu_cores=1.5)

    def tearDown(self):
        self.tmp.cleanup()

    def files(self, mountinfo, cgroup):
        put(os.path.join(self.t, "mountinfo"), mountinfo)
        put(os.path.join(self.t, "cgroup"), cgroup)
        return dict(mountinfo=os.path.join(self.t, "mountinfo"), proc_cgroup=os.path.join(self.t, "cgroup"))

    def test_v1_hybrid(self):
        # This machine's layout: v1 controllers, an empty unified hierarchy.
        root = os.path.join(self.t, "sys")
        mi = "\n".join([
            f"30 25 0:26 / {root}/memory rw - cgroup cgroup rw,memory",
            f"31 25 0:27 / {root}/pids rw - cgroup cgroup rw,pids",
            f"32 25 0:28 / {root}/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
            f"33 25 0:29 / {root}/unified rw - cgroup2 cgroup2 rw",
        ])
        put(os.path.join(root, "unified", "cgroup.controllers"), "hugetlb\n")
        cg = limits.Cgroups("hubtest", **self.files(mi, "4:memory:/box/1\n8:pids:/\n2:cpu,cpuacct:/\n0::/\n"))
        self.assertEqual(cg.version, 1)
        self.assertEqual(cg.bases["memory"], f"{root}/memory/box/1/hubtest")
        dirs = cg.prepare("ada", self.lim)
        self.assertEqual(len(dirs), 3)
        self.assertEqual(get(f"{root}/memory/box/1/hubtest/ada/memory.limit_in_bytes"), str(2 << 30))
        self.assertEqual(get(f"{root}/pids/hubtest/ada/pids.max"), "512")
        self.assertEqual(get(f"{root}/cpu,cpuacct/hubtest/ada/cpu.shares"), "1024")
        self.assertEqual(get(f"{root}/cpu,cpuacct/hubtest/ada/cpu.cfs_quota_us"), "150000")
        self.assertTrue(all("cgroup v1" in line for line in cg.describe(self.lim)), cg.describe(self.lim))

    def test_v2_delegated(self):
        root = os.path.join(self.t, "cg2")
        put(os.path.join(root, "cgroup.controllers"), "cpu memory pids io\n")
        put(os.path.join(root, "hub.service", "cgroup.controllers"), "cpu memory pids\n")
        cg = limits.Cgroups("hubtest", **self.files(f"29 1 0:25 / {root} rw - cgroup2 cgroup2 rw\n", "0::/hub.service\n"))
        self.assertEqual(cg.version, 2)
        dirs = cg.prepare("ada", self.lim)
        self.assertEqual(dirs, [os.path.join(root, "hub.service", "hubtest", "ada")])
        self.assertEqual(get(os.path.join(dirs[0], "memory.max")), str(2 << 30))
        self.assertEqual(get(os.path.join(dirs[0], "pids.max")), "512")
        self.assertEqual(get(os.path.join(dirs[0], "cpu.max")), "150000 100000")
        self.assertEqual(get(os.path.join(dirs[0], "cpu.weight")), "100")

    def test_v2_without_delegation_degrades(self):
        root = os.path.join(self.t, "cg2")
        put(os.path.join(root, "cgroup.controllers"), "cpu memory pids\n")
        put(os.path.join(root, "user.slice", "cgroup.controllers"), "memory pids\n")
        # The hub's cgroup holds processes: enabling controllers below it fails.
        os.makedirs(os.path.join(root, "user.slice", "cgroup.subtree_control"))
        cg = limits.Cgroups("hubtest", **self.files(f"29 1 0:25 / {root} rw - cgroup2 cgroup2 rw\n", "0::/user.slice\n"))
        self.assertEqual(cg.version, 2)
        self.assertEqual(cg.bases, {})
        text = "\n".join(cg.describe(self.lim))
        self.assertIn("memory: NOT ENFORCED", text)
        self.assertIn("pids: RLIMIT_NPROC only", text)
        self.assertEqual(cg.prepare("ada", self.lim), [])

    def test_no_cgroups_at_all(self):
        cg = limits.Cgroups("hubtest", mountinfo="/nonexistent/mountinfo", proc_cgroup="/nonexistent/cgroup")
        self.assertEqual(cg.bases, {})
        self.assertIn("cpu: NOT ENFORCED", "\n".join(cg.describe(self.lim)))

    def test_remove(self):
        d = os.path.join(self.t, "g", "ada")
        put(os.path.join(d, "cgroup.procs"), "")
        # A real cgroup directory is removable while it holds its control
        # files; here the fake file must go first.
        os.remove(os.path.join(d, "cgroup.procs"))
        limits.Cgroups.remove([d])
        self.assertFalse(os.path.exists(d))


if __name__ == "__main__":
    unittest.main()
