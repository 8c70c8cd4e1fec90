#!/usr/bin/env bash
# The multi-instance topology on one machine, to try it (issue 15):
#   PostgreSQL primary (port 55601) and a streaming hot standby made with pg_basebackup -R (55602),
#   two app instances (5101, 5102) — writes to whichever server is read-write, reads on the standby —
#   and HAProxy on 127.0.0.1:8088 in front, checking /health/ready every 2 s.
#
#   bash deploy/cluster.sh up        start everything (demo data; sign in at http://127.0.0.1:8088 as city / Demo#2026-Liaison)
#   bash deploy/cluster.sh status    one line per part: NAME pid=PID port=PORT (or NAME down port=PORT)
#   bash deploy/cluster.sh down      stop everything (the data stays; "up" again reuses it)
#   bash deploy/cluster.sh failover  stop the primary at once and promote the standby (the apps follow, no restart)
#   bash deploy/cluster.sh kill-app N  kill app instance N (1 or 2) hard; "up" starts it again
#   bash deploy/cluster.sh reset     down, then delete the cluster's data
#   bash deploy/cluster.sh replay pause|resume  hold the standby's replay back (it still receives): a lagging replica
#   bash deploy/cluster.sh pin split|none  split: the standby on CPU 1, everything else on CPU 0, as if the replica had
#                                    a server of its own (the benchmark's comparison); none: every part on every CPU
# Every browser of this trial comes from 127.0.0.1: the sign-in limit is raised to 600 a minute (CLUSTER_LOGINS_PER_MINUTE).
#
# Needs the .NET SDK and PostgreSQL's server binaries; installs HAProxy from Debian's packages if it is missing.
# PostgreSQL refuses to run as root: as root the servers run as the postgres account on a folder it owns.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STATE="$ROOT/deploy/.cluster"
mkdir -p "$STATE"

PRIMARY_PORT=${CLUSTER_PRIMARY_PORT:-55601}
STANDBY_PORT=${CLUSTER_STANDBY_PORT:-55602}
APP_PORTS=(${CLUSTER_APP_PORTS:-5101 5102})
LB_PORT=${CLUSTER_LB_PORT:-8088}
APP_PASSWORD=cluster-app-demo
OWNER_PASSWORD=cluster-owner-demo

PG_BIN=${PG_BIN:-$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ "$(id -u)" -eq 0 ]; then
  # The postgres account must reach the data folders: keep them outside a checkout in root's private home.
  PGROOT="/var/tmp/liaison-stations/cluster-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
  run_pg() { runuser -u postgres -- "$@"; }
else
  PGROOT="$STATE/pg"
  run_pg() { "$@"; }
fi
PRIMARY_DIR="$PGROOT/primary"
STANDBY_DIR="$PGROOT/standby"
APP_DLL="$ROOT/src/LiaisonStations.Web/bin/Release/net10.0/LiaisonStations.Web.dll"

hosts() { echo "127.0.0.1:$1,127.0.0.1:$2"; }
# Writes: whichever of the two is read-write (the primary, or the standby once promoted); Npgsql rechecks every 2 s.
WRITE_CS="Host=$(hosts "$PRIMARY_PORT" "$STANDBY_PORT");Target Session Attributes=read-write;Host Recheck Seconds=2;Database=liaison;Username=liaison_app;Password=$APP_PASSWORD;Timeout=3"
OWNER_CS="Host=$(hosts "$PRIMARY_PORT" "$STANDBY_PORT");Target Session Attributes=read-write;Host Recheck Seconds=2;Database=liaison;Username=liaison_owner;Password=$OWNER_PASSWORD;Timeout=3"
# Reads: the standby while it is one, else the primary.
READ_CS="Host=$(hosts "$STANDBY_PORT" "$PRIMARY_PORT");Target Session Attributes=prefer-standby;Host Recheck Seconds=2;Database=liaison;Username=liaison_app;Password=$APP_PASSWORD;Timeout=3"

