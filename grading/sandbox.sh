#!/usr/bin/env bash
# Starts one GoNB kernel for grading, sandboxed. jupyter_client runs it as
# root through the gmmgrade kernelspec that grade.py writes:
#
#   sandbox.sh CONNECTION_FILE
#
# The kernel and everything it starts (go build, the cell programs, shell
# lines) run as an unprivileged user in new mount, PID, network, IPC and UTS
# namespaces, chrooted into a root built here from read-only pieces:
#
#   /usr, /etc (passwd, group, ld.so), /dev (null, zero, random...)  the system
#   /opt/gmmgrade/src      the Go module, without exercises/, grading/, build/
#   /opt/gmmgrade/bin      gonb and goimports
#   /opt/gmmgrade/gomod    the Go module cache
#   /opt/gmmgrade/gocache  the run's own copy of a warm build cache, in its
#                          tmpfs: it vanishes with the run
#   /home/learner, /tmp    writable tmpfs, GMMGRADE_DISK MiB in all
#   $GMMGRADE_RUN/ipc      the kernel's sockets and connection file
#
# Nothing else of the host is visible: not the checkout, not the autograder
# bundle, not build/grades, not another learner's run. There is no network:
# the kernel talks to the grader over Unix sockets (Jupyter's ipc transport).
# When the kernel exits or is killed, the PID namespace ends and every
# process it left behind is killed with it.
#
# Environment (grade.py sets it):
#   GMMGRADE_USER   user to run as (created by setup.sh)
#   GMMGRADE_ENV    directory holding src/, bin/ and gocache/
#   GMMGRADE_RUN    this run's directory; GMMGRADE_RUN/ipc is owned by the user
#   GMMGRADE_GOMODCACHE  the host's module cache
#   GMMGRADE_MEM    address space per process, MiB (default 4096)
#   GMMGRADE_NPROC  processes and threads of the user (default 512)
#   GMMGRADE_CPU    CPU seconds per process (default 600)
#   GMMGRADE_DISK   size of the writable tmpfs, MiB (default 1024)
#   GMMGRADE_SETUP  if 1, gocache is mounted writable and the command after
#                   the connection file runs as root instead of the kernel
#                   (setup.sh warms the cache this way)
#   GMMLAB_CHECK_RECORD and GMMGRADE_GOFLAGS are passed to the kernel.
set -euo pipefail

die() { echo "sandbox: $*" >&2; exit 1; }

