"""Asks real aiortc 1.4 whether it accepts SDP we built (used by InteropAcceptanceTests).

  aiortc_accept.py answer          stdin: {"sdp": OFFER}  -> stdout: {"ok": true, "sdp": ANSWER} | {"ok": false, "error": ...}
  aiortc_accept.py offer [audio]   stdout: {"sdp": OFFER}; stdin: {"sdp": ANSWER} -> stdout: {"ok": true} | {"ok": false, "error": ...}

Run only inside tests/tools/isolated.sh (aiortc gathers on every interface); iceServers is empty.
"""
import asyncio
import json
import sys

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


async def main(argv):
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    loop = asyncio.get_running_loop()
    try:
        if argv[1] == "answer":
            offer = json.loads(await loop.run_in_executor(None, sys.stdin.readline))["sdp"]
            try:
                await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
                if any(t.kind == "audio" for t in pc.getTransceivers()):
                    pc.addTrack(AudioStreamTrack())
                await pc.setLocalDescription(await pc.createAnswer())
                emit({"ok": True, "sdp": pc.localDescription.sdp})
            except Exception as e:  # report, do not crash: the test prints it
                emit({"ok": False, "error": f"{type(e).__name__}: {e}"})
        else:
            if len(argv) > 2 and argv[2] == "audio":
                pc.addTrack(AudioStreamTrack())
            pc.createDataChannel("chat")
            await pc.setLocalDescription(await pc.createOffer())
            emit({"sdp": pc.localDescription.sdp})
            answer = json.loads(await loop.run_in_executor(None, sys.stdin.readline))["sdp"]
            try:
                await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
                emit({"ok": True})
            except Exception as e:
                emit({"ok": False, "error": f"{type(e).__name__}: {e}"})
    finally:
        await pc.close()


asyncio.run(main(sys.argv))
