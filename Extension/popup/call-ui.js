// The call area of the conversation: Call, the outgoing "Calling…" line with
// Cancel, the incoming banner with Accept / Decline, the active call (timer,
// mute, hang up, mic level, quality) and the line saying why a call ended. It
// draws from call-model.js; the host runs the call, so closing the popup ends
// nothing and reopening it finds the call again (state.get `call`).
import { t } from '../lib/i18n.js';
import { errorText } from './room-text.js';
import {
  announcementFor, applyCallEvent, callModelFromSnapshot, callPanel, dismissEnded, elapsedMs, emptyCallModel,
  endedKey, formatDuration, levelPercent, qualityFor, statsFigures,
} from './call-model.js';

const PANELS = Object.freeze({ idle: 'call-idle', outgoing: 'call-outgoing', incoming: 'call-incoming', active: 'call-active', ended: 'call-ended' });
/** The control that takes focus when its panel appears (if focus was in the call area, or nowhere). */
const PANEL_FOCUS = Object.freeze({ idle: 'call-start', outgoing: 'call-cancel', incoming: 'call-accept', active: 'call-mute', ended: 'call-dismiss' });
/** How often the timer is redrawn while a call is active. */
const TIMER_MS = 250;

export class CallUi {
  #doc;
  #client;
  #now;
  #announce;
  #model = emptyCallModel();
  #panel = null;
  #canCall = false;
  #timer = null;
  #busy = false;

  /**
   * @param {Document} doc
   * @param {{request: (message: object) => Promise<object>}} client
   * @param {{announce: (text: string) => void, now?: () => number, fallbackFocus?: () => HTMLElement|null}} env
   */
  constructor(doc, client, env) {
    this.#doc = doc;
    this.#client = client;
    this.#now = env.now ?? (() => Date.now());
    this.#announce = env.announce;
    this.fallbackFocus = env.fallbackFocus ?? (() => null);
    this.#wire();
  }

