#!/usr/bin/env bash
# Builds bin/gonb and bin/goimports at the versions go.mod pins with its
# `tool` directives; skips a binary newer than go.mod and go.sum.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$GMMLAB_ROOT"

build() { # build <name> <package>
	local out="bin/$1"
	if [ -x "$out" ] && [ "$out" -nt go.mod ] && [ "$out" -nt go.sum ]; then
		say "$out: up to date"
		return
	fi
	say "$out: building $2"
	go build -o "$out" "$2"
}
mkdir -p bin
build goimports golang.org/x/tools/cmd/goimports
build gonb github.com/janpfeifer/gonb
