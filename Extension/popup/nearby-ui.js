// Nearby rooms in the popup (docs/protocol.md §8): the "Visible on this
// network" switch when starting a room, the label the room is visible as, and
// on the join screen a list of rooms found on this network, so the joiner
// only types the PIN. Looking happens only when the person asks (it sends
// multicast DNS queries); the switch is off by default. The markup is built
// here and placed into the existing screens, so the room screens stay as they
// are. Text is set with textContent only; every string comes from _locales.
import { t } from '../lib/i18n.js';
import { formatCountdown, secondsLeft } from './room-model.js';

const BROWSE_SECONDS = 3;

/** Extra room.create fields: `visible` when the switch is on. */
export function nearbyCreateFields(doc) {
  return doc.getElementById('nearby-visible')?.checked ? { visible: true } : {};
}

function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

export class NearbyUi {
  #doc;
  #client;
  #now;
  #rooms = [];
  #picked = null;
  #browsing = false;
  #ready = false;

  /**
   * @param {Document} doc
   * @param {import('./background-client.js').BackgroundClient} client
   * @param {{now?: () => number}} [env]
   */
  constructor(doc, client, env = {}) {
    this.#doc = doc;
    this.#client = client;
    this.#now = env.now ?? (() => Date.now());
    this.#build();
    client.onEvent((event) => this.#onEvent(event));
  }

  /** The host (re)connected or went away. */
  setHostReady(ready) {
    const was = this.#ready;
    this.#ready = ready;
    this.#byId('nearby-find').disabled = !ready || this.#browsing;
    if (!ready) { this.#rooms = []; this.#renderList(); }
    if (ready && !was) this.#refreshStatus();
  }

  /** Once a second: the "expires in" of each listed room. */
  tick() {
    if (this.#rooms.some((r) => secondsLeft(r.expiresAt, this.#now()) <= 0)) {
      this.#rooms = this.#rooms.filter((r) => secondsLeft(r.expiresAt, this.#now()) > 0);
      this.#renderList();
      return;
    }
    for (const item of this.#doc.querySelectorAll('#nearby-list [data-expires]')) {
      const text = this.#expiryText(item.dataset.expires);
      if (item.textContent !== text) item.textContent = text;
    }
  }

  #byId(id) { return this.#doc.getElementById(id); }

  #build() {
    const doc = this.#doc;
    // Start screen: the switch, before the error line.
    const hintId = 'nearby-visible-hint';
    const visible = el(doc, 'div', { class: 'nearby-switch' }, [
      el(doc, 'input', { type: 'checkbox', id: 'nearby-visible', role: 'switch', 'aria-describedby': hintId }),
      el(doc, 'label', { for: 'nearby-visible', text: t('nearbyVisible') }),
      el(doc, 'p', { id: hintId, class: 'hint', text: t('nearbyVisibleHint') }),
    ]);
    this.#byId('start-error').before(visible);

    // Invite screen: the label the room is visible as.
    this.#byId('invite-expiry').after(el(doc, 'p', { id: 'nearby-advertised', class: 'note ok nearby-advertised', hidden: '' }));

    // Reply screen: no need to hand the reply over.
    this.#byId('reply-missing').before(el(doc, 'p', { id: 'nearby-reply-sent', class: 'note ok', hidden: '', text: t('nearbyReplySent') }));

    // Join screen: the list, above the invite field.
    const section = el(doc, 'section', { class: 'nearby', 'aria-labelledby': 'nearby-heading' }, [
      el(doc, 'div', { class: 'nearby-head' }, [
        el(doc, 'h3', { id: 'nearby-heading', text: t('nearbyHeading') }),
        el(doc, 'button', { type: 'button', id: 'nearby-find', class: 'secondary small', text: t('nearbyFind'), disabled: '' }),
      ]),
      el(doc, 'p', { id: 'nearby-status', class: 'hint', role: 'status', 'aria-live': 'polite' }),
      el(doc, 'ul', { id: 'nearby-list', class: 'nearby-list', 'aria-labelledby': 'nearby-heading' }),
    ]);
    this.#byId('screen-join').querySelector('.step-title').after(section);
    this.#byId('nearby-find').addEventListener('click', () => this.#browse());
    // Typing another invite by hand undoes the pick.
    this.#byId('join-invite').addEventListener('input', (e) => {
      if (this.#picked && e.isTrusted && e.target.value.trim() !== this.#picked.invite) { this.#picked = null; this.#renderList(); }
    });
  }

