#!/usr/bin/env bash
# Stream throughput in one command (docs/benchmarks.md#streaming-messages-per-second-and-memory):
# the sample Diagnostics backend and a gateway in front of it, each in its own JVM on ephemeral
# loopback ports, pinned to SERVER_CPU; StreamThroughput reads direct gRPC, NDJSON and WebSocket
# streams interleaved from the other core and prints messages/s, ratios, and each server's CPU per
# message. Every stream is bounded (COUNT messages, ROUNDS rounds).
# Needs: mvn -B -q package -DskipTests.
# Usage: benchmarks/streams.sh [COUNT] [ROUNDS] [SERVER_CPU]   e.g. benchmarks/streams.sh 10000 20 1
# STREAMS_GATEWAY_JVM adds JVM options to the gateway (e.g. an -agentpath profiler);
# STREAMS_BASELINE=JAR runs a second gateway from another build's benchmarks.jar as a baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=benchmarks/target/benchmarks.jar
DESCRIPTORS=$PWD/samples/target/descriptors/samples.binpb
for f in "$BENCH" "$DESCRIPTORS"; do
  [ -f "$f" ] || { echo "missing $f: run mvn -B -q package -DskipTests"; exit 2; }
done
command -v taskset >/dev/null || { echo "missing taskset (util-linux)"; exit 2; }
COUNT=${1:-10000}
ROUNDS=${2:-20}
SERVER_CPU=${3:-1}
LOAD_CPU=$(( SERVER_CPU == 0 ? 1 : 0 ))
DIR=$(mktemp -d /tmp/gangway-streams.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Waits (60 s at most) for a line matching $2 in log $1 and prints it.
await() {
  for _ in $(seq 1 120); do
    grep -m1 -o "$2" "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "not ready: see $1" >&2
  exit 1
}

# Every sample server on a free port (only Diagnostics is used).
taskset -c "$SERVER_CPU" java -Xms512m -Xmx512m -cp "$BENCH" dev.gangway.samples.SamplesMain \
  --bookstore=0 --catalog=0 --pricing=0 --reviews=0 --diagnostics=0 --live=0 \
  >"$DIR/backend.log" 2>&1 & pids+=($!)
BACKEND_PID=$!
BACKEND=$(await "$DIR/backend.log" 'diagnostics listening on [0-9.:]*' | awk '{print $4}')

cat >"$DIR/gateway.yaml" <<YAML
server:
  bind: 127.0.0.1
  port: 0
admin:
  port: -1
descriptors:
  paths: ["$DESCRIPTORS"]
  watch: false
backends:
  - name: diagnostics
    services: [gangway.samples.diagnostics.v1.Diagnostics]
    target: $BACKEND
    timeout: 10s
YAML
# Starts a gateway from jar $1 with JVM options $2, as $3; prints "URL PID".
gateway() {
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" java -Xms512m -Xmx512m $2 -cp "$1" \
    dev.gangway.gateway.cli.Main --config "$DIR/gateway.yaml" >"$DIR/$3.log" 2>&1 & pids+=($!)
  local pid=$!
  echo "$(await "$DIR/$3.log" 'listening on http://[0-9.:]*' | awk '{print $3}') $pid"
}
# The wait runs in a subshell, whose exit cannot stop this script: check what it printed.
started() { [ -n "$2" ] || { echo "the $1 did not start: see $DIR/$1.log" >&2; exit 1; }; }
read -r GATEWAY GATEWAY_PID < <(gateway "$BENCH" "${STREAMS_GATEWAY_JVM:-}" gateway)
started gateway "${GATEWAY_PID:-}"
pids+=("$GATEWAY_PID")
SERVERS="backend=$BACKEND_PID,gateway=$GATEWAY_PID"
if [ -n "${STREAMS_BASELINE:-}" ]; then
  read -r BASELINE BASELINE_PID < <(gateway "$STREAMS_BASELINE" "" baseline)
  started baseline "${BASELINE_PID:-}"
  pids+=("$BASELINE_PID")
  GATEWAY="$GATEWAY,$BASELINE"
  SERVERS="$SERVERS,baseline=$BASELINE_PID"
fi

echo "== streams: backend $BACKEND, gateway(s) $GATEWAY ($SERVERS), servers on cpu $SERVER_CPU," \
  "client on cpu $LOAD_CPU, logs in $DIR"
taskset -c "$LOAD_CPU" java -cp "$BENCH" dev.gangway.benchmarks.load.StreamThroughput \
  "$GATEWAY" "$BACKEND" "$COUNT" "$ROUNDS" "$SERVERS"
