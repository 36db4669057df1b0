#!/usr/bin/env bash
# Installs what the class hub serves into $HUB_PREFIX (default
# /opt/gmmlab-hub), owned by root and readable by every learner, none of it
# writable by them (make setup first: it builds bin/ and the kernelspec):
#
#   bin/        gonb, goimports, gocache (hub/gocache) and gmmlab-singleuser,
#               the command the hub runs, as the learner, to start a server
#   lib/        workspace.py and culler.py
#   src/        the checkout's Go packages: the kernel's go.work points here
#   gomod/      the module cache the learners' go commands read (GOPROXY=off)
#   gocache/    the shared, precompiled build cache (gocache's shared layer)
#   share/lessons, share/exercises   the originals copied into workspaces
#   share/jupyter/kernels/gonb       the GoNB kernel, found through JUPYTER_PATH
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
if [ "$(id -u)" -ne 0 ]; then
	echo "hub-install: run as root: it installs into $prefix for every learner" >&2
	exit 1
fi
say "hub: installing into $prefix"
mkdir -p "$prefix"/{bin,lib,gomod,gocache,share/lessons,share/exercises,share/jupyter/kernels/gonb}
chmod 755 "$prefix"

# Tools. go build writes a binary only when it changed.
install -m 755 bin/gonb bin/goimports "$prefix/bin/"
go build -o "$prefix/bin/gocache" ./hub/gocache
install -m 755 hub/singleuser.sh "$prefix/bin/gmmlab-singleuser"
install -m 644 docker/workspace.py hub/culler.py "$prefix/lib/"

# Sources: the tracked and new files of the checkout, less what is not Go.
tmp="$(mktemp -d "$prefix/.src.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files -z -co --exclude-standard
else
	find . \( -name .git -o -path ./bin -o -path ./build -o -path ./.lab -o -name node_modules \) -prune \
		-o -type f -printf '%P\0'
fi | grep -zvE '^(notebooks|tests|scripts|docker|exercises|\.ci)/|\.ipynb$' | tar --null -T - -cf - | tar -xf - -C "$tmp"
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
sync_notebooks notebooks "$prefix/share/lessons"
sync_notebooks build/learner "$prefix/share/exercises"
say "hub: $(ls "$prefix/share/lessons" | wc -l) lessons, $(ls "$prefix/share/exercises" | wc -l) exercises"

# The kernel: this checkout's registration, pointed at the installed copies.
"$PYTHON" - "$JUPYTER_DATA_DIR/kernels/gonb/kernel.json" "$prefix" <<'PY'
import json, sys
src, prefix = sys.argv[1:]
k = json.load(open(src))
k["argv"][0] = prefix + "/bin/gonb"
k["argv"] = [a for a in k["argv"] if not a.startswith("-go_work=")] + ["-go_work=" + prefix + "/src"]
k["display_name"] = "Go (gonb)"
k["env"] = {"PATH": prefix + "/bin:${PATH}"}
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
# they compile) and gonbui.
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
	go build -o /dev/null .
)
go -C "$prefix/src" build ./...
rm -rf "$cell" "$GOCACHE"
chmod -R a+rX,go-w "$prefix/gocache"
say "hub: shared build cache $(du -sh "$prefix/gocache" | cut -f1)"
