#!/usr/bin/env bash
# Swiftlet nodes in a real Flower federation: flwr 1.40's SuperLink and FedAvg ServerApp, on loopback.
#
#   tests/interop/run.sh [path/to/swiftlet-fleet]     (default: the debug build's binary)
#
# Creates (or reuses) a venv at .build/interop-venv with flwr==1.40.0 from PyPI, then runs three cases,
# each with its own `flower-superlink` on a free loopback port and the app in tests/interop/flower_app
# (Flower's own FedAvg, numpy only), and checks each with check_run.py:
#   1. insecure: three Swiftlet nodes (`swiftlet-fleet node --flower`), 3 rounds;
#   2. mixed: two Swiftlet nodes and two Python `flower-supernode`s in one run, 2 rounds;
#   3. TLS + node authentication: a CA and server certificate made here with openssl, Swiftlet node keys
#      registered with `flwr supernode register`, two Swiftlet nodes, 2 rounds.
# The check: every round completes with no failures, the metrics arrive, and every round's aggregate and the
# final arrays equal the num-examples-weighted mean of the recorded replies.
# Every process started here is stopped by its process id (with the children it spawned) on exit.
# Set SWIFTLET_INTEROP_KEEP=1 to keep the work directory (logs, records) for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
here="$root/tests/interop"
bin=${1:-"$(swift build --show-bin-path)/swiftlet-fleet"}
[ -x "$bin" ] || { echo "swiftlet-fleet not found at $bin: build it (swift build --product swiftlet-fleet)" >&2; exit 1; }

venv="$root/.build/interop-venv"
if ! "$venv/bin/python" -c 'import flwr, numpy; assert flwr.__version__ == "1.40.0"' 2>/dev/null; then
    echo "creating $venv with flwr==1.40.0"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "flwr==1.40.0" numpy
fi
py="$venv/bin/python"
export PATH="$venv/bin:$PATH"
# Loopback only: Flower's processes send telemetry to telemetry.flower.ai and check PyPI for updates unless told not to.
export FLWR_TELEMETRY_ENABLED=0 FLWR_DISABLE_UPDATE_CHECK=1

work=$(mktemp -d "${TMPDIR:-/tmp}/swiftlet-interop.XXXXXX")
pids=()
started=$(date +%s)

# The process ids of `pid` and everything it spawned, children first (read from /proc, by id).
descendants() {
    local pid=$1 child
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do descendants "$child"; done
    echo "$pid"
}
stop_all() {
    local pid all=()
    for pid in "${pids[@]}"; do all+=($(descendants "$pid")); done
    for pid in "${all[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${all[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    pids=()
}
finish() {
    local status=$?
    stop_all
    if [ "$status" -ne 0 ]; then
        echo "interop test failed; logs in $work" >&2
    elif [ "${SWIFTLET_INTEROP_KEEP:-0}" = 1 ]; then
        echo "kept $work"
    else
        rm -rf "$work"
    fi
}
trap finish EXIT
trap 'exit 130' INT TERM

