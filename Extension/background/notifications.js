// System notifications while the popup is closed: an incoming call (with
// Accept / Decline buttons that answer it through the host) and, only when the
// person turned it on, new messages. A message notification never carries the
// text unless "previews" is on too. Which notifications to show is decided by
// pure functions; the class only talks to chrome.notifications.
import { t } from '../lib/i18n.js';
import { DEFAULT_SETTINGS } from '../options/settings.js';

export const CALL_NOTIFICATION_ID = 'securelink-call';
export const MESSAGE_NOTIFICATION_ID = 'securelink-message';
/** A preview is a glance, not the message: long texts are cut. */
export const PREVIEW_CHARS = 140;
// Root-relative: a relative URL resolves against the worker's own folder (background/), where
// Chromium finds no image and refuses the whole notification ("Unable to download all
// specified images").
const ICON = '/icons/icon-128.png';

/** @returns {string} the first PREVIEW_CHARS characters (whole code points) of a text, on one line */
export function previewOf(text) {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…` : flat;
}

/**
 * What a new peer message should show, if anything.
 * @param {{notifyMessages: boolean, notifyPreviews: boolean}} settings
 * @param {{unread: number}} state after counting this message
 * @param {boolean} onScreen a popup shows the conversation
 * @returns {null|{title: string, message: string}}
 */
export function messageNotification(settings, state, text, onScreen) {
  if (!settings.notifyMessages || onScreen) return null;
  const title = state.unread > 1 ? t('notifyMessagesTitle', [String(state.unread)]) : t('notifyMessageTitle');
  return { title, message: settings.notifyPreviews ? previewOf(text) : t('notifyMessageHidden') };
}

export class Notifier {
  #api;
  #settings = DEFAULT_SETTINGS;
  #request;
  #openWindow;
  #buttons = true;
  /** The call notification is up: a call.state repeat while still incoming (e.g. a mute) must not ring again. */
  #ringing = false;

  /**
   * @param {object} api the extension API (chrome / browser)
   * @param {{request: (message: object) => Promise<object>, openWindow: () => void}} actions
   */
  constructor(api, { request, openWindow }) {
    this.#api = api;
    this.#request = request;
    this.#openWindow = openWindow;
    const n = api.notifications;
    if (!n) return;
    n.onButtonClicked?.addListener((id, index) => { this.buttonClicked(id, index); });
    n.onClicked?.addListener((id) => { this.clicked(id); });
  }

  /** @param {object} settings normalized settings */
  useSettings(settings) { this.#settings = settings; }

  /** @param {object} state RoomWatch state @param {object|null} cause the event that changed it @param {{onScreen: boolean}} view */
  update(state, cause, { onScreen }) {
    if (cause?.event === 'call.state') {
      // A conversation on screen shows its own incoming-call banner; the notification is for when none is.
      if (cause.state === 'incoming' && this.#settings.notifyCalls && !this.#ringing && !onScreen) {
        this.#ringing = true;
        this.#show(CALL_NOTIFICATION_ID, this.#callOptions());
      } else if (cause.state !== 'incoming') this.#clear(CALL_NOTIFICATION_ID);
    }
    if (cause?.event === 'chat.message' && cause.from === 'peer') {
      const shown = messageNotification(this.#settings, state, cause.text, onScreen);
      if (shown) this.#show(MESSAGE_NOTIFICATION_ID, { type: 'basic', iconUrl: ICON, priority: 0, ...shown });
    }
    if (state.unread === 0) this.#clear(MESSAGE_NOTIFICATION_ID);
    if (state.callState !== 'incoming') this.#clear(CALL_NOTIFICATION_ID);
  }

  /** Accept (0) or Decline (1) on the call notification. */
  async buttonClicked(id, index) {
    if (id !== CALL_NOTIFICATION_ID) return;
    this.#clear(CALL_NOTIFICATION_ID);
    const accept = index === 0;
    const response = await this.#request({ type: accept ? 'call.accept' : 'call.decline' });
    // An answered call needs its controls (mute, hang up): in a window that stays open.
    if (accept && response?.ok) this.#openWindow();
  }

  /** A click on the notification's body opens SecureLink in its own window. */
  clicked(id) {
    if (id !== CALL_NOTIFICATION_ID && id !== MESSAGE_NOTIFICATION_ID) return;
    this.#clear(id);
    this.#openWindow();
  }

  #callOptions() {
    const options = { type: 'basic', iconUrl: ICON, title: t('notifyCallTitle'), message: t('notifyCallBody'), priority: 2, requireInteraction: true };
    if (this.#buttons) options.buttons = [{ title: t('notifyCallAccept') }, { title: t('notifyCallDecline') }];
    return options;
  }

  async #show(id, options) {
    const n = this.#api.notifications;
    if (!n) return;
    try {
      await n.create(id, options);
    } catch {
      // Firefox has no notification buttons (nor requireInteraction): show it plain; a click opens the window.
      if (!options.buttons) return;
      this.#buttons = false;
      const { buttons, requireInteraction, ...plain } = options;
      try { await n.create(id, plain); } catch { /* notifications unavailable: the badge still tells */ }
    }
  }

  #clear(id) {
    if (id === CALL_NOTIFICATION_ID) this.#ringing = false;
    const n = this.#api.notifications;
    if (!n) return;
    Promise.resolve(n.clear(id)).catch(() => {});
  }
}
