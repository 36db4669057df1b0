#!/usr/bin/python3
"""Checks that nbrun.py passes and fails what it should (make test-runner).

1. nbcompare's pieces, without a kernel: reading printed values, the
   tolerance, the twin's markers, blank figures, dropped plotting.Show
   errors, NaN and error text.
2. The fixture notebooks of testdata/ and their twins in testdata/python/:
   each passes or fails with the reasons listed in WANT. They exercise the
   runner only; they are not lab notebooks. testdata/python/ghost.py is the
   twin of a notebook that does not exist, and no_twin.ipynb has no twin.
3. A real lesson, 02-quick-start, copied with its twin and edited three
   ways: to print a wrong number, to print NaN, to show a blank figure. The
   unedited copy passes; each edited one fails, naming the cell and what is
   wrong.
4. make html's pages (scripts/nbhtml.py) render their formulas anywhere:
   testdata/html/formulas.ipynb is converted, the folder moved elsewhere,
   and headless Chromium shows its three formulas typeset by the MathJax
   shipped beside the page; the same page pointed at a MathJax that is not
   there shows none, which proves the check can fail.
"""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RUNNER = os.path.join(HERE, "nbrun.py")
sys.path.insert(0, HERE)
import nbcompare  # noqa: E402

errors = []


def check(ok, what):
    if not ok:
        errors.append(what)


# ---- 1. pieces -------------------------------------------------------------

