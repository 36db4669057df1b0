# Sourced by every docker/*.sh script and by the Makefile recipes: the one
# place that says where the lab keeps its tools and its Jupyter files.
#
#   GMMLAB_ROOT       absolute path of this checkout (the go.work the kernel uses)
#   JUPYTER_DATA_DIR  where the GoNB kernelspec and Jupyter runtime files live;
#                     default .lab/jupyter inside the checkout, so two clones
#                     never overwrite each other's kernel registration
#   PYTHON            the interpreter that has Debian's jupyter packages
GMMLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export GMMLAB_ROOT
export JUPYTER_DATA_DIR="${JUPYTER_DATA_DIR:-$GMMLAB_ROOT/.lab/jupyter}"
PYTHON="${PYTHON:-/usr/bin/python3}"
export PYTHON

# Go and the tools built from go.mod come first; /usr/local/go/bin is where
# the official Go tarball and the golang Docker images put go.
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	PATH="/usr/local/go/bin:$PATH"
fi
export PATH="$GMMLAB_ROOT/bin:$PATH"

# Go needs a home for its caches; CI may run with HOME unset.
if [ -z "${HOME:-}" ]; then
	export HOME="$GMMLAB_ROOT/.lab/home"
	mkdir -p "$HOME"
	# The module cache then lives in the checkout: keep it deletable.
	export GOFLAGS="${GOFLAGS:+$GOFLAGS }-modcacherw"
fi

say() { printf '==> %s\n' "$*"; }

# The GOFLAGS the GoNB kernel builds cell programs with, in the lab
# (docker/register-kernel.sh) and on the hub (docker/hub-install.sh): Go's
# own linker, without libgcc, DWARF and symbol table, and gonum/plot without
# the PDF, EPS and TeX back-ends the lab never uses (README "Faster cells").
CELL_GOFLAGS="'-ldflags=-linkmode=internal -libgcc=none -s -w' -tags=minimal"

# Jupyter reads its configuration from the checkout, not from ~/.jupyter, so
# a stray personal config cannot switch the token off or change the kernel.
export JUPYTER_CONFIG_DIR="${JUPYTER_CONFIG_DIR:-$GMMLAB_ROOT/.lab/config}"
