#!/usr/bin/env bash
# Benchmarks (figures, not tests): the request list at province scale, the city roster import, dashboards, a burst of users.
#   bash bench/run.sh [requests|import|dashboard|load|pages|public|cluster|partition|generate|all] [--requests N] [--samples N] [--users N] [--seconds N] [--reuse]
# Uses LIAISON_BENCH_PG (an admin connection string) if set; otherwise starts a throwaway PostgreSQL cluster
# (kept in bench/.pg between runs so --reuse can skip the ~3 minutes of data generation).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

dotnet build -c Release src/LiaisonStations.Web -v quiet -nologo >/dev/null
dotnet build -c Release bench/LiaisonStations.Bench -v quiet -nologo >/dev/null

if [ "${1:-}" = "cluster" ]; then
  # Its own primary, standby, two instances and HAProxy (deploy/cluster.sh), started fresh and stopped after.
  exec dotnet bench/LiaisonStations.Bench/bin/Release/net10.0/LiaisonStations.Bench.dll "$@"
fi

if [ -z "${LIAISON_BENCH_PG:-}" ]; then
  PG_BIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGROOT="$ROOT/bench/.pg"
  PGPORT=${BENCH_PGPORT:-55499}
  run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  if [ ! -d "$PGROOT/data" ]; then
    mkdir -p "$PGROOT"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGROOT"; fi
    run_pg "$PG_BIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  fi
  run_pg "$PG_BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/postgres.log" \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_connections=100" -w start >/dev/null
  trap 'run_pg "$PG_BIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true' EXIT
  export LIAISON_BENCH_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
fi

dotnet bench/LiaisonStations.Bench/bin/Release/net10.0/LiaisonStations.Bench.dll "$@"
