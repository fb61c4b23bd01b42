#!/usr/bin/env bash
# PostgreSQL 15 for local dev and tests, without Docker.
#
#   postgres.sh ensure   use the server on 127.0.0.1:$SC_PGPORT if one answers, otherwise
#                        start a private cluster there; last stdout line = connection URL
#   postgres.sh stop     stop the private cluster (never touches a system/other server)
#   postgres.sh status   exit 0 + print URL if a server answers on the port, 1 otherwise
#
# Callers: DATABASE_URL=$(infra/scripts/postgres.sh ensure | tail -n1)
# Everything except the URL goes to stderr.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
PORT="${SC_PGPORT:-5432}"
HOST=127.0.0.1
URL="postgres://postgres@$HOST:$PORT"
# Don't hang forever if the port belongs to something that is not PostgreSQL.
export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}"
# Fallback for when the postgres user cannot reach the repo (e.g. repo under /root).
FALLBACK_DIR="/var/tmp/seller-center-postgres-$PORT"

log() { echo "postgres.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

need_client() {
  command -v pg_isready >/dev/null 2>&1 && command -v psql >/dev/null 2>&1 && return 0
  die "psql/pg_isready not found: install the client (Debian: apt-get install postgresql-client-15)"
}

# Server binaries (initdb, pg_ctl) are not on PATH on Debian; SC_PG_BIN overrides.
find_server_bin() {
  local d
  for d in "${SC_PG_BIN:-}" /usr/lib/postgresql/15/bin "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")"; do
    if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
      PG_BIN="$d"
      return 0
    fi
  done
  die "initdb/pg_ctl not found: install the server (Debian: apt-get install postgresql-15) or set SC_PG_BIN"
}

# Real query, not just pg_isready: a server that is up but rejects user postgres is no use.
answers() {
  psql -h "$HOST" -p "$PORT" -U postgres -d postgres -w -Atqc 'select 1' >/dev/null 2>&1
}

# PostgreSQL refuses to run as root, so as root run server commands as the postgres user;
# a normal user simply owns their private cluster.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then
    # cd /: our cwd may not be readable by postgres (pg_ctl complains about it).
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Where the private cluster lives. Deterministic, so 'stop' finds what 'ensure' started.
cluster_dir() {
  if [[ -n "${SC_PG_DIR:-}" ]]; then
    realpath -m "$SC_PG_DIR"  # absolute: server commands run from /
  elif [[ "$(id -u)" == 0 ]] && ! runuser -u postgres -- test -x "$REPO_ROOT"; then
    # As root the server runs as postgres, which must be able to traverse every parent.
    echo "$FALLBACK_DIR"
  else
    echo "$REPO_ROOT/.sc/postgres"
  fi
}

cmd_ensure() {
  need_client
  if answers; then
    log "using the server already answering on $HOST:$PORT"
    echo "$URL"
    return 0
  fi
  # Something on the port that is not a usable PostgreSQL: starting another would fail to bind.
  if pg_isready -h "$HOST" -p "$PORT" -q || timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null; then
    die "$HOST:$PORT is in use but 'psql -U postgres' fails there; pick another port with SC_PGPORT"
  fi

  find_server_bin
  if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
    die "running as root but there is no 'postgres' user to run the server as"
  fi
  local dir data
  dir="$(cluster_dir)"
  data="$dir/data"
  mkdir -p "$dir"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$dir"
  chmod 700 "$dir"
  as_pg test -w "$dir" || die "user postgres cannot write $dir (check the permissions of its parents)"

  if [[ ! -f "$data/PG_VERSION" ]]; then
    log "initdb $data"
    # Trust auth on loopback only: a throwaway dev/test cluster, same as the machine's one.
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    # TCP only: no unix socket, so no clash with the system cluster's socket dir and no
    # 107-byte socket path limit. Durability is traded for speed: test data is disposable.
    as_pg tee -a "$data/postgresql.conf" >/dev/null <<'EOF'

# --- added by infra/scripts/postgres.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  fi

  if as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    die "private cluster in $dir is running but not answering on port $PORT; run 'postgres.sh stop' (with its SC_PGPORT) first"
  fi
  log "starting private cluster $data on $HOST:$PORT (log: $dir/postgres.log)"
  # Port is passed per start (not baked into the conf) so SC_PGPORT can change between runs.
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$dir/postgres.log" -o "-p $PORT" -w -t 60 start >&2 \
    || { tail -n 30 "$dir/postgres.log" >&2 || true; die "pg_ctl start failed"; }
  answers || die "cluster started but 'psql -U postgres' on $HOST:$PORT fails"
  echo "$URL"
}

cmd_stop() {
  local dir data
  dir="$(cluster_dir)"
  data="$dir/data"
  # Only ever our own data dir: the system cluster is never ours to stop.
  if [[ -f "$data/postmaster.pid" ]] && as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "stopping private cluster $data"
    as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >&2
  else
    log "no private cluster running in $dir"
  fi
}

cmd_status() {
  need_client
  if answers; then
    echo "$URL"
    return 0
  fi
  log "nothing answering on $HOST:$PORT"
  return 1
}

case "${1:-}" in
  ensure) cmd_ensure ;;
  stop) find_server_bin; cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 {ensure|stop|status}" >&2
    exit 2
    ;;
esac
