// What the background needs to know about the room while no popup may be open:
// its state, the call's state and how many of the peer's messages nobody has
// seen. Built only from host events and one state.get after each (re)connect;
// it holds counts and states, never a message's text. The badge and the
// notifications follow it.
import { HostState } from '../lib/messages.js';

/** Room states in which the room is still being set up (the badge's dot). */
export const SETTING_UP = Object.freeze(['waiting-reply', 'waiting-creator', 'connecting', 'authenticating']);

export class RoomWatch {
  #state = Object.freeze({ hostConnected: false, roomState: null, unread: 0, callState: null });
  #viewing = false;
  #listeners = new Set();

  get state() { return this.#state; }

  /** @param {(state: object, cause: object|null) => void} listener cause is the host event that changed it, if any */
  onChange(listener) { this.#listeners.add(listener); }

  /** @param {object} status the host connection's status */
  hostStatus(status) {
    const connected = status.state === HostState.CONNECTED;
    if (connected === this.#state.hostConnected) return;
    // A new host process is a new, empty session: nothing of the old room is left.
    this.#set({ hostConnected: connected, roomState: null, unread: 0, callState: null }, null);
  }

  /** The host's state.get answer, after a (re)connect: the room as it is now. */
  snapshot(response) {
    if (!response?.ok) return;
    const roomState = typeof response.room?.state === 'string' ? response.room.state : null;
    const callState = typeof response.call?.state === 'string' ? response.call.state : null;
    this.#set({ roomState, callState }, null);
  }

  /** A popup shows (or stopped showing) the conversation: what it shows is read. */
  viewing(showing) {
    this.#viewing = showing;
    if (showing && this.#state.unread > 0) this.#set({ unread: 0 }, null);
  }

  get conversationOnScreen() { return this.#viewing; }

  /** @param {object} event a host event */
  event(event) {
    switch (event?.event) {
      case 'room.state':
        // A room that ended keeps its unread count: those messages can still be read until it is left.
        this.#set({ roomState: String(event.state) }, event);
        return;
      case 'chat.message':
        if (event.from === 'peer' && !this.#viewing) this.#set({ unread: this.#state.unread + 1 }, event);
        else this.#emit(event);
        return;
      case 'call.state':
        this.#set({ callState: event.state === 'ended' ? null : String(event.state) }, event);
        return;
      default:
    }
  }

  /** The person left the room from a popup (room.leave answered ok). */
  left() { this.#set({ roomState: null, unread: 0, callState: null }, null); }

  #set(fields, cause) {
    this.#state = Object.freeze({ ...this.#state, ...fields });
    this.#emit(cause);
  }

  #emit(cause) {
    for (const listener of this.#listeners) listener(this.#state, cause);
  }
}
