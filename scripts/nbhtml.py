#!/usr/bin/python3
"""Render notebooks as HTML pages that show their formulas on any machine.

Usage (make html runs the first form):

    nbhtml.py --execute --out build/html notebooks/*.ipynb
    nbhtml.py --out DIR NOTEBOOK...          (as they are, without running them)

jupyter-nbconvert writes one NAME.html per notebook into DIR (executing it
first with the gonb kernel when --execute is given). Debian's nbconvert
points the pages at MathJax in file:///usr/share/javascript/mathjax, which
exists only on a machine with that package, so a learner who opens the
pages elsewhere sees raw $\\pi_k$ (and require.js, jQuery likewise). Here the
pages load DIR/mathjax/MathJax.js and DIR/vendor/*.js by relative links
instead, and the part of Debian's MathJax 2.7 they need (the TeX input, the
CommonHTML output with its TeX web fonts, the extensions, English) and the
other scripts are copied there: DIR can be zipped, mailed or served from
anywhere, and works offline.

After writing, every page is checked: each <script src> is relative and the
file it names exists in DIR, and no script, stylesheet or image is loaded
from file://, http: or https: (links a reader may follow are fine). A
problem ends the run with exit status 1.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

MATHJAX_SRC = "/usr/share/javascript/mathjax"  # Debian's libjs-mathjax
CONFIG = "TeX-AMS_CHTML-full,Safe"
# What MathJax.js?config=TeX-AMS_CHTML-full,Safe loads, from MATHJAX_SRC.
MATHJAX_PARTS = [
    "MathJax.js",
    "config/TeX-AMS_CHTML-full.js",
    "config/Safe.js",
    "extensions",
    "jax/input/TeX",
    "jax/element",
    "jax/output/CommonHTML",
    "jax/output/PreviewHTML",
    "fonts/HTML-CSS/TeX/woff",
    "fonts/HTML-CSS/TeX/otf",
    "localization/en",
]
# Other scripts Debian's nbconvert links to file:///usr/share/javascript:
# the trait that names each, and the file copied to DIR/vendor/.
VENDOR = {
    "require_js_url": "/usr/share/javascript/requirejs/require.min.js",  # libjs-requirejs
    "jquery_url": "/usr/share/javascript/jquery/jquery.min.js",  # libjs-jquery
}
SCRIPT_SRC = re.compile(r"<script[^>]*\ssrc=[\"']([^\"']+)[\"']", re.I)
# A resource the page loads (not a link a reader may follow) from outside.
REMOTE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\s(?:src|href)=[\"'](?:file:|https?:|//)[^\"']*[\"']", re.I)


def copy_mathjax(out):
    dst = os.path.join(out, "mathjax")
    if os.path.isdir(dst):
        shutil.rmtree(dst)
    for part in MATHJAX_PARTS:
        src = os.path.join(MATHJAX_SRC, part)
        if not os.path.exists(src):
            sys.exit(f"nbhtml: {src} is missing: install Debian's libjs-mathjax (make setup)")
        target = os.path.join(dst, part)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.isdir(src):
            shutil.copytree(src, target, symlinks=False)
        else:
            shutil.copy(src, target)


def copy_vendor(out):
    """Copies the other scripts to DIR/vendor; returns the nbconvert options
    that point the pages at them."""
    os.makedirs(os.path.join(out, "vendor"), exist_ok=True)
    opts = []
    for trait, src in VENDOR.items():
        if os.path.isfile(src):
            shutil.copy(src, os.path.join(out, "vendor"))
            opts.append(f"--HTMLExporter.{trait}=vendor/{os.path.basename(src)}")
    return opts


def convert(notebooks, out, execute, timeout, opts):
    cmd = ["jupyter-nbconvert", "--to", "html", "--output-dir", out,
           f"--HTMLExporter.mathjax_url=mathjax/MathJax.js?config={CONFIG}"] + opts
    if execute:
        cmd += ["--execute", "--ExecutePreprocessor.kernel_name=gonb",
                f"--ExecutePreprocessor.timeout={timeout}"]
    subprocess.run(cmd + notebooks, check=True)


def check_page(path, out):
    """Problems of one page: scripts that are not beside it, remote links."""
    with open(path, encoding="utf-8") as f:
        html = f.read()
    problems = []
    srcs = SCRIPT_SRC.findall(html)
    if not any(s.startswith("mathjax/MathJax.js") for s in srcs):
        problems.append("does not load mathjax/MathJax.js")
    for src in srcs:
        local = src.split("?", 1)[0]
        if not os.path.isfile(os.path.join(out, local)):
            problems.append(f"loads {src}, which is not in {out}")
    for m in REMOTE.finditer(html):
        problems.append(f"links outside the folder: {m.group(0)[:100]}")
    return [f"{os.path.basename(path)}: {p}" for p in problems]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--out", default="build/html")
    ap.add_argument("--execute", action="store_true", help="run the notebooks with the gonb kernel first")
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("NB_CELL_TIMEOUT", "900")))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    convert(args.notebooks, args.out, args.execute, args.timeout, copy_vendor(args.out))
    copy_mathjax(args.out)
    pages = [os.path.join(args.out, os.path.splitext(os.path.basename(n))[0] + ".html") for n in args.notebooks]
    problems = [p for page in pages for p in check_page(page, args.out)]
    for p in problems:
        print(f"nbhtml: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"nbhtml: {len(pages)} pages in {args.out}, MathJax in {os.path.join(args.out, 'mathjax')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
