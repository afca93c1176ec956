// The popup's end of its runtime port to the background: request/response by
// id, plus status and event callbacks. If the background goes away (Chromium
// may stop an idle worker), it says so and reconnects, which wakes it again.
import { api, disconnectReason } from '../lib/browser-api.js';
import { POPUP_PORT_NAME, STATUS_EVENT } from '../lib/messages.js';

/** Longer than the background's own host timeout, so that one normally answers first. */
export const CLIENT_TIMEOUT_MS = 15_000;
const RECONNECT_DELAY_MS = 250;

export class BackgroundClient {
  #port = null;
  #nextId = 1;
  #pending = new Map();
  #statusListeners = new Set();
  #eventListeners = new Set();
  #lostListeners = new Set();
  #closed = false;

  /** @param {(status: object) => void} listener every host status the background pushes */
  onStatus(listener) { this.#statusListeners.add(listener); }
  /** @param {(event: object) => void} listener every host event */
  onEvent(listener) { this.#eventListeners.add(listener); }
  /** @param {(reason: string|null) => void} listener the background port closed (reconnecting) */
  onBackgroundLost(listener) { this.#lostListeners.add(listener); }

  connect() {
    if (this.#port || this.#closed) return;
    const port = api.runtime.connect({ name: POPUP_PORT_NAME });
    this.#port = port;
    port.onMessage.addListener((message) => this.#onMessage(message));
    port.onDisconnect.addListener((p) => {
      const reason = disconnectReason(p);
      if (this.#port !== port) return;
      this.#port = null;
      this.#failPending('background_lost', 'The extension background restarted.');
      for (const listener of this.#lostListeners) listener(reason);
      setTimeout(() => this.connect(), RECONNECT_DELAY_MS);
    });
  }

  close() {
    this.#closed = true;
    this.#port?.disconnect();
    this.#port = null;
    this.#failPending('closed', 'The popup closed.');
  }

  /**
   * @param {object} message `{type, ...fields}`; the id is added here
   * @returns {Promise<object>} the response (`ok` true or false); never rejects
   */
  request(message, { timeoutMs = CLIENT_TIMEOUT_MS } = {}) {
    if (!this.#port) this.connect();
    const port = this.#port;
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({ id, ok: false, error: { code: 'timeout', message: 'The extension background did not answer.' } });
      }, timeoutMs);
      this.#pending.set(id, { resolve, timer });
      try {
        port.postMessage({ ...message, id });
      } catch {
        this.#settle(id, { id, ok: false, error: { code: 'background_lost', message: 'The extension background restarted.' } });
      }
    });
  }

  #onMessage(message) {
    if (message?.event === STATUS_EVENT) {
      for (const listener of this.#statusListeners) listener(message.status);
    } else if (typeof message?.event === 'string') {
      for (const listener of this.#eventListeners) listener(message);
    } else if (message && 'id' in message) {
      this.#settle(message.id, message);
    }
  }

  #settle(id, response) {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(response);
  }

  #failPending(code, text) {
    for (const id of [...this.#pending.keys()]) this.#settle(id, { id, ok: false, error: { code, message: text } });
  }
}
