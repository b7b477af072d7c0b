#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: started here from the Debian
# binaries in a temporary directory, with DATABASE_URL pointing at it, and removed
# afterwards whatever the command's outcome. PostgreSQL refuses to run as root, so as
# root the server runs as the "postgres" user.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
dir=$(mktemp -d /tmp/lakip-pg.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop() {
    as_server "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_server "$PGBIN/initdb" -D "$dir/data" -U lakip -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_server "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') sementara di 127.0.0.1:$port"

export DATABASE_URL="postgres://lakip@127.0.0.1:$port/postgres"
"$@"
