#!/usr/bin/env bash
# Measures `dotnet run --project SessionApp.AppHost` (already built) until every resource is healthy: the gateway
# waits for api and web to be healthy and they for sessions, so the gateway's /health answering 200 through its
# endpoint (http://localhost:5080, the http launch profile) means the whole topology is up. Prints one line per run.
#   scripts/startup-time.sh [RUNS]     (default 3; builds Release once first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
dotnet build SessionApp.AppHost -c Release -v quiet -nologo >/dev/null
for run in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  dotnet run --project SessionApp.AppHost -c Release --no-build >"/tmp/sessionapp-startup-$run.log" 2>&1 &
  apphost=$!
  until curl -fs -o /dev/null http://localhost:5080/health; do
    if ! kill -0 "$apphost" 2>/dev/null; then
      echo "run $run: the AppHost exited; see /tmp/sessionapp-startup-$run.log" >&2
      exit 1
    fi
    if (( $(echo "$(date +%s.%N) - $start > 120" | bc) )); then
      echo "run $run: not healthy after 120 s" >&2
      kill -TERM "$apphost"
      exit 1
    fi
    sleep 0.1
  done
  end=$(date +%s.%N)
  printf 'run %d: all resources healthy %.1f s after dotnet run\n' "$run" "$(echo "$end - $start" | bc)"
  kill -TERM "$apphost"
  wait "$apphost" || true
  # DCP removes its children a few seconds after the AppHost has gone; wait for this checkout's services to end.
  while pgrep -f "$PWD/SessionApp\.(Api|Web|Gateway)/bin" >/dev/null; do sleep 0.5; done
done
