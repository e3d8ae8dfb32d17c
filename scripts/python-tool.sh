#!/usr/bin/env bash
# Sourced by the scripts that run a Python command-line tool (scripts/lint-templates.sh: cfn-lint;
# scripts/moto-server.sh: moto_server): find it on PATH or in its own virtual environment under artifacts/tools, and
# install it there with pip when it is missing (needs python3 with venv: Debian's python3-venv, and the package index).

# Prints the path of COMMAND: the one on PATH, else DIR/bin/COMMAND; nothing when there is neither.
python_tool_find() {
  local command="$1" dir="$2"
  if command -v "$command" >/dev/null 2>&1; then
    command -v "$command"
  elif [[ -x $dir/bin/$command ]]; then
    echo "$dir/bin/$command"
  fi
}

# Installs the pip requirement SPEC into a new virtual environment DIR unless COMMAND is already found.
python_tool_install() {
  local command="$1" dir="$2" spec="$3"
  [[ -n "$(python_tool_find "$command" "$dir")" ]] && return
  if ! python3 -m venv --help >/dev/null 2>&1; then
    echo "python3 with venv is needed to install $command (Debian packages python3 and python3-venv)" >&2
    exit 1
  fi
  rm -rf "$dir"
  python3 -m venv "$dir" >&2
  "$dir/bin/pip" install --quiet --disable-pip-version-check "$spec" >&2
}
