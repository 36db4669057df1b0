#!/usr/bin/env python3
"""A learner's workspace: working copies of the lessons and exercises.

`make lab` and every learner's server on the hub serve a workspace, never the
tracked notebooks, so that a learner's edits and saved outputs stay out of
the checkout. A workspace is a folder holding

    lessons/     copies of notebooks/*.ipynb
    exercises/   copies of the learner versions build/learner/*.ipynb

and a hidden .gmmlab/ folder: manifest.json, which remembers the SHA-256 of
the original each copy was made from, and backup/, where reset puts a
learner's copy before replacing it.

  sync   copies what is missing; replaces a copy the learner never changed
         (its checksum is still the one recorded) when its original changed;
         keeps every copy the learner changed, and says when a newer original
         exists for it.
  reset  replaces the named copies (all when none is named) with their
         originals, after saving each changed copy under .gmmlab/backup/.
  where  prints the default workspace of a checkout.

A name for reset is a file name (01-gmm-lab.ipynb), its stem (01-gmm-lab) or
its number (01): the lesson of that name, or the exercise when no lesson has
it; exercises/01 (or lessons/01) says which. Standard library only: it runs
with any python3, as the learner.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time

MANIFEST_VERSION = 1


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def default_workspace(root, home=None, data_home=None):
    """Returns where `make lab` keeps the workspace of the checkout at root.

    It lives outside the checkout, so that git clean, git pull and a fresh
    clone leave it alone, under $XDG_DATA_HOME/gmmlab (default
    ~/.local/share/gmmlab), in a folder named after the checkout's directory
    and a hash of its absolute path: two checkouts never share one, and a
    clone made again at the same path finds its learner's work.
    """
    root = os.path.realpath(root)
    home = home or os.path.expanduser("~")
    data_home = data_home or os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    key = hashlib.sha256(root.encode()).hexdigest()[:10]
    return os.path.join(data_home, "gmmlab", "workspaces", f"{os.path.basename(root)}-{key}")


def originals(sources):
    """Lists (relative path, source path) for every notebook to copy.

    sources maps a workspace subfolder (lessons, exercises) to the folder its
    originals come from; a missing source folder contributes nothing.
    """
    out = []
    for sub, src in sources.items():
        if not src or not os.path.isdir(src):
            continue
        for name in sorted(os.listdir(src)):
            path = os.path.join(src, name)
            if name.endswith(".ipynb") and not name.startswith(".") and os.path.isfile(path):
                out.append((f"{sub}/{name}", path))
    return out


class Workspace:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.meta = os.path.join(self.path, ".gmmlab")
        self.manifest_path = os.path.join(self.meta, "manifest.json")
        self.files = {}
        try:
            with open(self.manifest_path) as f:
                data = json.load(f)
            if data.get("version") == MANIFEST_VERSION:
                self.files = {k: v for k, v in data.get("files", {}).items() if isinstance(v, dict)}
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as e:
            # A damaged manifest loses only the knowledge of which copies are
            # untouched: every differing copy is then kept as the learner's.
            print(f"workspace: ignoring unreadable {self.manifest_path}: {e}", file=sys.stderr)

    def save(self):
        os.makedirs(self.meta, exist_ok=True)
        data = {"version": MANIFEST_VERSION, "files": self.files}
        atomic_write(self.manifest_path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())

    def copy(self, rel, src, digest):
        dest = os.path.join(self.path, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(src, "rb") as f:
            atomic_write(dest, f.read())
        self.files[rel] = {"sha256": digest}

    def backup(self, rel, stamp):
        dest = os.path.join(self.path, rel)
        saved = os.path.join(self.meta, "backup", stamp, rel)
        os.makedirs(os.path.dirname(saved), exist_ok=True)
        shutil.copy2(dest, saved)
        return saved

    def sync(self, sources, log=print):
        """Brings the workspace up to date with the originals; see the module doc."""
        os.makedirs(self.path, exist_ok=True)
        counts = {"copied": 0, "updated": 0, "kept": 0, "current": 0}
        for rel, src in originals(sources):
            orig = sha256(src)
            dest = os.path.join(self.path, rel)
            recorded = self.files.get(rel, {}).get("sha256")
            if not os.path.exists(dest):
                self.copy(rel, src, orig)
                counts["copied"] += 1
                continue
            have = sha256(dest)
            if have == orig:
                self.files[rel] = {"sha256": orig}
                counts["current"] += 1
            elif have == recorded:
                # The learner never changed this copy: take the new original.
                self.copy(rel, src, orig)
                counts["updated"] += 1
                log(f"workspace: {rel}: updated to the new version")
            else:
                counts["kept"] += 1
                if recorded != orig:
                    log(f"workspace: {rel}: kept your changed copy; a newer version exists "
                        f"(make reset-lab LESSON={rel.split('/', 1)[1]} takes it, saving your copy first)")
        self.save()
        return counts

    def reset(self, sources, names, log=print):
        """Replaces the named copies (all when names is empty) with their originals."""
        todo = originals(sources)
        if names:
            chosen = []
            for name in names:
                hits = [(rel, src) for rel, src in todo if matches(rel, name)]
                # A bare name or number means the lesson when there is one:
                # exercises/NN resets the exercise.
                if "/" not in name and any(rel.startswith("lessons/") for rel, _ in hits):
                    hits = [(rel, src) for rel, src in hits if rel.startswith("lessons/")]
                if not hits:
                    avail = ", ".join(rel for rel, _ in todo) or "none"
                    raise SystemExit(f"workspace: no lesson or exercise named {name!r} (there are: {avail})")
                chosen += [h for h in hits if h not in chosen]
            todo = chosen
        stamp = time.strftime("%Y%m%d-%H%M%S")
        os.makedirs(self.path, exist_ok=True)
        for rel, src in todo:
            orig = sha256(src)
            dest = os.path.join(self.path, rel)
            if os.path.exists(dest) and sha256(dest) != orig:
                saved = self.backup(rel, stamp)
                log(f"workspace: {rel}: reset to the original; your copy is saved as {saved}")
            elif not os.path.exists(dest):
                log(f"workspace: {rel}: copied")
            self.copy(rel, src, orig)
        self.save()
        return len(todo)


def matches(rel, name):
    base = rel.split("/", 1)[1]
    stem = base[: -len(".ipynb")]
    name = name.strip().rstrip("/")
    if "/" in name:
        sub, name = name.split("/", 1)
        if not rel.startswith(sub + "/"):
            return False
    return name in (base, stem) or (name.isdigit() and stem.split("-", 1)[0] == name.zfill(2))


def atomic_write(path, data):
    """Writes data to path through a temporary file and a rename, so that a
    crash never leaves half a notebook."""
    d = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("command", choices=["sync", "reset", "where"])
    p.add_argument("names", nargs="*", help="reset: lessons or exercises to reset (default: all)")
    p.add_argument("--workspace", help="the workspace folder (default: where prints)")
    p.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
                   help="the checkout (default: this script's)")
    p.add_argument("--lessons", help="folder of the original lessons (default: ROOT/notebooks)")
    p.add_argument("--exercises", help="folder of the learner exercises (default: ROOT/build/learner)")
    a = p.parse_intermixed_args(argv)
    root = os.path.realpath(a.root)
    path = a.workspace or default_workspace(root)
    if a.command == "where":
        print(path)
        return 0
    sources = {
        "lessons": a.lessons or os.path.join(root, "notebooks"),
        "exercises": a.exercises or os.path.join(root, "build", "learner"),
    }
    ws = Workspace(path)
    if a.command == "sync":
        if a.names:
            p.error("sync takes no names")
        c = ws.sync(sources)
        print(f"workspace: {path}: {c['copied']} copied, {c['updated']} updated, "
              f"{c['kept']} changed by you and kept, {c['current']} up to date")
    else:
        n = ws.reset(sources, a.names)
        print(f"workspace: {path}: {n} reset to the original")
    return 0


if __name__ == "__main__":
    sys.exit(main())
