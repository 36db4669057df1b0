#!/usr/bin/python3
"""Run a lesson's Python twin section by section; nbrun.py calls it.

Usage: twinrun.py TWIN.py RESULT.json

The twin is an ordinary Python script (learners run it with python3), cut
into sections by marker lines that name the lesson's code cell each section
mirrors:

    # %% cell 8
    gmm = GaussianMixture(n_components=2, random_state=0).fit(X)
    print(gmm.weights_)

(see nbcompare.parse_twin for the marker forms). All sections run in order
in one namespace, as the whole script would, with matplotlib's Agg backend.
For each section RESULT.json records what it printed on stdout and stderr,
how many figures it made (those shown with plt.show() and those still open
when the section ends; each is then closed), and the error that stopped it,
if any: the run stops at the first error. The code before the first marker
is section "preamble".
"""

import contextlib
import io
import json
import os
import sys
import time
import traceback

os.environ["MPLBACKEND"] = "Agg"

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import nbcompare  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    path, result_path = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(path) as f:
        source = f.read()
    sections, problems = nbcompare.parse_twin(source)
    result = {"sections": [], "problems": problems}
    if problems:
        write(result_path, result)
        return 0

    figures = [0]
    plt = None
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        def show(*args, **kwargs):
            figures[0] += len(plt.get_fignums())
            plt.close("all")

        plt.show = show
    except ImportError:
        pass  # a twin that does not plot needs no matplotlib

    # As `python3 twin.py` would: the twin's directory first on the path (for
    # helper modules beside it) and as the working directory.
    os.chdir(os.path.dirname(path))
    sys.path.insert(0, os.path.dirname(path))
    sys.argv = [path]
    ns = {"__name__": "__main__", "__file__": path}
    for sec in sections:
        out, err = io.StringIO(), io.StringIO()
        figures[0] = 0
        error = None
        start = time.monotonic()
        # Leading newlines keep the script's line numbers in tracebacks.
        code = "\n" * (sec["line"] - 1) + sec["code"]
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                exec(compile(code, path, "exec"), ns)
        except BaseException as e:  # noqa: BLE001 - report anything, SystemExit included
            # The traceback from the twin's code on, without this runner's frame.
            error = "".join(traceback.format_exception(type(e), e, e.__traceback__.tb_next))
        if plt is not None:
            figures[0] += len(plt.get_fignums())
            plt.close("all")
        result["sections"].append({
            "cell": sec["cell"], "mode": sec["mode"], "reason": sec["reason"], "line": sec["line"],
            "stdout": out.getvalue(), "stderr": err.getvalue(), "figures": figures[0],
            "error": error, "seconds": time.monotonic() - start,
        })
        if error:
            break
    write(result_path, result)
    return 0


def write(path, result):
    with open(path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    sys.exit(main())
