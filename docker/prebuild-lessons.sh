#!/usr/bin/env bash
# Runs every lesson once through the registered GoNB kernel, so that gonbgo's
# program store (README "Faster cells") holds each lesson cell's program: a
# learner's kernel then answers an unedited cell without compiling or linking.
# Skips the work when nothing it depends on changed since the last run (the
# lessons, the Go sources, go.mod and go.sum, the go command, the kernelspec
# and gonbgo: .lab/prebuild.stamp) and the store still holds programs.
# PREBUILD=off skips it always.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$GMMLAB_ROOT"

if [ "${PREBUILD:-}" = off ]; then
	say "lesson programs: PREBUILD=off, not prebuilt"
	exit 0
fi
stamp="$GMMLAB_ROOT/.lab/prebuild.stamp"
inputs="$(
	{
		go version
		sha256sum "$JUPYTER_DATA_DIR/kernels/gonb/kernel.json" bin/kernel/go
		find . -mindepth 1 \( -name '.*' -o -name build -o -name testdata \) -prune -o \
			\( -name '*.go' -o -name '*.s' -o -name '*.ipynb' -o -name go.mod -o -name go.sum \) -print |
			LC_ALL=C sort | xargs sha256sum
	} | sha256sum | cut -d' ' -f1
)"
store="${GONBGO_PROGRAMS:-${GONBGO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gmmlab-gonbgo}/programs}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$inputs" ] && [ -n "$(ls -A "$store" 2>/dev/null)" ]; then
	say "lesson programs: prebuilt for these sources"
	exit 0
fi
say "lesson programs: running every lesson once to fill the program store"
"$PYTHON" scripts/prebuild.py --stamp "$stamp" --inputs-hash "$inputs" notebooks
