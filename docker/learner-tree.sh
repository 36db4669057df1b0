#!/usr/bin/env bash
# Writes the learner's tree of this checkout to OUT: what an image a learner
# uses may hold (the Dockerfile's images, and the sources `make hub` installs
# for learners), and nothing with a solution in it.
#
#   docker/learner-tree.sh OUT
#
# OUT gets every tracked and new file of the checkout (or, without git, every
# file less .git, bin, build, .lab and node_modules): the library, the
# lessons and their Python twins, the tools, docker/ and hub/; then the
# learner versions of the exercises in OUT/build/learner/, where `make lab`
# and `make hub` take them from. It leaves out
#
#   exercises/   the masters (solutions, hidden tests) and reference.py/.json
#                (the hidden tests' expected values)
#   grading/     the grader, its test submissions (right answers among them)
#                and expected grades
#   tests/, .ci/ the test suites, which open the masters
#   build/       anything built, the grading bundle (build/autograder) above all
#
# The learner versions are made from the masters (grading/assign.py --no-run,
# which proves that no line of a solution or hidden test is left in them); run
# on a learner's tree, which has no masters, the script copies its
# build/learner instead. OUT must not exist or be empty.
# docker/test_learner_tree.py checks the result (make test-learner-tree).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$GMMLAB_ROOT"

[ $# -eq 1 ] || { echo "usage: learner-tree.sh OUT" >&2; exit 2; }
out="$1"
mkdir -p "$out"
out="$(cd "$out" && pwd -P)"
if [ -n "$(ls -A "$out")" ]; then
	echo "learner-tree: $out is not empty" >&2
	exit 1
fi
case "$out/" in "$GMMLAB_ROOT"/*)
	# Only build/ may hold it: the file list must not take it in.
	case "$out/" in "$GMMLAB_ROOT"/build/*) ;; *)
		echo "learner-tree: OUT inside the checkout must be under build/" >&2
		exit 1
		;;
	esac
	;;
esac

if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files -z -co --exclude-standard
else
	find . \( -name .git -o -path ./bin -o -path ./build -o -path ./.lab -o -name node_modules \) -prune \
		-o -type f -printf '%P\0'
fi | grep -zvE '^(exercises|grading|tests|\.ci|build|bin|\.lab)/' |
	{ while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done; } |
	tar --null -T - -cf - | tar -xf - -C "$out"

mkdir -p "$out/build/learner"
if compgen -G 'exercises/*.ipynb' >/dev/null; then
	"$PYTHON" grading/assign.py --no-run --masters exercises --learner "$out/build/learner" 2>&1 |
		sed 's/^/learner-tree: /' >&2
elif compgen -G 'build/learner/*.ipynb' >/dev/null; then
	cp build/learner/*.ipynb "$out/build/learner/"
else
	echo "learner-tree: no exercises/*.ipynb masters nor build/learner/*.ipynb learner versions" >&2
	exit 1
fi
chmod -R a+rX,go-w "$out"
say "learner tree: $(find "$out" -type f | wc -l) files in $out, $(ls "$out/build/learner" | wc -l) learner exercises"
