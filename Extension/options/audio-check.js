// The options page's audio checks: "Test microphone" (a toggle; the host sends only a level
// number, about ten a second, while it is pressed) and "Play test tone". Both use the device
// chosen in the list right now, saved or not. The microphone closes when the toggle is released,
// when this page is hidden, when the host stops it (time limit, a call) and, through the
// background, when the page closes.
import { t } from '../lib/i18n.js';

/** Host and background error codes → the sentence the page shows. */
const ERROR_KEYS = Object.freeze({
  audio_device: 'audioErrorDevice',
  call_busy: 'audioErrorCallBusy',
  busy: 'audioErrorToneBusy',
});

/** Why the host closed the microphone by itself → what the status line says. */
const STOP_KEYS = Object.freeze({
  time_limit: 'micTestTimeLimit',
  room_left: 'micTestStopped',
});

/** @returns {string} the locale key for a failed audio check's error code */
export function audioErrorKey(code) {
  return ERROR_KEYS[code] ?? 'audioErrorHost';
}

/** @returns {number} a host level (0..1, anything else counts as 0) as a whole percentage */
export function levelPercent(level) {
  return typeof level === 'number' && Number.isFinite(level) ? Math.round(Math.min(1, Math.max(0, level)) * 100) : 0;
}

export class AudioCheck {
  #doc;
  #client;
  #on = false;
  #toneTimer = null;

  /**
   * @param {Document} doc the options page
   * @param {import('../popup/background-client.js').BackgroundClient} client a connected background client
   */
  constructor(doc, client) {
    this.#doc = doc;
    this.#client = client;
    client.onEvent((event) => this.#onEvent(event));
    client.onBackgroundLost(() => this.#showOff());
    this.#el('mic-test').addEventListener('click', () => (this.#on ? this.stopMicrophone() : this.#startMicrophone()));
    this.#el('tone-test').addEventListener('click', () => this.#playTone());
    // A different microphone while testing: the check follows the list at once.
    this.#el('audio-input').addEventListener('change', () => { if (this.#on) this.#startMicrophone(); });
    // The microphone is open only while the person can see why.
    doc.addEventListener('visibilitychange', () => { if (doc.visibilityState === 'hidden' && this.#on) this.stopMicrophone(); });
  }

  #el(id) { return this.#doc.getElementById(id); }

  async #startMicrophone() {
    this.#showError(null);
    const input = this.#el('audio-input').value || 'default';
    const response = await this.#client.request({ type: 'audio.monitor', on: true, input });
    if (!response.ok) {
      this.#showOff();
      this.#showError(response.error?.code);
      return;
    }
    this.#on = true;
    this.#el('mic-test').setAttribute('aria-pressed', 'true');
    this.#el('mic-meter').dataset.muted = 'false';
    this.#status('mic-test-status', t('micTestListening'));
  }

  /** Releases the microphone (also what the page does when it is hidden). */
  async stopMicrophone() {
    const wasOn = this.#on;
    this.#showOff();
    if (!wasOn) return;
    await this.#client.request({ type: 'audio.monitor', on: false });
    this.#status('mic-test-status', t('micTestClosed'));
  }

  #showOff() {
    this.#on = false;
    this.#el('mic-test').setAttribute('aria-pressed', 'false');
    this.#el('mic-meter').dataset.muted = 'true';
    this.#setLevel(0);
  }

  #setLevel(level) {
    const meter = this.#el('mic-meter');
    const percent = levelPercent(level);
    if (meter.getAttribute('aria-valuenow') === String(percent)) return;
    meter.setAttribute('aria-valuenow', String(percent));
    meter.setAttribute('aria-valuetext', t('callMicLevelValue', [String(percent)]));
    meter.style.setProperty('--level', `${percent}%`);
  }

  async #playTone() {
    if (this.#toneTimer !== null) return; // one tone at a time; the button says it is playing
    this.#showError(null);
    const output = this.#el('audio-output').value || 'default';
    const response = await this.#client.request({ type: 'audio.test_tone', output });
    if (!response.ok) {
      this.#showError(response.error?.code);
      return;
    }
    const button = this.#el('tone-test');
    button.textContent = t('toneTestPlaying');
    button.setAttribute('aria-disabled', 'true');
    this.#status('tone-test-status', t('toneTestPlayingStatus'));
    // Should the end event be lost (background restart), the button still comes back.
    const duration = Number.isFinite(response.durationMs) ? response.durationMs : 1000;
    this.#toneTimer = setTimeout(() => this.#toneOver(null), duration + 4000);
  }

  #toneOver(event) {
    if (this.#toneTimer === null) return;
    clearTimeout(this.#toneTimer);
    this.#toneTimer = null;
    const button = this.#el('tone-test');
    button.textContent = t('toneTest');
    button.removeAttribute('aria-disabled');
    if (event?.state === 'failed') {
      this.#status('tone-test-status', '');
      this.#showError(event.reasonCode);
    } else if (event?.reasonCode) {
      this.#status('tone-test-status', t('toneTestCut'));
    } else {
      this.#status('tone-test-status', t('toneTestDone'));
    }
  }

  #onEvent(event) {
    switch (event.event) {
      case 'audio.level':
        if (this.#on) this.#setLevel(event.level);
        return;
      case 'audio.monitor':
        if (event.on !== false || !this.#on) return;
        this.#showOff();
        if (STOP_KEYS[event.reasonCode]) this.#status('mic-test-status', t(STOP_KEYS[event.reasonCode]));
        else { this.#status('mic-test-status', t('micTestClosed')); this.#showError(event.reasonCode); }
        return;
      case 'audio.tone':
        this.#toneOver(event);
        return;
      default:
    }
  }

  #status(id, text) { this.#el(id).textContent = text; }

  #showError(code) {
    const error = this.#el('audio-test-error');
    error.hidden = code === null || code === undefined;
    error.textContent = error.hidden ? '' : t(audioErrorKey(code));
  }
}
