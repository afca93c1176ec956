#!/usr/bin/env bash
# Checks one published release folder without running it (foreign OSes cannot run here):
# both binaries exist and `file` names the right format and CPU, the launcher is there
# (Linux, macOS), and the Windows installer carries the real registry code and the
# HKCU/HKLM NativeMessagingHosts key names. Prints each binary's size.
#
#   tools/release/check-rid.sh FOLDER RID      # e.g. artifacts/release/securelink-0.1.0-win-x64 win-x64
set -euo pipefail
dir=$1 rid=$2
case "$rid" in
  win-x64) want='PE32\+ executable \(console\) x86-64' ext=.exe ;;
  osx-x64) want='Mach-O 64-bit x86_64 executable' ext= ;;
  osx-arm64) want='Mach-O 64-bit arm64 executable' ext= ;;
  linux-x64) want='ELF 64-bit LSB (pie )?executable, x86-64' ext= ;;
  linux-arm64) want='ELF 64-bit LSB (pie )?executable, ARM aarch64' ext= ;;
  *) echo "check-rid.sh: unknown RID '$rid'" >&2; exit 2 ;;
esac
bad=0
for name in securelink-host securelink-installer; do
  f="$dir/$name$ext"
  if [[ ! -f "$f" ]]; then echo "MISSING $f"; bad=1; continue; fi
  kind=$(file -b "$f")
  if [[ "$kind" =~ $want ]]; then
    stat -c %s "$f" | awk -v n="$name$ext" -v k="${BASH_REMATCH[0]}" '{ printf "  ok  %-24s %6.1f MiB  %s\n", n, $1 / 1048576, k }'
  else
    echo "WRONG $f: $kind (want $want)"; bad=1
  fi
done
if [[ "$rid" == win-* ]]; then
  # The installer registers through HKCU\Software\<vendor>\NativeMessagingHosts\app.securelink.host;
  # the key names are UTF-16 string literals, the registry code a Windows-only framework assembly.
  # (grep -c, not -q: -q would stop reading, strings would die of SIGPIPE and pipefail would call it a miss.)
  keys=$(strings -el "$dir/securelink-installer.exe" | grep -c '\\NativeMessagingHosts\\app.securelink.host' || true)
  registry=$(strings "$dir/securelink-installer.exe" | grep -c 'Microsoft.Win32.Registry/Release/net10.0-windows' || true)
  ((keys > 0)) || { echo "WRONG: no registry key name in the installer"; bad=1; }
  ((registry > 0)) || { echo "WRONG: the installer lacks the Windows registry implementation"; bad=1; }
  ((bad)) || echo "  ok  installer carries the registry registration (key names + Microsoft.Win32.Registry for Windows)"
else
  [[ -x "$dir/securelink-host-launcher" ]] || { echo "MISSING $dir/securelink-host-launcher"; bad=1; }
fi
exit $bad
