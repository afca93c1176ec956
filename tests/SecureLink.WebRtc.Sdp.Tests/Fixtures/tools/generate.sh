#!/usr/bin/env bash
# Regenerates every SDP fixture from real Chromium and real aiortc, inside a
# fresh network namespace (tests/tools/isolated.sh) so no packet leaves the
# machine and the candidates carry only test addresses.
#
#   PLAYWRIGHT_CORE=/tmp/sdpgen/node_modules/playwright-core \
#     tests/SecureLink.WebRtc.Sdp.Tests/Fixtures/tools/generate.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
out="$here/.."
if [[ "${SECURELINK_ISOLATED:-}" != 1 ]]; then
  exec "$repo/tests/tools/isolated.sh" "$0" "$@"
fi
# Chromium gathers no host candidate at all without a default route. The route
# points into the namespace's own veth pair, so it still cannot reach anything
# outside (there is no forwarding and no other interface).
ip route add default dev sl0 2>/dev/null || true
ip -6 route add default dev sl0 2>/dev/null || true
py=/usr/bin/python3
cd "$out"
$py "$here/aiortc_sdp.py" offer-data > aiortc-datachannel-offer.sdp
$py "$here/aiortc_sdp.py" offer-audio > aiortc-audio-datachannel-offer.sdp
node "$here/chromium_sdp.js" offer-data > chromium-datachannel-offer.sdp
node "$here/chromium_sdp.js" offer-audio > chromium-audio-datachannel-offer.sdp
node "$here/chromium_sdp.js" offer-video > chromium-audio-video-datachannel-offer.sdp
node "$here/chromium_sdp.js" answer aiortc-datachannel-offer.sdp > chromium-answer-to-aiortc-datachannel-offer.sdp
node "$here/chromium_sdp.js" answer aiortc-audio-datachannel-offer.sdp > chromium-answer-to-aiortc-audio-datachannel-offer.sdp
$py "$here/aiortc_sdp.py" answer chromium-datachannel-offer.sdp > aiortc-answer-to-chromium-datachannel-offer.sdp
$py "$here/aiortc_sdp.py" answer chromium-audio-datachannel-offer.sdp > aiortc-answer-to-chromium-audio-datachannel-offer.sdp
$py "$here/aiortc_sdp.py" answer chromium-audio-video-datachannel-offer.sdp > aiortc-answer-to-chromium-audio-video-datachannel-offer.sdp
ls -l "$out"/*.sdp
