#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benches: initdb in a temporary directory, owned by an unprivileged
# user (postgres when run as root), listening on a Unix socket in that directory only (no TCP, no system service).
#   scripts/pg-throwaway.sh start DIR   prints the DATABASE_URL to use
#   scripts/pg-throwaway.sh stop DIR    stops the cluster and removes DIR
#   scripts/pg-throwaway.sh halt DIR    stops the server at once (immediate: as if it crashed), keeping its data
#   scripts/pg-throwaway.sh resume DIR  starts the halted server again
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 3; }
as_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    # C collation: text sorts byte by byte, as it does in SQLite.
    as_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C > "$dir/initdb.log"
    # In the cluster's own configuration, so that a resumed server listens where the first one did.
    printf "listen_addresses = ''\nunix_socket_directories = '%s'\nmax_connections = 200\n" "$dir" >> "$dir/data/postgresql.conf"
    as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start > /dev/null
    echo "postgres://postgres@/postgres?host=$dir"
    ;;
  halt)
    as_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null
    ;;
  resume)
    as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start > /dev/null
    ;;
  stop)
    as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "start or stop" >&2; exit 2 ;;
esac