def png(color, size=(60, 40), draw=None):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, color)
    if draw:
        draw(ImageDraw.Draw(img))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def test_pieces():
    v = nbcompare.values
    for text, want in [
        ("X shape: (200, 2)", ["200", "2"]),
        ("the 2nd X1 of plot_gmm in 1.2.1", ["1.2"]),
        ("⎡ 1.7641  -0.4002⎤\n⎣-1.3e-05   7.⎦", ["1.7641", "-0.4002", "-1.3e-05", "7."]),
        ("converged: True after 5 iterations", ["True", "5"]),
        ("Group counts: {0: 100, 1: 100}", ["0", "100", "1", "100"]),
        ("K =  3: ln L = -6007.95  ← best", ["3", "-6007.95"]),
    ]:
        check(v(text) == want, f"values({text!r}) = {v(text)}, want {want}")

    same = nbcompare.same_value
    for a, b, want in [
        ("0.317", "0.31703", True),      # the coarser print is a rounding of the finer
        ("0.317", "0.318", False),       # one unit in the last digit is a wrong number
        ("0.3170", "0.317", True),
        ("1.", "1.000", True),           # numpy trims trailing zeros
        ("100", "100", True),
        ("100", "101", False),           # integers exactly
        ("1", "1.0", True),
        ("2", "2.4", False),
        ("5.93858015e-61", "5.93858015e-061", True),
        ("5.93858015e-61", "5.93858016e-61", False),
        ("true", "True", True),
        ("1", "true", False),
        ("1453.721926098261", "1453.7219260982612", True),   # 1e-9 relative
        ("1453.721926098261", "1453.7219360982612", False),
        ("-0.000", "0.000", True),
        ("12140.230", "12140.240", False),
    ]:
        check(same(a, b) == want, f"same_value({a}, {b}) = {not want}, want {want}")

    cmp = nbcompare.compare_values
    check(cmp(["1", "2"], ["1", "2"]) is None, "equal lists differ")
    msg = cmp(["1", "0.318"], ["1", "0.317"]) or ""
    check("value 2 of 2: Go printed 0.318, Python 0.317" in msg, f"mismatch message {msg!r}")
    msg = cmp(["1", "2"], ["1", "2", "3"]) or ""
    check("Go printed 2 values, Python 3" in msg and "Python's value 3 is 3" in msg, f"count message {msg!r}")
    check(nbcompare.exact_lines("a\nb  \n\n", "a\nb") is None, "exact_lines should ignore trailing blanks")
    check("line 2" in (nbcompare.exact_lines("a\nb", "a\nc") or ""), "exact_lines missed a different line")

    secs, probs = nbcompare.parse_twin("import x\n# %% cell 3\nprint(1)\n# %% cell 5 exact\n# %% cell 7 uncompared: clock\n")
    check(probs == [], f"parse_twin problems {probs}")
    check([(s["cell"], s["mode"], s["line"]) for s in secs] == [(None, "preamble", 1), (3, "compare", 3),
                                                                  (5, "exact", 5), (7, "uncompared", 6)],
          f"parse_twin sections {[(s['cell'], s['mode'], s['line']) for s in secs]}")
    check(secs[3]["reason"] == "clock", "uncompared reason lost")
    _, probs = nbcompare.parse_twin("# %% cell 4\n# %% cell 3\n# %% cel 5\n# %%\n")
    check(len(probs) == 3 and "increasing order" in " ".join(probs), f"parse_twin misses bad markers: {probs}")
    _, probs = nbcompare.parse_twin("print(1)\n")
    check(probs and "no section markers" in probs[0], "a twin without markers is accepted")

    blank = nbcompare.blank_figure
    check("nearly uniform" in (blank(png("white")) or ""), "an all-white figure is not blank")
    check("nearly uniform" in (blank(png((30, 60, 200))) or ""), "a one-colour figure is not blank")
    axes_only = png("white", draw=lambda d: [d.line((5, 35, 55, 35), fill="black", width=2),
                                             d.line((5, 5, 5, 35), fill="black", width=2),
                                             d.text((20, 10), "BIC", fill="black")])
    check("no coloured data" in (blank(axes_only) or ""), "axes and text without data count as a figure")
    dots = png("white", draw=lambda d: [d.ellipse((x, y, x + 4, y + 4), fill=(68, 1, 84))
                                        for x in range(5, 55, 7) for y in range(5, 35, 7)])
    check(blank(dots) is None, f"a scatter of dots is blank: {blank(dots)}")

    ign = nbcompare.ignored_show
    for src, want in [
        ("p := x\nplotting.Show(p)\n", True),
        ("\t_ = plotting.Show(a, b)", True),
        ("plotting.Display{DPI: 50}.Show(p)", True),
        ("nb.Check(plotting.Show(p))", False),
        ("err := plotting.Show(p)\nnb.Check(err)", False),
        ("// plotting.Show(p) would drop the error", False),
    ]:
        check(bool(ign(src)) == want, f"ignored_show({src!r}) = {ign(src)!r}")

    check(nbcompare.nonfinite("mean: NaN") == "NaN" and nbcompare.nonfinite("-Inf") == "-Inf", "NaN/Inf missed")
    check(nbcompare.nonfinite("information, inference, nano") is None, "words taken for NaN/Inf")
    check(nbcompare.error_text("x\nerror: singular\n") == "error: singular", "nb.Check's text missed")
    check(nbcompare.error_text("fit: gmmlab: X has NaN") is not None, "a gmmlab: message missed")
    check(nbcompare.error_text("mean squared error: 0.5") is None, "ordinary words taken for error text")


# ---- 2. fixtures -----------------------------------------------------------

