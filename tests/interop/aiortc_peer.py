#!/usr/bin/python3
"""aiortc endpoint speaking the `securelink-host interop` line protocol.

An independent WebRTC stack (aiortc 1.4, OpenSSL DTLS, its own SCTP) driven the
same way as our own InteropCommand, so either can stand in for the other in
interop tests. Run with /usr/bin/python3 (python3-aiortc) and only inside
tests/tools/isolated.sh: it gathers host candidates on every interface.

Protocol: one JSON object per line on stdin and stdout (stdout carries nothing
else; diagnostics go to stderr).

  --role answer
      in : {"type":"offer","sdp":"..."}
      out: {"type":"answer","sdp":"..."}   once gathering is complete (no trickle)
      then every data-channel message is echoed back on its channel: text as
      text, binary as binary.
  --role offer
      out: {"type":"offer","sdp":"..."}    with one data channel labelled "echo"
      in : {"type":"answer","sdp":"..."}
      then each further input line's "data" (text) or "binary" (base64) is sent
      on the channel.

Both roles print:
  {"type":"open","label":L}            when a data channel opens
  {"type":"message","data":TEXT}       for a received text message
  {"type":"message","binary":BASE64}   for a received binary message (extension)
  {"type":"closed"}                    when the channel or the connection ends
  {"type":"error","message":...}       on a failure (then exit 1)

With --audio-hz HZ (extension, for the audio interop tests) the peer also sends a
sine tone of HZ on a sendrecv Opus track (offer role: the audio m-line comes
first, then the data channel), decodes what it receives and prints, every 50
frames, {"type":"audio","frames":N,"peakHz":F} (the strongest frequency of the
last second).

An input line {"type":"close"} closes the channel and the connection.
The process exits when stdin ends or the peer closes.
"""

import argparse
import asyncio
import base64
import json
import os
import sys
import threading

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def log(text):
    sys.stderr.write(f"aiortc_peer: {text}\n")
    sys.stderr.flush()


def message_json(message):
    if isinstance(message, (bytes, bytearray)):
        return {"type": "message", "binary": base64.b64encode(bytes(message)).decode("ascii")}
    return {"type": "message", "data": message}


class LineReader:
    """Reads stdin on a daemon thread so the event loop never blocks and the
    process can exit while a read is still pending (an executor thread would
    make asyncio.run wait for stdin to close)."""

    def __init__(self, loop):
        self._queue = asyncio.Queue()

        def pump():
            for line in sys.stdin:
                loop.call_soon_threadsafe(self._queue.put_nowait, line)
            loop.call_soon_threadsafe(self._queue.put_nowait, None)

        threading.Thread(target=pump, daemon=True).start()

    async def next(self):
        while True:
            line = await self._queue.get()
            if line is None:
                self._queue.put_nowait(None)  # stay at end of input
                return None
            line = line.strip()
            if line:
                return json.loads(line)


async def wait_gathered(pc):
    # setLocalDescription in aiortc 1.4 already waits for gathering; this is a
    # guard in case a later version stops doing so.
    while pc.iceGatheringState != "complete":
        await asyncio.sleep(0.05)


def tone_track(hz):
    """A live track of a sine tone in 20 ms frames at 48 kHz, paced in real time."""
    import fractions
    import time

    import numpy as np
    from aiortc.mediastreams import AudioStreamTrack
    from av import AudioFrame

    class Tone(AudioStreamTrack):
        async def recv(self):
            rate, samples = 48000, 960
            if hasattr(self, "_timestamp"):
                self._timestamp += samples
                await asyncio.sleep(self._start + self._timestamp / rate - time.time())
            else:
                self._start, self._timestamp = time.time(), 0
            t = (np.arange(samples) + self._timestamp) / rate
            pcm = (16000 * np.sin(2 * np.pi * hz * t)).astype(np.int16).reshape(1, -1)
            frame = AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
            frame.pts, frame.sample_rate, frame.time_base = self._timestamp, rate, fractions.Fraction(1, rate)
            return frame

    return Tone()


async def consume_audio(track):
    """Decoded frames of the remote track: count them, report the peak frequency every 50."""
    import numpy as np
    from aiortc.mediastreams import MediaStreamError

    frames, recent = 0, []
    while True:
        try:
            frame = await track.recv()
        except MediaStreamError:
            return
        frames += 1
        channels = len(frame.layout.channels)
        recent.append(frame.to_ndarray()[0][::channels].astype(np.float64))
        if frames % 50 == 0:
            x = np.concatenate(recent[-50:])
            spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
            peak = int(np.argmax(spectrum[1:])) + 1
            emit({"type": "audio", "frames": frames, "peakHz": round(peak * frame.sample_rate / len(x), 1)})
            recent = recent[-50:]


