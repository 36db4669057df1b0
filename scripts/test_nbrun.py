#!/usr/bin/python3
"""Checks that nbrun.py passes and fails the fixture notebooks in testdata/
as it should (make test-runner). The fixtures exercise the runner only; they
are not lab notebooks. testdata/expect.json also names ghost.ipynb, which does
not exist, and leaves out no_expectation.ipynb, to prove both are caught."""

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "nbrun.py")

# name -> (verdict, substrings its reasons must contain)
WANT = {
    "good.ipynb": ("PASS", []),
    "compile_error.ipynb": ("FAIL", ["declared and not used: x"]),
    "panic.ipynb": ("FAIL", ["exit status 2", "panic in output: panic: assignment to entry in nil map"]),
    "printed_panic.ipynb": ("FAIL", ["panic in output: panic: runtime error: index out of range"]),
    "committed_outputs.ipynb": ("FAIL", ["committed with outputs"]),
    "unmet.ipynb": ("FAIL", ["0 figures shown, expected at least 1", "expected line not printed: '[1 1 1 1 1]'"]),
    "bad_metadata.ipynb": ("FAIL", ["kernelspec is 'python3'", "first code cell must be exactly %noautoget",
                                    "cell 2 reads input"]),
    "no_expectation.ipynb": ("FAIL", ["no entry in"]),
    "ghost.ipynb": ("FAIL", ["which does not exist"]),
}


def runner(*args):
    with tempfile.TemporaryDirectory() as logs:
        p = subprocess.run([sys.executable, RUNNER, "--log-dir", logs, *args],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800)
    return p.returncode, p.stdout


def verdicts(out):
    """name -> (verdict, reason lines) from the runner's report."""
    got, name = {}, None
    for line in out.splitlines():
        m = re.match(r"(PASS|FAIL) (\S+)", line)
        if m:
            name = m.group(2)
            got[name] = (m.group(1), [])
        elif line.startswith("    ") and name:
            got[name][1].append(line.strip())
    return got


def main():
    errors = []
    code, out = runner(os.path.join(HERE, "testdata"))
    print("\n".join("  | " + l for l in out.splitlines()))  # indented: CI counts only the real summary
    got = verdicts(out)
    for name, (verdict, reasons) in WANT.items():
        if name not in got:
            errors.append(f"{name}: not reported")
            continue
        if got[name][0] != verdict:
            errors.append(f"{name}: {got[name][0]}, want {verdict}")
        for r in reasons:
            if not any(r in line for line in got[name][1]):
                errors.append(f"{name}: no reason mentions {r!r}")
    if code != 1:
        errors.append(f"exit status {code}, want 1")
    last = out.strip().splitlines()[-1] if out.strip() else ""
    if last != "1 passed, 8 failed":
        errors.append(f"summary {last!r}, want '1 passed, 8 failed'")

    # No notebooks at all: nothing to run is a pass.
    with tempfile.TemporaryDirectory() as empty:
        with open(os.path.join(empty, "expect.json"), "w") as f:
            f.write("{}\n")
        code, out = runner(empty)
        if code != 0 or out.strip().splitlines()[-1:] != ["0 passed, 0 failed"]:
            errors.append(f"empty directory: exit {code}, output {out!r}")
        # A typo in expect.json is reported, not ignored.
        with open(os.path.join(empty, "expect.json"), "w") as f:
            f.write('{"a.ipynb": {"min_figure": 1}}\n')
        code, out = runner(empty)
        if code != 1 or "unknown key 'min_figure'" not in out:
            errors.append(f"misspelt expect.json key: exit {code}, output {out!r}")

    for e in errors:
        print("test_nbrun: " + e, file=sys.stderr)
    print(f"test_nbrun: {'FAIL' if errors else 'ok'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
