#!/usr/bin/env bash
# The deploy rehearsal's `aws`: only `aws ecr describe-images --repository-name R --image-ids imageTag=T`, answered
# from the loopback registry that stands in for the account's ECR (skopeo inspect), with the real CLI's exit code
# 254 and ImageNotFoundException when the image is not there. Any other call is recorded and fails.
set -uo pipefail
tool=aws
# shellcheck source=stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/stand-in.sh"

if [[ $# -ne 6 || $1 != ecr || $2 != describe-images || $3 != --repository-name || $5 != --image-ids || $6 != imageTag=* ]]; then
  fail "The rehearsal's aws stand-in knows only 'aws ecr describe-images --repository-name R --image-ids imageTag=T'; it got: aws $*"
fi
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

repository="$4" tag="${6#imageTag=}"
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
message="An error occurred (ImageNotFoundException) when calling the DescribeImages operation: The image with imageId {imageDigest:'null', imageTag:'$tag'} does not exist within the repository with name '$repository' in the registry with id '123456789012'"
record 254 "$message" "$(jq -cn --arg r "$repository" --arg t "$tag" '{repository: $r, tag: $t}')"
printf '\n%s\n' "$message" >&2
exit 254
