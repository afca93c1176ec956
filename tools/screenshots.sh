#!/usr/bin/env bash
# Refreshes docs/screenshots/*.png from the end-to-end tests. Every popup test saves its pictures
# headless; the system notifications need a screen, so the everyday test runs once more on a
# private Xvfb display with Chromium visible, inside the test namespace.
#   tools/screenshots.sh                 # everything
#   tools/screenshots.sh notifications   # only the notification pictures
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
tests/tools/prereqs.sh test
for pkg in xvfb imagemagick; do
  dpkg -s "$pkg" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
done
Extension/build.sh
dotnet build tests/SecureLink.EndToEnd.Tests -c Release -nologo -v:q -clp:ErrorsOnly
export SECURELINK_UPDATE_SCREENSHOTS=1
if [[ $what == all ]]; then
  tests/tools/isolated.sh dotnet test tests/SecureLink.EndToEnd.Tests -c Release --no-build -nologo
fi
tests/tools/isolated.sh bash -c '
  display=:$((90 + RANDOM % 9))
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp & xvfb=$!
  trap "kill $xvfb 2>/dev/null" EXIT
  sleep 1
  SECURELINK_E2E_DISPLAY=$display dotnet test tests/SecureLink.EndToEnd.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~Notifications.EverydayTests"'
echo "screenshots in docs/screenshots"
