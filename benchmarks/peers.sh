#!/usr/bin/env bash
# The peer benchmark in one command (docs/benchmarks.md#peers): direct gRPC, bare Undertow,
# Armeria's in-process transcoding and Gangway, the same two workloads, interleaved in one run.
# Servers run pinned to SERVER_CPU, this load generator (and wrk) to the other core. Loopback
# only; every step is bounded by SECONDS.
# Needs: mvn -B -q package -DskipTests, and wrk (apt-get install -y wrk).
# Usage: benchmarks/peers.sh [SECONDS] [ROUNDS] [CONNECTIONS] [SERVER_CPU] [TARGETS]
#   e.g. benchmarks/peers.sh 10 3 16 1 direct,undertow,armeria,gangway
# PEER_GANGWAY_JVM adds JVM options to the gateway; PEER_PROFILE=cpu|alloc|jfr profiles the
# gateway during its measured steps (files in the logs directory printed first); PEER_BACKEND=
# default-executor runs the backend's services on grpc-java's default executor (default: direct).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=benchmarks/target/benchmarks.jar
[ -f "$BENCH" ] || { echo "missing $BENCH: run mvn -B -q package -DskipTests"; exit 2; }
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk"; exit 2; }
command -v taskset >/dev/null || { echo "missing taskset (util-linux)"; exit 2; }
SERVER_CPU=${4:-1}
LOAD_CPU=$(( SERVER_CPU == 0 ? 1 : 0 ))
exec taskset -c "$LOAD_CPU" java -Xms1g -Xmx1g -Dpeer.gangway.jvm="${PEER_GANGWAY_JVM:-}" \
  -Dpeer.profile="${PEER_PROFILE:-}" -Dpeer.baseline="${PEER_BASELINE:-}" \
  -Dpeer.backend="${PEER_BACKEND:-direct}" \
  -cp "$BENCH" dev.gangway.benchmarks.peer.PeerBenchmark "${1:-10}" "${2:-3}" "${3:-16}" \
  "$SERVER_CPU" "${5:-direct,undertow,armeria,gangway}"
