#!/usr/bin/env bash
# A throw-away PostgreSQL server for the sweep tests: its own data folder and port on 127.0.0.1, trust authentication.
#   bash scripts/postgres.sh start   installs Debian's postgresql when missing, starts the server, prints the Npgsql
#                                    connection string on stdout (e.g. Host=127.0.0.1;Port=55432;Database=mlcnn_tests;Username=mlcnn)
#   bash scripts/postgres.sh stop    stops it and deletes its folder
# MLCNN_PG_DIR (default /tmp/mlcnn-postgres) and MLCNN_PG_PORT (default 55432) choose the folder and port.
set -euo pipefail
dir="${MLCNN_PG_DIR:-/tmp/mlcnn-postgres}"
port="${MLCNN_PG_PORT:-55432}"
log() { echo "postgres: $*" >&2; }
if [ "$(id -u)" -eq 0 ]; then sudo=""; as_pg=(runuser -u postgres --); else sudo="sudo"; as_pg=(); fi
bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

case "${1:-}" in
  start)
    if [ -z "$(bin)" ]; then
      log "installing postgresql (apt-get)"
      $sudo apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    fi
    pg="$(bin)"
    if [ -f "$dir/data/postmaster.pid" ] && "${as_pg[@]}" "$pg/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      log "already running in $dir on port $port"
    else
      rm -rf "$dir"
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
      "${as_pg[@]}" "$pg/initdb" -D "$dir/data" -A trust -U mlcnn --no-sync >/dev/null
      "${as_pg[@]}" "$pg/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
      "${as_pg[@]}" "$pg/createdb" -h 127.0.0.1 -p "$port" -U mlcnn mlcnn_tests
      log "started in $dir on 127.0.0.1:$port"
    fi
    echo "Host=127.0.0.1;Port=$port;Database=mlcnn_tests;Username=mlcnn"
    ;;
  stop)
    pg="$(bin)"
    if [ -n "$pg" ] && [ -f "$dir/data/postmaster.pid" ]; then
      "${as_pg[@]}" "$pg/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
      log "stopped"
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: bash scripts/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
