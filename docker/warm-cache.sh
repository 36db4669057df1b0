#!/usr/bin/env bash
# Compiles every package, every test, and the gonbui package each notebook
# cell links, so the first notebook cell (a separate Go program that imports
# gonum/plot) takes seconds, not the ~15 s of a cold build cache.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$GMMLAB_ROOT"

say "Go build cache: warming ($(go env GOCACHE))"
go build ./... github.com/janpfeifer/gonb/gonbui
# The kernel builds cells with -tags=minimal (docker/register-kernel.sh):
# gonum/plot and the packages above it compiled that way too.
go build -tags=minimal ./...
go test -count=1 -run '^$' ./... >/dev/null
