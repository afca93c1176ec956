"""aiortc 1.4's SCTP stack over plain UDP on loopback, as an independent peer for our SCTP tests.

aiortc's RTCSctpTransport normally sits on its RTCDtlsTransport; here a stand-in with the same three
hooks (_register_data_receiver, _send_data, transport.role) carries each SCTP packet in one UDP
datagram, exactly as DTLS would carry it in one record (RFC 8261). No ICE, no network beyond 127.0.0.1.

usage: aiortc_sctp_peer.py --peer-port N --role client|server [--open LABEL]
stdout (one JSON object a line): {"event":"ready","port":P}, {"event":"open","label":..,"id":..},
{"event":"message","label":..,"text"|"binary":..}, {"event":"closed","label":..}, {"event":"state","state":..}
Every received message is echoed back on its channel. stdin "send <text>" sends on the opened channel; EOF stops.
"""
import argparse
import asyncio
import base64
import json
import sys

from aiortc.rtcdatachannel import RTCDataChannel, RTCDataChannelParameters
from aiortc.rtcsctptransport import RTCSctpCapabilities, RTCSctpTransport


def emit(**kw):
    sys.stdout.write(json.dumps(kw) + "\n")
    sys.stdout.flush()


class FakeIce:
    def __init__(self, role):
        self.role = role


class UdpDtlsStandIn(asyncio.DatagramProtocol):
    state = "connected"

    def __init__(self, role, peer):
        self.transport = FakeIce(role)
        self._peer = peer
        self._receiver = None
        self._udp = None
        self._queue = asyncio.Queue()

    def connection_made(self, transport):
        self._udp = transport

    def datagram_received(self, data, addr):
        self._queue.put_nowait(data)

    async def pump(self):
        while True:
            data = await self._queue.get()
            if self._receiver is not None:
                await self._receiver._handle_data(data)

    def _register_data_receiver(self, receiver):
        self._receiver = receiver

    def _unregister_data_receiver(self, receiver):
        self._receiver = None

    async def _send_data(self, data):
        self._udp.sendto(data, self._peer)


def wire(channel):
    @channel.on("open")
    def on_open():
        emit(event="open", label=channel.label, id=channel.id)

    @channel.on("message")
    def on_message(message):
        if isinstance(message, str):
            emit(event="message", label=channel.label, text=message)
        else:
            emit(event="message", label=channel.label, binary=base64.b64encode(message).decode())
        channel.send(message)

    @channel.on("close")
    def on_close():
        emit(event="closed", label=channel.label)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer-port", type=int, required=True)
    parser.add_argument("--role", choices=["client", "server"], required=True)
    parser.add_argument("--open")
    args = parser.parse_args()
    loop = asyncio.get_event_loop()
    # aiortc: the ICE-controlling side is the SCTP client (it sends INIT).
    standin = UdpDtlsStandIn("controlling" if args.role == "client" else "controlled", ("127.0.0.1", args.peer_port))
    udp, _ = await loop.create_datagram_endpoint(lambda: standin, local_addr=("127.0.0.1", 0))
    pump = asyncio.ensure_future(standin.pump())
    sctp = RTCSctpTransport(standin)

    @sctp.on("datachannel")
    def on_datachannel(channel):
        wire(channel)
        emit(event="open", label=channel.label, id=channel.id)

    opened = None
    if args.open:
        opened = RTCDataChannel(sctp, RTCDataChannelParameters(label=args.open))
        wire(opened)
    emit(event="ready", port=udp.get_extra_info("sockname")[1])
    await sctp.start(RTCSctpCapabilities(maxMessageSize=65536), 5000)

    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        line = line.decode().strip()
        if line.startswith("send ") and opened is not None:
            opened.send(line[5:])
        elif line == "close" and opened is not None:
            opened.close()
        elif line == "state":
            emit(event="state", state=sctp.state)
    await sctp.stop()
    pump.cancel()
    udp.close()


asyncio.run(main())
