#!/usr/bin/env bash
# Image only: add-user.sh [NAME] creates the unprivileged user NAME (default
# lab; the single-user image uses jovyan, as Zero to JupyterHub expects),
# uid 1000, that runs Jupyter, and the directory ~/gmmlab it owns. On a
# workstation `make lab` runs as whoever calls it, and on a class server the
# roster makes the accounts, so the Makefile has no counterpart to this step.
set -euo pipefail
name="${1:-lab}"
if ! id "$name" >/dev/null 2>&1; then
	useradd --create-home --uid 1000 --shell /bin/bash "$name"
fi
install -d -o "$name" -g "$name" "/home/$name/gmmlab"
