#!/usr/bin/env bash
# Installs what the class hub serves into $HUB_PREFIX (default
# /opt/gmmlab-hub), owned by root and readable by every learner, none of it
# writable by them (make setup first: it builds bin/ and the kernelspec):
#
#   bin/        gonb, goimports, gocache (hub/gocache) and gmmlab-singleuser,
#               the command the hub runs, as the learner, to start a server
#   bin/kernel/go   cmd/gonbgo, the go command the kernel runs (README,
#               "Faster cells"), and bin/kernel/goimports, a link to it; it
#               keeps its plans in the learner's own ~/.cache/gmmlab-gonbgo
#   lib/        workspace.py and culler.py
#   src/        the Go packages of the learner's tree (docker/learner-tree.sh):
#               the kernel's go.work points here
#   gomod/      the module cache the learners' go commands read (GOPROXY=off)
#   gocache/    the shared, precompiled build cache (gocache's shared layer)
#   programs/   the lessons' cell programs, prebuilt: gonbgo's shared program
#               store (HUB_PREBUILD=off leaves it empty)
#   share/lessons, share/exercises   the originals copied into workspaces: the
#               lessons and the learner versions of the exercises
#   share/jupyter/kernels/gonb       the GoNB kernel, found through JUPYTER_PATH
#
# Nothing with a solution goes there: everything comes from the learner's
# tree, which has no masters, hidden tests, reference values or grading. The
# checkout itself, which has them (exercises/, build/autograder/,
# grading/testdata/, .git), is closed to every other user (chmod o-rwx): the
# learners need nothing of it. The script then checks, as the user nobody,
# that neither the checkout nor a master can be read.
#
# Run again after git pull: it copies the new sources and originals and
# compiles only what changed. Learners' workspaces pick up new originals at
# their next server start, without touching what they changed.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$GMMLAB_ROOT"
umask 022

