// Chromium ⇄ Chromium reference measurements: two RTCPeerConnections in one
// page, connected non-trickle (full descriptions with candidates), host
// candidates only. Our own stack is measured the same way from .NET so the
// benchmark can print a ratio. Installed into about:blank by the benchmark.
(() => {
  const gathered = (pc) => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  });
  const opened = (ch) => new Promise((resolve) => { if (ch.readyState === 'open') resolve(); else ch.addEventListener('open', () => resolve(), { once: true }); });

  // Connects a pair; returns {a, b, ca, cb, setupMs} where setupMs runs from
  // the answer being applied at the offerer to the offerer's channel opening.
  async function connect() {
    const a = new RTCPeerConnection({ iceServers: [] });
    const b = new RTCPeerConnection({ iceServers: [] });
    const ca = a.createDataChannel('bench');
    ca.binaryType = 'arraybuffer';
    const remote = new Promise((resolve) => b.addEventListener('datachannel', (e) => { e.channel.binaryType = 'arraybuffer'; resolve(e.channel); }));
    await a.setLocalDescription(await a.createOffer());
    await gathered(a);
    await b.setRemoteDescription(a.localDescription);
    await b.setLocalDescription(await b.createAnswer());
    await gathered(b);
    const t0 = performance.now();
    await a.setRemoteDescription(b.localDescription);
    await opened(ca);
    const setupMs = performance.now() - t0;
    const cb = await remote;
    await opened(cb);
    return { a, b, ca, cb, setupMs };
  }

  const close = (p) => { p.a.close(); p.b.close(); };

  // A Chromium receiver for our sender: answers our offer, counts bytes on the
  // first channel the peer opens, resolves `counted` when `totalBytes` arrived.
  let receiver = null;

  window.slBench = {
    async receive(offerSdp, totalBytes) {
      const pc = new RTCPeerConnection({ iceServers: [] });
      let received = 0;
      let resolveDone;
      const done = new Promise((r) => { resolveDone = r; });
      pc.addEventListener('datachannel', (e) => {
        e.channel.binaryType = 'arraybuffer';
        e.channel.onmessage = (m) => { received += m.data.byteLength; if (received >= totalBytes) resolveDone(); };
      });
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
      receiver = { pc, done };
      return pc.localDescription.sdp;
    },
    async received() { await receiver.done; receiver.pc.close(); receiver = null; return true; },

    async setup(runs) {
      const out = [];
      for (let i = 0; i < runs; i++) { const p = await connect(); out.push(p.setupMs); close(p); }
      return out;
    },
    async rtt(count, size) {
      const p = await connect();
      p.cb.onmessage = (e) => p.cb.send(e.data);
      const payload = new Uint8Array(size);
      const out = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        await new Promise((resolve) => { p.ca.onmessage = () => resolve(); p.ca.send(payload); });
        out.push(performance.now() - t0);
      }
      close(p);
      return out;
    },
    async bulk(totalBytes, messageSize) {
      const p = await connect();
      const payload = new Uint8Array(messageSize);
      let received = 0;
      const done = new Promise((resolve) => { p.cb.onmessage = (e) => { received += e.data.byteLength; if (received >= totalBytes) resolve(); }; });
      p.ca.bufferedAmountLowThreshold = 1024 * 1024;
      const t0 = performance.now();
      for (let sent = 0; sent < totalBytes; sent += messageSize) {
        if (p.ca.bufferedAmount > 4 * 1024 * 1024) await new Promise((r) => p.ca.addEventListener('bufferedamountlow', r, { once: true }));
        p.ca.send(payload);
      }
      await done;
      const ms = performance.now() - t0;
      close(p);
      return ms;
    },
  };
})();
