#!/usr/bin/env bash
# Runs moto's server, moto_server: AWS services emulated on one port (SSM Parameter Store, Secrets Manager, KMS, …),
# which the tests give the AWS SDK as its service URL.
#
#   scripts/moto-server.sh [--install] [MOTO_SERVER ARGUMENTS...]      e.g. scripts/moto-server.sh -H 127.0.0.1 -p 5000
#
# Uses the moto_server on PATH when there is one; otherwise the one installed with pip (moto[server] $version) into a
# virtual environment under artifacts/tools/moto. --install only installs it, when it is missing (needs python3 with
# venv: Debian's python3-venv, and the Python package index). Without --install it never installs: when there is no
# moto_server it says how to get one and exits 127.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=5.2.1
tool_dir="$repo/artifacts/tools/moto"

find_server() {
  if command -v moto_server >/dev/null 2>&1; then
    command -v moto_server
  elif [[ -x $tool_dir/bin/moto_server ]]; then
    echo "$tool_dir/bin/moto_server"
  fi
}

install_server() {
  [[ -n "$(find_server)" ]] && return
  if ! python3 -m venv --help >/dev/null 2>&1; then
    echo "python3 with venv is needed to install moto (Debian packages python3 and python3-venv)" >&2
    exit 1
  fi
  rm -rf "$tool_dir"
  python3 -m venv "$tool_dir" >&2
  "$tool_dir/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$version" >&2
}

if [[ ${1:-} == --install ]]; then
  install_server
  exit 0
fi

server="$(find_server)"
if [[ -z $server ]]; then
  echo "moto_server is neither on PATH nor in $tool_dir: run scripts/moto-server.sh --install (or ./test.sh), which installs moto[server]==$version with pip" >&2
  exit 127
fi
exec "$server" "$@"
