"""libsrtp (through aiortc's pylibsrtp) as an independent SRTP peer for the cross-check tests.

argv: profile ("cm" | "gcm"), master key || master salt in hex.
stdin: one "<op> <hex>" per line, op in protect, unprotect, protect_rtcp, unprotect_rtcp.
stdout: "ok <hex>" or "err <reason>" per line. Outbound and inbound sessions are separate,
as the two directions of a real call are.
"""
import sys

import pylibsrtp

profiles = {
    "cm": pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_80,
    "gcm": pylibsrtp.Policy.SRTP_PROFILE_AEAD_AES_128_GCM,
}
profile = profiles[sys.argv[1]]
key = bytes.fromhex(sys.argv[2])
outbound = pylibsrtp.Session(pylibsrtp.Policy(key=key, ssrc_type=pylibsrtp.Policy.SSRC_ANY_OUTBOUND, srtp_profile=profile))
inbound = pylibsrtp.Session(pylibsrtp.Policy(key=key, ssrc_type=pylibsrtp.Policy.SSRC_ANY_INBOUND, srtp_profile=profile))
ops = {
    "protect": outbound.protect,
    "protect_rtcp": outbound.protect_rtcp,
    "unprotect": inbound.unprotect,
    "unprotect_rtcp": inbound.unprotect_rtcp,
}
for line in sys.stdin:
    op, data = line.split()
    try:
        print("ok " + ops[op](bytes.fromhex(data)).hex(), flush=True)
    except pylibsrtp.Error as e:
        print("err " + str(e).replace("\n", " "), flush=True)
