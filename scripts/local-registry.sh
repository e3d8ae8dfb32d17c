#!/usr/bin/env bash
# Runs Debian's docker-registry (the CNCF distribution registry) on loopback with its storage in a directory of
# its own, in the foreground, until it is stopped. Plain HTTP: only for loopback, where no TLS is needed.
#
#   scripts/local-registry.sh PORT STORAGE_DIR
#
# Load an image into it with: skopeo copy --dest-tls-verify=false oci:LAYOUT:TAG docker://127.0.0.1:PORT/NAME:TAG
set -euo pipefail

port="${1:?usage: local-registry.sh PORT STORAGE_DIR}"
storage="${2:?usage: local-registry.sh PORT STORAGE_DIR}"
registry="$(command -v docker-registry || true)"
if [[ -z $registry ]]; then
  echo "docker-registry is not installed (Debian package docker-registry)" >&2
  exit 1
fi

mkdir -p "$storage"
config="$storage/config.yml"
cat >"$config" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  headers:
    X-Content-Type-Options: [nosniff]
EOF
# The Debian service's environment variable would override the file; make sure none leaks in.
unset REGISTRY_HTTP_ADDR REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY
exec "$registry" serve "$config"
