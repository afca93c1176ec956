// The room area of the popup: start / join steps, the codes, the connection
// status and the conversation. It renders from the host's state.get snapshot
// and events (room-model.js) and keeps only what the person is typing. Screens
// are static markup shown and hidden; values are set with textContent or
// attributes only, and only when they change, so focus is never lost.
import { t } from '../lib/i18n.js';
import { createRequest, loadSettings } from '../options/settings.js';
import { takeScanResult } from '../scan/handback.js';
import { wireCodeInputs } from './code-input.js';
import { errorText, reasonText } from './room-text.js';
import { ConversationUi } from './conversation-ui.js';
import { CallUi } from './call-ui.js';
import { nearbyCreateFields } from './nearby-ui.js';
import {
  applyEvent, checkPin, cleanCode, emptyModel, formatCountdown, fromSnapshot, nextStep, screenFor,
  secondsLeft, STATE_KEYS, svgDataUrl, withCodes, withOlder,
} from './room-model.js';

const SCREEN_PANELS = Object.freeze({
  loading: null, home: 'screen-home', start: 'screen-start', join: 'screen-join', invite: 'screen-invite',
  reply: 'screen-reply', progress: 'screen-status', failed: 'screen-status', conversation: 'screen-conversation',
});
/** Where focus goes when a screen appears. */
const SCREEN_FOCUS = Object.freeze({
  home: 'start-room', start: 'mode-offline', join: 'join-invite', invite: 'copy-invite', reply: 'copy-reply',
  progress: 'close-room', failed: 'new-room', conversation: 'composer',
});

export class RoomUi {
  #doc;
  #client;
  #env;
  #model = emptyModel();
  /** Codes from room.create / room.join; kept only while this popup lives. */
  #codes = null;
  #draft = null;
  #lastInvite = '';
  #screen = null;
  #hostReady = false;
  #conversation;
  #call;
  #refreshing = null;
  #scanned = null;
  #announcedState = null;

