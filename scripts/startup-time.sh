#!/usr/bin/env bash
# Measures `dotnet run --project SessionApp.AppHost` (already built) until every resource is healthy, as Aspire
# itself judges it: the AppHost logs "Resource 'NAME' is ready." when a resource is running and its health checks
# pass, and the run ends when sessions, api, web and gateway all have. Prints one line per run: the time, then the
# CPU seconds the topology's processes had used by then (on two cores, CPU is what start-up waits for).
#   scripts/startup-time.sh [RUNS] [CONFIGURATION]     (default 3 runs of Release; builds once first. The README's
#   `dotnet run --project SessionApp.AppHost` runs Debug.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
configuration="${2:-Release}"
resources=(sessions api web gateway)
ticks=$(getconf CLK_TCK)

# CPU seconds (user + system) of this checkout's AppHost, the `dotnet run` that DCP starts for each replica, the
# services themselves and DCP, summed per group.
cpu_seconds() {
  local pid command fields apphost=0 cli=0 services=0 dcp=0
  for pid in $(pgrep -f "$PWD/SessionApp|/tools/dcp "); do
    command=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
    read -r -a fields <"/proc/$pid/stat" 2>/dev/null || continue
    local used=$((fields[13] + fields[14]))
    case "$command" in
      "$PWD"/SessionApp.AppHost/bin/*) apphost=$((apphost + used)) ;;
      "dotnet run --project $PWD"/*) cli=$((cli + used)) ;;
      "$PWD"/SessionApp.*/bin/*) services=$((services + used)) ;;
      *dcp*) dcp=$((dcp + used)) ;;
    esac
  done
  printf 'AppHost %.1f, dotnet run ×5 %.1f, services ×5 %.1f, DCP %.1f' "$(bc <<<"scale=2; $apphost/$ticks")" \
    "$(bc <<<"scale=2; $cli/$ticks")" "$(bc <<<"scale=2; $services/$ticks")" "$(bc <<<"scale=2; $dcp/$ticks")"
}
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
  printf 'run %d (%s): every resource healthy %.1f s after dotnet run; CPU s: %s\n' "$run" "$configuration" \
    "$(echo "$end - $start" | bc)" "$(cpu_seconds)"
  kill -TERM "$apphost"
  wait "$apphost" || true
  # DCP removes its children a few seconds after the AppHost has gone; wait for this checkout's services to end.
  while pgrep -f "$PWD/SessionApp\.(Api|Web|Gateway)/bin" >/dev/null; do sleep 0.5; done
done
