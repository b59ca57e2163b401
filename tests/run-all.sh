#!/usr/bin/env bash
# Runs CrmFlow's whole test suite on a fresh machine: starts a throwaway PostgreSQL 15 cluster,
# makes sure Debian's Chromium is installed, builds, runs every test project and prints
# "N passed, N failed[, N skipped]" computed from the test results. Exits non-zero on any failure.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUN_DIR="$(mktemp -d -t crmflow-tests-XXXXXX)"
RESULTS="$RUN_DIR/results"
mkdir -p "$RESULTS"
PG_BIN="${CRMFLOW_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$RUN_DIR/pg/data"
PG_STARTED=0

log() { printf '[run-all] %s\n' "$*" >&2; }

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

cleanup() {
  if [ "$PG_STARTED" = "1" ]; then
    log "stopping PostgreSQL"
    as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' -m immediate -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$RUN_DIR" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    log "PostgreSQL 15 not found in $PG_BIN; installing postgresql-15"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql-15 >/dev/null || { log "could not install PostgreSQL"; return 1; }
  fi
  local port
  for port in $(seq 55432 55532); do
    if port_is_free "$port"; then break; fi
  done
  mkdir -p "$RUN_DIR/pg"
  chmod 755 "$RUN_DIR"
  if [ "$(id -u)" = "0" ]; then chown -R postgres "$RUN_DIR/pg"; fi
  as_postgres "'$PG_BIN/initdb' -D '$PG_DATA' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >"$RUN_DIR/pg/initdb.log" 2>&1 \
    || { cat "$RUN_DIR/pg/initdb.log" >&2; return 1; }
  as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' -w -t 60 -l '$RUN_DIR/pg/server.log' -o \"-p $port -k '$RUN_DIR/pg' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null \
    || { cat "$RUN_DIR/pg/server.log" >&2; return 1; }
  PG_STARTED=1
  export CRMFLOW_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres"
  log "PostgreSQL 15 on 127.0.0.1:$port"
}

ensure_chromium() {
  local bin
  bin="$(command -v chromium || true)"
  if [ -z "$bin" ]; then
    log "installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null || { log "could not install chromium"; return 1; }
    bin="$(command -v chromium || true)"
  fi
  [ -n "$bin" ] || return 1
  export CRMFLOW_CHROMIUM="$bin"
  log "Chromium: $("$bin" --version 2>/dev/null | head -n1)"
}

start_postgres || { echo "0 passed, 1 failed"; exit 1; }
ensure_chromium || { echo "0 passed, 1 failed"; exit 1; }
export CRMFLOW_REQUIRE_POSTGRES=1
export CRMFLOW_REQUIRE_BROWSER=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

log "building"
if ! dotnet build CrmFlow.sln -c Release -nologo -v:q -clp:ErrorsOnly >"$RUN_DIR/build.log" 2>&1; then
  cat "$RUN_DIR/build.log" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

PROJECTS=(
  tests/CrmFlow.Workflows.Tests
  tests/CrmFlow.Crm.Tests
  tests/CrmFlow.IntegrationTests
  tests/CrmFlow.BrowserTests
)
status=0
missing=0
for project in "${PROJECTS[@]}"; do
  name="$(basename "$project")"
  log "testing $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$RESULTS" || status=1
  if [ ! -f "$RESULTS/$name.trx" ]; then
    log "no results from $name (the test host crashed or did not start)"
    missing=$((missing + 1))
  fi
done

sum() { grep -ho "<Counters [^>]*>" "$RESULTS"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
passed="$(sum passed)"
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) + missing ))
# A skipped test is a result with outcome NotExecuted; the Counters' notExecuted stays 0 for it.
skipped="$(cat "$RESULTS"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' | wc -l | tr -d ' ')"

# Stop PostgreSQL now so that the summary is the last line printed.
cleanup
PG_STARTED=0
trap - EXIT

if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then
  if [ "$failed" -eq 0 ]; then failed=1; fi
  status=1
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
