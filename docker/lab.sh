#!/usr/bin/env bash
# Serves the learner's workspace with Jupyter and the GoNB kernel (make setup
# first): working copies of notebooks/ and of the learner exercises, outside
# the checkout, so that saving a lesson never touches a tracked file
# (docker/workspace.py says how copies are kept and updated).
#
#   LAB_WORKSPACE  the workspace folder; default: docker/workspace.py where
#                  (~/.local/share/gmmlab/workspaces/<checkout>-<hash>)
#   LAB_IP         address to bind: 127.0.0.1 unless set (the Docker image
#                  sets 0.0.0.0 inside the container only)
#   LAB_PORT       port (default 8888)
#   JUPYTER_TOKEN  the token every request must carry; when unset or empty a
#                  random one is generated and printed with the URL
#
# The server never runs without a token and never opens a browser.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$GMMLAB_ROOT"

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

workspace="${LAB_WORKSPACE:-$("$PYTHON" docker/workspace.py where)}"
"$PYTHON" "$GMMLAB_ROOT/docker/workspace.py" sync --workspace "$workspace"

args=(--no-browser --ip="$ip" --port="$port" --port-retries=0
	--notebook-dir="$workspace")
if [ "$(id -u)" -eq 0 ]; then
	args+=(--allow-root)
fi

host="$ip"
if [ "$ip" = 0.0.0.0 ]; then
	host="127.0.0.1" # as seen through the container's published port
fi
say "gmmlab lab: your work is in $workspace (make reset-lab LESSON=NN restores a lesson)"
say "gmmlab lab: http://$host:$port/tree?token=$shown"
exec jupyter-notebook "${args[@]}"
