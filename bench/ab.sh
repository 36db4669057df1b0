#!/usr/bin/env bash
# ab.sh REV [COUNT] [BENCH]: the gmmlab benchmarks of revision REV against
# the work tree, interleaved (old, new, old, new, ...) COUNT times (default
# 6) so that a machine's drift hits both sides alike, then benchstat's
# comparison. BENCH is the -bench pattern (default: the P1-P6 and B1 cases,
# 'Guide|Given'). Run from the repository root: bash bench/ab.sh main
set -euo pipefail
rev=${1:?usage: bench/ab.sh REV [COUNT] [BENCH]}
count=${2:-6}
pattern=${3:-Guide|Given}
out=build/ab
rm -rf "$out" && mkdir -p "$out/old"
git archive "$rev" | tar -x -C "$out/old"
(cd "$out/old" && go test -c -o ../old.test ./gmmlab)
go test -c -o "$out/new.test" ./gmmlab
go build -o "$out/benchstat" golang.org/x/perf/cmd/benchstat
: >"$out/old.txt"
: >"$out/new.txt"
for i in $(seq "$count"); do
	for side in old new; do
		echo "run $i/$count: $side" >&2
		# The test binaries read testdata/ relative to the package folder.
		(cd "$out/old/gmmlab" && "../../$side.test" -test.run '^$' -test.bench "$pattern" \
			-test.benchtime 3x -test.benchmem -test.count 1) | grep -E '^(Benchmark|goos|goarch|pkg|cpu)' >>"$out/$side.txt"
	done
done
"$out/benchstat" "$out/old.txt" "$out/new.txt"
