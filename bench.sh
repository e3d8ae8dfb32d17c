#!/usr/bin/env bash
# The one command that runs the session load benchmark: the engine, ASP.NET Core's built-in session over
# the Redis distributed cache, and a raw two-round-trip handler, each under wrk at 64 connections against one
# redis-server the run starts itself. Installs redis-server and wrk when missing, builds Release, prints the
# table and writes it to artifacts/benchmarks/results.md. Extra arguments go to the driver, e.g.:
#   ./bench.sh --duration 30 --warmup 10 --connections 64 --sessions 256
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The whole run takes about two minutes; nothing may hang beyond this.
outer_timeout=20m
project=SessionApp.Benchmarks
driver="$repo/$project/bin/Release/net10.0/$project"

log() { printf '==> %s\n' "$*" >&2; }

install_tools() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      log "Missing $*; run as root or install sudo, or: apt-get install -y redis-server wrk"
      exit 1
    fi
    sudo=(sudo -n)
  fi

  # The benchmark starts its own redis-server on a free port: keep the package from starting a service.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod +x "$policy"
    added_policy=1
  fi

  log "Installing $*"
  local status=0
  {
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" </dev/null
  } || status=$?
  if [[ $added_policy -eq 1 ]]; then
    "${sudo[@]}" rm -f "$policy"
  fi
  if [[ $status -ne 0 ]]; then
    log "apt-get failed with exit code $status"
    exit "$status"
  fi
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [[ ${#missing[@]} -gt 0 ]]; then
  install_tools "${missing[@]}"
fi

log "Building $project (Release)"
dotnet build "$project/$project.csproj" -c Release

# The driver stops every process it started when it ends, fails, is interrupted (Ctrl-C reaches it and them:
# --foreground keeps them in the terminal's process group) or outlives the limit (SIGTERM, then SIGKILL).
log "Running the benchmark"
timeout --foreground --kill-after=30s "$outer_timeout" \
  "$driver" --output "$repo/artifacts/benchmarks/results.md" "$@"