pg_pid() { [ -f "$1/postmaster.pid" ] && head -n 1 "$1/postmaster.pid" || true; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
psql_standby() { run_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$STANDBY_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_primary() { run_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

start_pg() { # dir port
  if alive "$(pg_pid "$1")"; then return; fi
  run_pg "$PG_BIN/pg_ctl" -D "$1" -l "$1/../$(basename "$1").log" \
    -o "-p $2 -k $PGROOT -c listen_addresses=127.0.0.1 -c max_connections=150 -c shared_buffers=256MB" -w start >/dev/null
}

up_databases() {
  if [ ! -d "$PRIMARY_DIR" ]; then
    mkdir -p "$PGROOT"
    if [ "$(id -u)" -eq 0 ]; then chmod 755 "$(dirname "$PGROOT")"; chown postgres:postgres "$PGROOT"; fi
    echo "initdb: primary in $PRIMARY_DIR"
    run_pg "$PG_BIN/initdb" -D "$PRIMARY_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    # A trial on loopback: trust for the local replication connection, passwords for the app's roles.
    cat >> "$PRIMARY_DIR/postgresql.conf" <<EOF
wal_level = replica
max_wal_senders = 5
hot_standby = on
hot_standby_feedback = on
EOF
  fi
  if [ -d "$STANDBY_DIR" ] && [ ! -f "$STANDBY_DIR/standby.signal" ]; then
    # After "failover" the old primary must not come back beside the promoted one (two primaries).
    echo "the standby was promoted (failover): it serves alone; 'reset' makes a fresh primary and standby"
    start_pg "$STANDBY_DIR" "$STANDBY_PORT"
    return
  fi
  start_pg "$PRIMARY_DIR" "$PRIMARY_PORT"
  if [ "$(psql_primary -c "SELECT count(*) FROM pg_roles WHERE rolname = 'liaison_app'")" = "0" ]; then
    psql_primary -c "CREATE ROLE liaison_owner LOGIN PASSWORD '$OWNER_PASSWORD'" \
      -c "CREATE ROLE liaison_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$APP_PASSWORD'" \
      -c "CREATE DATABASE liaison OWNER liaison_owner ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
  fi
  if [ ! -d "$STANDBY_DIR" ]; then
    echo "pg_basebackup: standby in $STANDBY_DIR"
    run_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$STANDBY_DIR" -R -X stream -c fast >/dev/null
    # Synchronous replication, set after the copy so the standby does not inherit it: a save is confirmed only once
    # the standby has it too, so a failover never loses a confirmed save. (With one standby, the primary waits while
    # the standby is down; production runs two and names them: ANY 1 (s1, s2).)
    psql_primary -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null
  fi
  start_pg "$STANDBY_DIR" "$STANDBY_PORT"
}

start_app() { # n
  local n=$1 port=${APP_PORTS[$(($1 - 1))]} pidfile="$STATE/app$1.pid"
  if alive "$(cat "$pidfile" 2>/dev/null)"; then return; fi
  (
    cd "$ROOT/src/LiaisonStations.Web"
    ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    ConnectionStrings__Default="$WRITE_CS" ConnectionStrings__Migrations="$OWNER_CS" ConnectionStrings__ReadOnly="$READ_CS" \
    Database__MigrateOnStartup=true Demo__Seed=true \
    Security__AllowInsecureCookies=true Security__KnownProxies=127.0.0.1 DataProtection__AllowUnencryptedKeys=true \
    Security__LoginAttemptsPerMinute=${CLUSTER_LOGINS_PER_MINUTE:-600} \
    Serilog__WriteTo__1__Args__path="$STATE/logs/app$n-.log" \
      nohup dotnet "$APP_DLL" --urls "http://127.0.0.1:$port" >"$STATE/app$n.out" 2>&1 &
    echo $! >"$pidfile"
  )
}

wait_ready() { # port seconds
  for _ in $(seq 1 "$2"); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$1/health/ready" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "no answer on port $1 (see $STATE/app*.out)" >&2
  return 1
}

start_haproxy() {
  if ! command -v haproxy >/dev/null; then
    echo "installing haproxy (Debian package)"
    if [ "$(id -u)" -eq 0 ]; then (apt-get install -y haproxy >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y haproxy >/dev/null)); \
    else sudo apt-get install -y haproxy >/dev/null; fi
  fi
  if alive "$(cat "$STATE/haproxy.pid" 2>/dev/null)"; then return; fi
  cat >"$STATE/haproxy.cfg" <<EOF
global
    maxconn 2000
defaults
    mode http
    timeout connect 3s
    timeout client 60s
    timeout server 60s
    option forwardfor
    # A request that could not reach an instance (it died) goes to the other; so does a GET it received but never
    # answered. Anything else it received may have been saved, so it is not resent (the clerk resends the same form,
    # whose one-time key keeps it one request).
    retries 2
    option redispatch
    retry-on conn-failure empty-response
frontend liaison
    bind 127.0.0.1:$LB_PORT
    http-request disable-l7-retry if !METH_GET !METH_HEAD
    default_backend apps
backend apps
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 2s fall 2 rise 2
    server app1 127.0.0.1:${APP_PORTS[0]} check
    server app2 127.0.0.1:${APP_PORTS[1]} check
EOF
  haproxy -q -f "$STATE/haproxy.cfg" -D -p "$STATE/haproxy.pid"
}

print_status() {
  local name pid port
  for name in primary standby app1 app2 haproxy; do
    case $name in
      primary) pid=$(pg_pid "$PRIMARY_DIR"); port=$PRIMARY_PORT ;;
      standby) pid=$(pg_pid "$STANDBY_DIR"); port=$STANDBY_PORT ;;
      app1) pid=$(cat "$STATE/app1.pid" 2>/dev/null || true); port=${APP_PORTS[0]} ;;
      app2) pid=$(cat "$STATE/app2.pid" 2>/dev/null || true); port=${APP_PORTS[1]} ;;
      haproxy) pid=$(cat "$STATE/haproxy.pid" 2>/dev/null || true); port=$LB_PORT ;;
    esac
    if alive "$pid"; then echo "$name pid=$pid port=$port"; else echo "$name down port=$port"; fi
  done
}

