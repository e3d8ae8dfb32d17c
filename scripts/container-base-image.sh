#!/usr/bin/env bash
# Makes a small ASP.NET Core base image as an OCI image layout, from this machine alone: no registry, no Docker
# engine, no download. The root filesystem holds the machine's ASP.NET Core runtime (from its dotnet install) and
# exactly the shared libraries that runtime links against (found with ldd, plus the OpenSSL libraries .NET loads
# at run time), an `app` user (uid 1654, as in Microsoft's images), /tmp and the CA certificates. The layer is a
# reproducible tar (sorted, owned by root, mtime 0), packed with Debian's tar, gzip and sha256sum into blobs and
# JSON by hand, as the OCI image specification lays them out.
#
#   scripts/container-base-image.sh OUT_DIR [TAG]
#
# OUT_DIR becomes an OCI layout (oci-layout, index.json, blobs/sha256/…) whose index names the image TAG
# (default aspnet-<runtime version>); load it into a registry with
#   skopeo copy oci:OUT_DIR:TAG docker://HOST/dotnet/aspnet:TAG
# A second run with the same runtime leaves an existing layout alone. Prints the tag on stdout.
set -euo pipefail

out="${1:?usage: container-base-image.sh OUT_DIR [TAG]}"
dotnet_root="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"

latest_version() {
  local dir="$1"
  find "$dir" -mindepth 1 -maxdepth 1 -type d -name '10.*' -printf '%f\n' | sort -V | tail -n 1
}

aspnet_version="$(latest_version "$dotnet_root/shared/Microsoft.AspNetCore.App")"
runtime_version="$(latest_version "$dotnet_root/shared/Microsoft.NETCore.App")"
fxr_version="$(latest_version "$dotnet_root/host/fxr")"
if [[ -z $aspnet_version || -z $runtime_version || -z $fxr_version ]]; then
  echo "No .NET 10 ASP.NET Core runtime under $dotnet_root" >&2
  exit 1
fi
tag="${2:-aspnet-$aspnet_version}"
stamp="runtime $runtime_version aspnet $aspnet_version fxr $fxr_version tag $tag"

if [[ -f $out/index.json && -f $out/.stamp && "$(cat "$out/.stamp")" == "$stamp" ]]; then
  echo "$tag"
  exit 0
fi

case "$(uname -m)" in
  x86_64) architecture=amd64 ;;
  aarch64) architecture=arm64 ;;
  *) echo "Unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

# Debian's merged /usr: /bin, /lib and /lib64 point into /usr.
mkdir -p "$root"/usr/{bin,sbin,lib,lib64,share/dotnet} "$root"/{etc/ssl/certs,home/app,proc,sys,dev,root,run,tmp,var/tmp}
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 700 "$root/root"

# The runtime: the host, hostfxr, Microsoft.NETCore.App and Microsoft.AspNetCore.App, as Microsoft's image lays it.
dotnet_dir="$root/usr/share/dotnet"
cp "$dotnet_root/dotnet" "$dotnet_dir/"
mkdir -p "$dotnet_dir/host/fxr" "$dotnet_dir/shared/Microsoft.NETCore.App" "$dotnet_dir/shared/Microsoft.AspNetCore.App"
cp -r "$dotnet_root/host/fxr/$fxr_version" "$dotnet_dir/host/fxr/"
cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$dotnet_dir/shared/Microsoft.NETCore.App/"
cp -r "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet_version" "$dotnet_dir/shared/Microsoft.AspNetCore.App/"
ln -s ../share/dotnet/dotnet "$root/usr/bin/dotnet"

# Every shared library the runtime links against, plus those it opens by name (OpenSSL for TLS), each copied to
# its canonical directory under its linked name (the runtime's own libraries, found beside each other, are in already).
copy_library() {
  local path="$1" dir
  dir="$(readlink -f "$(dirname "$path")")"
  mkdir -p "$root$dir"
  [[ -e $root$dir/$(basename "$path") ]] || cp -L "$path" "$root$dir/"
}
mapfile -t linked < <(
  find "$dotnet_dir" -type f \( -name '*.so' -o -name dotnet \) -exec ldd {} + 2>/dev/null |
    awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' |
    grep -v "^$root/" | sort -u
)
for name in libssl.so.3 libcrypto.so.3; do
  path="$(/sbin/ldconfig -p | awk -v n="$name" '$1 == n && $0 ~ /x86-64|AArch64|aarch64/ { print $NF; exit }')"
  [[ -n $path ]] && linked+=("$path")
done
for path in "${linked[@]}"; do
  copy_library "$path"
done

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/usr/sbin/nologin
app:x:1654:1654:app:/home/app:/usr/sbin/nologin
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
app:x:1654:
EOF
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
fi
chown -R 0:0 "$root"
chown 1654:1654 "$root/home/app"

# The layer: reproducible (sorted, mtime 0, numeric owners: root, and the app user for its home), gzip without a
# name or time.
layer_tar="$work/layer.tar"
entries=()
while IFS= read -r entry; do
  entries+=("$entry")
done < <(cd "$root" && find . -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
tar --sort=name --mtime=@0 --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$root" -cf "$layer_tar" "${entries[@]}"
diff_id="$(sha256sum "$layer_tar" | cut -d' ' -f1)"
gzip -n -1 -c "$layer_tar" >"$work/layer.tar.gz"

rm -rf "$out"
mkdir -p "$out/blobs/sha256"

# Stores a file as a blob; prints its digest and size.
put_blob() {
  local digest size
  digest="$(sha256sum "$1" | cut -d' ' -f1)"
  size="$(stat -c %s "$1")"
  mv "$1" "$out/blobs/sha256/$digest"
  echo "$digest $size"
}

read -r layer_digest layer_size < <(put_blob "$work/layer.tar.gz")

jq -n --arg arch "$architecture" --arg diff "sha256:$diff_id" --arg version "$aspnet_version" '{
  architecture: $arch,
  os: "linux",
  config: {
    Env: [
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "APP_UID=1654",
      "ASPNETCORE_HTTP_PORTS=8080",
      "DOTNET_RUNNING_IN_CONTAINER=true",
      "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true",
      ("DOTNET_VERSION=" + $version),
      ("ASPNET_VERSION=" + $version)
    ],
    WorkingDir: "/",
    Labels: { "org.opencontainers.image.title": "SessionApp test base image (ASP.NET Core runtime)" }
  },
  rootfs: { type: "layers", diff_ids: [$diff] },
  history: [ { created: "1970-01-01T00:00:00Z", created_by: "scripts/container-base-image.sh" } ]
}' >"$work/config.json"
read -r config_digest config_size < <(put_blob "$work/config.json")

jq -n --arg cd "sha256:$config_digest" --argjson cs "$config_size" --arg ld "sha256:$layer_digest" --argjson ls "$layer_size" '{
  schemaVersion: 2,
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs },
  layers: [ { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $ld, size: $ls } ]
}' >"$work/manifest.json"
read -r manifest_digest manifest_size < <(put_blob "$work/manifest.json")

jq -n --arg md "sha256:$manifest_digest" --argjson ms "$manifest_size" --arg tag "$tag" '{
  schemaVersion: 2,
  mediaType: "application/vnd.oci.image.index.v1+json",
  manifests: [ {
    mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $md, size: $ms,
    annotations: { "org.opencontainers.image.ref.name": $tag }
  } ]
}' >"$out/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' >"$out/oci-layout"
echo "$stamp" >"$out/.stamp"
echo "$tag"
