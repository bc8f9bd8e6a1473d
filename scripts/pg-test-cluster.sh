#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: initdb in a temp folder, a loopback port, no system
# service. Usage:
#   scripts/pg-test-cluster.sh start DIR [PORT]   prints the URL of an empty database
#   scripts/pg-test-cluster.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data folder}; port=${3:-55432}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$PGBIN/initdb" ]] || { echo "pg-test-cluster: PostgreSQL server binaries not found (run scripts/setup.sh)" >&2; exit 1; }

# initdb and postgres refuse to run as root: run them as the 'postgres' user the package made.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -c "SELECT 1 FROM pg_database WHERE datname='sotay_test'" postgres | grep -q 1 \
      || as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres sotay_test
    echo "postgres://postgres@127.0.0.1:$port/sotay_test"
    ;;
  stop)
    [[ -f "$dir/data/postmaster.pid" ]] && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
