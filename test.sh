#!/usr/bin/env bash
# The one command that runs every test, on a developer machine or a fresh Debian CI machine that has only
# the .NET SDK. It installs the tools the tests need when they are missing, builds the solution, runs the
# tests with a TRX report and prints, as its very last line, "N passed, N failed, N skipped" read from
# that report. Extra arguments go to the test run, e.g.:  ./test.sh --filter-class '*Garnet*'
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

configuration=Release
results_dir="$repo/artifacts/test-results"
trx_name=results.trx
# MTP stops the run after this long; the outer limit catches a test host that will not stop.
test_timeout=30m
outer_timeout=35m

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

missing_tools() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-cli)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  if [[ ${#missing[@]} -gt 0 ]]; then
    printf '%s\n' "${missing[@]}"
  fi
}

install_tools() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      log "Missing $*; run as root or install sudo, or: apt-get install -y redis-server redis-tools chromium wrk"
      exit 1
    fi
    sudo=(sudo -n)
  fi

  # Tests start their own redis-server on free ports: keep the package from starting a system service.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod +x "$policy"
    added_policy=1
  fi

  log "Installing redis-server redis-tools chromium wrk (missing: $*)"
  local status=0
  {
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        redis-server redis-tools chromium wrk </dev/null
  } || status=$?

  if [[ $added_policy -eq 1 ]]; then
    "${sudo[@]}" rm -f "$policy"
  fi
  if [[ $status -ne 0 ]]; then
    log "apt-get failed with exit code $status"
    exit "$status"
  fi

  # Should a service have started anyway (another policy, a manual start), stop and disable it.
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    "${sudo[@]}" systemctl disable --now redis-server.service >/dev/null 2>&1 || true
  elif command -v service >/dev/null 2>&1; then
    "${sudo[@]}" service redis-server stop >/dev/null 2>&1 || true
  fi
}

# Prints one attribute of the TRX <Counters> element, 0 when it is absent.
counter() {
  local value
  value="$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")"
  echo "${value:-0}"
}

mapfile -t missing < <(missing_tools)
if [[ ${#missing[@]} -gt 0 ]]; then
  install_tools "${missing[@]}"
fi

log "Building SessionApp.sln ($configuration)"
dotnet build SessionApp.sln -c "$configuration"

rm -rf "$results_dir"
log "Running tests (stops after $test_timeout)"
test_status=0
timeout --kill-after=30s "$outer_timeout" \
  dotnet test --project SessionApp.Tests -c "$configuration" --no-build \
    --results-directory "$results_dir" \
    --report-xunit-trx --report-xunit-trx-filename "$trx_name" \
    --timeout "$test_timeout" \
    "$@" || test_status=$?

trx="$results_dir/$trx_name"
if [[ ! -f $trx ]]; then
  if [[ $test_status -eq 124 || $test_status -eq 137 ]]; then
    log "The test run outlived $outer_timeout and was killed: a test blocks without observing TestContext.Current.CancellationToken."
  fi
  log "No test results at $trx (test run exit code $test_status)."
  exit $(( test_status == 0 ? 1 : test_status ))
fi

if ! grep -q '<Counters ' "$trx"; then
  log "The test results at $trx have no totals (test run exit code $test_status)."
  exit $(( test_status == 0 ? 1 : test_status ))
fi
passed="$(counter "$trx" passed)"
# TRX spreads failures over several outcomes; a test that did not run to a pass or a skip counts as failed.
failed=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
skipped="$(counter "$trx" notExecuted)"
if [[ $failed -gt 0 && $test_status -eq 0 ]]; then
  test_status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$test_status"
