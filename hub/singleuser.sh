#!/usr/bin/env bash
# gmmlab-singleuser: starts a learner's Jupyter server. The hub runs it as the
# learner (never root), in the learner's cgroup, with the hub's arguments.
#
# It brings the learner's workspace ~/gmmlab up to date (docker/workspace.py:
# new lessons and exercises are copied, untouched copies follow new
# versions, changed ones are kept), gives the learner's go commands their own
# build cache layer on top of the shared precompiled one, and the kernel's
# gonbgo (bin/kernel/go) its own cache of build plans and programs, and the
# lessons' prebuilt programs to read, then becomes
# jupyterhub-singleuser. Everything a learner's builds write is in the
# learner's home; everything shared is root's and read-only.
set -euo pipefail
prefix="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd -P)"
if [ "$(id -u)" -eq 0 ]; then
	echo "gmmlab-singleuser: refusing to run a learner's server as root" >&2
	exit 1
fi
umask 077 # what the learner makes is private to the learner
. "$prefix/lib/env.sh"
export GOCACHEPROG="$prefix/bin/gocache -dir $HOME/.cache/gmmlab-go -shared $prefix/gocache"
export GOCACHE="$HOME/.cache/go-build"
export GONBGO_CACHE="$HOME/.cache/gmmlab-gonbgo"
# The lessons' programs, prebuilt by hub-install.sh (read-only), and at most
# 256 MB of the learner's own in the learner's cache (README "Faster cells").
export GONBGO_PROGRAMS_SHARED="$prefix/programs" GONBGO_PROGRAMS_MAX_MB=256
/usr/bin/python3 "$prefix/lib/workspace.py" sync --workspace "$HOME/gmmlab" \
	--lessons "$prefix/share/lessons" --exercises "$prefix/share/exercises"
export JUPYTERHUB_SINGLEUSER_APP=notebook.notebookapp.NotebookApp
exec jupyterhub-singleuser "$@"
