#!/usr/bin/env bash
# Serves notebooks/ with Jupyter and the GoNB kernel (run setup.sh first).
#
#   LAB_IP         address to bind: 127.0.0.1 unless set; make lab always
#                  passes 127.0.0.1, the Docker image sets 0.0.0.0 inside the
#                  container only
#   LAB_PORT       port (default 8888)
#   JUPYTER_TOKEN  the token every request must carry; when unset or empty a
#                  random one is generated and printed with the URL
#
# The server never runs without a token and never opens a browser.
set -euo pipefail
. "$(dirname "$0")/env.sh"

ip="${LAB_IP:-127.0.0.1}"
port="${LAB_PORT:-8888}"
if [ -z "${JUPYTER_TOKEN:-}" ]; then
	JUPYTER_TOKEN="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(24))')"
	shown="$JUPYTER_TOKEN"
else
	shown='<your $JUPYTER_TOKEN>'
fi
# Jupyter reads the token from the environment: it never shows up in `ps`.
export JUPYTER_TOKEN
unset JUPYTER_TOKEN_FILE

args=(--no-browser --ip="$ip" --port="$port" --port-retries=0
	--notebook-dir="$GMMLAB_ROOT/notebooks")
if [ "$(id -u)" -eq 0 ]; then
	args+=(--allow-root)
fi

host="$ip"
if [ "$ip" = 0.0.0.0 ]; then
	host="127.0.0.1" # as seen through the container's published port
fi
say "gmmlab lab: http://$host:$port/tree?token=$shown"
exec jupyter-notebook "${args[@]}"
