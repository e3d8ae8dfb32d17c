# Sourced by test.sh and bench.sh: installs Debian packages the way both need, on a developer machine or a
# fresh CI machine. Defines log() and install_debian_packages PACKAGE...
#
# The tests and the benchmark start their own redis-server (and the container tests their own docker-registry) on
# free ports, so neither package may leave a system service running: a policy-rc.d keeps them from starting during
# the install, and any service that started anyway is stopped and disabled afterwards.

log() { printf '==> %s\n' "$*" >&2; }

install_debian_packages() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      log "Missing packages; run as root or install sudo, or: apt-get install -y $*"
      exit 1
    fi
    sudo=(sudo -n)
  fi

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

  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    "${sudo[@]}" systemctl disable --now redis-server.service docker-registry.service >/dev/null 2>&1 || true
  elif command -v service >/dev/null 2>&1; then
    "${sudo[@]}" service redis-server stop >/dev/null 2>&1 || true
    "${sudo[@]}" service docker-registry stop >/dev/null 2>&1 || true
  fi
}
