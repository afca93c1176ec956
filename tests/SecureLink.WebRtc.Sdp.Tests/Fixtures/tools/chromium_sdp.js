// Prints real Chromium SDP for the SDP fixtures (headless, offline).
//
//   node chromium_sdp.js offer-data              -> offer with one data channel
//   node chromium_sdp.js offer-audio             -> offer with an oscillator audio track and a data channel
//   node chromium_sdp.js offer-video             -> offer with audio, a canvas video track and a data channel
//   node chromium_sdp.js answer OFFER_FILE       -> Chromium's answer to the offer in OFFER_FILE
//
// Needs playwright-core (npm install playwright-core in a temp dir, PLAYWRIGHT_CORE=<dir>/node_modules/playwright-core).
// Run only inside tests/tools/isolated.sh: Chromium gathers on every interface.
// WebRtcHideLocalIpsWithMdns is disabled so host candidates carry the namespace's test addresses.
const fs = require('fs');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

async function main() {
  const [mode, offerFile] = process.argv.slice(2);
  const offer = offerFile ? fs.readFileSync(offerFile, 'utf8') : null;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-gpu',
      '--disable-features=WebRtcHideLocalIpsWithMdns'],
  });
  try {
    const page = await browser.newPage();
    const sdp = await page.evaluate(async ({ mode, offer }) => {
      const pc = new RTCPeerConnection({ iceServers: [] });
      const gathered = new Promise(resolve => {
        pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') resolve(); };
      });
      if (mode === 'answer') {
        await pc.setRemoteDescription({ type: 'offer', sdp: offer });
        await pc.setLocalDescription(await pc.createAnswer());
      } else {
        if (mode === 'offer-audio' || mode === 'offer-video') {
          const ctx = new AudioContext();
          const osc = ctx.createOscillator();
          const dest = ctx.createMediaStreamDestination();
          osc.connect(dest);
          osc.start();
          const track = dest.stream.getAudioTracks()[0];
          pc.addTrack(track, dest.stream);
        }
        if (mode === 'offer-video') {
          const canvas = document.createElement('canvas');
          canvas.width = 64; canvas.height = 48;
          canvas.getContext('2d').fillRect(0, 0, 64, 48);
          const stream = canvas.captureStream(10);
          pc.addTrack(stream.getVideoTracks()[0], stream);
        }
        pc.createDataChannel('chat');
        await pc.setLocalDescription(await pc.createOffer());
      }
      if (pc.iceGatheringState !== 'complete') await gathered;
      const result = pc.localDescription.sdp;
      pc.close();
      return result;
    }, { mode, offer });
    process.stdout.write(sdp);
  } finally {
    await browser.close();
  }
}

main().catch(e => { console.error(e); process.exit(1); });
