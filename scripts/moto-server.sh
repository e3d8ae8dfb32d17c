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

# shellcheck source=scripts/python-tool.sh
source "$repo/scripts/python-tool.sh"
find_server() { python_tool_find moto_server "$tool_dir"; }
install_server() { python_tool_install moto_server "$tool_dir" "moto[server]==$version"; }

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
