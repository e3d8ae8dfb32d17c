#!/usr/bin/env bash
# The one command that runs the session load benchmark: the engine, ASP.NET Core's built-in session over
# the Redis distributed cache, and raw StackExchange.Redis handlers, each under wrk at 64 connections against one
# redis-server the run starts itself, on a read-write endpoint (/work) and a read-only one (/read). Installs redis-server and wrk when missing, builds Release, prints the
# table and writes it to artifacts/benchmarks/results.md. Extra arguments go to the driver, e.g.:
#   ./bench.sh --duration 30 --warmup 10 --connections 64 --sessions 256 --cases a,c --endpoints work,read
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The whole run takes about ten minutes (four rows, two endpoints, five rounds); nothing may hang beyond this.
outer_timeout=20m
project=SessionApp.Benchmarks
driver="$repo/$project/bin/Release/net10.0/$project"

# shellcheck source=scripts/debian-packages.sh
source "$repo/scripts/debian-packages.sh"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [[ ${#missing[@]} -gt 0 ]]; then
  install_debian_packages "${missing[@]}"
fi

log "Building $project (Release)"
dotnet build "$project/$project.csproj" -c Release

# The driver stops every process it started when it ends, fails, is interrupted (Ctrl-C reaches it and them:
# --foreground keeps them in the terminal's process group) or outlives the limit (SIGTERM, then SIGKILL).
log "Running the benchmark"
timeout --foreground --kill-after=30s "$outer_timeout" \
  "$driver" --output "$repo/artifacts/benchmarks/results.md" "$@"
