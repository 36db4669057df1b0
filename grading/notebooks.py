"""The three versions of an exercise notebook: the master, the learner's and
the graded one.

A master notebook (exercises/NN-name.ipynb) marks its code cells in their
metadata, {"gmmlab": {"id": ..., "role": ...}}:

  given   code the learner runs as it is (imports, data)
  answer  a cell the learner completes: the solution lies between a line
          `// BEGIN SOLUTION` and a line `// END SOLUTION`, inside a
          function body
  check   the check of one exercise ({"exercise": N, "points": P}): public
          checks, and hidden tests between `// BEGIN HIDDEN TESTS` and
          `// END HIDDEN TESTS`

The learner version replaces every solution by a stub that compiles in any
function and makes the check report "not done yet",

    // YOUR CODE HERE
    panic(check.NotDone)

removes the hidden tests, clears outputs and locks the given and check cells
(Jupyter will not let them be edited or deleted), as nbgrader's
ClearSolutions, ClearHiddenTests and LockCells do.

The graded version of a submission is the master with each answer cell's
source taken from the submission (the stub if the learner deleted it) and
the learner's own extra cells kept in place: everything the learner could
not edit (given code, checks, hidden tests) comes from the master, as
nbgrader's OverwriteCells does.
"""

import copy
import re

import nbformat

SOLUTION = ("// BEGIN SOLUTION", "// END SOLUTION")
HIDDEN = ("// BEGIN HIDDEN TESTS", "// END HIDDEN TESTS")
STUB = ("// YOUR CODE HERE", "panic(check.NotDone)")
ROLES = ("given", "answer", "check")
KERNELSPEC = {"name": "gonb", "display_name": "Go (gonb)", "language": "go"}
MARKERS = SOLUTION + HIDDEN


class MasterError(Exception):
    """A master notebook that does not follow the conventions above."""


def meta(cell):
    return cell.get("metadata", {}).get("gmmlab", {}) or {}


def regions(source, markers):
    """Splits source into (outside, inside) line lists for the region
    markers (begin, end): inside holds the lines of every region, markers
    excluded. Raises MasterError on unbalanced or nested markers."""
    begin, end = markers
    outside, inside, open_at = [], [], None
    for n, line in enumerate(source.split("\n"), 1):
        s = line.strip()
        if s == begin:
            if open_at is not None:
                raise MasterError(f"line {n}: {begin} inside another (opened on line {open_at})")
            open_at = n
        elif s == end:
            if open_at is None:
                raise MasterError(f"line {n}: {end} without {begin}")
            open_at = None
        elif open_at is not None:
            inside.append(line)
        else:
            outside.append(line)
    if open_at is not None:
        raise MasterError(f"line {open_at}: {begin} without {end}")
    return outside, inside


