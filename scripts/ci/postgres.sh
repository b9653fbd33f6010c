#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the registry tests; idempotent.
#
# Installs Debian's postgresql package if missing (apt-get update first), starts a cluster owned by
# the postgres user on a loopback port, creates a role and a database, and prints the URL on the
# last line of stdout (the Makefile exports it as CALCIDX_TEST_POSTGRES_URL).
#
# Environment: PGPORT (default 54329), CALCIDX_PG_DB / CALCIDX_PG_USER / CALCIDX_PG_PASSWORD
# (default calcidx_test), CALCIDX_PG_DATA (default /var/tmp/calcidx-pg).
set -euo pipefail

PORT="${PGPORT:-54329}"
DB="${CALCIDX_PG_DB:-calcidx_test}"
ROLE="${CALCIDX_PG_USER:-calcidx_test}"
PASSWORD="${CALCIDX_PG_PASSWORD:-calcidx_test}"
DATA="${CALCIDX_PG_DATA:-/var/tmp/calcidx-pg}"
LOG="$DATA.log"

log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    if [ "$(id -u)" != 0 ]; then
        log "PostgreSQL is not installed and this is not root; install Debian's 'postgresql' package"
        exit 1
    fi
    log "installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    BIN="$(find_bin)"
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
    log "creating a cluster in $DATA"
    mkdir -p "$DATA"
    chown postgres:postgres "$DATA" 2>/dev/null || true
    as_postgres "$BIN/initdb" -D "$DATA" -A trust -U postgres --no-sync >&2
fi

if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    log "starting the server on 127.0.0.1:$PORT"
    touch "$LOG"; chown postgres:postgres "$LOG" 2>/dev/null || true
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c max_connections=100" start >&2
fi

psql_do() { as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }

if [ "$(psql_do "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    psql_do "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_do "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    psql_do "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

URL="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
export CALCIDX_TEST_POSTGRES_URL="$URL"
echo "$URL"
