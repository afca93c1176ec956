// Owns the one native messaging port to securelink-host: starts it, says
// hello, matches responses to requests by id with a timeout, and when the port
// closes, works out why (missing / crashed / misconfigured) and reconnects
// with backoff. The popup never talks to the host directly, so the host, and
// later the call, outlive the popup.
import { api, disconnectReason } from '../lib/browser-api.js';
import { HOST_NAME, PROTOCOL_VERSION, HostState } from '../lib/messages.js';
import { backoffDelay, STABLE_AFTER_MS } from './backoff.js';
import { crashedFix, diagnoseDisconnect } from './disconnect-diagnosis.js';

/** A request the host has not answered by then gets `timeout`; the host keeps running. */
export const REQUEST_TIMEOUT_MS = 10_000;

const error = (code, message) => ({ ok: false, error: { code, message } });

export class HostConnection {
  /** @type {chrome.runtime.Port|null} */
  #port = null;
  #nextId = 1;
  /** host id → { resolve, timer } */
  #pending = new Map();
  #status;
  #failures = 0;
  #connectedAt = 0;
  #lastHost = null;
  #retryTimer = null;
  #statusListeners = new Set();
  #eventListeners = new Set();
  #hasViewers;
  #requestTimeoutMs;
  /** Counted, not logged: responses after their timeout, and id-less errors. */
  #dropped = { lateResponses: 0, unmatched: 0 };

  /**
   * @param {{hasViewers?: () => boolean, requestTimeoutMs?: number}} [options]
   *   hasViewers: whether a popup is open; a missing host is only polled while someone looks.
   */
  constructor({ hasViewers = () => false, requestTimeoutMs = REQUEST_TIMEOUT_MS } = {}) {
    this.#hasViewers = hasViewers;
    this.#requestTimeoutMs = requestTimeoutMs;
    this.#status = Object.freeze({ state: HostState.CONNECTING, host: null, lastHost: null, reason: null, fix: null, retryAt: null, failures: 0 });
  }

