// A Chromium page that talks audio to our host: it sends a WebAudio oscillator as its
// microphone track and measures what it hears with an AnalyserNode. Chromium feeds remote
// audio into WebAudio only while a media element plays the stream, so a muted <audio> does.
// Never any ICE server: host candidates only.
(() => {
  const s = { pc: null, ctx: null, analyser: null, audio: null, stream: null };

  const gathered = (pc) => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  });

  async function setup(hz) {
    s.ctx = new AudioContext({ sampleRate: 48000 });
    await s.ctx.resume();
    const osc = s.ctx.createOscillator();
    osc.frequency.value = hz;
    const gain = s.ctx.createGain();
    gain.gain.value = 0.4;
    const dest = s.ctx.createMediaStreamDestination();
    osc.connect(gain);
    gain.connect(dest);
    osc.start();
    s.stream = dest.stream;
    s.pc = new RTCPeerConnection({ iceServers: [] });
    s.pc.addEventListener('track', (e) => {
      const remote = e.streams[0] || new MediaStream([e.track]);
      s.audio = new Audio();
      s.audio.muted = true;
      s.audio.srcObject = remote;
      s.audio.play().catch(() => {});
      s.analyser = s.ctx.createAnalyser();
      s.analyser.fftSize = 8192;
      s.analyser.smoothingTimeConstant = 0.5;
      s.ctx.createMediaStreamSource(remote).connect(s.analyser);
    });
  }

  const addTrack = () => s.pc.addTrack(s.stream.getAudioTracks()[0], s.stream);

  window.slAudio = {
    // Chromium offers: audio first (mid 0), then a data channel (mid 1), as Chromium orders them.
    async offer(hz) {
      await setup(hz);
      addTrack();
      s.pc.createDataChannel('chat');
      await s.pc.setLocalDescription(await s.pc.createOffer());
      await gathered(s.pc);
      return s.pc.localDescription.sdp;
    },
    async answer(hz, offerSdp) {
      await setup(hz);
      await s.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      addTrack(); // reuses the offered audio transceiver, so the answer is sendrecv
      await s.pc.setLocalDescription(await s.pc.createAnswer());
      await gathered(s.pc);
      return s.pc.localDescription.sdp;
    },
    async accept(answerSdp) {
      await s.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
      return true;
    },
    state() { return s.pc ? s.pc.connectionState : 'none'; },
    // The loudest bin of what we hear: {hz, db}, or null before any remote track.
    peak() {
      if (!s.analyser) return null;
      const bins = new Float32Array(s.analyser.frequencyBinCount);
      s.analyser.getFloatFrequencyData(bins);
      let best = 1;
      for (let i = 2; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
      // Silence reads -Infinity, which JSON cannot carry.
      return { hz: best * s.ctx.sampleRate / s.analyser.fftSize, db: Number.isFinite(bins[best]) ? bins[best] : -999 };
    },
    async stats() {
      const out = {};
      (await s.pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') Object.assign(out, { packetsReceived: r.packetsReceived, packetsLost: r.packetsLost, jitter: r.jitter, concealedSamples: r.concealedSamples, totalSamplesReceived: r.totalSamplesReceived });
        if (r.type === 'outbound-rtp' && r.kind === 'audio') out.packetsSent = r.packetsSent;
      });
      return out;
    },
    close() { if (s.pc) s.pc.close(); if (s.ctx) s.ctx.close(); return true; },
  };
})();