  async #browse() {
    if (this.#browsing) return;
    this.#browsing = true;
    this.#byId('nearby-find').disabled = true;
    this.#setStatus(t('nearbyLooking'));
    const response = await this.#client.request({ type: 'nearby.browse', seconds: BROWSE_SECONDS });
    if (!response.ok) {
      this.#browsing = false;
      this.#byId('nearby-find').disabled = !this.#ready;
      this.#setStatus(t('nearbyUnavailable', [response.error?.message ?? '']));
    }
    // Results arrive as nearby.rooms events.
  }

  #onEvent(event) {
    if (event.event === 'nearby.rooms') {
      this.#rooms = (Array.isArray(event.rooms) ? event.rooms : [])
        .filter((r) => typeof r?.label === 'string' && typeof r?.invite === 'string' && typeof r?.expiresAt === 'string');
      this.#renderList();
      if (event.done) {
        this.#browsing = false;
        this.#byId('nearby-find').disabled = !this.#ready;
        this.#byId('nearby-find').textContent = t('nearbyFindAgain');
        this.#setStatus(this.#rooms.length === 0 ? t('nearbyNone') : t('nearbyFound', [String(this.#rooms.length)]));
      }
    } else if (event.event === 'room.state') {
      this.#refreshStatus();
    }
  }

  async #refreshStatus() {
    const response = await this.#client.request({ type: 'nearby.status' });
    const advertised = this.#byId('nearby-advertised');
    const label = response.ok && response.visible ? response.label : null;
    advertised.hidden = !label;
    const text = label ? (response.advertising ? t('nearbyAdvertised', [label]) : t('nearbyNoLongerShown', [label])) : '';
    if (advertised.textContent !== text) advertised.textContent = text;
    this.#byId('nearby-reply-sent').hidden = !(response.ok && response.replyAnnounced);
  }

  #setStatus(text) {
    const status = this.#byId('nearby-status');
    if (status.textContent !== text) status.textContent = text;
  }

  #expiryText(expiresAt) {
    const left = secondsLeft(expiresAt, this.#now());
    return Number.isNaN(left) ? '' : t('nearbyExpires', [formatCountdown(Math.max(0, left))]);
  }

  #renderList() {
    const doc = this.#doc;
    const list = this.#byId('nearby-list');
    const focused = doc.activeElement?.closest?.('#nearby-list') ? doc.activeElement.dataset.invite : null;
    list.replaceChildren(...this.#rooms.map((room) => {
      const picked = this.#picked?.invite === room.invite;
      const button = el(doc, 'button', {
        type: 'button', class: 'nearby-room', 'aria-pressed': String(picked), 'aria-label': t('nearbyJoinRoom', [room.label]),
      }, [
        el(doc, 'span', { class: 'nearby-label', text: room.label }),
        el(doc, 'span', { class: 'nearby-expiry', 'data-expires': room.expiresAt, text: this.#expiryText(room.expiresAt) }),
      ]);
      button.dataset.invite = room.invite;
      button.addEventListener('click', () => this.#pick(room));
      return el(doc, 'li', {}, [button]);
    }));
    // Re-rendering must not drop focus (a new event may arrive while a room is focused).
    if (focused) [...list.querySelectorAll('button')].find((b) => b.dataset.invite === focused)?.focus();
  }

  #pick(room) {
    this.#picked = room;
    const invite = this.#byId('join-invite');
    invite.value = room.invite;
    invite.dispatchEvent(new Event('input', { bubbles: true }));
    this.#renderList();
    this.#setStatus(t('nearbyPicked', [room.label]));
    this.#byId('join-pin').focus();
  }
}
