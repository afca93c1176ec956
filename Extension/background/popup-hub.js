// The popups' side of the background: accepts their runtime ports, answers the
// few requests that are the background's own (status, ping, reconnect),
// forwards the rest to the host with the popup's id restored on the answer,
// and pushes host events and status changes to every open popup.
import { api, disconnectReason } from '../lib/browser-api.js';
import { BackgroundRequest, POPUP_PORT_NAME, STATUS_EVENT } from '../lib/messages.js';

const MAX_TYPE_LENGTH = 64;

/** @returns {string|null} what is wrong with a popup request, or null */
export function requestProblem(message) {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return 'A request must be a JSON object.';
  const { id, type } = message;
  const idOk = (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && id.length > 0 && id.length <= 64);
  if (!idOk) return 'A request needs an id: an integer or a short string.';
  if (typeof type !== 'string' || type.length === 0 || type.length > MAX_TYPE_LENGTH) return 'A request needs a type.';
  return null;
}

export class PopupHub {
  #ports = new Set();
  /** port → what it said it shows ({conversation, visible}) */
  #views = new Map();
  #viewListeners = new Set();
  #answerListeners = new Set();
  #connection;
  #popOut;
  /** the view whose "Test microphone" has the host's microphone open, or null */
  #micCheckPort = null;

  /**
   * @param {import('./host-connection.js').HostConnection} connection
   * @param {{popOut?: () => Promise<number|null>}} [actions] opens the pop-out window
   */
  constructor(connection, { popOut = async () => null } = {}) {
    this.#connection = connection;
    this.#popOut = popOut;
    connection.onStatus((status) => this.#broadcast({ event: STATUS_EVENT, status }));
    connection.onEvent((event) => {
      if (event?.event === 'audio.monitor' && event.on === false) this.#micCheckPort = null;
      this.#broadcast(event);
    });
  }

  get viewerCount() { return this.#ports.size; }

  /** Some open view shows the conversation and is on screen. */
  get conversationOnScreen() {
    for (const v of this.#views.values()) if (v.conversation && v.visible) return true;
    return false;
  }

  /** @param {(request: object, response: object) => void} listener sees each host request a view made and its answer */
  onHostAnswer(listener) { this.#answerListeners.add(listener); }

  /** @param {(onScreen: boolean) => void} listener called when conversationOnScreen may have changed */
  onViews(listener) { this.#viewListeners.add(listener); }

  #viewsChanged() {
    const onScreen = this.conversationOnScreen;
    for (const listener of this.#viewListeners) listener(onScreen);
  }

  /** @param {chrome.runtime.Port} port from runtime.onConnect */
  accept(port) {
    // runtime.onConnect only hears our own extension's pages (we have no content
    // scripts, and other extensions would arrive on onConnectExternal).
    if (port.name !== POPUP_PORT_NAME || (port.sender?.id && port.sender.id !== api.runtime.id)) {
      port.disconnect();
      return;
    }
    this.#ports.add(port);
    port.onDisconnect.addListener((p) => {
      disconnectReason(p);
      this.#ports.delete(port);
      if (this.#views.delete(port)) this.#viewsChanged();
      // A page that closed cannot show the meter any more: the microphone must close with it.
      this.#releaseMicCheck(port);
    });
    port.onMessage.addListener((message) => { this.#handle(port, message); });
    this.#post(port, { event: STATUS_EVENT, status: this.#connection.status });
    this.#connection.viewerConnected();
  }

  async #handle(port, message) {
    const problem = requestProblem(message);
    if (problem) {
      const id = message && typeof message === 'object' && 'id' in message ? message.id : null;
      this.#post(port, { id, ok: false, error: { code: 'bad_request', message: problem } });
      return;
    }
    const { id, ...request } = message;
    switch (request.type) {
      case BackgroundRequest.PING:
        this.#post(port, { id, ok: true });
        return;
      case BackgroundRequest.STATUS_GET:
        this.#post(port, { id, ok: true, status: this.#connection.status });
        return;
      case BackgroundRequest.RECONNECT:
        this.#connection.reconnectNow();
        this.#post(port, { id, ok: true });
        return;
      case BackgroundRequest.VIEW_STATE:
        this.#views.set(port, { conversation: request.conversation === true, visible: request.visible === true });
        this.#viewsChanged();
        this.#post(port, { id, ok: true });
        return;
      case BackgroundRequest.POP_OUT: {
        let windowId = null;
        try { windowId = await this.#popOut(); } catch (e) {
          this.#post(port, { id, ok: false, error: { code: 'pop_out_failed', message: String(e?.message ?? e) } });
          return;
        }
        this.#post(port, { id, ok: true, windowId });
        return;
      }
      default: {
        const response = await this.#connection.request(request);
        if (request.type === 'audio.monitor' && response.ok) this.#noteMicCheck(port, request.on === true);
        for (const listener of this.#answerListeners) listener(request, response);
        this.#post(port, { ...response, id });
      }
    }
  }

  #noteMicCheck(port, on) {
    this.#micCheckPort = on ? port : null;
    // The page closed while the host was opening the microphone: close it again at once.
    if (on && !this.#ports.has(port)) this.#releaseMicCheck(port);
  }

  #releaseMicCheck(port) {
    if (this.#micCheckPort !== port) return;
    this.#micCheckPort = null;
    this.#connection.request({ type: 'audio.monitor', on: false });
  }

  #broadcast(message) {
    for (const port of this.#ports) this.#post(port, message);
  }

  #post(port, message) {
    if (!this.#ports.has(port)) return; // the popup closed while the host was answering
    try {
      port.postMessage(message);
    } catch {
      this.#ports.delete(port);
    }
  }
}