# name -> (verdict, substrings its reasons must contain)
WANT = {
    "good.ipynb": ("PASS", ["note: cell 4 not compared: a clock reading differs on every run"]),
    "silent.ipynb": ("FAIL", ["no value compared with the twin"]),
    "compile_error.ipynb": ("FAIL", ["declared and not used: x"]),
    "panic.ipynb": ("FAIL", ["exit status 2", "panic in output: panic: assignment to entry in nil map"]),
    "printed_panic.ipynb": ("FAIL", ["panic in output: panic: runtime error: index out of range"]),
    "committed_outputs.ipynb": ("FAIL", ["committed with outputs"]),
    "bad_metadata.ipynb": ("FAIL", ["kernelspec is 'python3'", "first code cell must be exactly %noautoget",
                                    "cell 2 reads input"]),
    "no_twin.ipynb": ("FAIL", ["no Python twin"]),
    "ghost.ipynb": ("FAIL", ["which does not exist"]),
    "ignored_show.ipynb": ("FAIL", ["cell 2 drops the error of plotting.Show: 'plotting.Show(p)'"]),
    "twin_problems.ipynb": ("FAIL", ["a section marker is", "'# %% cell 2' names a markdown cell"]),
    "twin_raises.ipynb": ("FAIL", ["its section for cell 2 raised", "ZeroDivisionError"]),
    "mismatches.ipynb": ("FAIL", [
        "cell 3 (%% ...): value 1 of 2: Go printed 0.318, Python 0.317",
        "cell 4 (%% ...): NaN in output",
        "cell 5 (%% ...): error text in output: 'gmmlab: X has 3 features but the model was fit on 2'",
        "cell 6 (%% ...): figure 1 is blank (nearly uniform",
        "cell 7 (%% ...) shows 1 figures, its twin section 0",
        "cell 8 (%% ...): Go printed 2 values, Python 3",
        "cell 9 (%% ...) prints 1 values and shows 0 figures, but the twin has no '# %% cell 9' section",
        "cell 10 (%% ...): not the twin's lines: line 1: Go printed 'Group counts: map[0:100 1:100]', "
        "Python 'Group counts: {0: 100, 1: 100}'",
    ]),
}
# Reasons that must not appear: cell 11 is tagged shows-nan.
UNWANTED = {"mismatches.ipynb": ["cell 11"]}


def runner(*args, timeout=1800):
    with tempfile.TemporaryDirectory() as logs:
        p = subprocess.run([sys.executable, RUNNER, "--log-dir", logs, *args],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
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


def expect(out, code, want, unwanted, summary):
    got = verdicts(out)
    for name, (verdict, reasons) in want.items():
        if name not in got:
            errors.append(f"{name}: not reported")
            continue
        if got[name][0] != verdict:
            errors.append(f"{name}: {got[name][0]}, want {verdict}")
        for r in reasons:
            if not any(r in line for line in got[name][1]):
                errors.append(f"{name}: no reason mentions {r!r}")
        for r in unwanted.get(name, []):
            bad = [line for line in got[name][1] if line.startswith(r + " ")]
            if bad:
                errors.append(f"{name}: unexpected reason {bad[0]!r}")
    check(code == (1 if "FAIL" in [v for v, _ in want.values()] else 0), f"exit status {code}")
    last = out.strip().splitlines()[-1] if out.strip() else ""
    check(last == summary, f"summary {last!r}, want {summary!r}")


def test_fixtures():
    code, out = runner(os.path.join(HERE, "testdata"))
    print("\n".join("  | " + l for l in out.splitlines()))  # indented: CI counts only the real summary
    expect(out, code, WANT, UNWANTED, "1 passed, 12 failed")
    # No notebooks at all: nothing to run is a pass.
    with tempfile.TemporaryDirectory() as empty:
        code, out = runner(empty)
        check(code == 0 and out.strip().splitlines()[-1:] == ["0 passed, 0 failed"],
              f"empty directory: exit {code}, output {out!r}")


# ---- 3. a real lesson, edited ----------------------------------------------

LESSON = "02-quick-start"


def edited(nb, cell, old, new):
    """Replaces old by new in the source of code cell number cell (from 1)."""
    src = "".join(nb["cells"][cell - 1]["source"])
    if old not in src:
        errors.append(f"{LESSON} cell {cell} no longer holds {old!r}: update test_nbrun.py")
    src = src.replace(old, new)
    nb["cells"][cell - 1]["source"] = src.splitlines(keepends=True)
    return nb


def test_lesson_edits():
    with open(os.path.join(ROOT, "notebooks", LESSON + ".ipynb")) as f:
        original = f.read()
    edits = {
        # BIC printed a thousandth too high.
        "wrong_number": [(10, 'fmt.Println("BIC:", gmm.BIC(X))', 'fmt.Println("BIC:", gmm.BIC(X)+0.001)')],
        # The weights with a NaN in them.
        "nan": [(4, '"fmt"', '"fmt"\n\t"math"'),
                (10, "datagen.ArrayString(gmm.Weights())", "datagen.ArrayString([]float64{gmm.Weights()[0], math.NaN()})")],
        # The figure of cell 14 replaced by an empty panel.
        "blank_figure": [(14, "nb.Check(plotting.Show(plotting.EqualAspect(p)))",
                          "_ = p\nnb.Check(plotting.Show(plotting.Grid(1, nil)))")],
    }
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "python"))
        for name in ["unedited"] + list(edits):
            nb = json.loads(original)
            for cell, old, new in edits.get(name, []):
                nb = edited(nb, cell, old, new)
            with open(os.path.join(d, f"{LESSON}-{name}.ipynb"), "w") as f:
                json.dump(nb, f)
            shutil.copy(os.path.join(ROOT, "notebooks", "python", LESSON + ".py"),
                        os.path.join(d, "python", f"{LESSON}-{name}.py"))
        code, out = runner(d)
    print("\n".join("  | " + l for l in out.splitlines()))
    want = {
        f"{LESSON}-unedited.ipynb": ("PASS", []),
        f"{LESSON}-wrong_number.ipynb": ("FAIL", ["cell 10 (%% ...): value 9 of 9: Go printed 1453.722926098261, "
                                                 "Python 1453.721926098261"]),
        f"{LESSON}-nan.ipynb": ("FAIL", ["cell 10 (%% ...): nan in output", "cell 10 (%% ...): value 2 of"]),
        f"{LESSON}-blank_figure.ipynb": ("FAIL", ["cell 14 (%% ...): figure 1 is blank"]),
    }
    expect(out, code, want, {}, "1 passed, 3 failed")


