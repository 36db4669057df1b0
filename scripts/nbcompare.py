"""How nbrun.py compares a Go lesson with its Python twin, and the checks of
outputs that need no kernel: parsing the twin's section markers, reading
the values a cell prints, comparing two lists of values, spotting NaN,
error text, blank figures and ignored plotting.Show errors.

The comparison, in short: every value a Go cell prints on stdout (numbers
and the words true/false) must equal, in order, the value its twin's
section prints, integers exactly and decimals within TOLERANCE_DOC.
"""

import io
import math
import re

# ---- the twin's sections ---------------------------------------------------

# "# %% cell 8", "# %% cell 8 exact", "# %% cell 11 uncompared: why".
MARKER = re.compile(r"^# %%(?P<rest>.*)$")
MARKER_FORM = re.compile(r"^ cell (?P<cell>\d+)(?: (?P<mode>exact)| uncompared: (?P<reason>\S.*))?\s*$")
MARKER_HELP = ("a section marker is '# %% cell N', '# %% cell N exact' or "
               "'# %% cell N uncompared: <reason>'")


def parse_twin(source):
    """Returns (sections, problems). Each section is a dict: cell (int, or
    None for the preamble before the first marker), mode ("compare",
    "exact" or "uncompared"), reason, line (1-based line of its first code
    line) and code."""
    sections = [{"cell": None, "mode": "preamble", "reason": None, "line": 1, "code": []}]
    problems = []
    for n, line in enumerate(source.splitlines(), 1):
        m = MARKER.match(line)
        if not m:
            sections[-1]["code"].append(line)
            continue
        f = MARKER_FORM.match(m.group("rest"))
        if not f:
            problems.append(f"line {n}: {line!r}: {MARKER_HELP}")
            continue
        mode = "exact" if f.group("mode") else "uncompared" if f.group("reason") else "compare"
        sections.append({"cell": int(f.group("cell")), "mode": mode, "reason": f.group("reason"),
                         "line": n + 1, "code": []})
    for s in sections:
        s["code"] = "\n".join(s["code"]) + "\n"
    cells = [s["cell"] for s in sections[1:]]
    for a, b in zip(cells, cells[1:]):
        if b <= a:
            problems.append(f"section for cell {b} follows the one for cell {a}: "
                            "sections must name the lesson's cells in increasing order, each once")
    if not cells:
        problems.append(f"no section markers: {MARKER_HELP}")
    return sections, problems


# ---- values in printed text -----------------------------------------------

# A number stands alone: not glued to a letter, digit, underscore or point
# (so "X1", "2nd", "1.2.1" and "plot_gmm" give no value or only "1.2").
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w])")
BOOLEAN = re.compile(r"(?<![\w])(?:true|false|True|False)(?![\w])")
VALUE = re.compile(NUMBER.pattern + "|" + BOOLEAN.pattern)
NONFINITE = re.compile(r"(?i)(?<![\w])[-+]?(?:nan|inf(?:inity)?)(?![\w])")
# Error text of the library and of nb.Check, which a lesson must not print
# unless the cell is tagged shows-error.
ERROR_TEXT = re.compile(r"(?m)(?:^error: |\b(?:gmmlab|datagen|plotting|metrics|nprand|nb): )")

RTOL = 1e-9
TOLERANCE_DOC = ("integers and true/false exactly; decimal numbers within the larger of "
                 f"{RTOL:g} of their magnitude and half a unit in the last digit of the less "
                 "precise of the two as printed (\"0.317\" against \"0.31703\" passes, "
                 "\"0.317\" against \"0.318\" does not); numpy's \"1.\" counts as exact")


def values(text):
    """The values printed in text, in order: numbers and true/false words,
    as the strings printed."""
    return [m.group(0) for m in VALUE.finditer(text)]


def is_bool(tok):
    return tok.lower() in ("true", "false")


def is_int(tok):
    return re.fullmatch(r"[-+]?\d+", tok) is not None


