#!/usr/bin/env bash
# `npm start`: installs dependencies on first run, builds, ensures PostgreSQL and Kafka, then starts the
# five subgraphs and the gateway with demo data. Ctrl-C stops everything this run started (a Kafka
# broker that was already running is left running).
set -euo pipefail
cd "$(dirname "$0")/../.."

bash infra/scripts/ensure-deps.sh
source infra/scripts/runtime.sh
bash infra/scripts/build.sh
pg_url="$(bash infra/scripts/postgres.sh ensure | tail -n1)"

started_kafka=false
if ! bash infra/scripts/kafka.sh status >/dev/null 2>&1; then started_kafka=true; fi
brokers="$(bash infra/scripts/kafka.sh start | tail -n1)"
cleanup() {
  # Finish cleaning up even if the terminal goes away meanwhile (SIGHUP), Ctrl-C is pressed again, or
  # the output was piped into a reader that Ctrl-C already ended (SIGPIPE on the message below).
  trap '' INT TERM HUP PIPE
  if [[ "$started_kafka" == true ]]; then
    echo "Stopping Kafka…" >&2 || true
    nohup bash infra/scripts/kafka.sh stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

SC_PG_URL="$pg_url/postgres" SC_KAFKA_BROKERS="$brokers" \
  node -r ./tools/runtime/register-aliases.js dist/tools/stack/start.js &
launcher=$!
# Forward Ctrl-C / termination to the launcher, which stops the gateway and subgraphs gracefully.
trap 'kill -INT "$launcher" 2>/dev/null || true' INT TERM HUP
wait "$launcher" || true
wait "$launcher" 2>/dev/null || true
