#!/usr/bin/env bash
# The deploy rehearsal's `npx`: only `npx --yes aws-cdk@VERSION deploy STACK --app DIR [--parameters STACK:Name=value]…
# [--outputs-file FILE] [--require-approval never] [--ci] [--progress events]`. It checks what CloudFormation would
# (the stack is in DIR's manifest.json; each parameter is one of its template's; each parameter without a Default is
# given), keeps a copy of the template and manifest it was handed, and writes FILE as the CDK CLI does:
# {"STACK": {"Output": "value", …}} with the template's output names (a literal value as it is, a load balancer's
# DNSName as an elb.amazonaws.com name, anything else "rehearsal-Output"). The account then has the stack: its
# template and outputs go to $account/REGION/stacks/STACK/, where the aws stand-in finds them. Any other call is
# recorded and fails.
set -uo pipefail
tool=npx
# shellcheck source=stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/stand-in.sh"

if [[ $# -lt 4 || $1 != --yes || $2 != aws-cdk@* || $3 != deploy || $4 == -* ]]; then
  fail "The rehearsal's npx stand-in knows only 'npx --yes aws-cdk@VERSION deploy STACK …'; it got: npx $*"
fi
version="${2#aws-cdk@}" stack="$4"
shift 4
app="" outputs="" approval="" parameters=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --app) app="${2:-}"; shift 2 ;;
    --outputs-file) outputs="${2:-}"; shift 2 ;;
    --parameters) parameters+=("${2:-}"); shift 2 ;;
    --require-approval) approval="${2:-}"; shift 2 ;;
    --progress) shift 2 ;;
    --ci) shift ;;
    *) fail "The rehearsal's npx stand-in does not know the cdk deploy option '$1'." ;;
  esac
done

manifest="$app/manifest.json"
[[ -n $app && -f $manifest ]] || fail "--app '$app' is not a cloud assembly: it has no manifest.json."
template_file="$(jq -r --arg s "$stack" '.artifacts[$s] | select(.type == "aws:cloudformation:stack") | .properties.templateFile // empty' "$manifest")"
[[ -n $template_file ]] || fail "No stacks match the name(s) $stack (the cloud assembly $app has $(jq -c '[.artifacts | to_entries[] | select(.value.type == "aws:cloudformation:stack") | .key]' "$manifest"))."
template="$app/$template_file"

given=()
for parameter in "${parameters[@]}"; do
  key="${parameter%%=*}"
  name="${key#*:}"
  [[ $key == *:* && ${key%%:*} != "$stack" ]] && fail "The parameter '$parameter' is for another stack than $stack."
  jq -e --arg n "$name" '.Parameters | has($n)' "$template" >/dev/null || fail "Parameters: [$name] do not exist in the template"
  given+=("$name")
done
mapfile -t missing < <(jq -r '.Parameters // {} | to_entries[] | select(.value.Default == null) | .key' "$template" |
  grep -vxF -f <(printf '%s\n' "${given[@]}"))
[[ ${#missing[@]} -eq 0 ]] || fail "Parameters: [${missing[*]}] must have values"

kept="$(mktemp -d "$records/cdk-deploy-XXXXXX")"
cp "$template" "$manifest" "$kept/"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
values="$(jq -c --arg s "$stack" --arg region "$region" '(.Outputs // {}) | with_entries(.value = (
    .value.Value as $v
    | if ($v | type) == "string" then $v
      elif ($v | type) == "object" and ($v["Fn::GetAtt"][1]? == "DNSName") then (($s | ascii_downcase) + "-alb-1234567890." + $region + ".elb.amazonaws.com")
      else "rehearsal-" + .key end))' "$template")"
if [[ -n $outputs ]]; then
  mkdir -p "$(dirname "$outputs")"
  jq -n --arg s "$stack" --argjson values "$values" '{($s): $values}' >"$outputs"
fi
deployed="$account/$region/stacks/$stack"
mkdir -p "$deployed"
cp "$template" "$deployed/template.json"
printf '%s\n' "$values" >"$deployed/outputs.json"
record 0 "deployed (recorded)" "$(jq -cn --arg version "$version" --arg stack "$stack" --arg app "$app" --arg template "$template" \
  --arg outputs "$outputs" --arg kept "$kept" --arg approval "$approval" --argjson values "$values" \
  '{version: $version, stack: $stack, app: $app, template: $template, outputsFile: $outputs, kept: $kept, requireApproval: $approval, outputs: $values, parameters: $ARGS.positional}' \
  --args -- "${parameters[@]}")"
echo "$stack: deploying... (the rehearsal's stand-in: nothing is deployed)"
echo "Outputs:"
jq -r --arg s "$stack" 'to_entries[] | "\($s).\(.key) = \(.value)"' <<<"$values"
