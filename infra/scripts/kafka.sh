#!/usr/bin/env bash
# Local single-node Kafka (KRaft, no ZooKeeper) for dev and tests, without Docker.
# The broker jars come from Maven Central (see infra/kafka/pom.xml) and run on the
# machine's Java 17.
#
#   kafka.sh fetch          download the jars into the cache (once)
#   kafka.sh start          start (or reuse) the broker; last stdout line = bootstrap address
#   kafka.sh stop           stop the broker (idempotent)
#   kafka.sh status         exit 0 + print address if running, exit 1 otherwise
#   kafka.sh restart-same   stop + start with the same data and ports (simulates an outage)
#
# Only the bootstrap address goes to stdout, so callers can do
#   BOOTSTRAP=$(infra/scripts/kafka.sh start | tail -n1)
# Everything else (progress, errors) goes to stderr.
set -euo pipefail

KAFKA_VERSION=3.9.1
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$REPO_ROOT/infra/kafka/pom.xml"
LOG4J="$REPO_ROOT/infra/kafka/log4j.properties"

# Jar cache lives outside the repo: it is 46 MB, shared by every checkout/worktree,
# and must survive `git clean` and `rm -rf .sc`.
CACHE_DIR="${SC_CACHE_DIR:-$HOME/.cache/seller-center}/kafka-$KAFKA_VERSION"
LIBS="$CACHE_DIR/libs"
LIBS_MARKER="$CACHE_DIR/libs.complete"

# Per-checkout broker state (config, data, log, pid).
STATE_DIR="$(realpath -m "${SC_KAFKA_DIR:-$REPO_ROOT/.sc/kafka}")"  # absolute: log.dirs needs it
PORT="${SC_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${SC_KAFKA_CONTROLLER_PORT:-19093}"
START_TIMEOUT="${SC_KAFKA_START_TIMEOUT:-60}"
# Lean JVM for a 2-core box: small fixed-ish heap, serial GC (no parallel GC threads).
JVM_OPTS="${SC_KAFKA_JVM_OPTS:--Xmx512m -Xms256m -XX:+UseSerialGC -Djava.awt.headless=true}"

PROPS="$STATE_DIR/server.properties"
DATA_DIR="$STATE_DIR/data"
LOG_FILE="$STATE_DIR/broker.log"
PID_FILE="$STATE_DIR/broker.pid"
# The line KafkaRaftServer logs once the broker is serving; see infra/kafka/log4j.properties.
STARTED_LINE="Kafka Server started"

log() { echo "kafka.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    JAVA="$(command -v java)"
  else
    die "java not found: install a JDK 17 (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
  fi
}

# True if something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp, no nc needed).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# Pid from the pid file if that process is still alive AND is a Kafka broker
# (guards against the pid having been recycled by an unrelated process).
broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

# Port recorded in server.properties by the last start (what a running broker really uses).
recorded_port() {
  [[ -f "$PROPS" ]] || return 1
  sed -n 's|^advertised.listeners=PLAINTEXT://127.0.0.1:\([0-9]*\)$|\1|p' "$PROPS"
}
recorded_controller_port() {
  [[ -f "$PROPS" ]] || return 1
  sed -n 's|^controller.quorum.voters=1@127.0.0.1:\([0-9]*\)$|\1|p' "$PROPS"
}

# Serialise start/stop per state dir so parallel test workers don't race two brokers.
lock_state() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock -w 120 9 || die "timed out waiting for lock $STATE_DIR/.lock"
}

