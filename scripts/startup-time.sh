#!/usr/bin/env bash
# Measures `dotnet run --project SessionApp.AppHost` (already built) until every resource is healthy, as Aspire
# itself judges it: the AppHost logs "Resource 'NAME' is ready." when a resource is running and its health checks
# pass, and the run ends when sessions, api, web and gateway all have. Prints one line per run.
#   scripts/startup-time.sh [RUNS] [CONFIGURATION]     (default 3 runs of Release; builds once first. The README's
#   `dotnet run --project SessionApp.AppHost` runs Debug.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
configuration="${2:-Release}"
resources=(sessions api web gateway)
dotnet build SessionApp.AppHost -c "$configuration" -v quiet -nologo >/dev/null
for run in $(seq 1 "$runs"); do
  log="/tmp/sessionapp-startup-$run.log"
  start=$(date +%s.%N)
  dotnet run --project SessionApp.AppHost -c "$configuration" --no-build -- \
    --Logging:LogLevel:Aspire.Hosting.Health.ResourceHealthCheckService=Debug >"$log" 2>&1 &
  apphost=$!
  while true; do
    ready=0
    for resource in "${resources[@]}"; do
      grep -q "Resource '$resource' is ready." "$log" && ready=$((ready + 1))
    done
    [[ $ready -eq ${#resources[@]} ]] && break
    if ! kill -0 "$apphost" 2>/dev/null; then
      echo "run $run: the AppHost exited; see $log" >&2
      exit 1
    fi
    if (( $(echo "$(date +%s.%N) - $start > 120" | bc) )); then
      echo "run $run: not every resource was healthy after 120 s; see $log" >&2
      kill -TERM "$apphost"
      exit 1
    fi
    sleep 0.1
  done
  end=$(date +%s.%N)
  printf 'run %d (%s): every resource healthy %.1f s after dotnet run\n' "$run" "$configuration" "$(echo "$end - $start" | bc)"
  kill -TERM "$apphost"
  wait "$apphost" || true
  # DCP removes its children a few seconds after the AppHost has gone; wait for this checkout's services to end.
  while pgrep -f "$PWD/SessionApp\.(Api|Web|Gateway)/bin" >/dev/null; do sleep 0.5; done
done
