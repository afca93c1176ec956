// The conversation: message list, receipts, typing hint and composer. Text
// from either person only ever reaches the page through textContent, each
// message with dir="auto" so right-to-left text reads right. The list is
// updated in place (one element per message id), so focus and scroll survive.
import { t } from '../lib/i18n.js';
import { draftInfo, MAX_MESSAGE_BYTES } from './room-model.js';

/**
 * A conversation that opens with a long history draws this many of its newest
 * messages at once, so they are on screen in the first frame; the older ones
 * follow BACKLOG_CHUNK at a time above them, one task per chunk.
 */
export const FIRST_MESSAGES = 50;
export const BACKLOG_CHUNK = 500;

/** How long after the last keystroke the peer is told we stopped typing. */
export const TYPING_IDLE_MS = 4000;
/** While typing goes on, "typing: true" is repeated no more often than this. */
export const TYPING_REPEAT_MS = 3000;

/**
 * Turns keystrokes into few chat.typing requests: true at the first key (and
 * again every few seconds while typing goes on), false after a pause or a send.
 */
export class TypingNotifier {
  #send;
  #timers;
  #typing = false;
  #lastSentAt = -Infinity;
  #idle = null;

  /** @param {(typing: boolean) => void} send */
  constructor(send, { setTimeout: st = (fn, ms) => setTimeout(fn, ms), clearTimeout: ct = (h) => clearTimeout(h), now = () => Date.now() } = {}) {
    this.#send = send;
    this.#timers = { st, ct, now };
  }