cmd_fetch() {
  if [[ -f "$LIBS_MARKER" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (Debian: apt-get install maven)"
  mkdir -p "$CACHE_DIR"
  # Another process may be fetching right now; wait for it instead of fetching twice.
  exec 8>"$CACHE_DIR/.fetch.lock"
  flock -w 600 8 || die "timed out waiting for $CACHE_DIR/.fetch.lock"
  if [[ -f "$LIBS_MARKER" ]]; then
    return 0
  fi
  log "downloading Kafka $KAFKA_VERSION jars into $LIBS (one-off, ~46 MB)"
  # Download into a temp dir and move it into place afterwards, so an interrupted
  # fetch never leaves a half-filled libs/ that looks usable.
  # Leftovers of killed fetches are safe to delete: we hold the fetch lock.
  local tmp="$CACHE_DIR/libs.tmp.$$"
  rm -rf "$CACHE_DIR"/libs.tmp.*
  # mvn's output is only shown on failure (on success -q still prints stray ANSI codes).
  local out
  if ! out="$(mvn -q -B -f "$POM" dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime 2>&1)"; then
    echo "$out" >&2
    rm -rf "$tmp"
    die "mvn dependency:copy-dependencies failed (needs Maven Central access)"
  fi
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  touch "$LIBS_MARKER"
  flock -u 8
  log "jars ready in $LIBS"
}

write_config() {
  mkdir -p "$DATA_DIR"
  # Rewritten on every start so env changes (ports) take effect; the cluster id lives
  # in data/meta.properties, not here.
  cat >"$PROPS" <<EOF
# Generated by infra/scripts/kafka.sh - edits are overwritten on the next start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR
# Single node: internal topics cannot be replicated.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer internal partitions than the default 50: faster first group join on a 2-core box.
offsets.topic.num.partitions=5
transaction.state.log.num.partitions=5
# Tests join consumer groups constantly; don't wait 3 s for more members.
group.initial.rebalance.delay.ms=0
num.partitions=3
# Services must create their topics explicitly (as in production).
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
EOF
}

format_storage() {
  # KRaft needs the log dir formatted with a cluster id once; reformatting would wipe topics.
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  local uuid
  uuid="$("$JAVA" -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  [[ -n "$uuid" ]] || die "could not generate a cluster id (kafka.tools.StorageTool random-uuid)"
  log "formatting $DATA_DIR (cluster id $uuid)"
  "$JAVA" -cp "$LIBS/*" -Dlog4j.configuration="file:$LOG4J" \
    kafka.tools.StorageTool format -t "$uuid" -c "$PROPS" >&2
}

print_log_tail() {
  log "last lines of $LOG_FILE:"
  tail -n 40 "$LOG_FILE" >&2 2>/dev/null || true
}

cmd_start() {
  lock_state
  local pid rport
  if pid="$(broker_pid)"; then
    rport="$(recorded_port || true)"
    if [[ "$rport" != "$PORT" ]]; then
      die "broker pid $pid in $STATE_DIR listens on port ${rport:-?}, not $PORT; run 'kafka.sh stop' first"
    fi
    if port_open "$PORT"; then
      log "reusing broker pid $pid on 127.0.0.1:$PORT"
      echo "127.0.0.1:$PORT"
      return 0
    fi
    die "broker pid $pid is alive but 127.0.0.1:$PORT does not answer; run 'kafka.sh stop' first (log: $LOG_FILE)"
  fi
  rm -f "$PID_FILE"

  # A foreign process on our port would make the broker die with a bind error; say so clearly.
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $p is already in use by another process; pick others with SC_KAFKA_PORT / SC_KAFKA_CONTROLLER_PORT"
    fi
  done

  find_java
  cmd_fetch
  write_config
  format_storage

  # Keep the previous run's log for post-mortems; the readiness check only reads the new one.
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$PORT (state: $STATE_DIR)"
  # 8>&- 9>&-: the broker must not inherit our lock fds, or it would hold the locks forever.
  # setsid: own session/process group, so Ctrl-C in the caller's terminal or a test
  # runner killing its process group does not take the broker down implicitly;
  # callers stop it with 'kafka.sh stop'. nohup: survive the caller's terminal closing.
  # shellcheck disable=SC2086  # JVM_OPTS is deliberately word-split
  setsid nohup "$JAVA" $JVM_OPTS -cp "$LIBS/*" -Dlog4j.configuration="file:$LOG4J" \
    kafka.Kafka "$PROPS" >"$LOG_FILE" 2>&1 </dev/null 8>&- 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail
      rm -f "$PID_FILE"
      die "broker exited during startup"
    fi
    # Both: the port can accept connections slightly before the broker is fully up.
    if port_open "$PORT" && grep -q "$STARTED_LINE" "$LOG_FILE" 2>/dev/null; then
      log "broker pid $pid ready on 127.0.0.1:$PORT after ${SECONDS}s"
      echo "127.0.0.1:$PORT"
      return 0
    fi
    sleep 0.5
  done
  print_log_tail
  log "broker did not become ready within ${START_TIMEOUT}s; stopping it"
  stop_pid "$pid"
  rm -f "$PID_FILE"
  exit 1
}

# SIGTERM (controlled shutdown, flushes logs), then SIGKILL after 30 s.
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "broker pid $pid ignored SIGTERM for 30s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  # Wait until the kernel has reaped it, so the ports are free for a following start.
  for ((i = 0; i < 20; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
}

cmd_stop() {
  lock_state
  local pid
  if pid="$(broker_pid)"; then
    log "stopping broker pid $pid"
    stop_pid "$pid"
    log "stopped"
  else
    log "no broker running for $STATE_DIR"
  fi
  rm -f "$PID_FILE"
}

cmd_status() {
  local pid rport
  if pid="$(broker_pid)"; then
    rport="$(recorded_port || true)"
    if [[ -n "$rport" ]] && port_open "$rport"; then
      log "running: pid $pid, log $LOG_FILE"
      echo "127.0.0.1:$rport"
      return 0
    fi
    log "pid $pid alive but port ${rport:-?} not answering"
    return 1
  fi
  log "not running ($STATE_DIR)"
  return 1
}

cmd_restart_same() {
  # Reuse the ports the broker was last started with, even if the env differs,
  # so clients holding the old bootstrap address reconnect to the same place.
  local rp rcp
  rp="$(recorded_port || true)"
  rcp="$(recorded_controller_port || true)"
  PORT="${rp:-$PORT}"
  CONTROLLER_PORT="${rcp:-$CONTROLLER_PORT}"
  # Subshells: each takes and releases the state lock on its own.
  (cmd_stop)
  cmd_start
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart-same) cmd_restart_same ;;
  *)
    echo "usage: $0 {fetch|start|stop|status|restart-same}" >&2
    exit 2
    ;;
esac
