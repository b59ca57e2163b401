#!/usr/bin/env bash
# HTTP benchmarks of the persisted runtime (never part of the test run). Needs `wrk` (Debian package) and a
# Release build of the host. Usage: run.sh sqlite|postgresql [connection string] — prints wrk's latency
# distribution for the short JSON flow and the start → bookmark → resume → finish lifecycle at 32 connections,
# each after an unmeasured warm-up run (CRMFLOW_BENCH_WARMUP, default 60s: JIT tiering of a large host on 2 cores, pools, caches) and with
# the machine's load average, since other work on the machine changes the figures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
provider="${1:-sqlite}"
port="${CRMFLOW_BENCH_PORT:-5990}"
duration="${CRMFLOW_BENCH_DURATION:-20s}"
warmup="${CRMFLOW_BENCH_WARMUP:-60s}"
work="$(mktemp -d)"
case "$provider" in
  sqlite) export Database__Provider=Sqlite ConnectionStrings__CrmFlow="Data Source=$work/bench.db" ;;
  postgresql) export Database__Provider=PostgreSql ConnectionStrings__CrmFlow="${2:?PostgreSQL connection string with a fresh database}" ;;
esac
export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production
export Workflows__Import__Directory="$here/workflows" Serilog__MinimumLevel__Default=Warning
server="$root/artifacts/bin/CrmFlow.Server/release"
(cd "$server" && exec dotnet CrmFlow.Server.dll) > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/workflows/bench/json" >/dev/null
echo "== $provider: HTTP endpoint -> JavaScript -> JSON response (instance persisted), 32 connections"
wrk -t2 -c32 -d"$warmup" "http://127.0.0.1:$port/workflows/bench/json" >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c32 -d"$duration" --latency -s "$here/percentiles.lua" "http://127.0.0.1:$port/workflows/bench/json"
echo "== $provider: lifecycle start -> bookmark -> resume -> finish (2 requests each), 32 connections"
wrk -t2 -c32 -d"$warmup" -s "$here/lifecycle.lua" "http://127.0.0.1:$port" >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c32 -d"$duration" --latency -s "$here/lifecycle.lua" "http://127.0.0.1:$port"
