#!/usr/bin/env bash
# The failover-under-load run: a local Redis Cluster of 3 primaries × 1 replica (cluster-node-timeout 1000 ms),
# the session engine in the driver's process over it, 32 clients reading, writing, signing in (rotation + bind)
# and revoking for 20 s, one primary killed with SIGKILL after 5 s and replaced by a fresh replica once its own
# replica has taken over. Runs once with Sessions:DurableWrites=Off and once with All, prints the figures and
# writes them to artifacts/benchmarks/failover.md. Extra arguments go to the driver, e.g.:
#   ./failover.sh --duration 30 --kill-after 10 --clients 64 --durable off,identity,all --full-coverage
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
outer_timeout=20m
project=SessionApp.Benchmarks
driver="$repo/$project/bin/Release/net10.0/$project"

# shellcheck source=scripts/debian-packages.sh
source "$repo/scripts/debian-packages.sh"

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  install_debian_packages redis-server redis-tools
fi

log "Building $project (Release)"
dotnet build "$project/$project.csproj" -c Release

log "Running the failover under load"
timeout --foreground --kill-after=30s "$outer_timeout" \
  "$driver" failover --output "$repo/artifacts/benchmarks/failover.md" "$@"
