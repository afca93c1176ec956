// Chromium's own RTCPeerConnection as an interop peer, driven from .NET through
// Playwright's page.evaluate. Installed into about:blank as an init script.
// Several peers may live in one page (the benchmarks pair two of them), so every
// function takes the peer's name. Never any ICE server: host candidates only.
//
// Messages received on a channel that is not echoing are queued in
// peer.inbox as {label, data} (text) or {label, binary: base64}; the test polls
// them with slPeers.take(name). Non-trickle: offers and answers are returned
// once ICE gathering is complete, so candidates are inline.
(() => {
  const peers = new Map();

  const toBase64 = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const fromBase64 = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

  const gathered = (pc) => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const check = () => { if (pc.iceGatheringState === 'complete') { pc.removeEventListener('icegatheringstatechange', check); resolve(); } };
    pc.addEventListener('icegatheringstatechange', check);
  });

  const watch = (peer, channel) => {
    channel.binaryType = 'arraybuffer';
    peer.channels.set(channel.label, channel);
    channel.addEventListener('open', () => peer.events.push({ type: 'open', label: channel.label }));
    channel.addEventListener('close', () => peer.events.push({ type: 'closed', label: channel.label }));
    channel.addEventListener('message', (e) => {
      if (peer.echo) { channel.send(e.data); return; }
      if (peer.onMessage) { peer.onMessage(channel, e.data); return; }
      peer.inbox.push(typeof e.data === 'string' ? { label: channel.label, data: e.data } : { label: channel.label, binary: toBase64(e.data) });
    });
  };

  const api = {
    create(name, echo) {
      const pc = new RTCPeerConnection({ iceServers: [] });
      const peer = { pc, channels: new Map(), inbox: [], events: [], echo: !!echo, onMessage: null };
      pc.addEventListener('datachannel', (e) => { watch(peer, e.channel); if (e.channel.readyState === 'open') peer.events.push({ type: 'open', label: e.channel.label }); });
      pc.addEventListener('connectionstatechange', () => peer.events.push({ type: 'state', state: pc.connectionState }));
      peers.set(name, peer);
      return true;
    },
    get(name) { return peers.get(name); },
    async offer(name, label) {
      const peer = peers.get(name);
      if (label) watch(peer, peer.pc.createDataChannel(label));
      await peer.pc.setLocalDescription(await peer.pc.createOffer());
      await gathered(peer.pc);
      return peer.pc.localDescription.sdp;
    },
    async answer(name, offerSdp) {
      const peer = peers.get(name);
      await peer.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      await gathered(peer.pc);
      return peer.pc.localDescription.sdp;
    },
    async accept(name, answerSdp) {
      await peers.get(name).pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
      return true;
    },
    isOpen(name, label) {
      const ch = peers.get(name).channels.get(label);
      return !!ch && ch.readyState === 'open';
    },
    send(name, label, data) { peers.get(name).channels.get(label).send(data); return true; },
    sendBinary(name, label, b64) { peers.get(name).channels.get(label).send(fromBase64(b64)); return true; },
    // Sends `count` text messages "prefix0", "prefix1", ... honouring back-pressure.
    async sendMany(name, label, prefix, count) {
      const ch = peers.get(name).channels.get(label);
      ch.bufferedAmountLowThreshold = 256 * 1024;
      for (let i = 0; i < count; i++) {
        if (ch.bufferedAmount > 1024 * 1024) await new Promise((r) => ch.addEventListener('bufferedamountlow', r, { once: true }));
        ch.send(prefix + i);
      }
      return true;
    },
    take(name) { const peer = peers.get(name); const items = peer.inbox; peer.inbox = []; return items; },
    events(name) { const peer = peers.get(name); const items = peer.events; peer.events = []; return items; },
    state(name) { return peers.get(name).pc.connectionState; },
    closeChannel(name, label) { peers.get(name).channels.get(label).close(); return true; },
    close(name) { const peer = peers.get(name); if (peer) { peer.pc.close(); peers.delete(name); } return true; },
  };
  window.slPeers = api;
})();
