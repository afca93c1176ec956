// The popup "popped out" into a small window of its own, which does not close
// when it loses focus: for a long conversation or a call. One at a time; asking
// again brings the open one to the front. It is the same page, connected to
// this same background, so both views show the one host session.
import { api } from '../lib/browser-api.js';

export const POP_OUT_PATH = 'popup/popup.html?view=window';
export const POP_OUT_SIZE = Object.freeze({ width: 400, height: 660 });

export class PopOut {
  #windowId = null;

  constructor() {
    api.windows?.onRemoved?.addListener((id) => { if (id === this.#windowId) this.#windowId = null; });
  }

  /** @returns {Promise<number|null>} the window's id */
  async open() {
    if (!api.windows) return null;
    if (this.#windowId !== null) {
      try {
        await api.windows.update(this.#windowId, { focused: true });
        return this.#windowId;
      } catch {
        this.#windowId = null; // closed without our hearing
      }
    }
    const made = await api.windows.create({ url: api.runtime.getURL(POP_OUT_PATH), type: 'popup', focused: true, ...POP_OUT_SIZE });
    this.#windowId = made?.id ?? null;
    return this.#windowId;
  }
}
