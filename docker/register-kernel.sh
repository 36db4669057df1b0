#!/usr/bin/env bash
# Registers the GoNB kernel ("Go (gonb)", kernelspec name gonb) under
# $JUPYTER_DATA_DIR/kernels/gonb, with --go_work=<this checkout> so notebook
# cells import gmmlab's packages from the working tree, and with PATH set in
# the kernelspec so the kernel finds go and goimports whoever starts Jupyter.
# Cells build faster (issue 15): bin/kernel/go and bin/kernel/goimports (both
# cmd/gonbgo) come first on the kernel's PATH, and GOFLAGS links cell programs
# with Go's own linker, without libgcc, DWARF and symbol table, and builds
# gonum/plot without the PDF, EPS and TeX back-ends the lab never uses
# (-tags=minimal; a cell can undo both with %goflags). Skips the work when kernel.json already says all that.
set -euo pipefail
. "$(dirname "$0")/env.sh"

spec="$JUPYTER_DATA_DIR/kernels/gonb/kernel.json"
kernel_path="$GMMLAB_ROOT/bin/kernel:$GMMLAB_ROOT/bin:$(dirname "$(command -v go)")"
kernel_goflags="${GOFLAGS:+$GOFLAGS }$CELL_GOFLAGS"
mkdir -p "$GMMLAB_ROOT/bin/kernel"
(cd "$GMMLAB_ROOT" && go build -o bin/kernel/go ./cmd/gonbgo)
ln -sf go "$GMMLAB_ROOT/bin/kernel/goimports" # gonbgo answers as goimports too

# check_or_patch <check|patch>: check exits 1 when kernel.json needs redoing.
check_or_patch() {
	"$PYTHON" - "$1" "$spec" "$GMMLAB_ROOT" "$kernel_path" "$kernel_goflags" <<'PY'
import json, os, sys
mode, spec, root, path, goflags = sys.argv[1:]
want_path = path + ":${PATH}"  # jupyter_client substitutes ${PATH} at launch
try:
    with open(spec) as f:
        k = json.load(f)
except (OSError, ValueError):
    sys.exit(1)
if mode == "check":
    ok = ("-go_work=" + root in k.get("argv", [])
          and os.access(k["argv"][0], os.X_OK)
          and k.get("env", {}).get("PATH") == want_path
          and k.get("env", {}).get("GOFLAGS") == goflags)
    sys.exit(0 if ok else 1)
k.setdefault("env", {})["PATH"] = want_path
k["env"]["GOFLAGS"] = goflags
with open(spec, "w") as f:
    json.dump(k, f, indent=1)
    f.write("\n")
PY
}

if check_or_patch check; then
	say "GoNB kernel: registered in $spec"
	exit 0
fi
say "GoNB kernel: registering with --go_work=$GMMLAB_ROOT"
# --force_deps: gopls (autocompletion only) is not needed to run cells. The
# installer's log (including its gopls warning) is shown only if it fails.
if ! log="$(gonb --install --force_deps --go_work="$GMMLAB_ROOT" 2>&1)"; then
	printf '%s\n' "$log" >&2
	exit 1
fi
check_or_patch patch
check_or_patch check || { echo "register-kernel: $spec is not as expected" >&2; exit 1; }