# ---- 4. make html ------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
FORMULAS = 3  # in testdata/html/formulas.ipynb


def typeset(page, profile):
    """How many formulas MathJax typeset in page, as headless Chromium shows it
    once its scripts have run, and whether raw TeX with its $ is left."""
    p = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        f"--user-data-dir={profile}", "--virtual-time-budget=20000", "--dump-dom",
                        "file://" + page], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=180)
    return p.stdout.count('class="mjx-chtml MathJax_CHTML"'), "$\\pi_k$" in p.stdout


def test_html():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out")
        p = subprocess.run([sys.executable, os.path.join(HERE, "nbhtml.py"), "--out", out,
                            os.path.join(HERE, "testdata", "html", "formulas.ipynb")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
        check(p.returncode == 0, f"nbhtml.py failed: {p.stdout[-2000:]}")
        moved = os.path.join(d, "elsewhere", "pages")  # another place, as on a learner's machine
        shutil.move(out, moved)
        page = os.path.join(moved, "formulas.html")
        with open(page, encoding="utf-8") as f:
            html = f.read()
        check("file://" not in html, "the page still links to file://")
        if not os.path.exists(CHROMIUM):
            print(f"test_nbrun: {CHROMIUM} is not installed: the page was checked, not rendered")
            return
        n, raw = typeset(page, os.path.join(d, "profile"))
        check(n == FORMULAS and not raw, f"Chromium shows {n} typeset formulas of {FORMULAS}, raw TeX left: {raw}")
        broken = os.path.join(moved, "broken.html")
        with open(broken, "w", encoding="utf-8") as f:
            f.write(html.replace("mathjax/MathJax.js", "no-such-dir/MathJax.js"))
        n, raw = typeset(broken, os.path.join(d, "profile2"))
        check(n == 0 and raw, f"a page without MathJax shows {n} typeset formulas: the check cannot fail")


def main():
    test_pieces()
    if "--quick" not in sys.argv:
        test_html()
        test_fixtures()
        test_lesson_edits()
    for e in errors:
        print("test_nbrun: " + e, file=sys.stderr)
    print(f"test_nbrun: {'FAIL' if errors else 'ok'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