prefix="${HUB_PREFIX:-/opt/gmmlab-hub}"
case "$prefix" in /*) ;; *) echo "hub-install: HUB_PREFIX must be an absolute path" >&2; exit 1 ;; esac
case "$prefix/" in "$GMMLAB_ROOT"/*)
	echo "hub-install: HUB_PREFIX must be outside the checkout, which learners may not read" >&2
	exit 1
	;;
esac
if [ "$(id -u)" -ne 0 ]; then
	echo "hub-install: run as root: it installs into $prefix for every learner" >&2
	exit 1
fi
say "hub: installing into $prefix"
mkdir -p "$prefix"/{bin/kernel,lib,gomod,gocache,share/lessons,share/exercises,share/jupyter/kernels/gonb}
chmod 755 "$prefix"

# The checkout is root's (and its owner's) alone from now on.
chmod o-rwx "$GMMLAB_ROOT"
gitdir="$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
case "$gitdir/" in
/ | "$GMMLAB_ROOT"/*) ;;
*)
	if [ "$(($(stat -c '%a' "$gitdir") % 10))" -ne 0 ]; then
		echo "hub-install: warning: $gitdir (this worktree's repository) is readable by learners, and its" \
			"history holds the exercises' masters: close it with chmod o-rwx $gitdir" >&2
	fi
	;;
esac

# Tools. go build writes a binary only when it changed.
install -m 755 bin/gonb bin/goimports "$prefix/bin/"
go build -o "$prefix/bin/gocache" ./hub/gocache
go build -o "$prefix/bin/kernel/go" ./cmd/gonbgo
ln -sf go "$prefix/bin/kernel/goimports" # gonbgo answers as goimports too
install -m 755 hub/singleuser.sh "$prefix/bin/gmmlab-singleuser"
install -m 644 docker/workspace.py hub/culler.py "$prefix/lib/"

# Sources: the Go packages of the learner's tree (no notebooks, tests,
# scripts, docker/ or documentation).
tree="$(mktemp -d "$prefix/.tree.XXXXXX")"
tmp="$(mktemp -d "$prefix/.src.XXXXXX")"
trap 'rm -rf "$tree" "$tmp"' EXIT
bash docker/learner-tree.sh "$tree"
(cd "$tree" && find . -type f -printf '%P\0' | grep -zvE '^(notebooks|tests|scripts|docker|build)/|\.(ipynb|md)$' |
	tar --null -T - -cf -) | tar -xf - -C "$tmp"
chmod -R a+rX,go-w "$tmp"
chmod 755 "$tmp"
if [ -d "$prefix/src" ] && diff -rq "$tmp" "$prefix/src" >/dev/null 2>&1; then
	say "hub: sources unchanged"
else
	rm -rf "$prefix/src.old"
	[ -d "$prefix/src" ] && mv "$prefix/src" "$prefix/src.old"
	mv "$tmp" "$prefix/src"
	rm -rf "$prefix/src.old"
	say "hub: sources copied to $prefix/src"
fi

# Originals of the workspaces.
sync_notebooks() { # sync_notebooks <from> <to>
	find "$2" -maxdepth 1 -name '*.ipynb' -delete
	if [ -d "$1" ]; then
		find "$1" -maxdepth 1 -name '*.ipynb' -exec install -m 644 {} "$2/" \;
	fi
}
sync_notebooks "$tree/notebooks" "$prefix/share/lessons"
sync_notebooks "$tree/build/learner" "$prefix/share/exercises"
say "hub: $(ls "$prefix/share/lessons" | wc -l) lessons, $(ls "$prefix/share/exercises" | wc -l) exercises"

# The kernel: this checkout's registration, pointed at the installed copies,
# with the lab's faster cells (docker/register-kernel.sh, README "Faster
# cells"): gonbgo (as go and goimports) first on its PATH, and cell programs
# linked by Go's own linker without libgcc, DWARF and symbol table. A
# learner's gonbgo keeps its plans in the learner's own cache (GONBGO_CACHE,
# set by gmmlab-singleuser).
kernel_goflags="-buildvcs=false $CELL_GOFLAGS"
"$PYTHON" - "$JUPYTER_DATA_DIR/kernels/gonb/kernel.json" "$prefix" "$kernel_goflags" <<'PY'
import json, sys
src, prefix, goflags = sys.argv[1:]
k = json.load(open(src))
k["argv"][0] = prefix + "/bin/gonb"
k["argv"] = [a for a in k["argv"] if not a.startswith("-go_work=")] + ["-go_work=" + prefix + "/src"]
k["display_name"] = "Go (gonb)"
k["env"] = {"PATH": prefix + "/bin/kernel:" + prefix + "/bin:${PATH}", "GOFLAGS": goflags}
with open(prefix + "/share/jupyter/kernels/gonb/kernel.json", "w") as f:
    json.dump(k, f, indent=1)
    f.write("\n")
PY
chmod 644 "$prefix/share/jupyter/kernels/gonb/kernel.json"

# The learners' environment, shared by the precompiling below and by
# gmmlab-singleuser (which adds the learner's own cache layer): the same go,
# GOFLAGS, module cache and paths, so that the same packages have the same
# cache keys. -ldflags=-w: every cell links a program, and without DWARF
# (which no notebook uses; stack traces keep their symbols) linking takes
# about 30% less CPU.
gobin="$(dirname "$(command -v go)")"
cat >"$prefix/lib/env.sh" <<ENV
# Written by docker/hub-install.sh; sourced by gmmlab-singleuser.
export PATH="$prefix/bin:$gobin:/usr/local/bin:/usr/bin:/bin"
export GOMODCACHE="$prefix/gomod"
export GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local GOFLAGS="-buildvcs=false -ldflags=-w"
export JUPYTER_PATH="$prefix/share/jupyter"
ENV
chmod 644 "$prefix/lib/env.sh"
. "$prefix/lib/env.sh"
export GOCACHEPROG="$prefix/bin/gocache -dir $prefix/gocache"
export GOCACHE="$prefix/.gocache-unused"

# Modules, from this machine's module cache where it has them.
GOPROXY="file://$(GOFLAGS= go env GOMODCACHE)/cache/download,https://proxy.golang.org" \
	GOFLAGS="$GOFLAGS -modcacherw" go -C "$prefix/src" mod download
chmod -R a+rX,go-w "$prefix/gomod"

# Precompile as a GoNB cell does: a fresh module in a go.work that uses the
# sources, importing every package of the checkout a cell may import (not
# internal/..., which only the checkout's packages may import, and which
# they compile) and gonbui, linked with the kernel's flags.
say "hub: precompiling the shared Go build cache ($prefix/gocache)"
cell="$(mktemp -d)"
(
	cd "$cell"
	# Internal packages cannot be imported from outside the module; the public
	# packages that use them compile them anyway.
	pkgs="$(go -C "$prefix/src" list -f '{{if ne .Name "main"}}{{.ImportPath}}{{end}}' ./... | grep -v '/internal\(/\|$\)')"
	go mod init gonb_warm >/dev/null 2>&1
	go work init >/dev/null 2>&1
	go work use . "$prefix/src"
	{
		echo 'package main'
		echo 'import ('
		for p in $pkgs github.com/janpfeifer/gonb/gonbui; do echo "	_ \"$p\""; done
		echo ')'
		echo 'func main() {}'
	} >main.go
	GOFLAGS="$kernel_goflags" go build -o /dev/null .
	# Then as the kernel's gonbgo builds a cell it has no plan for: its
	# `go list` adds the module index entries of every package the cell
	# depends on to the cache, which would otherwise go to each learner's own
	# layer, some fifty files a learner.
	PATH="$prefix/bin/kernel:$PATH" GONBGO_CACHE="$cell.plans" GOFLAGS="$kernel_goflags" go build -o "$cell.warm"
)
go -C "$prefix/src" build ./...
rm -rf "$cell" "$cell.plans" "$cell.warm" "$GOCACHE"

# The lessons' programs (README "Faster cells"): every lesson run once through
# the learners' kernel, with the learners' environment and the shared cache
# layer they read, so that gonbgo stores each cell's program, and its build
# plans (GONBGO_SHARE_PLANS), under the keys a learner's kernel computes;
# learners read the store (GONBGO_PROGRAMS_SHARED, set by gmmlab-singleuser)
# and never write it. A fresh HOME, as a new learner's: no go settings file.
# HUB_PREBUILD=off skips it.
rm -rf "$prefix/programs"
if [ "${HUB_PREBUILD:-}" != off ]; then
	say "hub: prebuilding the lessons' programs ($prefix/programs)"
	home="$(mktemp -d)"
	HOME="$home" GONBGO_CACHE="$home/plans" GONBGO_PROGRAMS="$prefix/programs" GONBGO_PROGRAMS_MAX_MB=100000 \
		GONBGO_SHARE_PLANS=1 JUPYTER_PATH="$prefix/share/jupyter" JUPYTER_DATA_DIR="$home/jupyter" \
		"$PYTHON" "$GMMLAB_ROOT/scripts/prebuild.py" "$prefix/share/lessons"
	rm -rf "$home"
	chmod -R a+rX,go-w "$prefix/programs"
	say "hub: $(find "$prefix/programs" -maxdepth 1 -type f | wc -l) lesson programs, $(du -sh "$prefix/programs" | cut -f1)"
fi
chmod -R a+rX,go-w "$prefix/gocache"
say "hub: shared build cache $(du -sh "$prefix/gocache" | cut -f1)"

# What a learner can read, checked as nobody (a user with no group of the
# checkout): all of the install (which also proves the check works), nothing
# of the checkout.
as_nobody() { /usr/bin/setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups -- "$@"; }
for f in src/go.mod lib/env.sh share/jupyter/kernels/gonb/kernel.json bin/kernel/go; do
	if ! as_nobody test -r "$prefix/$f"; then
		echo "hub-install: learners cannot read $prefix/$f: open the directories above $prefix to them" >&2
		exit 1
	fi
done
if as_nobody test -x "$GMMLAB_ROOT"; then
	echo "hub-install: $GMMLAB_ROOT is still open to other users: learners could read the exercises' masters" >&2
	exit 1
fi
say "hub: learners read $prefix only; the checkout is closed to them"
