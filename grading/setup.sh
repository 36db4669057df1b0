#!/usr/bin/env bash
# Prepares grading, idempotently (make grade and make test run it):
#
#   grading/setup.sh [SLOTS]
#
#   - the unprivileged system users gmmgrade1..gmmgradeSLOTS (default: one
#     per core), one per submission graded at the same time; they have no
#     home, no shell and no password;
#   - build/sandbox/, the read-only pieces of the sandbox (grading/sandbox.sh):
#     src/, a copy of the Go packages notebooks import (their source and
#     embedded files only: nothing of exercises/, build/, tests or .git, so
#     nothing of the masters or the answer key),
#     bin/ (gonb, goimports) and gocache/, a Go build cache warmed inside the
#     sandbox's own file layout, so a cell compiles in about a second;
#   - /run/gmmgrade, where each run gets the directory of its sockets.
#
# Needs root: it creates users, and the sandbox needs namespaces and mounts.
set -euo pipefail
. "$(dirname "$0")/../docker/env.sh"
cd "$GMMLAB_ROOT"

[ "$(id -u)" -eq 0 ] || { echo "grading/setup.sh: grading needs root (users, namespaces, mounts)" >&2; exit 1; }
slots="${1:-$(nproc)}"

for i in $(seq 1 "$slots"); do
	u="gmmgrade$i"
	if ! id "$u" >/dev/null 2>&1; then
		say "grading: creating user $u"
		useradd --system --user-group --no-create-home --home-dir /nonexistent \
			--shell /usr/sbin/nologin --comment "gmmlab grading sandbox" "$u"
	fi
done

env_dir="$GMMLAB_ROOT/build/sandbox"
mkdir -p "$env_dir/bin" "$env_dir/gocache"
chmod 0755 "$GMMLAB_ROOT/build" "$env_dir"

# The module's packages that notebooks import, and nothing else (no tests,
# no tools, nothing of exercises/ or build/): rebuilt every time (it is small),
# then swapped in.
rm -rf "$env_dir/src.new"
mkdir -p "$env_dir/src.new"
cp go.mod go.sum "$env_dir/src.new/"
go list -f '{{.Dir}}|{{join .GoFiles " "}} {{join .CgoFiles " "}} {{join .IgnoredGoFiles " "}} {{join .CFiles " "}} {{join .HFiles " "}} {{join .SFiles " "}} {{join .EmbedFiles " "}}' ./... |
	while IFS='|' read -r dir files; do
		rel="${dir#"$GMMLAB_ROOT"/}"
		case "$rel" in grading | grading/* | hub | hub/* | bench | bench/*) continue ;; esac
		for f in $files; do
			case "$f" in *_test.go) continue ;; esac
			install -D -m 0644 "$dir/$f" "$env_dir/src.new/$rel/$f"
		done
	done
rm -rf "$env_dir/src"
mv "$env_dir/src.new" "$env_dir/src"
install -m 0755 bin/gonb bin/goimports "$env_dir/bin/"

mkdir -p /run/gmmgrade
chmod 0755 /run/gmmgrade

# Warm the cache inside the sandbox layout (same paths, same flags as the
# kernel's builds), writable this once.
run="$(mktemp -d /run/gmmgrade/setup.XXXXXX)"
trap 'rm -rf "$run"' EXIT
mkdir -p "$run/ipc"
cat >"$run/ipc/warm.go" <<'EOF'
package main

import (
	_ "github.com/gmmlab/gmmlab/check"
	_ "github.com/gmmlab/gmmlab/datagen"
	_ "github.com/gmmlab/gmmlab/gmmlab"
	_ "github.com/gmmlab/gmmlab/metrics"
	_ "github.com/gmmlab/gmmlab/nb"
	_ "github.com/gmmlab/gmmlab/plotting"
	_ "github.com/janpfeifer/gonb/gonbui"
	_ "gonum.org/v1/gonum/mat"
	_ "gonum.org/v1/gonum/stat"
	_ "gonum.org/v1/plot/plotter"
)

func main() {}
EOF
say "grading: warming the sandbox's Go build cache"
GMMGRADE_SETUP=1 GMMGRADE_USER=gmmgrade1 GMMGRADE_ENV="$env_dir" GMMGRADE_RUN="$run" \
	GMMGRADE_GOMODCACHE="$(go env GOMODCACHE)" GMMGRADE_GOFLAGS="-ldflags=-w" \
	bash grading/sandbox.sh - bash -c "mkdir -p /tmp/w && cd /tmp/w && cp '$run/ipc/warm.go' . &&
		go mod init warm >/dev/null 2>&1 && go work init && go work use /opt/gmmgrade/src . &&
		go build -o warm ."
touch "$env_dir/.ready"
say "grading: ready ($slots slots)"
