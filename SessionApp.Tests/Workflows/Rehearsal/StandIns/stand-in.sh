# shellcheck shell=bash
# Sourced by the deploy rehearsal's stand-ins (aws, npx, dotnet), which the rehearsal copies into a folder it puts
# first on the job's PATH, beside stand-ins.conf (log=, records=, registry=, account=, real_dotnet=). Each call appends
# one JSON line to $log: the tool, its arguments, where it ran, the variables the rehearsal checks, its exit code (null
# when it was handed to the real tool), a message and what the stand-in made of it. $account is the AWS account's
# state, shared by the rehearsal's runs: REGION/stacks/STACK/ (what npx deployed), REGION/cognito/ (what aws created).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=/dev/null
source "$here/stand-ins.conf"
argv=("$@")

#   record EXIT MESSAGE [JSON]
record() {
  local extra="${3:-}"
  [[ -n $extra ]] || extra='{}'
  jq -cn --arg tool "$tool" --arg cwd "$PWD" --argjson exit "$1" --arg message "$2" --argjson extra "$extra" \
    '{tool: $tool, argv: $ARGS.positional, cwd: $cwd, exit: $exit, message: $message, extra: $extra,
      env: (env | {AWS_REGION, AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, GITHUB_SHA, IMAGE_TAG, BASE_URL, SMOKE_USER, SMOKE_PASSWORD})}' \
    --args -- "${argv[@]}" >>"$log"
}

# Records the call as not understood and fails it loudly:  fail MESSAGE
fail() {
  record 1 "$1"
  echo "$1" >&2
  exit 1
}
