#!/usr/bin/env bash
# Image only: creates the unprivileged user "lab" (uid 1000) that runs
# Jupyter, and the checkout directory it owns. On a workstation `make lab`
# runs as whoever calls it, so the Makefile has no counterpart to this step.
set -euo pipefail
if ! id lab >/dev/null 2>&1; then
	useradd --create-home --uid 1000 --shell /bin/bash lab
fi
install -d -o lab -g lab /home/lab/gmmlab
