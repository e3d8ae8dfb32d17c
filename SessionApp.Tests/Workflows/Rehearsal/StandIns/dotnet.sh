#!/usr/bin/env bash
# The deploy rehearsal's `dotnet`: the real one for everything (recorded, then exec'd), but
# `dotnet run --project SessionApp.Smoke …`, which is recorded and succeeds: the smoke test needs the deployed site,
# and the test suite runs it against the real local topology (SessionApp.Tests/Smoke).
set -uo pipefail
tool=dotnet
# shellcheck source=stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/stand-in.sh"

project=""
if [[ ${1:-} == run ]]; then
  previous=""
  for argument in "$@"; do
    [[ $argument == -- ]] && break
    [[ $previous == --project || $previous == -p ]] && project="$argument"
    previous="$argument"
  done
fi
if [[ $project == SessionApp.Smoke || $project == */SessionApp.Smoke || $project == SessionApp.Smoke/* || $project == *SessionApp.Smoke.csproj ]]; then
  record 0 "smoke test recorded, not run"
  echo "The rehearsal's dotnet stand-in: the smoke test is recorded, not run ($*)."
  exit 0
fi
record null "handed to $real_dotnet"
exec "$real_dotnet" "$@"