def watch_channel(channel, done, echo):
    @channel.on("open")
    def on_open():
        emit({"type": "open", "label": channel.label})

    @channel.on("message")
    def on_message(message):
        if echo:
            channel.send(message)
        else:
            emit(message_json(message))

    @channel.on("close")
    def on_close():
        if not done.done():
            done.set_result("channel closed")


async def run(role, audio_hz):
    loop = asyncio.get_running_loop()
    reader = LineReader(loop)
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    done = loop.create_future()

    @pc.on("connectionstatechange")
    async def on_state():
        log(f"connection state {pc.connectionState}")
        if pc.connectionState in ("failed", "closed") and not done.done():
            done.set_result(f"connection {pc.connectionState}")

    if audio_hz:
        @pc.on("track")
        def on_track(track):
            if track.kind == "audio":
                asyncio.ensure_future(consume_audio(track))

    channel = None
    if role == "answer":
        @pc.on("datachannel")
        def on_datachannel(ch):
            watch_channel(ch, done, echo=True)
            # aiortc raises "datachannel" once the channel is already open, so the
            # "open" event never fires for it: report it here.
            emit({"type": "open", "label": ch.label})

        offer = await reader.next()
        if offer is None or offer.get("type") != "offer":
            emit({"type": "error", "message": "expected an offer line"})
            return 1
        await pc.setRemoteDescription(RTCSessionDescription(sdp=offer["sdp"], type="offer"))
        if audio_hz:
            pc.addTrack(tone_track(audio_hz))  # takes the offered audio transceiver: sendrecv
        await pc.setLocalDescription(await pc.createAnswer())
        await wait_gathered(pc)
        emit({"type": "answer", "sdp": pc.localDescription.sdp})
    else:
        if audio_hz:
            pc.addTrack(tone_track(audio_hz))
        channel = pc.createDataChannel("echo")
        watch_channel(channel, done, echo=False)
        await pc.setLocalDescription(await pc.createOffer())
        await wait_gathered(pc)
        emit({"type": "offer", "sdp": pc.localDescription.sdp})
        answer = await reader.next()
        if answer is None or answer.get("type") != "answer":
            emit({"type": "error", "message": "expected an answer line"})
            return 1
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer["sdp"], type="answer"))

    async def pump_input():
        while True:
            line = await reader.next()
            if line is None or line.get("type") == "close":
                return "stdin ended" if line is None else "close requested"
            if channel is None or channel.readyState != "open":
                # Answer role has nothing to send; offer role may get lines early.
                while channel is not None and channel.readyState == "connecting":
                    await asyncio.sleep(0.01)
                if channel is None:
                    continue
            if "binary" in line:
                channel.send(base64.b64decode(line["binary"]))
            elif "data" in line:
                channel.send(line["data"])

    input_task = asyncio.ensure_future(pump_input())
    finished, _ = await asyncio.wait([input_task, done], return_when=asyncio.FIRST_COMPLETED)
    reason = done.result() if done in finished else input_task.result()
    log(f"ending: {reason}")
    if not input_task.done():
        input_task.cancel()
    if channel is not None:
        # Let queued outgoing messages leave before closing.
        while channel.bufferedAmount > 0 and pc.connectionState == "connected":
            await asyncio.sleep(0.01)
        channel.close()
    await pc.close()
    emit({"type": "closed"})
    return 0


def main():
    if os.environ.get("AIORTC_PEER_DEBUG"):
        # Debug aid: aiortc's own logs (SCTP/DTLS state) on stderr.
        import logging
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    parser = argparse.ArgumentParser(description="aiortc interop peer (line protocol of securelink-host interop)")
    parser.add_argument("--role", choices=["answer", "offer"], required=True)
    parser.add_argument("--audio-hz", type=float, default=None, help="also send this tone on an Opus track and report what arrives")
    args = parser.parse_args()
    try:
        code = asyncio.run(run(args.role, args.audio_hz))
    except Exception as e:  # a failure is a line, not a traceback on stdout
        emit({"type": "error", "message": f"{type(e).__name__}: {e}"})
        code = 1
    sys.stdout.flush()
    # The stdin reader thread may still be blocked; do not wait for it.
    os._exit(code)


if __name__ == "__main__":
    main()
