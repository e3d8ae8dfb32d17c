#!/usr/bin/env bash
# Builds the OCI image of every service SessionApp deploys (api, web) with the .NET SDK's container support and
# pushes it straight to a registry: no Dockerfile, no Docker engine. The deploy workflow runs it against ECR and
# the container tests against a local registry, with the same MSBuild properties (the rest are in
# build/Containers.props).
#
#   scripts/publish-images.sh --registry HOST[:PORT] --tag TAG [--revision SHA] [--base-image IMAGE] [--output DIR]
#                             [--project PROJECT]...
#
#   --registry    where the images go, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com (credentials from the
#                 Docker config that `aws ecr get-login-password | docker login` or amazon-ecr-login writes)
#   --tag         the image tag, e.g. the commit SHA
#   --revision    the commit the images are built from, as the label org.opencontainers.image.revision
#   --base-image  another base image than Microsoft's ASP.NET Core runtime image (the tests use a local one)
#   --output      publish output and the images' digests (IMAGES.txt: "repository tag digest") go here
#                 (default artifacts/images)
#   --project     only this project's image (repeatable; default every deployed service: SessionApp.Api, SessionApp.Web);
#                 the deploy workflow builds only the images its registry does not have yet, since a tag pushed once
#                 cannot be pushed again to a repository with immutable tags
#
# A plain-HTTP registry on loopback needs DOTNET_CONTAINER_INSECURE_REGISTRIES=HOST:PORT in the environment.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deployed=(SessionApp.Api SessionApp.Web)
projects=()
registry="" tag="" revision="" base_image="" output="$repo/artifacts/images"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --registry) registry="${2:?}"; shift 2 ;;
    --tag) tag="${2:?}"; shift 2 ;;
    --revision) revision="${2:?}"; shift 2 ;;
    --base-image) base_image="${2:?}"; shift 2 ;;
    --output) output="${2:?}"; shift 2 ;;
    --project)
      [[ " ${deployed[*]} " == *" ${2:?} "* ]] || { echo "Unknown project: $2 (deployed: ${deployed[*]})" >&2; exit 2; }
      projects+=("$2"); shift 2 ;;
    -h|--help) usage ;;
    *) echo "Unknown argument: $1" >&2; usage ;;
  esac
done
[[ -n $registry && -n $tag ]] || usage
if [[ ${#projects[@]} -eq 0 ]]; then
  projects=("${deployed[@]}")
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$output"
: >"$output/IMAGES.txt"

for project in "${projects[@]}"; do
  args=(
    publish "$repo/$project/$project.csproj"
    -c Release
    -t:PublishContainer
    -p:ContainerRegistry="$registry"
    -p:ContainerImageTag="$tag"
    -p:ContainerRuntimeIdentifier=linux-x64
    -p:PublishDir="$output/$project/"
    -getProperty:ContainerRepository
    -getProperty:GeneratedContainerDigest
  )
  if [[ -n $revision ]]; then
    args+=(-p:ContainerRevision="$revision")
  fi
  if [[ -n $base_image ]]; then
    args+=(-p:ContainerBaseImage="$base_image")
  fi
  printf '==> dotnet %s\n' "${args[*]}" >&2
  properties="$(dotnet "${args[@]}")"
  repository="$(jq -r '.Properties.ContainerRepository' <<<"$properties")"
  digest="$(jq -r '.Properties.GeneratedContainerDigest' <<<"$properties")"
  echo "$repository $tag $digest" | tee -a "$output/IMAGES.txt"
done
