#!/usr/bin/env bash
# One runtime identifier: publishes securelink-host and securelink-installer self-contained,
# single-file, ReadyToRun, into OUT/securelink-VERSION-RID/, adds the launcher (Linux, macOS)
# and the install notes, and packs the folder (.tar.gz, or .zip for Windows).
#
#   tools/release/publish-rid.sh RID VERSION OUT [R2R: true|false]
set -euo pipefail
rid=$1 version=$2 out=$3 r2r=${4:-true}
root=$(cd "$(dirname "$0")/../.." && pwd)
name="securelink-$version-$rid"
dir="$out/$name"
rm -rf "$dir"
mkdir -p "$dir"
# ReadyToRun: the browser starts the host on every connect, so its cold start counts; crossgen2
# (the linux-x64 pack) compiles for any RID from this machine. Not composite: for single-file the
# SDK defaults to one composite image that recompiles the whole framework on every publish (about
# 20 CPU-minutes a binary here); the runtime pack's framework is already ReadyToRun, so compiling
# only our own assemblies keeps nearly all of the start-up gain (docs/release.md has the figures).
# No trimming: BouncyCastle, QRCoder and ZXing use reflection. No compression: decompressing at
# every start would cost more than the disk saved.
common=(-c Release -r "$rid" --self-contained true -p:PublishSingleFile=true -p:PublishReadyToRun="$r2r" -p:PublishReadyToRunComposite=false
  -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none -p:GenerateDocumentationFile=false -nologo -v:q)
dotnet publish "$root/NativeHost/Host/SecureLink.Host.csproj" "${common[@]}" -o "$dir"
dotnet publish "$root/Installer/SecureLink.Installer.csproj" "${common[@]}" -o "$dir"
if [[ "$rid" != win-* ]]; then
  install -m 755 "$root/manifest-templates/securelink-host-launcher" "$dir/securelink-host-launcher"
  chmod 755 "$dir/securelink-host" "$dir/securelink-installer"
fi
sed "s/@VERSION@/$version/g; s/@RID@/$rid/g" "$root/tools/release/INSTALL.txt" > "$dir/INSTALL.txt"
rm -f "$dir"/*.pdb "$dir"/*.xml
(
  cd "$out"
  if [[ "$rid" == win-* ]]; then
    rm -f "$name.zip"
    python3 -m zipfile -c "$name.zip" "$name"
  else
    tar --owner=0 --group=0 --numeric-owner -czf "$name.tar.gz" "$name"
  fi
)
