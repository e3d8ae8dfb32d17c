#!/usr/bin/env bash
# Unpacks an image from a registry into a root filesystem, layer by layer in the manifest's order, the way a
# container runtime lays it out (OCI whiteouts included), and writes the image's config beside it. No container
# engine: skopeo fetches the image as an OCI layout, tar unpacks it.
#
#   scripts/unpack-image.sh IMAGE OUT_DIR        e.g. 127.0.0.1:5000/sessionapp-api:abc123 /tmp/api
#
# OUT_DIR/rootfs is the file system, OUT_DIR/config.json the image config (Entrypoint, User, Env, WorkingDir, …).
# Add --src-tls-verify=false through SKOPEO_ARGS for a plain-HTTP registry on loopback.
set -euo pipefail

image="${1:?usage: unpack-image.sh IMAGE OUT_DIR}"
out="${2:?usage: unpack-image.sh IMAGE OUT_DIR}"
read -r -a skopeo_args <<<"${SKOPEO_ARGS:-}"

rm -rf "$out"
mkdir -p "$out/rootfs"
layout="$out/layout"
skopeo copy --quiet "${skopeo_args[@]}" "docker://$image" "oci:$layout:image"

blob() { echo "$layout/blobs/${1%%:*}/${1#*:}"; }
manifest="$(blob "$(jq -r '.manifests[0].digest' "$layout/index.json")")"
cp "$(blob "$(jq -r '.config.digest' "$manifest")")" "$out/config.json"

root="$out/rootfs"
while read -r digest; do
  layer="$(blob "$digest")"
  # Whiteouts: .wh.NAME deletes NAME from the layers below; .wh..wh..opq empties its directory.
  while IFS= read -r entry; do
    dir="$(dirname "$entry")" name="$(basename "$entry")"
    if [[ $name == .wh..wh..opq ]]; then
      find "$root/$dir" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
    else
      rm -rf "${root:?}/$dir/${name#.wh.}"
    fi
  done < <(tar -tzf "$layer" | grep -E '(^|/)\.wh\.' || true)
  tar -xzf "$layer" -C "$root" --numeric-owner --same-permissions --exclude='.wh.*' --exclude='*/.wh.*'
done < <(jq -r '.layers[].digest' "$manifest")
rm -rf "$layout"
