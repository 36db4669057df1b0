#!/usr/bin/env bash
# Usage: scripts/bench_cells_ab.sh REV [bench_cells.py options...] [LESSON.ipynb...]
#
# `make bench-cells-ab REV=...`: every lesson through the kernel of revision
# REV ("before") and through the kernel of this work tree ("after"),
# interleaved within each repeat by scripts/bench_cells.py --variant, with
# their Python twins. REV's tree is exported (git archive) to
# .lab/bench-cells-rev; its kernel is the one its docker/register-kernel.sh
# would register: its cmd/gonbgo as bin/kernel/go (and bin/kernel/goimports
# if it links one), its GOFLAGS, and -go_work on its own library. The report
# gives each cell's latency per kernel, the median new-source print and plot
# cells, each lesson's total against its twin, and every cell whose printed
# output differs between the two. Without LESSON.ipynb arguments, every
# lesson in notebooks/.
set -euo pipefail
. "$(dirname "$0")/../docker/env.sh"

rev="${1:?usage: bench_cells_ab.sh REV [bench_cells.py options]}"
shift
cd "$GMMLAB_ROOT"
dir="$GMMLAB_ROOT/.lab/bench-cells-rev"
rm -rf "$dir"
mkdir -p "$dir"
git archive "$rev" | tar -x -C "$dir"

before_path="$GMMLAB_ROOT/bin:$(dirname "$(command -v go)"):\${PATH}"
if [ -d "$dir/cmd/gonbgo" ]; then
	mkdir -p "$dir/bin/kernel"
	(cd "$dir" && go build -o bin/kernel/go ./cmd/gonbgo)
	if grep -q 'bin/kernel/goimports' "$dir/docker/register-kernel.sh"; then
		ln -sf go "$dir/bin/kernel/goimports"
	fi
	before_path="$dir/bin/kernel:$before_path"
fi
# REV's kernel GOFLAGS, as its register-kernel.sh writes them (none before
# issue 15), from its docker/env.sh's CELL_GOFLAGS where it names them there.
before_goflags="$(sed -n "s/^kernel_goflags=\"\${GOFLAGS:+\$GOFLAGS }\(.*\)\"\$/\1/p" "$dir/docker/register-kernel.sh")"
if [ "$before_goflags" = '$CELL_GOFLAGS' ]; then
	before_goflags="$(bash -c '. "$1/docker/env.sh" && printf %s "$CELL_GOFLAGS"' _ "$dir")"
fi

lessons=()
options=()
for a in "$@"; do
	case "$a" in
	*.ipynb) lessons+=("$a") ;;
	*) options+=("$a") ;;
	esac
done
[ ${#lessons[@]} -gt 0 ] || lessons=(notebooks)

mkdir -p build/bench-cells
exec "$PYTHON" scripts/bench_cells.py \
	--variant "before=PATH=$before_path,GOFLAGS=$before_goflags,arg=-go_work=$dir" \
	--variant after= "${options[@]}" "${lessons[@]}"
