#!/usr/bin/env bash
# Deployment end to end with real processes: a fleet server and four device nodes on loopback, the server
# killed with SIGKILL in the middle of the run and started again on the same database. The run must finish,
# every round exactly once and completed by all four nodes, and every process must exit cleanly.
#
# Usage: scripts/check-fleet-restart.sh [path/to/swiftlet-fleet]   (default: the debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-$(swift build --show-bin-path)/swiftlet-fleet}
work=.build/ci-fleet
rm -rf "$work" && mkdir -p "$work"
config=configs/fleet-mnist.toml
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

server() {   # starts a server on port $1 (0 = any), logging to $work/server-$2.log
    "$bin" server --config "$config" --port "$1" --port-file "$work/port" --database "$work/fleet.sqlite" \
        --results "$work/results" --finish-grace 5 --log-format json > "$work/server-$2.out" 2> "$work/server-$2.log" &
    server_pid=$!
    pids+=("$server_pid")
}
completed_rounds() {  # rounds finished so far (round 0, the initial evaluation, excluded)
    python3 -c 'import json,sys
try: rows=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]
except FileNotFoundError: rows=[]
print(sum(1 for r in rows if r["round"]>0))' "$work/results/rounds.jsonl"
}
wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
    local limit=$1 what=$2; shift 2
    for _ in $(seq 1 $((limit * 10))); do if "$@"; then return 0; fi; sleep 0.1; done
    echo "timed out after ${limit}s: $what" >&2; tail -20 "$work"/server-*.log >&2 || true; exit 1
}

server 0 first
wait_for 120 "the server to listen" test -s "$work/port"
port=$(cat "$work/port")
echo "server pid $server_pid on port $port"
node_pids=()
for k in 0 1 2 3; do
    "$bin" node --server "http://127.0.0.1:$port" --config "$config" --partition "$k" --heartbeat 10 \
        > "$work/node-$k.out" 2> "$work/node-$k.log" &
    node_pids+=($!); pids+=($!)
done

rounds_at_least() { [ "$(completed_rounds)" -ge "$1" ]; }
wait_for 600 "two rounds to finish" rounds_at_least 2
kill -9 "$server_pid"
wait "$server_pid" 2>/dev/null || true
before=$(completed_rounds)
echo "killed the server with SIGKILL after $before completed rounds"
[ "$before" -lt 10 ] || { echo "the run ended before the kill" >&2; exit 1; }

server "$port" second
metrics_show() {  # the resumed server's Prometheus endpoint shows request and engine metrics
    python3 - "$port" <<'PY'
import sys, urllib.request
try:
    text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=2).read().decode()
except Exception:
    sys.exit(1)
sys.exit(0 if "swiftlet_fleet_requests_total" in text and "swiftlet_fleet_rounds_completed_total" in text else 1)
PY
}
wait_for 300 "the resumed server's /metrics to show a completed round" metrics_show
wait "$server_pid"          # the resumed run finishes and the server exits 0
for pid in "${node_pids[@]}"; do wait "$pid"; done   # every node learns the run is over, deactivates, exits 0
pids=()

python3 - "$work/results/rounds.jsonl" "$work/results/summary.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rounds = [r for r in rows if r["round"] > 0]
numbers = [r["round"] for r in rounds]
assert numbers == list(range(1, 11)), f"rounds {numbers}: each of 1..10 must appear exactly once"
for r in rounds:
    assert r["status"] == "completed", f"round {r['round']} is {r['status']}"
    assert len(r["accepted"]) == 4, f"round {r['round']} accepted {len(r['accepted'])} results, not 4"
summary = json.load(open(sys.argv[2]))
assert summary["completedRounds"] == 10, summary
assert summary["accuracy"] > 0.85, f"final accuracy {summary['accuracy']}"
print(f"resumed run: rounds 1..10 once each, 4 results per round, final accuracy {summary['accuracy']:.4f}")
PY
grep -q '"resum' "$work/server-second.log" || { echo "the second server did not log a resume" >&2; exit 1; }
echo "fleet restart check: OK"
