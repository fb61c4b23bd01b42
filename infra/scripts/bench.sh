#!/usr/bin/env bash
# `npm run bench`: the benchmark suite (never part of `npm test`, never asserts timings). Needs what `npm start`
# needs; starts its own Kafka broker (own data directory, free ports) and its own databases (sc_bench_*), so a
# running `npm start` is untouched. BENCH_SCALE=small and BENCH_QUICK=1 make a short development run.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash infra/scripts/ensure-deps.sh
source infra/scripts/runtime.sh
bash infra/scripts/build.sh
pg_url="$(bash infra/scripts/postgres.sh ensure | tail -n1)"

export SC_KAFKA_DIR="$PWD/.sc/kafka-bench-$$"
SC_KAFKA_PORT="$(bash infra/scripts/free-port.sh)"
SC_KAFKA_CONTROLLER_PORT="$(bash infra/scripts/free-port.sh)"
export SC_KAFKA_PORT SC_KAFKA_CONTROLLER_PORT
rm -rf "$SC_KAFKA_DIR"
cleanup() {
  trap '' INT TERM HUP PIPE
  bash infra/scripts/kafka.sh stop >/dev/null 2>&1 || true
  rm -rf "$SC_KAFKA_DIR"
}
trap cleanup EXIT
brokers="$(bash infra/scripts/kafka.sh start | tail -n1)"

# --expose-gc: the harness collects its own garbage between phases, so its GC pauses do not land in a
# measurement as latency of the system under test.
SC_PG_URL="$pg_url/postgres" SC_KAFKA_BROKERS="$brokers" \
  node --expose-gc -r ./tools/runtime/register-aliases.js dist/tools/bench/main.js &
bench=$!
# Ctrl-C reaches the whole foreground group; the harness stops its processes and exits, then the broker stops.
trap 'kill -TERM "$bench" 2>/dev/null || true' INT TERM HUP
status=0
wait "$bench" || status=$?
wait "$bench" 2>/dev/null || true
exit "$status"