def abs_decimals(tok):
    """The power of ten of the last printed digit, negated (3 for "0.317",
    69 for "5.93858015e-61"), or None when the token does not show it: an
    integer, or numpy's "1." with its trailing zeros trimmed."""
    mant, _, exp = tok.lower().partition("e")
    if "." not in mant:
        return None if not exp else -int(exp)
    frac = mant.split(".", 1)[1]
    if frac == "" and not exp:
        return None
    return len(frac) - (int(exp) if exp else 0)


def same_value(a, b):
    """Whether two printed values agree under TOLERANCE_DOC."""
    if is_bool(a) or is_bool(b):
        return a.lower() == b.lower()
    if is_int(a) and is_int(b):
        return int(a) == int(b)
    x, y = float(a), float(b)
    decs = [d for d in (abs_decimals(a), abs_decimals(b)) if d is not None]
    tol = RTOL * max(abs(x), abs(y))
    if decs:
        tol = max(tol, 0.5 * 10.0 ** -min(decs) * (1 + 1e-9))
    return abs(x - y) <= tol


def compare_values(go, py):
    """Compares two lists of printed values; returns None if they agree, or
    a sentence saying where they first differ."""
    for i, (a, b) in enumerate(zip(go, py)):
        if not same_value(a, b):
            return f"value {i + 1} of {len(py)}: Go printed {a}, Python {b}"
    if len(go) != len(py):
        n = min(len(go), len(py))
        extra = (f"Go's value {n + 1} is {go[n]}" if len(go) > n else f"Python's value {n + 1} is {py[n]}")
        return (f"Go printed {len(go)} values, Python {len(py)}; the first {n} agree, then {extra}")
    return None


def exact_lines(go, py):
    """Returns None if go and py are the same lines (trailing blanks and
    trailing empty lines aside), or the first differing pair."""
    g = [l.rstrip() for l in go.rstrip().splitlines()]
    p = [l.rstrip() for l in py.rstrip().splitlines()]
    for i in range(max(len(g), len(p))):
        a = g[i] if i < len(g) else "(no line)"
        b = p[i] if i < len(p) else "(no line)"
        if a != b:
            return f"line {i + 1}: Go printed {a!r}, Python {b!r}"
    return None


# ---- figures ----------------------------------------------------------------

def blank_figure(png):
    """Returns why a PNG figure looks blank, or None. A figure is blank when
    one colour covers more than 99.5 % of it (an empty canvas) or when fewer
    than 0.05 % of its pixels are coloured (axes and text only: every lab
    figure draws its data in colour)."""
    from PIL import Image  # python3-pil

    img = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = img.size
    n = w * h
    common = max(c for c, _ in img.getcolors(maxcolors=n))
    if common > 0.995 * n:
        return f"nearly uniform: one colour covers {100 * common / n:.1f} % of its {w}×{h} pixels"
    hsv = img.convert("HSV")
    coloured = sum(1 for _, s, v in hsv.getdata() if s > 60 and v > 40)
    if coloured < 0.0005 * n:
        return f"no coloured data: {coloured} coloured pixels of {n}"
    return None


# ---- Go sources ---------------------------------------------------------------

# A plotting.Show call whose error nobody looks at: a statement of its own
# (or assigned to _), rather than nb.Check(plotting.Show(...)) or err := ....
IGNORED_SHOW = re.compile(
    r"(?m)^[ \t]*(?:_[ \t]*:?=[ \t]*|defer[ \t]+|go[ \t]+)?plotting\.(?:Show|Display\{[^}\n]*\}\.Show)\(")


def ignored_show(source):
    """Returns the first line of source that calls plotting.Show and drops
    its error, or None."""
    m = IGNORED_SHOW.search(source)
    if not m:
        return None
    end = source.find("\n", m.start())
    return source[m.start():end if end >= 0 else None].strip()


def nonfinite(text):
    m = NONFINITE.search(text)
    return m.group(0) if m else None


def error_text(text):
    m = ERROR_TEXT.search(text)
    if not m:
        return None
    end = text.find("\n", m.start())
    return text[m.start():end if end >= 0 else None].strip()