def replace_regions(source, markers, stub):
    """Source with each region of markers replaced by the stub lines,
    indented as the region's begin line; stub=() removes the region."""
    begin, end = markers
    out, inside = [], False
    for line in source.split("\n"):
        s = line.strip()
        if s == begin:
            inside = True
            indent = re.match(r"\s*", line).group(0)
            out.extend(indent + l for l in stub)
        elif s == end:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def validate(nb):
    """Lists the problems of a master notebook (empty when it is fine)."""
    problems, ids, exercises = [], set(), set()
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code or code[0].source.strip() != "%noautoget":
        problems.append("the first code cell must be exactly %noautoget")
    for i, cell in enumerate(nb.cells, 1):
        where = f"cell {i}"
        if cell.cell_type != "code":
            if any(m in cell.source for m in MARKERS):
                problems.append(f"{where}: solution or hidden-test markers belong in code cells")
            continue
        m = meta(cell)
        r, cid = m.get("role"), m.get("id")
        if r not in ROLES:
            problems.append(f"{where}: metadata gmmlab.role must be one of {', '.join(ROLES)}, not {r!r}")
        if not cid or not isinstance(cid, str):
            problems.append(f"{where}: metadata gmmlab.id is missing")
        elif cid in ids:
            problems.append(f"{where}: gmmlab.id {cid!r} is used twice")
        ids.add(cid)
        try:
            regions(cell.source, SOLUTION)
            regions(cell.source, HIDDEN)
        except MasterError as e:
            problems.append(f"{where} ({cid}): {e}")
            continue
        lines = [l.strip() for l in cell.source.split("\n")]
        has_sol, has_hid = SOLUTION[0] in lines, HIDDEN[0] in lines
        if r == "answer" and not has_sol:
            problems.append(f"{where} ({cid}): an answer cell needs a {SOLUTION[0]} ... {SOLUTION[1]} region")
        if r != "answer" and has_sol:
            problems.append(f"{where} ({cid}): solution markers outside an answer cell")
        if r != "check" and has_hid:
            problems.append(f"{where} ({cid}): hidden tests outside a check cell")
        if r == "check":
            n, p = m.get("exercise"), m.get("points", 1)
            if not isinstance(n, int) or n < 1:
                problems.append(f"{where} ({cid}): gmmlab.exercise must be a positive integer")
            elif n in exercises:
                problems.append(f"{where} ({cid}): exercise {n} has two check cells")
            else:
                exercises.add(n)
            if not isinstance(p, (int, float)) or p <= 0:
                problems.append(f"{where} ({cid}): gmmlab.points must be positive")
            if f"check.Exercise({n}," not in cell.source.replace(" ", ""):
                problems.append(f"{where} ({cid}): a check cell must call check.Exercise({n}, ...)")
        if cell.get("outputs") or cell.get("execution_count") is not None:
            problems.append(f"{where} ({cid}): committed with outputs; clear them")
    if not exercises:
        problems.append("no check cells")
    return problems


def secrets(nb):
    """The lines of a master that a learner must not see: those of the
    solutions and the hidden tests that occur nowhere else in the master,
    stripped, leaving out one-character lines such as "}"."""
    inside, outside = set(), set()
    for cell in nb.cells:
        source = cell.source
        if cell.cell_type == "code":
            for markers in (SOLUTION, HIDDEN):
                rest, secret = regions(source, markers)
                inside.update(l.strip() for l in secret)
                source = "\n".join(rest)
        outside.update(l.strip() for l in source.split("\n"))
    return {l for l in inside - outside if len(l) > 1}


def clean(nb):
    """nb with outputs, execution counts and timings cleared, and the gonb
    kernelspec (changed in place)."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "go"}
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    return nb


def learner_version(master):
    """The notebook learners get (a copy; master is not changed)."""
    nb = clean(copy.deepcopy(master))
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = replace_regions(cell.source, SOLUTION, STUB)
        cell.source = replace_regions(cell.source, HIDDEN, ())
        locked = meta(cell).get("role") in ("given", "check")
        if locked:
            cell.metadata["editable"] = False
            cell.metadata["deletable"] = False
        else:
            cell.metadata.pop("editable", None)
            cell.metadata.pop("deletable", None)
    return nb


def graded_version(master, submission):
    """The notebook grading runs for one learner's submission: the master's
    cells, answers from the submission, the learner's extra code cells after
    the cell they followed. submission may be None (nothing submitted:
    every answer is the stub)."""
    stub = learner_version(master)
    stub_sources = {meta(c).get("id"): c.source for c in stub.cells if c.cell_type == "code"}
    known = {meta(c).get("id"): meta(c).get("role") for c in master.cells if c.cell_type == "code"}
    answers, extras = {}, {}
    anchor = None
    for cell in (submission.cells if submission is not None else []):
        if cell.get("cell_type") != "code":
            continue
        cid = meta(cell).get("id")
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        if not isinstance(source, str):
            continue
        if cid in known:
            if known[cid] == "answer" and cid not in answers:
                answers[cid] = source
            anchor = cid
        elif source.strip():
            extras.setdefault(anchor, []).append(source)
    nb = clean(copy.deepcopy(master))
    cells = []

    def add_extras(after):
        for source in extras.get(after, []):
            cells.append(nbformat.v4.new_code_cell(source, metadata={"gmmlab": {"id": "", "role": ""}}))

    add_extras(None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cid = meta(cell).get("id")
            if meta(cell).get("role") == "answer":
                cell.source = answers.get(cid, stub_sources[cid])
            cells.append(cell)
            add_extras(cid)
        else:
            cells.append(cell)
    nb.cells = cells
    return nb
