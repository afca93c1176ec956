#!/usr/bin/env bash
# Builds the extension into dist/chromium and dist/firefox from the same
# sources (no bundler: the files are copied as they are). Only the Firefox
# manifest differs; tools/firefox-manifest.mjs derives it.
#
#   Extension/build.sh          # build both
#   Extension/build.sh --lint   # also run web-ext lint on the Firefox build (needs npm ci)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist="$here/dist"
lint=0
for a in "$@"; do
  case "$a" in
    --lint) lint=1 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option '$a' (try --help)" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null || { echo "build.sh: node is needed (apt-get install nodejs)" >&2; exit 1; }

# What ships: everything the manifest and pages load, nothing else.
sources=(manifest.json _locales background lib popup options scan icons)

for target in chromium firefox; do
  out="$dist/$target"
  rm -rf "$out"
  mkdir -p "$out"
  for s in "${sources[@]}"; do cp -R "$here/$s" "$out/"; done
  rm -f "$out/icons/"*.svg   # the icon source is for render-icons.sh, not the browser
done
node "$here/tools/firefox-manifest.mjs" "$here/manifest.json" "$dist/firefox/manifest.json"

# web-ext (the Firefox linter the tests run) comes from package-lock.json. A
# fresh clone gets it here, outside the tests' network namespace; failing to
# fetch it (offline) does not fail the build, only the lint test later.
if [[ ! -e "$here/node_modules/web-ext/bin/web-ext.js" ]]; then
  if command -v npm >/dev/null; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || echo "build.sh: npm ci failed; web-ext lint will not be available" >&2
  else
    echo "build.sh: npm not found; web-ext lint will not be available" >&2
  fi
fi

if ((lint)); then
  node "$here/node_modules/web-ext/bin/web-ext.js" lint --source-dir "$dist/firefox" --no-config-discovery
fi
echo "build.sh: built $dist/chromium and $dist/firefox"
