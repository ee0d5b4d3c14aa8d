#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server.
#
#   scripts/with-postgres.sh CMD [ARGS...]   fresh initdb under build/, start the server on
#                                            127.0.0.1:${CONCORD_PG_PORT:-54329}, create database
#                                            "concord", export DATABASE_URL, run CMD, then stop
#                                            the server and delete its files (always, even on
#                                            failure or Ctrl-C). Exits with CMD's status.
#   scripts/with-postgres.sh --check         print the PostgreSQL bin dir, or exit 1.
#
# As root the server runs as the "postgres" user (initdb refuses root); otherwise as the caller.
# Override the binaries with PG_BINDIR=/usr/lib/postgresql/NN/bin.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${CONCORD_PG_PORT:-54329}"
DBNAME=concord
SUPERUSER=postgres

find_bindir() {
    local d
    if [ -n "${PG_BINDIR:-}" ]; then
        [ -x "$PG_BINDIR/initdb" ] && [ -x "$PG_BINDIR/pg_ctl" ] && { echo "$PG_BINDIR"; return 0; }
        return 1
    fi
    # Debian/Ubuntu keep the server binaries off PATH; newest major version first.
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -rn); do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        d="$(pg_config --bindir)"
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    fi
    return 1
}

if [ "${1:-}" = "--check" ]; then
    find_bindir
    exit
fi
if [ $# -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]   |   $0 --check" >&2
    exit 2
fi

if ! BIN="$(find_bindir)"; then
    echo "with-postgres: PostgreSQL server binaries (initdb, pg_ctl) not found." >&2
    echo "  Install them (Debian: apt-get install postgresql) or set PG_BINDIR." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    if ! id -u postgres >/dev/null 2>&1; then
        echo "with-postgres: running as root but there is no 'postgres' user to run the server as." >&2
        exit 1
    fi
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_in_use "$PORT"; then
    echo "with-postgres: port $PORT on 127.0.0.1 is already in use (a leftover server?)." >&2
    echo "  Stop it, or choose another port: CONCORD_PG_PORT=54330 $0 ..." >&2
    exit 1
fi

# Fresh directory for this run: build/pg.XXXXXX, unless the server user cannot reach it
# (e.g. the checkout lives under a private home directory) — then a private dir in /tmp.
mkdir -p "$ROOT/build"
BASE="$(mktemp -d "$ROOT/build/pg.XXXXXX")"
[ "$(id -u)" -eq 0 ] && chown postgres: "$BASE"
if ! as_pg test -w "$BASE"; then
    rm -rf "$BASE"
    BASE="$(mktemp -d "${TMPDIR:-/tmp}/concord-pg.XXXXXX")"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$BASE"
fi
DATA="$BASE/data"
SOCK="$BASE/sock"
LOG="$BASE/server.log"
# Unix socket paths are limited to ~107 bytes.
if [ $(( ${#SOCK} + 20 )) -gt 100 ]; then
    SOCK="$(mktemp -d "${TMPDIR:-/tmp}/concord-pgsock.XXXXXX")"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$SOCK"
    EXTRA_CLEAN="$SOCK"
fi

STARTED=0
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ "$STARTED" = 1 ] || [ -f "$DATA/postmaster.pid" ]; then
        if ! as_pg "$BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1; then
            if [ -f "$DATA/postmaster.pid" ]; then
                kill -9 "$(head -1 "$DATA/postmaster.pid")" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf "$BASE" "${EXTRA_CLEAN:-}"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg mkdir -p "$SOCK"
if ! as_pg "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" --auth=trust -E UTF8 --no-locale \
        --no-sync >"$BASE/initdb.log" 2>&1; then
    echo "with-postgres: initdb failed:" >&2
    cat "$BASE/initdb.log" >&2
    exit 1
fi
as_pg tee -a "$DATA/postgresql.conf" >/dev/null <<CONF
# throw-away test server
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF

STARTED=1
if ! as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null; then
    echo "with-postgres: server failed to start:" >&2
    cat "$LOG" >&2 || true
    exit 1
fi
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" "$DBNAME"

export DATABASE_URL="postgres://$SUPERUSER@127.0.0.1:$PORT/$DBNAME"
echo "with-postgres: PostgreSQL $("$BIN/pg_ctl" --version | awk '{print $3}') at $DATABASE_URL" >&2

# Run the command as a background job so a TERM/INT to this script is handled at once (bash
# defers traps while a foreground child runs); stdin is passed through explicitly. Background
# jobs ignore SIGINT, so the child is stopped with TERM either way.
CHILD=
stop_child() {
    if [ -n "$CHILD" ]; then
        kill -TERM "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
    exit "$1"
}
trap 'stop_child 130' INT
trap 'stop_child 143' TERM
"$@" 0<&0 &
CHILD=$!
set +e
wait "$CHILD"
rc=$?
set -e
CHILD=
exit "$rc"
