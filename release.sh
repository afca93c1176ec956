#!/usr/bin/env bash
# Builds the release artifacts into artifacts/release/ (see docs/release.md):
#   - per RID a self-contained single-file host + installer folder (+ launcher on Linux/macOS),
#     checked by tools/release/check-rid.sh (format and CPU of each binary), packed as .tar.gz
#     (Linux, macOS) or .zip (Windows);
#   - .deb packages for linux-x64 (amd64) and linux-arm64 (arm64);
#   - the extension as a zip for the Chrome Web Store and an .xpi for Firefox (web-ext build);
#   - SHA256SUMS over all of it.
#
#   ./release.sh                        # all five RIDs, the .debs and the extension
#   ./release.sh --rid linux-x64        # only that RID (repeatable); the .deb only for Linux RIDs named
#   ./release.sh --out DIR              # somewhere else than artifacts/release
#   ./release.sh --no-extension --no-deb
#   ./release.sh --no-r2r               # skip ReadyToRun (faster to build; the tests use it, releases don't)
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
all_rids=(linux-x64 linux-arm64 win-x64 osx-x64 osx-arm64)
rids=() out="$root/artifacts/release" extension=1 deb=1 r2r=true
while (($#)); do
  case "$1" in
    --rid) rids+=("$2"); shift ;;
    --out) out=$(realpath -m "$2"); shift ;;
    --no-extension) extension=0 ;;
    --no-deb) deb=0 ;;
    --no-r2r) r2r=false ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
((${#rids[@]})) || rids=("${all_rids[@]}")
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' NativeHost/Host/SecureLink.Host.csproj | head -1)
[[ -n "$version" ]] || { echo "release.sh: no <Version> in NativeHost/Host/SecureLink.Host.csproj" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
failed=()
for rid in "${rids[@]}"; do
  echo "== $rid"
  if ! tools/release/publish-rid.sh "$rid" "$version" "$out" "$r2r" || ! tools/release/check-rid.sh "$out/securelink-$version-$rid" "$rid"; then
    failed+=("$rid")
    continue
  fi
  if ((deb)) && [[ "$rid" == linux-* ]]; then tools/release/make-deb.sh "$out/securelink-$version-$rid" "$rid" "$version" "$out"; fi
done
if ((extension)); then
  echo "== extension"
  tools/release/pack-extension.sh "$version" "$out"
fi
(cd "$out" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | sort | xargs -r sha256sum > SHA256SUMS)
echo
echo "release $version in $out:"
(cd "$out" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\t%s\n' | sort | awk -F'\t' '{ printf "  %-46s %6.1f MiB\n", $1, $2 / 1048576 }')
if ((${#failed[@]})); then
  echo "release.sh: could not publish ${failed[*]} (see above)" >&2
  exit 1
fi
