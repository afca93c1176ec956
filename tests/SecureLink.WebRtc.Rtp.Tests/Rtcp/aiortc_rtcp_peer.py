"""aiortc's RTCP codec as an independent reader and writer for the cross-check tests.

"make": print the hex of SR (one report block) + SDES CNAME + BYE built by aiortc.
"parse HEX": print aiortc's reading of a compound packet as JSON.
"""
import json
import sys

from aiortc.rtp import (RtcpByePacket, RtcpPacket, RtcpReceiverInfo, RtcpRrPacket, RtcpSdesPacket,
                        RtcpSenderInfo, RtcpSourceInfo, RtcpSrPacket)

if sys.argv[1] == "make":
    report = RtcpReceiverInfo(ssrc=0xCAFEBABE, fraction_lost=64, packets_lost=-3, highest_sequence=0x10005,
                              jitter=120, lsr=0x12345678, dlsr=0x20000)
    sr = RtcpSrPacket(ssrc=0x01020304, sender_info=RtcpSenderInfo(ntp_timestamp=0x1122334455667788,
                      rtp_timestamp=0x99AABBCC, packet_count=7, octet_count=1120), reports=[report])
    sdes = RtcpSdesPacket(chunks=[RtcpSourceInfo(ssrc=0x01020304, items=[(1, b"aiortc-cname")])])
    bye = RtcpByePacket(sources=[0x01020304])
    print((bytes(sr) + bytes(sdes) + bytes(bye)).hex())
else:
    out = []
    for p in RtcpPacket.parse(bytes.fromhex(sys.argv[2])):
        if isinstance(p, (RtcpSrPacket, RtcpRrPacket)):
            d = {"type": "sr" if isinstance(p, RtcpSrPacket) else "rr", "ssrc": p.ssrc,
                 "reports": [[r.ssrc, r.fraction_lost, r.packets_lost, r.highest_sequence, r.jitter, r.lsr, r.dlsr]
                             for r in p.reports]}
            if isinstance(p, RtcpSrPacket):
                d["ntp"] = p.sender_info.ntp_timestamp
                d["packets"] = p.sender_info.packet_count
            out.append(d)
        elif isinstance(p, RtcpSdesPacket):
            out.append({"type": "sdes", "chunks": [[c.ssrc, [[t, v.decode()] for t, v in c.items]] for c in p.chunks]})
        elif isinstance(p, RtcpByePacket):
            out.append({"type": "bye", "sources": p.sources})
    print(json.dumps(out))
