// Chromium's RTCPeerConnection with an audio track, for the audio interop tests. Installed into
// about:blank by ChromiumAudioPage. The track we send is a WebAudio oscillator (a known tone, no
// capture device needed); the remote track is played by a muted <audio> element, because
// Chromium only feeds remote WebRTC audio into WebAudio while a media element plays it, and is
// analysed to find its strongest frequency. Non-trickle, host candidates only.
(() => {
  let pc = null, ctx = null, analyser = null, channel = null, toneTrack = null;

  const gathered = () => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  });

  const tone = (hz) => {
    const osc = ctx.createOscillator();
    osc.frequency.value = hz;
    const gain = ctx.createGain();
    gain.gain.value = 0.5;
    const dest = ctx.createMediaStreamDestination();
    osc.connect(gain).connect(dest);
    osc.start();
    return dest.stream.getAudioTracks()[0];
  };

  const create = (hz) => {
    ctx = new AudioContext({ sampleRate: 48000 });
    toneTrack = tone(hz);
    pc = new RTCPeerConnection({ iceServers: [] });
    pc.addEventListener('track', (e) => {
      const stream = e.streams[0] || new MediaStream([e.track]);
      const el = document.createElement('audio');
      el.muted = true;
      el.srcObject = stream;
      document.body.appendChild(el);
      el.play().catch(() => {});
      analyser = ctx.createAnalyser();
      analyser.fftSize = 8192;
      ctx.createMediaStreamSource(stream).connect(analyser);
    });
    pc.addEventListener('datachannel', (e) => { channel = e.channel; });
  };

  window.slAudio = {
    // Audio first, then the data channel: the m-line order Chromium uses when a track is added first.
    async offer(hz) {
      create(hz);
      pc.addTrack(toneTrack, new MediaStream([toneTrack]));
      channel = pc.createDataChannel('chat');
      await pc.setLocalDescription(await pc.createOffer());
      await gathered();
      return pc.localDescription.sdp;
    },
    async answer(offerSdp, hz) {
      create(hz);
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      for (const t of pc.getTransceivers()) {
        if (t.receiver.track.kind !== 'audio') continue;
        await t.sender.replaceTrack(toneTrack);
        t.sender.setStreams(new MediaStream([toneTrack]));
        t.direction = 'sendrecv';
      }
      await ctx.resume();
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered();
      return pc.localDescription.sdp;
    },
    async accept(answerSdp) {
      await ctx.resume();
      await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
      return true;
    },
    state() { return pc ? pc.connectionState : 'none'; },
    channelOpen() { return !!channel && channel.readyState === 'open'; },
    // The figures the tests read, from getStats(): our inbound audio (their stream), our outbound, and RTCP's view.
    async stats() {
      const report = await pc.getStats();
      const out = { inbound: null, outbound: null, remoteInbound: null, codecs: {} };
      report.forEach((s) => {
        if (s.type === 'codec') out.codecs[s.id] = { mimeType: s.mimeType, payloadType: s.payloadType };
      });
      report.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          out.inbound = {
            ssrc: s.ssrc, packetsReceived: s.packetsReceived || 0, packetsLost: s.packetsLost || 0,
            jitter: s.jitter || 0, totalSamplesReceived: s.totalSamplesReceived || 0,
            concealedSamples: s.concealedSamples || 0, silentConcealedSamples: s.silentConcealedSamples || 0,
            bytesReceived: s.bytesReceived || 0, codec: out.codecs[s.codecId] || null,
          };
        }
        if (s.type === 'outbound-rtp' && s.kind === 'audio') {
          out.outbound = { ssrc: s.ssrc, packetsSent: s.packetsSent || 0, codec: out.codecs[s.codecId] || null };
        }
        if (s.type === 'remote-inbound-rtp' && s.kind === 'audio') {
          out.remoteInbound = { roundTripTime: s.roundTripTime ?? null, fractionLost: s.fractionLost ?? null, packetsLost: s.packetsLost ?? null };
        }
      });
      return out;
    },
    // The strongest frequency in the remote audio right now (Hz), and its level in dB.
    peak() {
      if (!analyser) return { hz: 0, db: -1000 };
      const bins = new Float32Array(analyser.frequencyBinCount);
      analyser.getFloatFrequencyData(bins);
      let best = 0;
      for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
      return { hz: best * ctx.sampleRate / analyser.fftSize, db: bins[best] };
    },
    close() { if (pc) pc.close(); if (ctx) ctx.close(); return true; },
  };
})();
