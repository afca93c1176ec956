"""Prints real aiortc 1.4 SDP for the SDP fixtures.

  aiortc_sdp.py offer-data         -> offer with one data channel
  aiortc_sdp.py offer-audio        -> offer with an audio track and a data channel
  aiortc_sdp.py answer OFFER_FILE  -> aiortc's answer to the offer in OFFER_FILE

Run only inside tests/tools/isolated.sh: aiortc gathers on every interface.
iceServers is explicitly empty so no STUN server is ever contacted.
"""
import asyncio
import sys

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack


async def main(argv):
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    try:
        mode = argv[1]
        if mode == "answer":
            with open(argv[2], newline="") as f:
                offer = f.read()
            await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
            # With a track on the offered audio transceiver aiortc answers sendrecv (a call).
            if any(t.kind == "audio" for t in pc.getTransceivers()):
                pc.addTrack(AudioStreamTrack())
            await pc.setLocalDescription(await pc.createAnswer())
        else:
            if mode == "offer-audio":
                pc.addTrack(AudioStreamTrack())
            pc.createDataChannel("chat")
            await pc.setLocalDescription(await pc.createOffer())
        # aiortc's setLocalDescription returns after gathering: the SDP is complete.
        sys.stdout.write(pc.localDescription.sdp)
    finally:
        await pc.close()


asyncio.run(main(sys.argv))
