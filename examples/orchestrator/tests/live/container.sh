#!/usr/bin/env bash
# The fresh-container live gate: installs the packed orchestrator (npm pack) into an empty tmpfs
# inside new Linux namespaces (mount, PID, network, UTS, IPC; loopback only, no host processes,
# nothing of this checkout but the package), starts it with a scrubbed environment and runs the
# live tests against it from inside the same network namespace.
#
#   tests/live/container.sh <package.tgz> <junit-report.xml> [--history <runs>] <live test files...>
#
# Needs unshare(1) and ip(8) from util-linux/iproute2, and root or unprivileged user namespaces.
# No image registry is involved: the "image" is the npm package and the node binary that runs it.
set -euo pipefail

if [[ "${1:-}" != "--inside" ]]; then
	[[ $# -ge 3 ]] || { echo "usage: $0 <package.tgz> <junit-report.xml> [--history <runs>] <test files...>" >&2; exit 2; }
	command -v unshare >/dev/null || { echo "container.sh: unshare(1) not found" >&2; exit 3; }
	user_ns=()
	[[ "$(id -u)" == 0 ]] || user_ns=(--user --map-root-user)
	exec unshare "${user_ns[@]}" --mount --pid --net --uts --ipc --fork --mount-proc --propagation private \
		bash "$0" --inside "$@"
fi
shift

tgz=$(realpath "$1")
report=$(realpath -m "$2")
shift 2
history_runs=0
if [[ "${1:-}" == "--history" ]]; then
	history_runs=$2
	shift 2
fi
tests=()
for t in "$@"; do tests+=("$(realpath "$t")"); done
here=$(cd "$(dirname "$0")/../.." && pwd)
node_bin=$(command -v node)

hostname orchestrator-container
ip link set lo up

# The container's file system: an empty tmpfs, invisible outside these namespaces.
rootfs=$(mktemp -d)
mount -t tmpfs -o size=512m,mode=0755 tmpfs "$rootfs"
mkdir -p "$rootfs/app" "$rootfs/data" "$rootfs/home"
tar -xzf "$tgz" -C "$rootfs/app" --strip-components=1
# Volumes: the repository whose compliance is reported, and the run history.
cp -r "$here/tests/fixtures/sample-repo" "$rootfs/data/repo"
history_args=()
if [[ "$history_runs" -gt 0 ]]; then
	"$node_bin" "$here/tests/fixtures/make-history.mjs" "$history_runs" "$rootfs/data/history" >/dev/null
	history_args=(--history "$rootfs/data/history")
fi

token="container-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
cd "$rootfs/app"
env -i PATH="$(dirname "$node_bin"):/usr/bin:/bin" HOME="$rootfs/home" ORCH_PUBLISH_TOKEN="$token" \
	"$node_bin" dist/cli.js serve --host 127.0.0.1 --port 8080 --repo "$rootfs/data/repo" "${history_args[@]}" \
	>"$rootfs/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
	if "$node_bin" -e "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
	sleep 0.1
done
echo "container: $(hostname), app $(cat "$rootfs/app/package.json" | "$node_bin" -e "process.stdin.on('data', (d) => console.log(JSON.parse(d).version))"), $(cat "$rootfs/server.log")"

status=0
env -i PATH="$(dirname "$node_bin"):/usr/bin:/bin" HOME="$rootfs/home" ORCH_URL=http://127.0.0.1:8080 ORCH_PUBLISH_TOKEN="$token" \
	"$node_bin" --test --test-reporter=spec --test-reporter-destination=stdout \
	--test-reporter=junit --test-reporter-destination="$report" "${tests[@]}" || status=$?
kill "$server" 2>/dev/null || true
exit "$status"
