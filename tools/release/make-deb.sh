#!/usr/bin/env bash
# A .deb from a published Linux folder (gzip: xz of 150 MB of binaries takes minutes on a small machine): host, installer and launcher under /usr/lib/securelink,
# securelink-installer on PATH; postinst registers the host for every user's browsers
# (system-wide manifests) and explains per-user registration, prerm removes that registration.
#
#   tools/release/make-deb.sh PUBLISHED_DIR RID VERSION OUT
set -euo pipefail
src=$1 rid=$2 version=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
case "$rid" in
  linux-x64) arch=amd64 ;;
  linux-arm64) arch=arm64 ;;
  *) echo "make-deb.sh: no Debian architecture for $rid" >&2; exit 2 ;;
esac
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/securelink_${version}_$arch"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/lib/securelink" "$pkg/usr/bin" "$pkg/usr/share/doc/securelink"
install -m 755 "$src/securelink-host" "$src/securelink-installer" "$src/securelink-host-launcher" "$pkg/usr/lib/securelink/"
if [[ -d "$src/manifest-templates" ]]; then
  mkdir -p "$pkg/usr/lib/securelink/manifest-templates"
  install -m 644 "$src/manifest-templates/"*.json "$pkg/usr/lib/securelink/manifest-templates/"
fi
ln -s ../lib/securelink/securelink-installer "$pkg/usr/bin/securelink-installer"
install -m 644 "$src/INSTALL.txt" "$pkg/usr/share/doc/securelink/README"
size=$(du -sk "$pkg/usr" | cut -f1)
sed "s/@VERSION@/$version/; s/@ARCH@/$arch/; s/@SIZE@/$size/" "$here/deb/control" > "$pkg/DEBIAN/control"
install -m 755 "$here/deb/postinst" "$here/deb/prerm" "$pkg/DEBIAN/"
dpkg-deb --root-owner-group -Zgzip -z9 --build "$pkg" "$out/securelink_${version}_$arch.deb" >/dev/null
