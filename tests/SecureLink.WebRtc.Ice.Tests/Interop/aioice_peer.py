"""An independent ICE peer (aioice, the ICE layer of aiortc) for interop tests.

Protocol, one JSON object per line:
  we print  {"ufrag", "pwd", "candidates": [sdp...]}   after gathering (IPv4 host candidates, no STUN)
  we read   {"ufrag", "pwd", "candidates": [sdp...]}   the other agent's parameters
  we print  {"connected": true}                        once ICE has a nominated pair
  then every datagram received is sent back, until one equals b"bye" (or 15 s pass).
Run only inside tests/tools/isolated.sh: aioice gathers on every interface.
"""
import asyncio
import json
import sys

import aioice


async def main(controlling: bool) -> None:
    conn = aioice.Connection(ice_controlling=controlling, components=1, stun_server=None, use_ipv4=True, use_ipv6=False)
    await conn.gather_candidates()
    print(json.dumps({
        "ufrag": conn.local_username,
        "pwd": conn.local_password,
        "candidates": ["candidate:" + c.to_sdp() for c in conn.local_candidates],
    }), flush=True)
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    remote = json.loads(line)
    conn.remote_username = remote["ufrag"]
    conn.remote_password = remote["pwd"]
    for sdp in remote["candidates"]:
        if sdp.startswith("candidate:"):
            sdp = sdp[len("candidate:"):]
        await conn.add_remote_candidate(aioice.Candidate.from_sdp(sdp))
    await conn.add_remote_candidate(None)
    await asyncio.wait_for(conn.connect(), 15)
    print(json.dumps({"connected": True}), flush=True)
    try:
        while True:
            data = await asyncio.wait_for(conn.recv(), 15)
            if data == b"bye":
                break
            await conn.send(data)
    finally:
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] == "controlling"))
