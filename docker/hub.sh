#!/usr/bin/env bash
# Serves a class with JupyterHub (make hub; run as root): installs the lab
# for every learner (docker/hub-install.sh), creates the roster's accounts
# (hub/roster.py), then runs JupyterHub with hub/jupyterhub_config.py.
#
#   HUB_IP           address of the hub: 127.0.0.1 unless set
#   HUB_PORT         port (default 8000); the hub also uses HUB_PORT+1 (its
#                    API), HUB_PORT+2 (the proxy's API) and HUB_PORT+10 to
#                    HUB_PORT+99 (the learners' servers), all on 127.0.0.1
#   HUB_ROSTER       CSV file "username,password": accounts to create or update
#   HUB_ADMINS       admin user names, comma-separated (in the roster)
#   HUB_GROUP        group of the class's accounts (gmmlab-learners)
#   HUB_PREFIX       where the lab is installed (/opt/gmmlab-hub)
#   HUB_STATE        the hub's database and cookie secret (/var/lib/gmmlab-hub)
#   HUB_MEM_LIMIT    memory per learner (2G)
#   HUB_PIDS_LIMIT   processes and threads per learner (1024)
#   HUB_CPU_LIMIT    CPU cores per learner (default: none, equal shares)
#   HUB_START_TIMEOUT  seconds a learner's server may take to start (120)
#   HUB_CULL_IDLE    seconds of inactivity before a server is stopped (3600)
#
# Stop it with Ctrl-C: the learners' servers stop with it; their files stay.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$GMMLAB_ROOT"

if [ "$(id -u)" -ne 0 ]; then
	echo "hub: run as root: the hub authenticates system users and starts each learner's server as that user" >&2
	exit 1
fi
export HUB_IP="${HUB_IP:-127.0.0.1}" HUB_PORT="${HUB_PORT:-8000}"
export HUB_PREFIX="${HUB_PREFIX:-/opt/gmmlab-hub}" HUB_STATE="${HUB_STATE:-/var/lib/gmmlab-hub}"
export HUB_GROUP="${HUB_GROUP:-gmmlab-learners}"

bash docker/hub-install.sh
if [ -n "${HUB_ROSTER:-}" ]; then
	"$PYTHON" hub/roster.py "$HUB_ROSTER" --group "$HUB_GROUP" --admins "${HUB_ADMINS:-}"
elif ! getent group "$HUB_GROUP" >/dev/null; then
	echo "hub: no accounts yet: give a roster, e.g. HUB_ROSTER=roster.csv make hub (hub/roster.py says its format)" >&2
	exit 1
fi

# The state directory and every file the hub writes there are root's alone.
umask 077
mkdir -p "$HUB_STATE"
chmod 700 "$HUB_STATE"
# The proxy's token is made afresh by the hub at each start.
unset CONFIGPROXY_AUTH_TOKEN
# Debian's configurable-http-proxy loads its modules from /usr/share/nodejs,
# which only Debian's own node searches: say so for any other node.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs:/usr/lib/nodejs"
say "gmmlab hub: http://$HUB_IP:$HUB_PORT/ (state in $HUB_STATE)"
exec jupyterhub -f "$GMMLAB_ROOT/hub/jupyterhub_config.py"
