#!/usr/bin/env bash
# Runs the AWS CDK CLI at the version of Amazon.CDK.Lib in Directory.Packages.props (the deploy workflow runs the same
# version with npx), installed from the npm registry under artifacts/tools/aws-cdk on first use.
#
#   scripts/cdk-cli.sh [--install] [CDK ARGUMENTS...]      e.g. scripts/cdk-cli.sh ls --app artifacts/aws
#
# --install only installs it. Needs node and npm. The CLI's notices, version check and telemetry are off.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's/.*Include="Amazon\.CDK\.Lib" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props" | head -n 1)"
if [[ -z $version ]]; then
  echo "No Amazon.CDK.Lib version in Directory.Packages.props" >&2
  exit 1
fi
tool_dir="$repo/artifacts/tools/aws-cdk"
cli="$tool_dir/node_modules/.bin/cdk"

install_cli() {
  if [[ -x $cli && "$(cat "$tool_dir/.version" 2>/dev/null)" == "$version" ]]; then
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed to install aws-cdk@$version (Debian packages nodejs and npm)" >&2
    exit 1
  fi
  rm -rf "$tool_dir"
  mkdir -p "$tool_dir"
  npm install --prefix "$tool_dir" --no-audit --no-fund --loglevel=error "aws-cdk@$version" >&2
  echo "$version" >"$tool_dir/.version"
}

install_cli
if [[ ${1:-} == --install ]]; then
  exit 0
fi

export CDK_DISABLE_VERSION_CHECK=1 CDK_DISABLE_CLI_TELEMETRY=true
exec "$cli" --no-notices "$@"
