#!/usr/bin/env bash
# The deploy rehearsal's `aws`: the calls deploy.yml makes, answered as the real CLI (v2) answers them, against the
# rehearsal's account: $account/REGION/ holds the stacks the npx stand-in deployed (their templates and outputs) and
# the Cognito users created here, and the loopback registry stands in for ECR.
#   aws ecr describe-images --repository-name R --image-ids imageTag=T      (skopeo inspect; ImageNotFoundException)
#   aws secretsmanager put-secret-value --secret-id NAME --secret-string V  (a secret of a deployed template)
#   aws cognito-idp admin-get-user --user-pool-id P --username U            (UserNotFoundException)
#   aws cognito-idp admin-create-user --user-pool-id P --username U [--message-action SUPPRESS]
#   aws cognito-idp admin-set-user-password --user-pool-id P --username U --password V [--permanent]
# P must be a deployed stack's CognitoUserPoolId output, and a password must meet that stack's user pool's policy. A
# value may be file://PATH, which the CLI reads (a missing file fails as the CLI's "Error parsing parameter", exit
# 252). Service errors exit 254 with the CLI's "An error occurred (Code) when calling the Op operation: message". The
# secret and password values a call was handed are recorded (extra.value) for the rehearsal's checks. Any other call
# is recorded and fails.
set -uo pipefail
tool=aws
# shellcheck source=stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/stand-in.sh"

if [[ -z ${AWS_REGION:-${AWS_DEFAULT_REGION:-}} ]]; then
  record 253 "no region"
  echo "You must specify a region. You can also configure your region by running \"aws configure\"." >&2
  exit 253
fi
if [[ -z ${AWS_ACCESS_KEY_ID:-} ]]; then
  record 253 "no credentials"
  echo "Unable to locate credentials. You can configure credentials by running \"aws configure\"." >&2
  exit 253
fi
region="${AWS_REGION:-$AWS_DEFAULT_REGION}"
here_account="$account/$region"
command="${1:-} ${2:-}"
shift 2 2>/dev/null || true

