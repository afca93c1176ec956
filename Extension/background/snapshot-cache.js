// The host's last state.get answer, kept current from host events, so that a
// popup that opens can draw the room and its conversation from the first
// message the background sends it instead of waiting for its own state.get to
// go popup → background → host → background → popup. The popup still asks the
// host, and the host's answer is what it keeps: this is a head start, not a
// second source of truth. It lives in this worker's memory only (never in
// storage) and is dropped when the host goes away or the room is left; what
// it cannot follow exactly from events (a new room state, a room it does not
// know) it asks the host for again instead of guessing.

/** The host's own bound on state.get's history (DESIGN.md §4 "Chat"), here in characters of text: near enough for a head start. */
export const HISTORY_BUDGET = 768 * 1024;

/** Requests whose success changes the room in ways only the host can describe. */
const REFETCH_AFTER = new Set(['room.create', 'room.join', 'room.accept']);
const CALL_STATES = new Set(['ringing', 'incoming', 'active']);

const EMPTY = Object.freeze({ room: null, messages: [], hasOlder: false, call: null });

export class SnapshotCache {
  /** @type {{room: object|null, messages: object[], hasOlder: boolean, call: object|null}|null} */
  #snapshot = null;
  #size = 0;
  #request;
  /** Counts invalidations: an answer to a state.get sent before the last one is stale. */
  #generation = 0;
  #asking = false;

  /** @param {{request: (message: object) => Promise<object>}} host sends a request to the host */
  constructor(host) {
    this.#request = host.request;
  }

  /** What a popup may draw at once: a plain object in state.get's shape (room, messages, hasOlder, call), or null. */
  get snapshot() { return this.#snapshot; }

  /** The host connected or went away: a new host process is a new, empty session, so forget the old one's. */
  reset() {
    this.#drop();
  }

  /** Sees every host request a view (or the background itself) made and the host's answer. */
  answered(request, response) {
    if (!response?.ok) return;
    if (request.type === 'state.get') this.#take(response, this.#generation);
    else if (request.type === 'room.leave') this.#set({ ...EMPTY, messages: [] });
    else if (REFETCH_AFTER.has(request.type)) this.#refetch();
  }

  /** @param {object} event a host event */
  event(event) {
    const snapshot = this.#snapshot;
    if (snapshot === null) return;
    switch (event?.event) {
      case 'room.state':
        // Which codes, reasons and attempts a state shows is the host's to say (docs/protocol.md, state.get).
        this.#refetch();
        return;
      case 'chat.message': {
        if (typeof event.messageId !== 'string' || typeof event.text !== 'string') return;
        if (snapshot.messages.some((m) => m.messageId === event.messageId)) return;
        const { messageId, from, text, sentAt } = event;
        snapshot.messages.push({ messageId, from, text, sentAt, status: 'sent' });
        this.#size += text.length;
        this.#trim();
        return;
      }
      case 'chat.receipt': {
        const i = snapshot.messages.findLastIndex((m) => m.messageId === event.messageId);
        if (i >= 0 && event.status === 'delivered') snapshot.messages[i] = { ...snapshot.messages[i], status: 'delivered' };
        return;
      }
      case 'call.state': {
        const { event: _name, ...call } = event;
        // An ended call is not shown again (state.get's `call` is null then).
        snapshot.call = CALL_STATES.has(call.state) ? call : null;
        return;
      }
      default:
    }
  }

  #take(response, generation) {
    if (generation !== this.#generation) return; // asked before something changed: the next answer will do
    const messages = Array.isArray(response.messages) ? [...response.messages] : [];
    this.#set({ room: response.room ?? null, messages, hasOlder: response.hasOlder === true, call: response.call ?? null });
  }

  #set(snapshot) {
    this.#snapshot = snapshot;
    this.#size = 0;
    for (const m of snapshot.messages) this.#size += typeof m?.text === 'string' ? m.text.length : 0;
    this.#trim();
  }

  #trim() {
    const snapshot = this.#snapshot;
    let drop = 0;
    while (this.#size > HISTORY_BUDGET && drop < snapshot.messages.length - 1) this.#size -= snapshot.messages[drop++].text.length;
    if (drop === 0) return;
    snapshot.messages.splice(0, drop);
    snapshot.hasOlder = true;
  }

  #drop() {
    this.#generation++;
    this.#snapshot = null;
    this.#size = 0;
  }

  #refetch() {
    this.#drop();
    this.#ask();
  }

  /** One state.get at a time; an answer overtaken by a later change asks again. */
  async #ask() {
    if (this.#asking) return;
    this.#asking = true;
    try {
      for (;;) {
        const generation = this.#generation;
        const response = await this.#request({ type: 'state.get' });
        if (!response?.ok) return;
        if (generation === this.#generation) { this.#take(response, generation); return; }
      }
    } finally {
      this.#asking = false;
    }
  }
}
