// The code fields' helpers: Copy buttons, and reading a QR code from an image
// the person drops, pastes or chooses (the host's qr.decode does the reading;
// the image goes nowhere else and is not kept).
import { t } from '../lib/i18n.js';
import { errorText } from './room-text.js';

/** A dropped image becomes base64 inside a ≤ 1 MiB frame. */
export const MAX_IMAGE_BYTES = 700 * 1024;

/** The (field, drop zone, error line, next focus) of each code the person may bring in as a picture. */
const CODE_FIELDS = Object.freeze([
  { target: 'join-invite', zone: 'screen-join', file: 'file-invite', error: 'join-error', next: 'join-pin' },
  { target: 'reply-code', zone: 'screen-invite', file: 'file-reply', error: 'invite-error', next: 'connect' },
]);

/**
 * @param {Document} doc
 * @param {import('./background-client.js').BackgroundClient} client
 * @param {{announce: (text: string) => void, showError: (id: string, text: string|null) => void}} ui
 */
export function wireCodeInputs(doc, client, { announce, showError }) {
  const $ = (id) => doc.getElementById(id);

  async function decode(file, { target, error, next }) {
    if (!file) return;
    if (!/^image\/(png|jpeg)$/.test(file.type)) { showError(error, t('errorImageType')); return; }
    if (file.size > MAX_IMAGE_BYTES) { showError(error, t('errorImageTooLarge')); return; }
    const buffer = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
    const response = await client.request({ type: 'qr.decode', imageBase64: btoa(binary) });
    if (!response.ok) { showError(error, errorText(response.error)); return; }
    showError(error, null);
    $(target).value = String(response.text ?? '');
    announce(t('codeRead'));
    $(next).focus();
  }

  async function copy(fieldId, button) {
    try {
      await navigator.clipboard.writeText($(fieldId).value);
      button.textContent = t('copied');
      announce(t('copied'));
      setTimeout(() => { button.textContent = t('copy'); }, 1500);
    } catch {
      $(fieldId).select(); // no clipboard access: Ctrl+C still works
    }
  }

  $('copy-invite').addEventListener('click', (e) => copy('invite-code', e.currentTarget));
  $('copy-reply').addEventListener('click', (e) => copy('reply-out', e.currentTarget));
  for (const field of CODE_FIELDS) {
    const zone = $(field.zone);
    $(field.file).addEventListener('change', (e) => { decode(e.target.files?.[0], field); e.target.value = ''; });
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragging'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('dragging');
      decode(e.dataTransfer?.files?.[0], field);
    });
    $(field.target).addEventListener('paste', (e) => {
      const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (file) { e.preventDefault(); decode(file, field); }
    });
  }
}
