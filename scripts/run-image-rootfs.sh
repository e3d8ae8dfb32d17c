#!/usr/bin/env bash
# Starts an unpacked image's entrypoint in its own root filesystem without a container engine, as a runtime
# would: a new mount and PID namespace with /proc and /dev, the image's root, working directory, user and
# environment (from its config), on the host's network. Needs root (or sudo). Runs in the foreground; the
# entrypoint is PID 1 of the new namespace, so stopping it ends everything it started.
#
#   scripts/run-image-rootfs.sh IMAGE_DIR [NAME=VALUE]...
#
# IMAGE_DIR is what scripts/unpack-image.sh made (rootfs/ and config.json). NAME=VALUE pairs are added to the
# image's environment, as `docker run -e` would, e.g. ASPNETCORE_URLS=http://127.0.0.1:5000.
set -euo pipefail

image_dir="$(readlink -f "${1:?usage: run-image-rootfs.sh IMAGE_DIR [NAME=VALUE]...}")"
shift
root="$image_dir/rootfs"
config="$image_dir/config.json"

mapfile -t environment < <(jq -r '.config.Env // [] | .[]' "$config")
environment+=("$@")
mapfile -t command < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' "$config")
user="$(jq -r '.config.User // "0"' "$config")"
workdir="$(jq -r '.config.WorkingDir // "/"' "$config")"
[[ ${#command[@]} -gt 0 ]] || { echo "The image has no entrypoint or command" >&2; exit 1; }

# The user as the image names it: uid[:gid], numbers only (a name would need the image's /etc/passwd).
uid="${user%%:*}"
gid="${user#*:}"
[[ $user == *:* ]] || gid="$uid"
if ! [[ $uid =~ ^[0-9]+$ && $gid =~ ^[0-9]+$ ]]; then
  echo "The image's user '$user' is not numeric" >&2
  exit 1
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo -n)
fi

# Inside the new namespaces: mount /proc and /dev for the root, then enter it (nsenter opens the working
# directory before changing root and drops to the user last) and run the entrypoint with only the image's
# environment.
exec "${sudo[@]}" env -i "${environment[@]}" \
  unshare --mount --pid --fork --propagation private -- \
  /bin/sh -c 'root="$1" workdir="$2" uid="$3" gid="$4"; shift 4
    mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
    exec nsenter --root="$root" --wd="$root$workdir" --setuid "$uid" --setgid "$gid" -- "$@"' \
  run-image "$root" "$workdir" "$uid" "$gid" "${command[@]}"