  get model() { return this.#model; }

  /** The call part of a state.get snapshot (null when there is none). */
  load(call) {
    // No render here: the room renders next, and its focus must come first (see RoomUi.render).
    this.#model = callModelFromSnapshot(call);
  }

  /** Forget everything (the room was left, or the host restarted). */
  reset() {
    this.#model = emptyCallModel();
    this.#showError(null);
    this.render(false);
  }

  /** @param {object} event any host event; only call.* ones matter here */
  onEvent(event) {
    if (event?.event !== 'call.state' && event?.event !== 'call.stats') return;
    const before = this.#model;
    this.#model = applyCallEvent(before, event, this.#now());
    if (this.#model === before) return;
    const key = announcementFor(before, this.#model);
    if (key) this.#say(key);
    if (event.event === 'call.state') this.#showError(null);
    this.render(this.#canCall);
  }

  /** @param {boolean} canCall the room is verified */
  render(canCall) {
    this.#canCall = canCall;
    const panel = callPanel(this.#model, canCall, this.#now());
    const changed = panel !== this.#panel;
    const area = this.#el('call');
    area.dataset.panel = panel;
    area.hidden = panel === 'none';
    if (changed) for (const [name, id] of Object.entries(PANELS)) this.#el(id).hidden = name !== panel;
    const call = this.#model.call;
    if (panel === 'outgoing') this.#setText('call-outgoing-text', t(call.peerRinging ? 'callRinging' : 'callCalling'));
    if (panel === 'active') this.#renderActive(call, this.#model.stats);
    if (panel === 'ended') this.#setText('call-ended-text', t('callEnded', [t(endedKey(this.#model.ended))]));
    this.#el('call-start').disabled = this.#busy || !canCall;
    if (changed) {
      const previous = this.#panel;
      this.#panel = panel;
      this.#moveFocus(panel, previous);
    }
    this.#runTimer(panel === 'active' || panel === 'ended');
  }

  /** Once a second (and faster while active): the timer, and the ended line running out. */
  tick() {
    if (this.#model.ended && callPanel(this.#model, this.#canCall, this.#now()) !== 'ended' && this.#panel === 'ended') {
      this.#model = dismissEnded(this.#model);
      this.render(this.#canCall);
      return;
    }
    if (this.#panel === 'active') this.#setText('call-timer', formatDuration(elapsedMs(this.#model.call?.startedAt, this.#now())));
  }

  #renderActive(call, stats) {
    this.#setText('call-timer', formatDuration(elapsedMs(call.startedAt, this.#now())));
    const mute = this.#el('call-mute');
    mute.setAttribute('aria-pressed', String(call.muted));
    // The toggle's name stays "Mute"; its pressed state (and the note below) says whether it is on.
    this.#el('call-muted-note').hidden = !call.muted;
    const level = call.muted ? 0 : levelPercent(stats?.micLevel);
    const meter = this.#el('call-mic');
    if (meter.getAttribute('aria-valuenow') !== String(level)) {
      meter.setAttribute('aria-valuenow', String(level));
      meter.setAttribute('aria-valuetext', t('callMicLevelValue', [String(level)]));
      meter.style.setProperty('--level', `${level}%`);
    }
    meter.dataset.muted = String(call.muted);
    const quality = qualityFor(stats?.mos);
    const q = this.#el('call-quality');
    q.dataset.level = quality?.level ?? 'none';
    this.#setText('call-quality', quality ? t('callQuality', [t(quality.key), quality.mos]) : t('callQualityMeasuring'));
    const f = statsFigures(stats);
    this.#setText('call-figures', t('callFigures', [f.rtt, f.loss, f.jitter]));
    this.#el('call-peer-muted').hidden = !call.peerMuted;
    const device = this.#el('call-device');
    device.hidden = !call.deviceProblem;
    this.#setText('call-device', call.deviceProblem ?? '');
  }

  #runTimer(on) {
    if (on && this.#timer === null) this.#timer = setInterval(() => this.tick(), TIMER_MS);
    if (!on && this.#timer !== null) { clearInterval(this.#timer); this.#timer = null; }
  }

  #moveFocus(panel, previous) {
    const active = this.#doc.activeElement;
    const area = this.#el('call');
    const nowhere = !active || active === this.#doc.body;
    const inArea = active && area.contains(active);
    // A text field keeps focus: a key meant for the message must never answer or end a call.
    const typing = active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT');
    // Opening the popup: the room decides, except that a ringing call wants an answer.
    if (previous === null || previous === 'none') { if (panel === 'incoming') this.#el('call-accept').focus(); return; }
    if (!(inArea || nowhere || (panel === 'incoming' && !typing))) return;
    let target = PANEL_FOCUS[panel] ? this.#el(PANEL_FOCUS[panel]) : null;
    if (panel === 'none' || (target && (target.hidden || target.disabled))) target = this.fallbackFocus();
    target?.focus();
  }

  async #request(message) {
    if (this.#busy) return;
    this.#busy = true;
    this.#el('call-start').disabled = true;
    try {
      const response = await this.#client.request(message);
      this.#showError(response.ok ? null : t('callErrorPrefix', [errorText(response.error)]));
    } finally {
      this.#busy = false;
      this.render(this.#canCall);
    }
  }

  #wire() {
    const on = (id, fn) => this.#el(id).addEventListener('click', fn);
    on('call-start', () => this.#request({ type: 'call.start' }));
    on('call-cancel', () => this.#request({ type: 'call.hangup' }));
    on('call-accept', () => this.#request({ type: 'call.accept' }));
    on('call-decline', () => this.#request({ type: 'call.decline' }));
    on('call-hangup', () => this.#request({ type: 'call.hangup' }));
    on('call-mute', () => this.#request({ type: 'call.mute', muted: !(this.#model.call?.muted ?? false) }));
    on('call-dismiss', () => { this.#model = dismissEnded(this.#model); this.render(this.#canCall); });
  }

  /** An incoming call interrupts (assertive region); everything else waits its turn (the room's polite one). */
  #say(key) {
    if (key !== 'callAnnounceIncoming') { this.#announce(t(key)); return; }
    const el = this.#el('call-announcer');
    el.textContent = '';
    setTimeout(() => { el.textContent = t(key); }, 50);
  }

  #showError(text) {
    const el = this.#el('call-error');
    el.hidden = !text;
    el.textContent = text ?? '';
  }

  #el(id) { return this.#doc.getElementById(id); }

  #setText(id, text) {
    const el = this.#el(id);
    if (el.textContent !== text) el.textContent = text;
  }
}
