"""aiortc 1.4's RTCDtlsTransport as a DTLS peer over plain UDP on 127.0.0.1, for interop tests.

usage: aiortc_dtls_peer.py client|server OUR_UDP_PORT
Prints one JSON object per line on stdout:
  {"port": P, "fingerprint": "sha-256 AB:..."}   its own UDP port and certificate
then reads one line from stdin: the other side's "sha-256 ..." fingerprint, and prints
  {"state": "connected", "keying": HEX}   (EXTRACTOR-dtls_srtp, 60 bytes) or {"state": "failed"}
Every application message received is echoed back prefixed with "echo:".
Talks only to 127.0.0.1. No ICE is involved: a stand-in gives RTCDtlsTransport the
_send/_recv/role it needs from an RTCIceTransport.
"""
import asyncio
import json
import sys

from aiortc.rtcdtlstransport import RTCCertificate, RTCDtlsFingerprint, RTCDtlsParameters, RTCDtlsTransport


class UdpIceStandIn(asyncio.DatagramProtocol):
    role = "controlled"

    def __init__(self, remote):
        self.remote = remote
        self.queue = asyncio.Queue()
        self.udp = None

    def connection_made(self, transport):
        self.udp = transport

    def datagram_received(self, data, addr):
        if addr[1] == self.remote[1]:
            self.queue.put_nowait(data)

    async def _recv(self):
        return await self.queue.get()

    async def _send(self, data):
        self.udp.sendto(data, self.remote)


class Echo:
    def __init__(self, dtls):
        self.dtls = dtls

    async def _handle_data(self, data):
        await self.dtls._send_data(b"echo:" + data)


def emit(obj):
    print(json.dumps(obj), flush=True)


async def main(role, our_port):
    loop = asyncio.get_running_loop()
    standin = UdpIceStandIn(("127.0.0.1", our_port))
    await loop.create_datagram_endpoint(lambda: standin, local_addr=("127.0.0.1", 0))
    certificate = RTCCertificate.generateCertificate()
    dtls = RTCDtlsTransport(standin, [certificate])
    dtls._set_role(role)
    sha256 = [f for f in certificate.getFingerprints() if f.algorithm == "sha-256"][0]
    emit({"port": standin.udp.get_extra_info("sockname")[1], "fingerprint": f"sha-256 {sha256.value}"})

    line = await loop.run_in_executor(None, sys.stdin.readline)
    algorithm, value = line.strip().split(" ", 1)
    dtls._register_data_receiver(Echo(dtls))
    await asyncio.wait_for(dtls.start(RTCDtlsParameters(fingerprints=[RTCDtlsFingerprint(algorithm, value)])), 20)
    if dtls.state != "connected":
        emit({"state": dtls.state})
        return
    keying = dtls.ssl.export_keying_material(b"EXTRACTOR-dtls_srtp", 60)
    emit({"state": "connected", "keying": bytes(keying).hex()})
    # Serve until stdin closes.
    await loop.run_in_executor(None, sys.stdin.readline)
    await dtls.stop()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
