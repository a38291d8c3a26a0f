#!/usr/bin/env bash
# Load run: the gateway against its baselines, measured in one run on this machine.
#   plain Undertow (HTTP alone)  vs  gateway -> gRPC backend  vs  direct gRPC to the backend
# Needs: mvn -B -q package -DskipTests, and wrk (apt-get install -y wrk). Loopback only; every
# load step is bounded by DURATION seconds. Usage: benchmarks/load.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-32}
BENCH=benchmarks/target/benchmarks.jar
DEMO=samples/target/gangway-demo.jar
for f in "$BENCH" "$DEMO"; do [ -f "$f" ] || { echo "missing $f: run mvn -B -q package -DskipTests"; exit 2; }; done
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk"; exit 2; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java -cp "$BENCH" dev.gangway.benchmarks.load.PlainUndertow 18080 >/tmp/gangway-load-plain.log 2>&1 & pids+=($!)
java -jar "$DEMO" >/tmp/gangway-load-demo.log 2>&1 & pids+=($!)
for _ in $(seq 1 60); do
  grep -q "demo ready" /tmp/gangway-load-demo.log 2>/dev/null && grep -q listening /tmp/gangway-load-plain.log && break
  sleep 1
done
curl -fsS http://127.0.0.1:8080/v1/diagnostics/whoami >/dev/null
curl -fsS http://127.0.0.1:18080/ >/dev/null

echo "== $(nproc) cores, ${DURATION}s per step, ${CONNECTIONS} connections, 2 wrk threads"
echo "-- warm-up (not reported)"
wrk -t2 -c"$CONNECTIONS" -d5s http://127.0.0.1:18080/ >/dev/null
wrk -t2 -c"$CONNECTIONS" -d5s http://127.0.0.1:8080/v1/diagnostics/whoami >/dev/null
echo "-- plain Undertow, fixed JSON"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency http://127.0.0.1:18080/
echo "-- gateway: GET /v1/diagnostics/whoami -> Diagnostics.WhoAmI"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency http://127.0.0.1:8080/v1/diagnostics/whoami
echo "-- gateway: GET /v1/shelves/fiction/books/dune -> Bookstore.GetBook"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency http://127.0.0.1:8080/v1/shelves/fiction/books/dune
echo "-- direct gRPC: Diagnostics.WhoAmI, ${CONNECTIONS} calls in flight"
java -cp "$BENCH" dev.gangway.benchmarks.load.DirectGrpcLoad 127.0.0.1:50055 "$CONNECTIONS" "$DURATION"
echo "-- server streaming: 20 streams of 10,000 Diagnostics.Ticks, direct gRPC vs gateway NDJSON"
java -cp "$BENCH" dev.gangway.benchmarks.load.StreamThroughput http://127.0.0.1:8080 127.0.0.1:50055 10000 20
echo "-- gateway memory after the run"
grep -E "VmRSS|VmHWM" /proc/"${pids[1]}"/status || true
