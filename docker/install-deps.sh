#!/usr/bin/env bash
# Installs the Debian packages the lab needs, only those still missing:
# Jupyter to serve and run notebooks, nbclient for the test runner, and
# numpy/scikit-learn for the Python comparisons in the notebooks, and a C
# compiler: nprand calls the C library's log and exp through cgo (numpy's
# exact values) and the race detector needs cgo too.
set -euo pipefail
. "$(dirname "$0")/env.sh"

#
# For the class hub and the browser tests (make hub, make test): JupyterHub 3
# with its proxy (node-configurable-http-proxy), Chromium for the browser
# tests (driven by playwright-core from npm, never a downloaded browser),
# python3-terminado for the learners' terminals, and npm where no node with
# npm is installed yet.
packages=(gcc libc6-dev jupyter-notebook jupyter-nbconvert python3-nbclient python3-ipykernel python3-numpy python3-sklearn
	jupyterhub node-configurable-http-proxy python3-terminado chromium)
missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
if ! command -v npm >/dev/null 2>&1; then
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
