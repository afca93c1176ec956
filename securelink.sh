#!/usr/bin/env bash
# The run command: installs what is missing, builds and registers the native
# host, and opens Chromium with the SecureLink extension in a dedicated profile.
#
#   ./securelink.sh           # one browser window (your profile "default")
#   ./securelink.sh --demo    # two windows side by side, Alice and Bob, to try a whole conversation
#   ./securelink.sh --check   # no window: build, register the host, and run the installer's doctor
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

demo=0 check=0
for a in "$@"; do
  case "$a" in
    --demo) demo=1 ;;
    --check) check=1 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "securelink.sh: unknown option '$a' (try --help)" >&2; exit 2 ;;
  esac
done

data="${XDG_DATA_HOME:-$HOME/.local/share}/securelink"
extension_id=$(cat Extension/extension-id.txt)

echo "SecureLink: checking prerequisites"
tests/tools/prereqs.sh run

browser=""
for b in chromium chromium-browser google-chrome-stable google-chrome brave-browser microsoft-edge vivaldi; do
  if command -v "$b" >/dev/null 2>&1; then browser=$(command -v "$b"); break; fi
done
[[ -n "$browser" ]] || { echo "securelink.sh: no Chromium-family browser found" >&2; exit 1; }

echo "SecureLink: building the native host and the extension"
Extension/build.sh >/dev/null
dotnet publish NativeHost/Host -c Release -o "$data/host" -nologo -v:q >/dev/null
dotnet publish Installer -c Release -o "$data/installer" -nologo -v:q >/dev/null

launch() { # profile-name url [extra chromium args...]
  local profile="$data/profiles/$1" url=$2; shift 2
  mkdir -p "$profile"
  "$data/installer/securelink-installer" install --browser chromium --profile-dir "$profile" \
    --host-path "$data/host/securelink-host" >/dev/null
  local args=(--user-data-dir="$profile" --no-first-run --no-default-browser-check
    --disable-extensions-except="$root/Extension/dist/chromium" --load-extension="$root/Extension/dist/chromium"
    --disable-background-networking --disable-component-update --disable-sync)
  [[ $EUID -ne 0 ]] || args+=(--no-sandbox)
  "$browser" "${args[@]}" "$@" about:blank &
  # A chrome-extension:// URL given at start-up is blocked (ERR_BLOCKED_BY_CLIENT) because the
  # unpacked extension is not registered yet. Once the browser is up, a second invocation with
  # the same profile hands the URL to the running instance, which opens it as a tab.
  for _ in $(seq 1 50); do [[ -e "$profile/SingletonSocket" ]] && break; sleep 0.2; done
  sleep 1
  "$browser" --user-data-dir="$profile" "${args[@]:1}" "$url" >/dev/null 2>&1 || true
}

if ((check)); then
  # No window here: register the host for the default profile and let doctor
  # prove the manifest, the path and the host itself are right.
  profile="$data/profiles/default"
  mkdir -p "$profile"
  "$data/installer/securelink-installer" install --browser chromium --profile-dir "$profile" \
    --host-path "$data/host/securelink-host"
  exec "$data/installer/securelink-installer" doctor --browser chromium --profile-dir "$profile"
fi

popup="chrome-extension://$extension_id/popup/popup.html"
if ((demo)); then
  echo "SecureLink: opening Alice and Bob side by side"
  launch alice "$popup" --window-position=0,0 --window-size=640,760
  launch bob "$popup" --window-position=660,0 --window-size=640,760
else
  echo "SecureLink: opening Chromium; click the SecureLink icon in the toolbar"
  launch default "$popup"
fi
wait
