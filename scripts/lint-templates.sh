#!/usr/bin/env bash
# Lints CloudFormation templates with cfn-lint, AWS's CloudFormation linter, which checks them against
# CloudFormation's own resource schemas (property types, allowed values and patterns, attribute types, …).
#
#   scripts/lint-templates.sh [--install] TEMPLATE...
#
# Uses the cfn-lint on PATH when there is one; otherwise installs cfn-lint $version with pip into a virtual
# environment under artifacts/tools/cfn-lint (needs python3 with venv: Debian's python3-venv) on first use.
# --install only installs it. Every error and warning fails the run; a rule may be suppressed only in the template's
# own metadata (cfn-lint's `Metadata: cfn-lint: config: ignore_checks`), with the reason written beside it, never here.
# Prints every finding; exits 1 if there is one.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=1.51.0
tool_dir="$repo/artifacts/tools/cfn-lint"

# shellcheck source=scripts/python-tool.sh
source "$repo/scripts/python-tool.sh"
find_linter() { python_tool_find cfn-lint "$tool_dir"; }
install_linter() { python_tool_install cfn-lint "$tool_dir" "cfn-lint==$version"; }

if [[ ${1:-} == --install ]]; then
  install_linter
  exit 0
fi
if [[ $# -eq 0 ]]; then
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi

install_linter
linter="$(find_linter)"
echo "$("$linter" --version) on $# template(s)" >&2
status=0
"$linter" --format parseable -- "$@" || status=$?
# cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational findings (shown only when asked for).
if (( status & ~8 )); then
  exit 1
fi