  keystroke(hasText) {
    if (!hasText) { this.stop(); return; }
    const now = this.#timers.now();
    if (!this.#typing || now - this.#lastSentAt >= TYPING_REPEAT_MS) {
      this.#typing = true;
      this.#lastSentAt = now;
      this.#send(true);
    }
    if (this.#idle !== null) this.#timers.ct(this.#idle);
    this.#idle = this.#timers.st(() => { this.#idle = null; this.stop(); }, TYPING_IDLE_MS);
  }

  stop() {
    if (this.#idle !== null) { this.#timers.ct(this.#idle); this.#idle = null; }
    if (!this.#typing) return;
    this.#typing = false;
    this.#send(false);
  }
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "14:07" in the person's locale; empty for a time that does not parse. */
export function messageTime(sentAt) {
  const at = Date.parse(sentAt);
  return Number.isNaN(at) ? '' : timeFormat.format(new Date(at));
}

export class ConversationUi {
  #doc;
  #els;
  #items = new Map();
  #onSend;
  #typing;
  /** How many of the model's oldest messages are not drawn yet (the backlog of a long history). */
  #hiddenOlder = 0;
  #backlogScheduled = false;
  /** The first frame with the newest messages is behind us. */
  #backlogStarted = false;
  /** The last render's arguments, for drawing the backlog. */
  #last = null;
  #labels = null;
  #prototypes = null;

  /**
   * @param {Document} doc
   * @param {{send: (text: string) => Promise<object>, typing: (typing: boolean) => void, loadOlder: () => void}} actions
   */
  constructor(doc, actions) {
    this.#doc = doc;
    const $ = (id) => doc.getElementById(id);
    this.#els = {
      scroller: $('message-scroller'), list: $('messages'), older: $('load-older'), typing: $('typing'),
      form: $('composer-form'), composer: $('composer'), send: $('send'), count: $('byte-count'), error: $('composer-error'),
    };
    this.#onSend = actions.send;
    this.#typing = new TypingNotifier(actions.typing);
    const { form, composer, older } = this.#els;
    older.addEventListener('click', () => actions.loadOlder());
    composer.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.#submit(); }
    });
    composer.addEventListener('input', () => { this.#updateDraft(); this.#typing.keystroke(composer.value.length > 0); });
    form.addEventListener('submit', (e) => { e.preventDefault(); this.#submit(); });
  }

  focusComposer() { this.#els.composer.focus(); }

  /** @param {object} model @param {boolean} canSend the room is verified */
  render(model, canSend) {
    const { list, older, typing, composer, scroller } = this.#els;
    this.#last = { model, canSend };
    const all = model.messages;
    if (this.#items.size === 0 && all.length > FIRST_MESSAGES) this.#hiddenOlder = all.length - FIRST_MESSAGES;
    let start = Math.min(this.#hiddenOlder, all.length);
    // A message already on screen is never taken away again, whatever the new model holds in front of it.
    for (let i = 0; i < start; i++) if (this.#items.has(all[i].messageId)) { start = i; break; }
    this.#hiddenOlder = start;
    const shown = start === 0 ? all : all.slice(start);
    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
    const wanted = new Set(shown.map((m) => m.messageId));
    for (const [id, li] of this.#items) if (!wanted.has(id)) { li.remove(); this.#items.delete(id); }
    let appended = false;
    let before = list.firstChild;
    // Walk the model in order; an element not there yet goes before the next known one.
    for (const m of shown) {
      const li = this.#items.get(m.messageId);
      if (li) {
        if (li.dataset.status !== m.status) this.#setStatus(li, m);
        before = li.nextSibling;
        continue;
      }
      const made = this.#make(m);
      this.#items.set(m.messageId, made);
      list.insertBefore(made, before);
      if (before === null) appended = true;
    }
    // Older pages from the host only once everything held here is drawn.
    older.hidden = !model.hasOlder || start > 0;
    typing.hidden = !(canSend && model.peerTyping);
    composer.disabled = !canSend;
    // An ended conversation stays readable; there is nobody left to write to.
    this.#els.form.hidden = !canSend;
    this.#doc.querySelector('.composer-meta').hidden = !canSend;
    this.#updateDraft(canSend);
    if (appended && nearBottom) scroller.scrollTop = scroller.scrollHeight;
    if (!canSend) this.#typing.stop();
    if (start > 0) this.#scheduleBacklog();
  }

  /**
   * The next chunk of older messages goes in above, the view staying where it is: the first
   * chunk after the first frame (so the newest are painted first), the rest one task after
   * another (waiting a frame for each would only add a frame's time per chunk), each a task of
   * its own so input is handled in between.
   */
  #scheduleBacklog() {
    if (this.#backlogScheduled) return;
    this.#backlogScheduled = true;
    const step = () => {
      this.#backlogScheduled = false;
      if (this.#hiddenOlder === 0 || this.#last === null) return;
      const { scroller } = this.#els;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      this.#hiddenOlder = Math.max(0, this.#hiddenOlder - BACKLOG_CHUNK);
      this.#backlogStarted = true;
      this.render(this.#last.model, this.#last.canSend);
      scroller.scrollTop = scroller.scrollHeight - fromBottom;
    };
    if (this.#backlogStarted) setTimeout(step, 0);
    else requestAnimationFrame(() => setTimeout(step, 0));
  }

  scrollToEnd() { this.#els.scroller.scrollTop = this.#els.scroller.scrollHeight; }

  /** Forget every message element (the room was left). */
  clear() {
    for (const li of this.#items.values()) li.remove();
    this.#items.clear();
    this.#hiddenOlder = 0;
    this.#backlogStarted = false;
    this.#last = null;
    this.#els.composer.value = '';
    this.#showError(null);
    this.#updateDraft();
  }

  /** The words every message repeats, looked up once. */
  #label(key) {
    this.#labels ??= new Map();
    let text = this.#labels.get(key);
    if (text === undefined) { text = t(key); this.#labels.set(key, text); }
    return text;
  }

  /** One message element per sender, built once; each message is a deep clone of it (cheaper than building it anew). */
  #prototype(from) {
    this.#prototypes ??= new Map();
    let li = this.#prototypes.get(from);
    if (li) return li;
    const doc = this.#doc;
    li = doc.createElement('li');
    li.className = 'message';
    li.dataset.from = from;
    const who = doc.createElement('span');
    who.className = 'visually-hidden';
    who.textContent = this.#label(from === 'me' ? 'fromMe' : 'fromPeer');
    const text = doc.createElement('p');
    text.className = 'text';
    text.dir = 'auto';
    const meta = doc.createElement('p');
    meta.className = 'meta';
    meta.append(doc.createElement('time'));
    if (from === 'me') {
      const tick = doc.createElement('span');
      tick.className = 'tick';
      meta.append(tick);
    }
    li.append(who, text, meta);
    this.#prototypes.set(from, li);
    return li;
  }

  #make(m) {
    const li = this.#prototype(m.from).cloneNode(true);
    li.dataset.messageId = m.messageId;
    const [, text, meta] = li.children;
    text.textContent = m.text;
    const time = meta.firstChild;
    time.dateTime = m.sentAt;
    time.textContent = messageTime(m.sentAt);
    this.#setStatus(li, m);
    return li;
  }

  #setStatus(li, m) {
    li.dataset.status = m.status;
    const tick = li.lastElementChild.lastElementChild;
    if (!tick?.classList.contains('tick')) return;
    tick.textContent = m.status === 'delivered' ? '✓✓' : '✓';
    tick.title = this.#label(m.status === 'delivered' ? 'statusDelivered' : 'statusSent');
    tick.setAttribute('aria-label', tick.title);
  }

  #updateDraft(canSend = !this.#els.composer.disabled) {
    const { composer, send, count } = this.#els;
    const info = draftInfo(composer.value);
    count.hidden = !info.showCounter;
    count.dataset.over = String(info.tooLong);
    count.textContent = info.showCounter ? t('byteCount', [info.bytes.toLocaleString(), MAX_MESSAGE_BYTES.toLocaleString()]) : '';
    send.disabled = !canSend || info.empty || info.tooLong;
    if (info.tooLong) this.#showError(t('errorMessageTooLong'));
    else if (this.#els.error.dataset.kind === 'too-long') this.#showError(null);
  }

  #showError(text, kind = text === t('errorMessageTooLong') ? 'too-long' : 'send') {
    const { error } = this.#els;
    error.hidden = text === null;
    error.textContent = text ?? '';
    error.dataset.kind = text === null ? '' : kind;
  }

  async #submit() {
    const { composer, send } = this.#els;
    const text = composer.value;
    const info = draftInfo(text);
    if (composer.disabled || info.empty) return;
    if (info.tooLong) { this.#showError(t('errorMessageTooLong')); return; }
    send.disabled = true;
    this.#typing.stop();
    const response = await this.#onSend(text);
    if (response.ok) {
      // Clear only if the person has not typed on meanwhile.
      if (composer.value === text) composer.value = '';
      this.#showError(null);
    } else if (response.error?.code === 'message_too_long') {
      this.#showError(t('errorMessageTooLong'));
    } else {
      this.#showError(t('errorSendFailed', [String(response.error?.message ?? response.error?.code ?? '')]));
    }
    this.#updateDraft();
    composer.focus();
  }
}