  /**
   * @param {Document} doc
   * @param {import('./background-client.js').BackgroundClient} client
   * @param {{local?: object, session?: object, openScan: (purpose: string) => void, openOptions: () => void, now?: () => number}} env
   */
  constructor(doc, client, env) {
    this.#doc = doc;
    this.#client = client;
    this.#env = { now: () => Date.now(), ...env };
    this.#conversation = new ConversationUi(doc, {
      send: (text) => client.request({ type: 'chat.send', text }),
      typing: (typing) => { client.request({ type: 'chat.typing', typing }); },
      loadOlder: () => this.#loadOlder(),
    });
    this.#call = new CallUi(doc, client, {
      announce: (text) => this.announce(text),
      now: () => this.#env.now(),
      fallbackFocus: () => (this.#el('composer').disabled ? this.#el('leave') : this.#el('composer')),
    });
    client.onEvent((event) => this.#onEvent(event));
    this.#wire();
  }

  get model() { return this.#model; }

  /** The host (re)connected or went away; a new host means a new (empty) state. */
  setHostReady(ready) {
    const was = this.#hostReady;
    this.#hostReady = ready;
    this.#el('start-room').disabled = !ready;
    this.#el('join-room').disabled = !ready;
    this.#el('rooms-note').hidden = ready;
    if (!ready && was) {
      // The host's session (room, messages) ended with it.
      this.#model = emptyModel();
      this.#codes = null;
      this.#conversation.clear();
      this.#call.reset();
    }
    if (ready && !was) this.refresh();
    else if (!ready) this.render();
  }

  /** Asks the host for the whole picture again (on open, after a host restart, after an unknown event). */
  refresh() {
    this.#refreshing ??= (async () => {
      try {
        // The scan tab's hand-back is read from storage while the host answers, not after.
        const scan = takeScanResult(this.#env.session, this.#env.now());
        performance.mark('securelink:state-get');
        const response = await this.#client.request({ type: 'state.get' });
        performance.mark('securelink:snapshot');
        // A scanned code taken from storage is kept until a snapshot says where it goes.
        this.#scanned = (await scan) ?? this.#scanned;
        if (!response.ok) return;
        this.#load(response);
        this.#useScan(this.#scanned);
        this.#scanned = null;
        this.render();
        performance.mark('securelink:rendered');
      } finally {
        this.#refreshing = null;
      }
    })();
    return this.#refreshing;
  }

  #load(snapshot) {
    let model = fromSnapshot(snapshot);
    if (model.room === null) this.#codes = null;
    else if (this.#codes) model = withCodes(model, { ...this.#codes, roomId: model.room.roomId });
    this.#model = model;
    this.#call.load(snapshot.call ?? null);
  }

  render() {
    const model = this.#model;
    // Until the host answered, the way in is shown (disabled) rather than nothing.
    const screen = model.loaded ? screenFor(model, this.#draft) : 'home';
    const changed = screen !== this.#screen;
    this.#doc.body.classList.toggle('in-room', screen !== 'home');
    this.#doc.body.classList.toggle('chat', screen === 'conversation');
    this.#el('room').dataset.screen = screen;
    this.#el('room').dataset.state = model.room?.state ?? 'none';
    if (changed) {
      for (const [name, id] of Object.entries(SCREEN_PANELS)) if (id) this.#el(id).hidden = id !== SCREEN_PANELS[screen];
    }
    const room = model.room;
    if (screen === 'invite') this.#renderInvite(room);
    if (screen === 'reply') this.#renderReply(room);
    if (screen === 'progress' || screen === 'failed') this.#renderStatus(room, screen);
    if (screen === 'conversation') this.#renderConversation(model);
    this.#announceState(room);
    if (changed) {
      const previous = this.#screen;
      this.#screen = screen;
      this.#focusFor(screen, previous);
    }
    // After the room's focus: an incoming call may take it from there.
    this.#call.render(screen === 'conversation' && room?.state === 'verified');
    this.tick();
  }

  /** Once a second: the invite countdown. */
  tick() {
    this.#call.tick();
    const el = this.#el('invite-expiry');
    if (this.#screen !== 'invite') return;
    const left = secondsLeft(this.#model.room?.expiresAt, this.#env.now());
    const text = Number.isNaN(left) ? '' : left > 0 ? t('inviteExpiresIn', [formatCountdown(left)]) : t('inviteExpiredNow');
    if (el.textContent !== text) el.textContent = text;
    el.dataset.expired = String(left === 0);
  }

  announce(text) {
    const el = this.#el('announcer');
    // Clear first so the same words said twice are announced twice.
    el.textContent = '';
    setTimeout(() => { el.textContent = text; }, 50);
  }

  #el(id) { return this.#doc.getElementById(id); }

  #setText(id, text) {
    const el = this.#el(id);
    if (el.textContent !== text) el.textContent = text;
  }

  #onEvent(event) {
    if (event.event === 'call.state' || event.event === 'call.stats') { this.#call.onEvent(event); return; }
    const { model, refresh } = applyEvent(this.#model, event);
    const before = this.#model;
    this.#model = model;
    if (event.event === 'chat.message' && event.from === 'peer' && model !== before) {
      this.announce(t('announceMessage', [String(event.text)]));
    }
    if (event.event === 'room.state' && event.state === 'waiting-reply' && event.reasonCode === 'wrong_pin') {
      this.#el('reply-code').value = ''; // that reply's PIN was wrong; the next attempt comes with a new one
    }
    if (refresh) this.refresh(); else this.render();
  }

  #announceState(room) {
    const key = room ? STATE_KEYS[room.state] : null;
    const signature = room ? `${room.state}|${room.reasonCode ?? ''}|${room.failedAttempts ?? 0}` : 'none';
    if (signature === this.#announcedState) return;
    const first = this.#announcedState === null;
    this.#announcedState = signature;
    if (!key || first) return; // the opening picture is not news
    const reason = reasonText(room);
    this.announce(reason ? `${t(key)}. ${reason}` : t(key));
  }

  #focusFor(screen, previous) {
    const active = this.#doc.activeElement;
    const roomArea = this.#el('room');
    // Never pull focus away from something outside the room area (e.g. the host card's Retry).
    if (previous !== null && active && active !== this.#doc.body && !roomArea.contains(active)) return;
    let id = SCREEN_FOCUS[screen];
    if (screen === 'join' && this.#el('join-invite').value) id = 'join-pin';
    if (screen === 'invite' && this.#el('reply-code').value) id = 'connect';
    if (screen === 'failed' && this.#el('new-room').hidden) id = 'close-room';
    if (screen === 'home' && !this.#hostReady) return;
    const target = id ? this.#el(id) : null;
    if (target && !target.hidden && !target.disabled) target.focus();
    if (screen === 'conversation') this.#conversation.scrollToEnd();
  }

  #renderInvite(room) {
    const codes = room?.invite !== undefined;
    this.#setImage('invite-qr', room?.inviteQrSvg);
    this.#el('invite-missing').hidden = codes;
    const code = this.#el('invite-code');
    if (code.value !== (room?.invite ?? '')) code.value = room?.invite ?? '';
    this.#el('copy-invite').disabled = !codes;
    this.#setText('pin', room?.pin ?? '••••');
    this.#el('pin').dataset.long = String((room?.pin ?? '').length > 6);
    const warning = this.#el('attempt-warning');
    const step = nextStep(room);
    warning.hidden = step === null;
    // The attempt sentence already says the PIN was wrong; the host's reason would repeat it.
    this.#setText('attempt-warning', step ? t(step.key, step.subs) : '');
  }

  #renderReply(room) {
    this.#setImage('reply-qr', room?.replyQrSvg);
    this.#el('reply-missing').hidden = room?.reply !== undefined;
    const out = this.#el('reply-out');
    if (out.value !== (room?.reply ?? '')) out.value = room?.reply ?? '';
    this.#el('copy-reply').disabled = room?.reply === undefined;
  }

  #setImage(id, svg) {
    const img = this.#el(id);
    const src = svg ? svgDataUrl(svg) : '';
    if (img.dataset.src === src) return;
    img.dataset.src = src;
    img.hidden = !svg;
    if (svg) img.src = src; else img.removeAttribute('src');
  }

  #renderStatus(room, screen) {
    const failed = screen === 'failed';
    this.#el('progress-line').hidden = failed;
    this.#el('failure').hidden = !failed;
    this.#setText('progress-text', t(STATE_KEYS[room.state] ?? 'roomConnecting'));
    if (failed) {
      const title = room.state === 'closed' ? 'roomClosed'
        : { wrong_pin: 'failTitleWrongPin', room_burned: 'failTitleBurned', invite_expired: 'failTitleExpired' }[room.reasonCode] ?? 'roomFailed';
      this.#setText('failure-title', t(title));
      this.#setText('room-reason', reasonText(room));
      const step = nextStep(room);
      this.#setText('room-next', step ? t(step.key, step.subs) : '');
    }
    const newRoom = this.#el('new-room');
    newRoom.hidden = !failed;
    this.#setText('new-room', t(room.role === 'joiner' ? 'tryJoinAgain' : 'newRoom'));
    this.#setText('close-room', t(failed ? 'closeRoom' : 'cancel'));
  }

  #renderConversation(model) {
    const room = model.room;
    const verified = room.state === 'verified';
    this.#setText('room-state-text', t(verified ? 'roomVerified' : 'roomEnded'));
    this.#el('verified-bar').dataset.verified = String(verified);
    this.#setText('safety-code', room.safetyCode ?? '');
    const ended = this.#el('ended-note');
    ended.hidden = verified;
    const step = nextStep(room);
    this.#setText('ended-note', verified ? '' : `${reasonText(room)} ${step ? t(step.key) : ''}`.trim());
    this.#setText('leave', t(verified ? 'leave' : 'closeRoom'));
    this.#conversation.render(model, verified);
  }

  async #loadOlder() {
    const first = this.#model.messages[0];
    if (!first) return;
    const scroller = this.#el('message-scroller');
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    const response = await this.#client.request({ type: 'chat.history', beforeMessageId: first.messageId, limit: 50 });
    if (!response.ok) return;
    this.#model = withOlder(this.#model, response);
    this.render();
    scroller.scrollTop = scroller.scrollHeight - fromBottom; // keep the message that was on screen in place
    if (!this.#el('load-older').hidden) this.#el('load-older').focus();
    else this.#el('message-scroller').focus();
  }

  #useScan(result) {
    if (!result) return;
    const room = this.#model.room;
    if (result.purpose === 'invite' && room === null) {
      this.#draft = 'join';
      this.#el('join-invite').value = result.text;
    } else if (result.purpose === 'reply' && room?.state === 'waiting-reply') {
      this.#el('reply-code').value = result.text;
    }
  }

  #showError(id, text) {
    const el = this.#el(id);
    el.hidden = !text;
    el.textContent = text ?? '';
  }

  #goDraft(draft) {
    this.#draft = draft;
    this.#showError('start-error', null);
    this.#showError('join-error', null);
    this.render();
  }

  async #leaveRoom(thenDraft = null) {
    this.#el('leave-confirm').hidden = true;
    this.#el('leave').hidden = false;
    const response = await this.#client.request({ type: 'room.leave' });
    if (!response.ok && response.error?.code !== 'no_room') return;
    this.#codes = null;
    this.#conversation.clear();
    this.#call.reset();
    this.#draft = thenDraft;
    await this.refresh();
  }

  async #updateInternetNote() {
    const internet = this.#el('mode-internet').checked;
    const settings = await loadSettings(this.#env.local);
    const missing = internet && settings.stunServers.length === 0;
    this.#el('internet-note').hidden = !missing;
    return { settings, missing };
  }

  async #create() {
    const mode = this.#el('mode-internet').checked ? 'internet' : 'offline';
    const { settings, missing } = await this.#updateInternetNote();
    if (missing) { this.#el('open-options').focus(); return; }
    const button = this.#el('create-room');
    button.disabled = true;
    const response = await this.#client.request({ ...createRequest(mode, settings), ...nearbyCreateFields(this.#doc) });
    button.disabled = false;
    if (!response.ok) { this.#showError('start-error', errorText(response.error)); return; }
    this.#codes = { invite: response.invite, inviteQrSvg: response.inviteQrSvg, pin: response.pin, expiresAt: response.expiresAt };
    this.#draft = null;
    await this.refresh();
  }

  async #join() {
    const invite = cleanCode(this.#el('join-invite').value);
    const { pin, problem } = checkPin(this.#el('join-pin').value);
    if (!invite) { this.#showError('join-error', t('errorNoInvite')); this.#el('join-invite').focus(); return; }
    if (problem) { this.#showError('join-error', t(problem)); this.#el('join-pin').focus(); return; }
    const button = this.#el('join');
    button.disabled = true;
    const response = await this.#client.request({ type: 'room.join', invite, pin });
    button.disabled = false;
    if (!response.ok) {
      this.#showError('join-error', errorText(response.error));
      this.#el(response.error?.code?.startsWith('invite_') ? 'join-invite' : 'join-pin').focus();
      return;
    }
    this.#lastInvite = invite;
    this.#el('join-pin').value = '';
    this.#codes = { reply: response.reply, replyQrSvg: response.replyQrSvg };
    this.#draft = null;
    await this.refresh();
  }

  async #accept() {
    const reply = cleanCode(this.#el('reply-code').value);
    if (!reply) { this.#showError('invite-error', t('errorNoReply')); this.#el('reply-code').focus(); return; }
    const button = this.#el('connect');
    button.disabled = true;
    const response = await this.#client.request({ type: 'room.accept', reply });
    button.disabled = false;
    if (!response.ok) { this.#showError('invite-error', errorText(response.error)); this.#el('reply-code').focus(); return; }
    this.#showError('invite-error', null);
  }

  #wire() {
    const on = (id, type, fn) => this.#el(id).addEventListener(type, fn);
    on('start-room', 'click', () => this.#goDraft('start'));
    on('join-room', 'click', () => { if (this.#lastInvite) this.#el('join-invite').value = this.#lastInvite; this.#goDraft('join'); });
    on('cancel-start', 'click', () => this.#goDraft(null));
    on('cancel-join', 'click', () => this.#goDraft(null));
    on('mode-offline', 'change', () => this.#updateInternetNote());
    on('mode-internet', 'change', () => this.#updateInternetNote());
    on('open-options', 'click', () => this.#env.openOptions());
    on('screen-start', 'submit', (e) => { e.preventDefault(); this.#create(); });
    on('screen-join', 'submit', (e) => { e.preventDefault(); this.#join(); });
    on('screen-invite', 'submit', (e) => { e.preventDefault(); this.#accept(); });
    on('join-pin', 'input', (e) => {
      // Digits only, as typed or pasted; the field stays what the person sees.
      const digits = e.target.value.replace(/[^0-9]/g, '');
      if (digits !== e.target.value) e.target.value = digits;
    });
    on('scan-invite', 'click', () => this.#env.openScan('invite'));
    on('scan-reply', 'click', () => this.#env.openScan('reply'));
    wireCodeInputs(this.#doc, this.#client, { announce: (text) => this.announce(text), showError: (id, text) => this.#showError(id, text) });
    on('cancel-invite', 'click', () => this.#leaveRoom());
    on('cancel-reply', 'click', () => this.#leaveRoom());
    on('close-room', 'click', () => this.#leaveRoom());
    on('new-room', 'click', () => this.#leaveRoom(this.#model.room?.role === 'joiner' ? 'join' : 'start').then(() => {
      if (this.#draft === 'join' && this.#lastInvite) { this.#el('join-invite').value = this.#lastInvite; this.#el('join-pin').focus(); }
    }));
    on('leave', 'click', () => {
      if (this.#model.room?.state !== 'verified') { this.#leaveRoom(); return; }
      this.#el('leave-confirm').hidden = false;
      this.#el('leave').hidden = true;
      this.#el('leave-no').focus();
    });
    on('leave-no', 'click', () => this.#cancelLeave());
    on('leave-yes', 'click', () => this.#leaveRoom());
    this.#doc.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      if (!this.#el('leave-confirm').hidden) { e.preventDefault(); this.#cancelLeave(); return; }
      if (this.#screen === 'start' || this.#screen === 'join') { e.preventDefault(); this.#goDraft(null); }
    });
  }

  #cancelLeave() {
    this.#el('leave-confirm').hidden = true;
    this.#el('leave').hidden = false;
    this.#el('leave').focus();
  }
}