pin_tree() { # mask pid: the process, all its threads and its children (a PostgreSQL server's backends)
  local child
  alive "${2:-}" || return 0
  taskset -a -p "$1" "$2" >/dev/null 2>&1 || true
  for child in $(pgrep -P "$2" || true); do taskset -a -p "$1" "$child" >/dev/null 2>&1 || true; done
}

stop_pid_file() { local pid; pid=$(cat "$1" 2>/dev/null || true); if alive "$pid"; then kill "$pid" 2>/dev/null || true; fi; rm -f "$1"; }

case "${1:-}" in
  up)
    [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found (set PG_BIN)" >&2; exit 1; }
    echo "building the app (Release)"
    dotnet build -c Release src/LiaisonStations.Web -v quiet -nologo >/dev/null
    mkdir -p "$STATE/logs"
    up_databases
    # The first instance migrates and seeds alone; then the second starts on the same database.
    start_app 1; wait_ready "${APP_PORTS[0]}" 240
    start_app 2; wait_ready "${APP_PORTS[1]}" 120
    start_haproxy
    wait_ready "$LB_PORT" 30
    print_status
    echo "open http://127.0.0.1:$LB_PORT (city / Demo#2026-Liaison)"
    ;;
  status) print_status ;;
  down)
    stop_pid_file "$STATE/haproxy.pid"
    stop_pid_file "$STATE/app1.pid"; stop_pid_file "$STATE/app2.pid"
    for dir in "$STANDBY_DIR" "$PRIMARY_DIR"; do
      if alive "$(pg_pid "$dir")"; then run_pg "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true; fi
    done
    print_status
    ;;
  failover)
    # The primary dies (immediate stop, as a crash) and the standby is promoted to take its place.
    run_pg "$PG_BIN/pg_ctl" -D "$PRIMARY_DIR" -m immediate -w stop >/dev/null
    run_pg "$PG_BIN/pg_ctl" -D "$STANDBY_DIR" -w promote >/dev/null
    echo "standby promoted at $(date +%H:%M:%S.%N | cut -c1-12)"
    print_status
    ;;
  kill-app)
    n=${2:?which instance: 1 or 2}
    pid=$(cat "$STATE/app$n.pid" 2>/dev/null || true)
    if alive "$pid"; then kill -9 "$pid"; fi
    rm -f "$STATE/app$n.pid"
    print_status
    ;;
  primary-only-app)
    # A third instance without the replica (the benchmark's comparison: dashboards read on the primary).
    port=${2:?port}
    (
      cd "$ROOT/src/LiaisonStations.Web"
      ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
      ConnectionStrings__Default="$WRITE_CS" Security__AllowInsecureCookies=true DataProtection__AllowUnencryptedKeys=true \
      Security__LoginAttemptsPerMinute=${CLUSTER_LOGINS_PER_MINUTE:-600} \
      Serilog__WriteTo__1__Args__path="$STATE/logs/app-$port-.log" \
        nohup dotnet "$APP_DLL" --urls "http://127.0.0.1:$port" >"$STATE/app-$port.out" 2>&1 &
      echo $! >"$STATE/app-$port.pid"
    )
    wait_ready "$port" 120
    ;;
  stop-app)
    stop_pid_file "$STATE/app-${2:?port}.pid"
    ;;
  replay)
    case "${2:-}" in
      pause) psql_standby -c "SELECT pg_wal_replay_pause()" >/dev/null ;;
      resume) psql_standby -c "SELECT pg_wal_replay_resume()" >/dev/null ;;
      *) echo "replay pause|resume" >&2; exit 2 ;;
    esac
    echo "standby replay: $(psql_standby -c "SELECT pg_get_wal_replay_pause_state()")"
    ;;
  pin)
    command -v taskset >/dev/null || { echo "taskset (util-linux) not found" >&2; exit 1; }
    case "${2:-}" in
      split) rest=1; replica=2 ;;
      none) rest=$(printf '%x' $(( (1 << $(nproc --all)) - 1 ))); replica=$rest ;;
      *) echo "pin split|none" >&2; exit 2 ;;
    esac
    [ "$(nproc --all)" -ge 2 ] || { echo "pin needs two CPUs" >&2; exit 1; }
    pin_tree "$replica" "$(pg_pid "$STANDBY_DIR")"
    pin_tree "$rest" "$(pg_pid "$PRIMARY_DIR")"
    for f in "$STATE"/app*.pid "$STATE/haproxy.pid"; do [ -f "$f" ] && pin_tree "$rest" "$(cat "$f")"; done
    # The caller (the benchmark) joins the rest.
    [ -n "${3:-}" ] && pin_tree "$rest" "$3"
    echo "pinned: standby on mask $replica, the rest on mask $rest"
    ;;
  reset)
    "$0" down >/dev/null || true
    rm -rf "$PGROOT" "$STATE"
    echo "cluster data deleted"
    ;;
  *)
    sed -n '2,16p' "$0"; exit 2 ;;
esac