  /** The current status: a frozen plain object, safe to post as-is. */
  get status() { return this.#status; }

  get dropped() { return { ...this.#dropped }; }

  /** @param {(status: object) => void} listener */
  onStatus(listener) { this.#statusListeners.add(listener); }

  /** @param {(event: object) => void} listener called with every host event (messages without id) */
  onEvent(listener) { this.#eventListeners.add(listener); }

  /** Starts the host unless a port is already open (or opening). */
  connect() {
    if (this.#port) return;
    this.#clearRetry();
    this.#connectedAt = 0;
    this.#setStatus({ state: HostState.CONNECTING, host: null, reason: null, fix: null, retryAt: null });
    let port;
    try {
      port = api.runtime.connectNative(HOST_NAME);
    } catch (e) {
      // Firefox throws synchronously in some setups instead of disconnecting.
      this.#closed(null, String(e?.message ?? e));
      return;
    }
    this.#port = port;
    port.onMessage.addListener((message) => this.#onMessage(message));
    port.onDisconnect.addListener((p) => this.#closed(port, disconnectReason(p)));
    this.#hello(port);
  }

  /** A popup opened: if the host is down, try again now rather than at the next backoff step. */
  viewerConnected() {
    if (this.#port === null && this.#status.state !== HostState.INCOMPATIBLE) this.connect();
  }

  /** Explicit "try again now" from a popup. */
  reconnectNow() {
    if (this.#port === null) this.connect();
  }

  /**
   * Sends one request to the host. Resolves with the host's response (its `id`
   * is the background's host id; callers put their own back), or with an error
   * response `host_unavailable` / `host_disconnected` / `timeout`. Never rejects.
   * @param {object} message request without id
   * @returns {Promise<object>}
   */
  request(message) {
    const port = this.#port;
    if (!port) return Promise.resolve(error('host_unavailable', 'The SecureLink host is not running.'));
    return this.#send(port, message);
  }

  #send(port, message) {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve(error('timeout', `The SecureLink host did not answer within ${this.#requestTimeoutMs / 1000} s.`));
      }, this.#requestTimeoutMs);
      this.#pending.set(id, { resolve, timer });
      try {
        port.postMessage({ ...message, id });
      } catch {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(error('host_disconnected', 'The SecureLink host closed the connection.'));
      }
    });
  }

  async #hello(port) {
    const response = await this.#send(port, { type: 'hello', protocol: PROTOCOL_VERSION });
    if (port !== this.#port) return; // closed meanwhile; #closed already reported why
    if (response.ok && response.host) {
      const { version, protocol, pid } = response.host;
      this.#connectedAt = Date.now();
      this.#lastHost = Object.freeze({ version: String(version ?? ''), protocol: Number(protocol ?? 0), pid: Number(pid ?? 0) });
      this.#setStatus({ state: HostState.CONNECTED, host: this.#lastHost, reason: null, fix: null, retryAt: null });
    } else if (response.error?.code === 'unsupported_protocol') {
      this.#abandon(port);
      this.#setStatus({ state: HostState.INCOMPATIBLE, host: null, reason: String(response.error.message ?? ''),
        fix: { messageKey: 'fixUpgrade', commands: ['./securelink.sh'] }, retryAt: null });
    } else if (response.error?.code === 'timeout') {
      // A host that does not answer hello is as good as dead: drop it and start another.
      this.#abandon(port);
      this.#closed(null, response.error.message, { ours: true });
    } else if (response.ok === false && response.error?.code !== 'host_disconnected') {
      this.#abandon(port);
      this.#closed(null, String(response.error?.message ?? 'hello failed'), { ours: true });
    }
  }

  #onMessage(message) {
    if (message === null || typeof message !== 'object') { this.#dropped.unmatched++; return; }
    if ('id' in message && message.id !== null) {
      const entry = this.#pending.get(message.id);
      if (!entry) { this.#dropped.lateResponses++; return; }
      this.#pending.delete(message.id);
      clearTimeout(entry.timer);
      entry.resolve(message);
      return;
    }
    if (typeof message.event === 'string') {
      for (const listener of this.#eventListeners) listener(message);
      return;
    }
    this.#dropped.unmatched++; // e.g. an error for a frame whose id the host could not read
  }

  /** Closes a port from our side; the browser fires no onDisconnect for that. */
  #abandon(port) {
    if (port !== this.#port) return;
    this.#port = null;
    try { port.disconnect(); } catch { /* already gone */ }
  }

  #closed(port, reason, { ours = false } = {}) {
    if (port !== null && port !== this.#port) return; // a port we already replaced
    if (port !== null) this.#port = null;
    for (const [id, entry] of this.#pending) {
      clearTimeout(entry.timer);
      entry.resolve({ id, ...error('host_disconnected', 'The SecureLink host closed the connection.') });
    }
    this.#pending.clear();
    const helloAnswered = this.#connectedAt > 0;
    if (helloAnswered && Date.now() - this.#connectedAt >= STABLE_AFTER_MS) this.#failures = 0;
    this.#connectedAt = 0;
    const diagnosis = ours ? { state: HostState.CRASHED, fix: null } : diagnoseDisconnect(reason, { helloAnswered });
    const delay = backoffDelay(this.#failures);
    this.#failures++;
    // A crashed host is restarted on its own; a missing or misconfigured one is
    // polled only while a popup shows the fix, so an idle browser spawns nothing.
    const retry = diagnosis.state === HostState.CRASHED || this.#hasViewers();
    let retryAt = null;
    if (retry) {
      retryAt = Date.now() + delay;
      this.#retryTimer = setTimeout(() => { this.#retryTimer = null; this.connect(); }, delay);
    }
    const fix = diagnosis.fix ?? crashedFix(this.#failures);
    this.#setStatus({ state: diagnosis.state, host: null, reason: reason ?? null, fix, retryAt });
  }

  #clearRetry() {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #setStatus(fields) {
    this.#status = Object.freeze({ ...this.#status, ...fields, lastHost: this.#lastHost, failures: this.#failures });
    for (const listener of this.#statusListeners) listener(this.#status);
  }
}
