#!/usr/bin/env bash
# Renders icons/icon.svg into the PNG sizes the manifest names, with headless
# Chromium (already a test prerequisite) so no image tool is needed. The PNGs are
# committed; run this only after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../icons"
browser=${CHROMIUM:-/usr/bin/chromium}
args=(--headless --disable-gpu --hide-scrollbars --default-background-color=00000000)
[[ $EUID -ne 0 ]] || args+=(--no-sandbox)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for size in 16 32 48 128; do
  # An HTML wrapper scales the SVG to exactly size x size pixels.
  printf '<!doctype html><style>html,body{margin:0;background:transparent}img{display:block;width:%spx;height:%spx}</style><img src="%s">' \
    "$size" "$size" "$PWD/icon.svg" > "$tmp/icon.html"
  "$browser" "${args[@]}" --window-size="$size,$size" --screenshot="$PWD/icon-$size.png" "file://$tmp/icon.html" 2>/dev/null
done
ls -l icon-*.png
