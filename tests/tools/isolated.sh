#!/usr/bin/env bash
# Runs a command inside a fresh, private network namespace so that nothing it
# sends can leave this machine: ICE gathers on every interface, and Chromium,
# aiortc and our own stack would otherwise talk from the machine's real
# addresses. The namespace holds only `lo` and one veth pair whose two ends carry
# test addresses from 198.18.0.0/15 (RFC 2544 benchmarking range), so peers see
# a "LAN" address that is not loopback, and a default route that leads
# nowhere. The namespace dies with the command.
#
#   tests/tools/isolated.sh dotnet test ...
set -euo pipefail
if [[ "${SECURELINK_ISOLATED:-}" == 1 ]]; then exec "$@"; fi
if [[ $EUID -ne 0 ]]; then
  echo "isolated.sh: needs root (network namespaces); run the test command as root" >&2
  exit 2
fi
export SECURELINK_ISOLATED=1
exec unshare --net -- bash -c '
  set -e
  ip link set lo up
  ip link add sl0 type veth peer name sl1
  ip addr add 198.18.0.1/24 dev sl0
  ip addr add 198.18.0.2/24 dev sl1
  ip -6 addr add 2001:db8:5e::1/64 dev sl0 nodad 2>/dev/null || true
  ip -6 addr add 2001:db8:5e::2/64 dev sl1 nodad 2>/dev/null || true
  ip link set sl0 up
  ip link set sl1 up
  # Chromium gathers no host candidates without a default route. This one
  # points into the veth pair, whose other end is in this same namespace and
  # forwards nothing, so a packet "to the internet" just dies here.
  ip route add default dev sl0
  ip -6 route add default dev sl0 2>/dev/null || true
  exec "$@"' isolated "$@"
