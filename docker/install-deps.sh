#!/usr/bin/env bash
# Installs the Debian packages the lab needs, only those still missing:
# Jupyter to serve and run notebooks, nbclient for the test runner, and
# numpy/scikit-learn for the Python comparisons in the notebooks, and a C
# compiler: nprand calls the C library's log and exp through cgo (numpy's
# exact values) and the race detector needs cgo too.
#
# install-deps.sh [all|lab|singleuser]: what to install (default all).
#   lab         the above: make lab, the notebooks' tests, the lab image;
#   singleuser  and JupyterHub (jupyterhub-singleuser) with terminals: the
#               single-user image for Zero to JupyterHub;
#   all         and the class hub's proxy, Chromium for the browser tests
#               (driven by playwright-core from npm, never a downloaded
#               browser) and npm where no node with npm is installed yet:
#               make test and make hub.
set -euo pipefail
. "$(dirname "$0")/env.sh"

profile="${1:-all}"
packages=(gcc libc6-dev jupyter-notebook jupyter-nbconvert python3-nbclient python3-ipykernel python3-numpy python3-sklearn python3-matplotlib python3-pil libjs-mathjax libjs-requirejs)
case "$profile" in
lab) ;;
singleuser) packages+=(jupyterhub python3-terminado) ;;
all) packages+=(jupyterhub node-configurable-http-proxy python3-terminado chromium) ;;
*) echo "install-deps: unknown profile $profile (all, lab or singleuser)" >&2; exit 2 ;;
esac
missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
if [ "$profile" = all ] && ! command -v npm >/dev/null 2>&1; then
	missing+=(npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
	say "Debian packages: all present"
	exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
	sudo=(sudo)
fi
say "Debian packages: installing ${missing[*]}"
# Another apt/dpkg may hold the lock (unattended upgrades, a parallel setup):
# wait for it up to 10 minutes.
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=600)
"${sudo[@]}" apt-get "${apt_opts[@]}" update
"${sudo[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