free_port() { "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for <seconds> <description> <command…>: polls the command every half second.
wait_for() {
    local limit=$1 what=$2; shift 2
    local deadline=$(( $(date +%s) + limit ))
    until "$@"; do
        if [ "$(date +%s)" -ge "$deadline" ]; then echo "timed out after ${limit}s waiting for $what" >&2; return 1; fi
        sleep 0.5
    done
}
listening() { "$py" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" 2>/dev/null; }
exited() { ! kill -0 "$1" 2>/dev/null; }

# start_superlink <dir> <port> [extra flags…]: a SuperLink whose Fleet, Control and Runtime APIs share <port>.
start_superlink() {
    local dir=$1 port=$2; shift 2
    flower-superlink --host 127.0.0.1 --port "$port" --disable-runtime-dependency-installation "$@" \
        > "$dir/superlink.log" 2>&1 &
    pids+=($!)
    wait_for 90 "the SuperLink on port $port" listening "$port"
}

# start_swiftlet_node <dir> <index> <url> [extra flags…]: one Swiftlet node on partition <index>.
start_swiftlet_node() {
    local dir=$1 index=$2 url=$3; shift 3
    "$bin" node --flower "$url" --config "$here/swiftlet-node.toml" --partition "$index" --poll-max 2 \
        --heartbeat 10 "$@" > "$dir/swiftlet-$index.log" 2>&1 &
    pids+=($!)
    swiftlet_pids+=($!)
}

# The node ids the Swiftlet nodes were given, from their logs (for the checker's per-side counts).
swiftlet_ids() {
    local dir=$1
    grep -ho 'node=[0-9]\+ \[SwiftletFleetNode\] online' "$dir"/swiftlet-*.log | grep -o '[0-9]\+' | sort -u > "$dir/swiftlet-ids"
}

# run_app <dir> <rounds> <nodes>: starts the run through the SuperLink's Control API and waits for it.
run_app() {
    local dir=$1 rounds=$2 nodes=$3
    FLWR_HOME="$dir/flwr-home" flwr run "$here/flower_app" interop \
        --run-config "record-dir='$dir/record' num-server-rounds=$rounds min-nodes=$nodes" > "$dir/flwr-run.log" 2>&1
    wait_for 240 "the ServerApp of $dir to finish" run_done "$dir"
}

# run_done <dir>: the ServerApp wrote its final arrays; fails the case at once if a process already died.
run_done() {
    local pid
    [ -e "$1/record/done" ] && return 0
    for pid in "${pids[@]}"; do
        kill -0 "$pid" 2>/dev/null || { echo "process $pid exited before the run finished; logs in $1" >&2; exit 1; }
    done
    return 1
}

# wait_swiftlet_nodes: every Swiftlet node exits 0 by itself once the SuperLink reports the run over.
wait_swiftlet_nodes() {
    local pid
    for pid in "${swiftlet_pids[@]}"; do
        wait_for 90 "Swiftlet node $pid to leave after the run" exited "$pid"
        wait "$pid" || { echo "Swiftlet node $pid exited with status $?" >&2; return 1; }
    done
}

# left_as_flower_does <dir> <yes|no>: every Swiftlet node deactivated after the run, and unregistered its key
# exactly when it had registered a key of its own (no --key) rather than one the operator registered.
left_as_flower_does() {
    local dir=$1 unregisters=$2 log
    for log in "$dir"/swiftlet-*.log; do
        grep -q '\] deactivated$' "$log" || { echo "$log: the node did not deactivate" >&2; return 1; }
        if [ "$unregisters" = yes ]; then
            grep -q '\] unregistered$' "$log" || { echo "$log: the node did not unregister its key" >&2; return 1; }
        elif grep -q '\] unregistered$' "$log"; then
            echo "$log: the node unregistered a key the operator registered" >&2; return 1
        fi
    done
}

flwr_home() {
    local dir=$1 port=$2 extra=$3
    mkdir -p "$dir/flwr-home"
    printf '[superlink]\ndefault = "interop"\n\n[superlink.interop]\naddress = "127.0.0.1:%s"\n%s\n' "$port" "$extra" \
        > "$dir/flwr-home/config.toml"
}

echo "== case 1: three Swiftlet nodes, insecure SuperLink, 3 rounds"
dir="$work/insecure"; mkdir -p "$dir"; swiftlet_pids=()
port=$(free_port)
flwr_home "$dir" "$port" 'insecure = true'
start_superlink "$dir" "$port" --insecure
for index in 0 1 2; do start_swiftlet_node "$dir" "$index" "http://127.0.0.1:$port"; done
run_app "$dir" 3 3
wait_swiftlet_nodes
left_as_flower_does "$dir" yes
swiftlet_ids "$dir"
"$py" "$here/check_run.py" "$dir/record" --rounds 3 --nodes 3 --swiftlet-ids "$dir/swiftlet-ids" --min-swiftlet 3
stop_all

echo "== case 2: two Swiftlet nodes and two Python SuperNodes in one run, 2 rounds"
dir="$work/mixed"; mkdir -p "$dir"; swiftlet_pids=()
port=$(free_port)
flwr_home "$dir" "$port" 'insecure = true'
start_superlink "$dir" "$port" --insecure
for index in 0 1; do start_swiftlet_node "$dir" "$index" "http://127.0.0.1:$port"; done
for index in 2 3; do
    FLWR_HOME="$dir/flwr-home" flower-supernode --insecure --superlink "127.0.0.1:$port" --host 127.0.0.1 \
        --port "$(free_port)" \
        --node-config "partition-id=$index num-partitions=4 data-file='$root/Data/digits/digits.csv.gz'" \
        > "$dir/python-$index.log" 2>&1 &
    pids+=($!)
done
run_app "$dir" 2 4
wait_swiftlet_nodes
swiftlet_ids "$dir"
"$py" "$here/check_run.py" "$dir/record" --rounds 2 --nodes 4 --swiftlet-ids "$dir/swiftlet-ids" --min-swiftlet 2 --min-python 2
stop_all

echo "== case 3: TLS and node authentication, two Swiftlet nodes registered with flwr supernode register, 2 rounds"
dir="$work/secure"; mkdir -p "$dir/tls"; swiftlet_pids=()
port=$(free_port)
tls="$dir/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=swiftlet interop CA" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" 2> "$tls/openssl.log"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$tls/server.key" -out "$tls/server.csr" 2>> "$tls/openssl.log"
printf 'subjectAltName = IP:127.0.0.1, DNS:localhost\n' > "$tls/san.ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
    -extfile "$tls/san.ext" -out "$tls/server.pem" 2>> "$tls/openssl.log"
flwr_home "$dir" "$port" "root-certificates = \"$tls/ca.pem\""
start_superlink "$dir" "$port" --ssl-ca-certfile "$tls/ca.pem" --ssl-certfile "$tls/server.pem" \
    --ssl-keyfile "$tls/server.key" --enable-supernode-auth
for index in 0 1; do
    "$bin" keys generate --curve p384 --output "$dir/node-$index.pem" > /dev/null
    FLWR_HOME="$dir/flwr-home" flwr supernode register "$dir/node-$index.pem.pub" interop > "$dir/register-$index.log" 2>&1
done
for index in 0 1; do
    start_swiftlet_node "$dir" "$index" "https://127.0.0.1:$port" --key "$dir/node-$index.pem" --root-certificates "$tls/ca.pem"
done
run_app "$dir" 2 2
wait_swiftlet_nodes
left_as_flower_does "$dir" no
swiftlet_ids "$dir"
"$py" "$here/check_run.py" "$dir/record" --rounds 2 --nodes 2 --swiftlet-ids "$dir/swiftlet-ids" --min-swiftlet 2
stop_all

echo "== Flower interop passed in $(( $(date +%s) - started )) s"
