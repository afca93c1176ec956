#!/usr/bin/env bash
# The extension for the stores: Extension/build.sh makes dist/chromium and dist/firefox; the
# Chrome Web Store zip is dist/chromium without the manifest's "key" (the store refuses it and
# signs with its own key), the Firefox .xpi is `web-ext build` of dist/firefox.
#
#   tools/release/pack-extension.sh VERSION OUT
set -euo pipefail
version=$1 out=$2
ext=$(cd "$(dirname "$0")/../../Extension" && pwd)
"$ext/build.sh" >/dev/null
webext="$ext/node_modules/web-ext/bin/web-ext.js"
[[ -e "$webext" ]] || { echo "pack-extension.sh: web-ext is missing; run (cd Extension && npm ci)" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$ext/dist/chromium" "$stage/chromium"
node -e '
  const fs = require("fs"), p = process.argv[1];
  const m = JSON.parse(fs.readFileSync(p, "utf8"));
  delete m.key;
  fs.writeFileSync(p, JSON.stringify(m, null, 2) + "\n");' "$stage/chromium/manifest.json"
rm -f "$out/securelink-$version-chrome.zip"
(cd "$stage/chromium" && python3 -m zipfile -c "$out/securelink-$version-chrome.zip" $(ls -A))

node "$webext" build --source-dir "$ext/dist/firefox" --artifacts-dir "$stage/xpi" \
  --filename "securelink-$version-firefox.xpi" --overwrite-dest --no-config-discovery >/dev/null
mv "$stage/xpi/securelink-$version-firefox.xpi" "$out/"
