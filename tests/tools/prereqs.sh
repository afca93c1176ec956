#!/usr/bin/env bash
# Installs what the product and its tests need, idempotently: nothing is
# downloaded when everything is already present, and apt's lists are refreshed
# only when a package is actually missing. Debian packages only.
#
#   tests/tools/prereqs.sh run     # what ./securelink.sh needs
#   tests/tools/prereqs.sh test    # what ./test.sh needs (a superset)
set -euo pipefail
mode=${1:-test}

need_cmd() { command -v "$1" >/dev/null 2>&1; }
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

packages=()
case "$mode" in
  run)  packages=(chromium libpulse0 pulseaudio-utils) ;;
  test) packages=(chromium python3-aiortc coturn pulseaudio pulseaudio-utils nftables iproute2 procps util-linux tcpdump espeak-ng sox openssl tmux imagemagick file binutils) ;;
  *) echo "prereqs.sh: unknown mode '$mode' (run|test)" >&2; exit 2 ;;
esac
# Node.js runs web-ext (Firefox lint); the machine image ships it, Debian's is the fallback.
need_cmd node || packages+=(nodejs)
need_cmd npm || packages+=(npm)

if [[ "$mode" == run ]]; then
  # Any supported Chromium-family browser already present is enough for the run command.
  for b in chromium chromium-browser google-chrome google-chrome-stable microsoft-edge brave-browser vivaldi; do
    if need_cmd "$b"; then packages=("${packages[@]/chromium}"); break; fi
  done
fi

missing=()
for p in "${packages[@]}"; do
  [[ -n "$p" ]] || continue
  pkg_installed "$p" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "prereqs: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $EUID -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
fi

if ! need_cmd dotnet; then
  cat >&2 <<'MSG'
prereqs: the .NET 10 SDK is missing. Install it from your distribution
(Ubuntu: `sudo apt-get install dotnet-sdk-10.0`) or from https://dot.net, then run this again.
MSG
  exit 1
fi
