// The camera scan tab. The popup closes as soon as this tab takes focus, so
// the result goes back through storage.session (memory only) and the person
// reopens the popup, which picks it up. Frames go to the host's qr.decode
// through the background; no image is kept.
import { api } from '../lib/browser-api.js';
import { localizePage, t } from '../lib/i18n.js';
import { BackgroundClient } from '../popup/background-client.js';
import { putScanResult, SCAN_PURPOSES } from './handback.js';

export const FRAME_INTERVAL_MS = 300;
/** Long side of a frame sent to the host: enough for a QR held up to the camera, small enough for one frame. */
const MAX_SIDE = 640;
/** base64 characters that stay well inside the host's 1 MiB frame. */
const MAX_BASE64 = 900_000;

localizePage(document);
const $ = (id) => document.getElementById(id);
const purpose = new URLSearchParams(location.search).get('purpose');
const client = new BackgroundClient();
let stream = null;
let timer = null;
let busy = false;

function fail(key) {
  stop();
  $('scan-status').textContent = '';
  const error = $('scan-error');
  error.hidden = false;
  error.textContent = t(key);
}

function stop() {
  if (timer !== null) clearInterval(timer);
  timer = null;
  for (const track of stream?.getTracks() ?? []) track.stop();
  stream = null;
}

function frameBase64(video, canvas) {
  const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  let url = canvas.toDataURL('image/png');
  if (url.length > MAX_BASE64) url = canvas.toDataURL('image/jpeg', 0.9); // a noisy camera frame can make a big PNG
  return url.slice(url.indexOf(',') + 1);
}

async function grab() {
  const video = $('video');
  if (busy || video.videoWidth === 0) return;
  busy = true;
  try {
    const response = await client.request({ type: 'qr.decode', imageBase64: frameBase64(video, $('frame')) });
    if (response.ok && typeof response.text === 'string' && timer !== null) {
      stop();
      await putScanResult(api.storage.session, purpose, response.text);
      $('scan-status').textContent = t('scanDone');
      window.close();
    } else if (!response.ok && ['host_unavailable', 'background_lost'].includes(response.error?.code)) {
      fail('scanNoHost');
    }
  } finally {
    busy = false;
  }
}

async function start() {
  if (!SCAN_PURPOSES.includes(purpose)) { fail('scanBadPurpose'); return; }
  $('scan-purpose').textContent = t(purpose === 'invite' ? 'scanForInvite' : 'scanForReply');
  if (!navigator.mediaDevices?.getUserMedia) { fail('scanNoCamera'); return; }
  $('scan-status').textContent = t('scanStarting');
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 } }, audio: false });
  } catch (e) {
    const name = e?.name ?? '';
    fail(name === 'NotAllowedError' || name === 'SecurityError' ? 'scanDenied'
      : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'scanNoCamera' : 'scanCameraBusy');
    return;
  }
  const video = $('video');
  video.srcObject = stream;
  await video.play().catch(() => {});
  $('scan-status').textContent = t('scanHold');
  timer = setInterval(grab, FRAME_INTERVAL_MS);
}

$('scan-cancel').addEventListener('click', () => { stop(); window.close(); });
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') { stop(); window.close(); } });
window.addEventListener('pagehide', stop);
start();