if [ "${1:-}" != --inside ]; then
	[ "$(id -u)" -eq 0 ] || die "must run as root"
	[ $# -ge 1 ] || die "usage: sandbox.sh CONNECTION_FILE [setup command...]"
	for v in GMMGRADE_USER GMMGRADE_ENV GMMGRADE_RUN GMMGRADE_GOMODCACHE; do
		[ -n "${!v:-}" ] || die "$v is not set"
	done
	id "$GMMGRADE_USER" >/dev/null 2>&1 || die "no user $GMMGRADE_USER: run grading/setup.sh"
	conn="$1"
	shift
	ipc="$GMMGRADE_RUN/ipc"
	[ -d "$ipc" ] || die "$ipc does not exist"
	if [ "$conn" != - ]; then
		install -m 0600 -o "$GMMGRADE_USER" -g "$GMMGRADE_USER" "$conn" "$ipc/kernel.json"
	fi
	# --kill-child: if the grader kills this process, the namespace's first
	# process gets SIGKILL and the kernel takes every process with it.
	exec unshare --mount --pid --net --ipc --uts --fork --kill-child -- "$0" --inside "$@"
fi
shift

uid="$(id -u "$GMMGRADE_USER")"
gid="$(id -g "$GMMGRADE_USER")"
env_dir="$GMMGRADE_ENV"
ipc="$GMMGRADE_RUN/ipc"
R="$GMMGRADE_RUN/root"
mkdir -p "$R"

mount --make-rprivate /
# The writable space the learner may fill, plus room for the build cache's copy.
cache_mb="$(du -sm "$env_dir/gocache" | cut -f1)"
mount -t tmpfs -o "size=$((${GMMGRADE_DISK:-1024} + cache_mb))m,mode=0755" gmmgrade "$R"

robind() { # robind SRC DST: read-only bind mount
	mkdir -p "$2"
	mount --bind "$1" "$2"
	mount -o remount,bind,ro,nosuid,nodev "$2"
}

robind /usr "$R/usr"
for d in bin lib lib64 sbin; do
	if [ -L "/$d" ]; then
		ln -s "$(readlink "/$d")" "$R/$d"
	elif [ -d "/$d" ]; then
		robind "/$d" "$R/$d"
	fi
done
goroot="$(dirname "$(dirname "$(readlink -f "$(command -v go)")")")"
case "$goroot" in
/usr/*) ;;
*) robind "$goroot" "$R$goroot" ;;
esac

# A minimal /etc: who is who, and where the C library is.
mkdir -p "$R/etc"
grep -E "^(root|nobody|$GMMGRADE_USER):" /etc/passwd >"$R/etc/passwd"
grep -E "^(root|nogroup|$GMMGRADE_USER):" /etc/group >"$R/etc/group"
for f in ld.so.cache ld.so.conf nsswitch.conf localtime; do
	[ -e "/etc/$f" ] && cp -L "/etc/$f" "$R/etc/$f"
done
[ -d /etc/ld.so.conf.d ] && cp -rL /etc/ld.so.conf.d "$R/etc/"
echo "127.0.0.1 localhost" >"$R/etc/hosts"

mkdir -p "$R/dev"
for f in null zero full random urandom tty; do
	touch "$R/dev/$f"
	mount --bind "/dev/$f" "$R/dev/$f"
done
ln -s /proc/self/fd "$R/dev/fd"
mkdir -p "$R/dev/shm" "$R/proc" "$R/tmp" "$R/home/learner"
chmod 1777 "$R/dev/shm" "$R/tmp"
chown "$uid:$gid" "$R/home/learner"
mount -t proc -o nosuid,nodev,noexec proc "$R/proc"

robind "$env_dir/src" "$R/opt/gmmgrade/src"
robind "$env_dir/bin" "$R/opt/gmmgrade/bin"
robind "$GMMGRADE_GOMODCACHE" "$R/opt/gmmgrade/gomod"
mkdir -p "$R/opt/gmmgrade/gocache"
if [ "${GMMGRADE_SETUP:-0}" = 1 ]; then
	mount --bind "$env_dir/gocache" "$R/opt/gmmgrade/gocache"
else
	# The run's own copy of the warm cache, owned by the user: the go command
	# must own the entries it reads (it updates their times), and a learner
	# who tampers with the cache tampers with this copy only.
	cp -r "$env_dir/gocache/." "$R/opt/gmmgrade/gocache/"
	chown -R "$uid:$gid" "$R/opt/gmmgrade/gocache"
fi
mkdir -p "$R$ipc"
mount --bind "$ipc" "$R$ipc"
ip link set lo up 2>/dev/null || true

goenv=(
	PATH=/opt/gmmgrade/bin:/usr/local/go/bin:/usr/bin:/bin
	HOME=/home/learner TMPDIR=/tmp LANG=C.UTF-8
	GOCACHE=/opt/gmmgrade/gocache GOMODCACHE=/opt/gmmgrade/gomod
	GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local GOTELEMETRY=off
	"GOFLAGS=-buildvcs=false ${GMMGRADE_GOFLAGS:-}"
	"GMMLAB_CHECK_RECORD=${GMMLAB_CHECK_RECORD:-}"
)
if [ -n "$goroot" ] && [ "$goroot" != /usr/local/go ]; then
	goenv[0]="PATH=/opt/gmmgrade/bin:$goroot/bin:/usr/bin:/bin"
fi

if [ "${GMMGRADE_SETUP:-0}" = 1 ]; then
	exec chroot "$R" /usr/bin/env -i "${goenv[@]}" /bin/bash -c 'cd /home/learner && "$@"' setup "$@"
fi

limits=(
	--as=$((${GMMGRADE_MEM:-4096} * 1024 * 1024))
	--nproc="${GMMGRADE_NPROC:-512}"
	--cpu="${GMMGRADE_CPU:-600}"
	--fsize=$((${GMMGRADE_DISK:-1024} * 1024 * 1024))
	--nofile=1024
	--core=0
)
# This shell stays the namespace's first process, as root: it keeps the
# parent-death signal unshare gave it (a change of user would clear it), reaps
# whatever the cells leave behind, and takes them all down when it ends.
chroot "$R" /usr/bin/env -i "${goenv[@]}" \
	/usr/bin/prlimit "${limits[@]}" -- \
	/usr/bin/setpriv --reuid="$uid" --regid="$gid" --clear-groups --no-new-privs \
	--inh-caps=-all --bounding-set=-all -- \
	/bin/bash -c 'cd /home/learner && exec gonb --kernel "$1" -raw_error=true -go_work=/opt/gmmgrade/src \
		-logtostderr=true -stderrthreshold=2 -v=0' kernel "$ipc/kernel.json" </dev/null &
kernel=$!
trap 'kill -TERM "$kernel" 2>/dev/null' TERM
wait "$kernel"