# The options after the command: --name value, or --name alone (a flag, value "true").
declare -A options=()
while [[ $# -gt 0 ]]; do
  [[ $1 == --* ]] || fail "The rehearsal's aws stand-in expected an option, not '$1', in: aws ${argv[*]}"
  if [[ $# -gt 1 && $2 != --* ]]; then
    options[${1#--}]="$2"
    shift 2
  else
    options[${1#--}]=true
    shift
  fi
done

#   expect REQUIRED... -- OPTIONAL...: fails on an option the command does not take or one it needs and lacks.
expect() {
  local required=() allowed=() seen_dash=false name
  for name in "$@"; do
    if [[ $name == -- ]]; then seen_dash=true; continue; fi
    $seen_dash || required+=("$name")
    allowed+=("$name")
  done
  for name in "${required[@]}"; do
    [[ -n ${options[$name]:-} ]] || fail "aws $command needs --$name (the rehearsal's stand-in got: aws ${argv[*]})"
  done
  for name in "${!options[@]}"; do
    [[ " ${allowed[*]} " == *" $name "* ]] || fail "The rehearsal's aws stand-in does not know --$name for aws $command."
  done
}

# value NAME: the option's value, read from its file for file://PATH as the CLI does.
value() {
  local raw="${options[$1]}"
  if [[ $raw != file://* ]]; then
    printf '%s' "$raw"
  elif [[ -f ${raw#file://} ]]; then
    cat -- "${raw#file://}"
  else
    local message="Error parsing parameter '--$1': Unable to load paramfile $raw: [Errno 2] No such file or directory: '${raw#file://}'"
    record 252 "$message"
    printf '\n%s\n' "$message" >&2
    exit 252
  fi
}

#   service_error CODE OPERATION MESSAGE [JSON]
service_error() {
  local message="An error occurred ($1) when calling the $2 operation: $3"
  record 254 "$message" "${4:-}"
  printf '\n%s\n' "$message" >&2
  exit 254
}

# The deployed stacks of this region: one folder each, with template.json and outputs.json (the npx stand-in's).
stacks() { find "$here_account/stacks" -mindepth 1 -maxdepth 1 -type d 2>/dev/null; }

# pool_stack POOL: the folder of the stack whose CognitoUserPoolId output is POOL (nothing if none).
pool_stack() {
  local stack
  while read -r stack; do
    if [[ $(jq -r '.CognitoUserPoolId // empty' "$stack/outputs.json") == "$1" ]]; then
      echo "$stack"
      return
    fi
  done < <(stacks)
}

# meets_policy PASSWORD TEMPLATE: whether PASSWORD meets the template's user pool password policy.
meets_policy() {
  local policy
  policy="$(jq -c '[.Resources[] | select(.Type == "AWS::Cognito::UserPool")][0].Properties.Policies.PasswordPolicy // {}' "$2")"
  (( ${#1} >= $(jq -r '.MinimumLength // 8' <<<"$policy") )) || return 1
  [[ $(jq -r '.RequireUppercase // false' <<<"$policy") == false || $1 =~ [A-Z] ]] || return 1
  [[ $(jq -r '.RequireLowercase // false' <<<"$policy") == false || $1 =~ [a-z] ]] || return 1
  [[ $(jq -r '.RequireNumbers // false' <<<"$policy") == false || $1 =~ [0-9] ]] || return 1
  # Cognito's symbols are ASCII's 32 punctuation characters and the space.
  [[ $(jq -r '.RequireSymbols // false' <<<"$policy") == false || $1 =~ [[:punct:]\ ] ]] || return 1
  [[ ! $1 =~ [^[:print:]] ]]
}

case "$command" in
  "ecr describe-images")
    expect repository-name image-ids
    [[ ${options[image-ids]} == imageTag=* ]] || fail "The rehearsal's aws stand-in knows only --image-ids imageTag=T; it got: aws ${argv[*]}"
    repository="${options[repository-name]}" tag="${options[image-ids]#imageTag=}"
    if inspected="$(skopeo inspect --tls-verify=false "docker://$registry/$repository:$tag" 2>&1)"; then
      digest="$(jq -r .Digest <<<"$inspected")"
      record 0 "found" "$(jq -cn --arg r "$repository" --arg t "$tag" --arg d "$digest" '{repository: $r, tag: $t, digest: $d}')"
      jq -n --arg r "$repository" --arg t "$tag" --arg d "$digest" \
        '{imageDetails: [{registryId: "123456789012", repositoryName: $r, imageDigest: $d, imageTags: [$t]}]}'
      exit 0
    fi
    if [[ $inspected != *"manifest unknown"* && $inspected != *"name unknown"* ]]; then
      fail "The rehearsal's aws stand-in could not ask the registry $registry: $inspected"
    fi
    service_error ImageNotFoundException DescribeImages \
      "The image with imageId {imageDigest:'null', imageTag:'$tag'} does not exist within the repository with name '$repository' in the registry with id '123456789012'" \
      "$(jq -cn --arg r "$repository" --arg t "$tag" '{repository: $r, tag: $t}')"
    ;;

  "secretsmanager put-secret-value")
    expect secret-id secret-string
    id="${options[secret-id]}"
    secret_value="$(value secret-string)" || exit $?
    found=""
    while read -r stack; do
      jq -e --arg id "$id" 'any(.Resources[]; .Type == "AWS::SecretsManager::Secret" and .Properties.Name == $id)' "$stack/template.json" >/dev/null && found="$stack"
    done < <(stacks)
    [[ -n $found ]] || service_error ResourceNotFoundException PutSecretValue "Secrets Manager can't find the specified secret." "$(jq -cn --arg id "$id" '{secret: $id}')"
    mkdir -p "$here_account/secrets"
    printf '%s' "$secret_value" >"$here_account/secrets/${id//\//%2F}"
    version="$(cat /proc/sys/kernel/random/uuid)"
    record 0 "secret value put" "$(jq -cn --arg id "$id" --arg v "$secret_value" --arg version "$version" '{secret: $id, value: $v, version: $version}')"
    jq -n --arg id "$id" --arg region "$region" --arg version "$version" \
      '{ARN: ("arn:aws:secretsmanager:" + $region + ":123456789012:secret:" + $id + "-AbCdEf"), Name: $id, VersionId: $version, VersionStages: ["AWSCURRENT"]}'
    ;;

  "cognito-idp admin-get-user" | "cognito-idp admin-create-user" | "cognito-idp admin-set-user-password")
    operation="$(sed -E 's/(^| |-)([a-z])/\U\2/g' <<<"${command#cognito-idp }")"
    case "$command" in
      *admin-get-user) expect user-pool-id username ;;
      *admin-create-user) expect user-pool-id username -- message-action ;;
      *admin-set-user-password) expect user-pool-id username password -- permanent ;;
    esac
    pool="${options[user-pool-id]}" user="${options[username]}"
    call="$(jq -cn --arg p "$pool" --arg u "$user" '{pool: $p, user: $u}')"
    stack="$(pool_stack "$pool")"
    [[ -n $stack ]] || service_error ResourceNotFoundException "$operation" "User pool $pool does not exist." "$call"
    users="$here_account/cognito/$pool/users"
    mkdir -p "$users"
    file="$users/$(tr 'A-Z' 'a-z' <<<"$user").json"
    case "$command" in
      *admin-get-user)
        [[ -f $file ]] || service_error UserNotFoundException "$operation" "User does not exist." "$call"
        record 0 "user found" "$call"
        jq --arg u "$user" '{Username: $u, UserAttributes: [{Name: "sub", Value: .sub}], UserCreateDate: .created, UserLastModifiedDate: .modified, Enabled: true, UserStatus: .status}' "$file"
        ;;
      *admin-create-user)
        [[ ! -f $file ]] || service_error UsernameExistsException "$operation" "User account already exists" "$call"
        [[ ${options[message-action]:-} == SUPPRESS ]] ||
          fail "The rehearsal's aws stand-in creates users only with --message-action SUPPRESS (the pool has no way to send an invitation here)."
        now="$(date -u +%Y-%m-%dT%H:%M:%S+00:00)"
        jq -n --arg sub "$(cat /proc/sys/kernel/random/uuid)" --arg now "$now" \
          '{sub: $sub, created: $now, modified: $now, status: "FORCE_CHANGE_PASSWORD", groups: []}' >"$file"
        record 0 "user created" "$call"
        jq --arg u "$user" '{User: {Username: $u, Attributes: [{Name: "sub", Value: .sub}], UserCreateDate: .created, UserLastModifiedDate: .modified, Enabled: true, UserStatus: .status}}' "$file"
        ;;
      *admin-set-user-password)
        password="$(value password)" || exit $?
        [[ -f $file ]] || service_error UserNotFoundException "$operation" "User does not exist." "$call"
        meets_policy "$password" "$stack/template.json" ||
          service_error InvalidPasswordException "$operation" "Password does not conform to policy: Password not long enough or missing a character class" "$call"
        status=FORCE_CHANGE_PASSWORD
        [[ ${options[permanent]:-} == true ]] && status=CONFIRMED
        jq --arg s "$status" --arg now "$(date -u +%Y-%m-%dT%H:%M:%S+00:00)" '.status = $s | .modified = $now' "$file" >"$file.new" && mv "$file.new" "$file"
        record 0 "password set ($status)" "$(jq -c --arg v "$password" --arg s "$status" '. + {value: $v, status: $s}' <<<"$call")"
        ;;
    esac
    ;;

  *)
    fail "The rehearsal's aws stand-in does not know 'aws ${argv[*]}'."
    ;;
esac
