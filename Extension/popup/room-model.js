// The popup's mirror of the host's room: built from a state.get snapshot and
// kept current by host events. It is thrown away when the popup closes (the
// host owns the real state), so nothing here is ever persisted. Pure
// functions only: the DOM code and the tests both use them.

/** UTF-8 byte limit of one chat message (DESIGN.md §4 "Chat"). */
export const MAX_MESSAGE_BYTES = 65_536;
/** The byte counter appears once a draft is this close to the limit. */
export const BYTE_COUNTER_FROM = 60_000;
/** Wrong PIN attempts a room allows before it is burned. */
export const MAX_PIN_ATTEMPTS = 3;

const ROOM_FIELDS = ['roomId', 'role', 'state', 'mode', 'safetyCode', 'reasonCode', 'reason', 'failedAttempts', 'expiresAt',
  'invite', 'inviteQrSvg', 'pin', 'reply', 'replyQrSvg'];

/** @returns the model of a popup that has not heard from the host yet */
export function emptyModel() {
  return Object.freeze({ loaded: false, room: null, messages: Object.freeze([]), hasOlder: false, peerTyping: false });
}

const pick = (source, fields) => {
  const out = {};
  for (const f of fields) if (source?.[f] !== undefined && source[f] !== null) out[f] = source[f];
  return out;
};

function cleanMessage(m) {
  if (!m || typeof m.messageId !== 'string' || typeof m.text !== 'string') return null;
  return Object.freeze({
    messageId: m.messageId,
    from: m.from === 'me' ? 'me' : 'peer',
    text: m.text,
    sentAt: typeof m.sentAt === 'string' ? m.sentAt : '',
    status: m.status === 'delivered' ? 'delivered' : 'sent',
  });
}

/**
 * @param {object} snapshot a successful state.get response
 * @returns the model it describes
 */
export function fromSnapshot(snapshot) {
  const room = snapshot?.room ? Object.freeze(pick(snapshot.room, ROOM_FIELDS)) : null;
  const messages = (Array.isArray(snapshot?.messages) ? snapshot.messages : []).map(cleanMessage).filter(Boolean);
  return Object.freeze({ loaded: true, room, messages: Object.freeze(messages), hasOlder: snapshot?.hasOlder === true, peerTyping: false });
}

/** Adds what room.create / room.join answered (invite, PIN, reply) to the room. */
export function withCodes(model, response) {
  const codes = pick(response, ['roomId', 'invite', 'inviteQrSvg', 'pin', 'expiresAt', 'reply', 'replyQrSvg']);
  return Object.freeze({ ...model, room: Object.freeze({ ...(model.room ?? {}), ...codes }) });
}

/** Older messages from chat.history go in front; ones already shown are skipped. */
export function withOlder(model, page) {
  const known = new Set(model.messages.map((m) => m.messageId));
  const older = (Array.isArray(page?.messages) ? page.messages : []).map(cleanMessage).filter((m) => m && !known.has(m.messageId));
  return Object.freeze({ ...model, messages: Object.freeze([...older, ...model.messages]), hasOlder: page?.hasOlder === true });
}

/**
 * @param {object} model
 * @param {object} event a host event (`{event: "room.state", ...}`)
 * @returns {{model: object, refresh: boolean}} the new model; refresh says the popup should ask state.get again
 *   (an event about a room this view does not know yet, e.g. made from another popup)
 */
export function applyEvent(model, event) {
  switch (event?.event) {
    case 'room.state': {
      if (model.room === null) return { model, refresh: true };
      const room = { ...model.room, state: String(event.state) };
      // Optional fields are left out when they do not apply: a new state carries its own reason.
      delete room.reasonCode;
      delete room.reason;
      if (event.reasonCode) room.reasonCode = event.reasonCode;
      if (event.reason) room.reason = event.reason;
      if (typeof event.failedAttempts === 'number') room.failedAttempts = event.failedAttempts;
      if (event.safetyCode) room.safetyCode = event.safetyCode;
      const peerTyping = room.state === 'verified' ? model.peerTyping : false;
      return { model: Object.freeze({ ...model, room: Object.freeze(room), peerTyping }), refresh: false };
    }
    case 'chat.message': {
      const message = cleanMessage({ ...event, status: 'sent' });
      if (!message || model.messages.some((m) => m.messageId === message.messageId)) return { model, refresh: false };
      // A peer's message ends its typing hint.
      const peerTyping = message.from === 'peer' ? false : model.peerTyping;
      return { model: Object.freeze({ ...model, messages: Object.freeze([...model.messages, message]), peerTyping }), refresh: false };
    }
    case 'chat.receipt': {
      if (event.status !== 'delivered') return { model, refresh: false };
      let changed = false;
      const messages = model.messages.map((m) => {
        if (m.messageId !== event.messageId || m.status === 'delivered') return m;
        changed = true;
        return Object.freeze({ ...m, status: 'delivered' });
      });
      // A receipt for a message not shown yet means our view is behind: ask again.
      if (!changed) return { model, refresh: !model.messages.some((m) => m.messageId === event.messageId) };
      return { model: Object.freeze({ ...model, messages: Object.freeze(messages) }), refresh: false };
    }
    case 'chat.typing':
      return { model: Object.freeze({ ...model, peerTyping: event.typing === true }), refresh: false };
    default:
      return { model, refresh: false };
  }
}

/**
 * Which screen the room area shows.
 * @param {object} model
 * @param {string|null} draft the step the person opened with no room yet: 'start' | 'join' | null
 * @returns {'loading'|'home'|'start'|'join'|'invite'|'reply'|'progress'|'conversation'|'failed'}
 */
export function screenFor(model, draft) {
  if (!model.loaded) return 'loading';
  const room = model.room;
  if (room === null) return draft === 'start' || draft === 'join' ? draft : 'home';
  switch (room.state) {
    case 'waiting-reply': return 'invite';
    case 'waiting-creator': return 'reply';
    case 'connecting':
    case 'authenticating': return 'progress';
    case 'verified': return 'conversation';
    // A conversation that ended stays readable until its person leaves it.
    case 'closed': return model.messages.length > 0 || room.safetyCode ? 'conversation' : 'failed';
    default: return 'failed';
  }
}

/** Reason codes the popup has its own words for (when the host sends no sentence). */
export const REASON_KEYS = Object.freeze({
  peer_left: 'reasonPeerLeft',
  peer_unreachable: 'reasonPeerUnreachable',
  wrong_pin: 'reasonWrongPin',
  room_burned: 'reasonRoomBurned',
  invite_expired: 'reasonInviteExpired',
  fingerprint_mismatch: 'reasonFingerprintMismatch',
  ice_failed: 'reasonIceFailed',
  no_direct_path: 'reasonNoDirectPath',
  host_error: 'reasonHostError',
});

/**
 * What to tell the person next, as message keys (and substitutions).
 * @returns {{key: string, subs?: string[]} | null}
 */
export function nextStep(room) {
  if (!room) return null;
  const code = room.reasonCode;
  if (room.state === 'waiting-reply' && code === 'wrong_pin') {
    const n = Number(room.failedAttempts ?? 1);
    return { key: 'nextWrongPinCreator', subs: [String(n), String(MAX_PIN_ATTEMPTS), String(Math.max(0, MAX_PIN_ATTEMPTS - n))] };
  }
  if (room.state === 'closed') return { key: code === 'peer_left' ? 'nextPeerLeft' : 'nextClosed' };
  if (room.state !== 'failed') return null;
  switch (code) {
    case 'wrong_pin': return { key: 'nextWrongPinJoiner' };
    case 'room_burned': return { key: 'nextRoomBurned' };
    case 'invite_expired': return { key: 'nextInviteExpired' };
    case 'no_direct_path': return { key: 'nextNoDirectPath' };
    case 'fingerprint_mismatch': return { key: 'nextFingerprintMismatch' };
    default: return { key: 'nextTryAgain' };
  }
}

/** @returns {number} UTF-8 length of a string (lone surrogates count as U+FFFD, as the host's encoder sees them) */
export function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

/**
 * @returns {{bytes: number, tooLong: boolean, showCounter: boolean, empty: boolean}}
 */
export function draftInfo(text) {
  const bytes = utf8Length(text);
  return { bytes, tooLong: bytes > MAX_MESSAGE_BYTES, showCounter: bytes >= BYTE_COUNTER_FROM, empty: text.trim().length === 0 };
}

/**
 * A PIN as typed: spaces and dashes people add are dropped; anything else that
 * is not a digit makes it invalid.
 * @returns {{pin: string, problem: null|'pinEmpty'|'pinNotDigits'|'pinLength'}}
 */
export function checkPin(text, { min = 4, max = 10 } = {}) {
  const pin = String(text).replace(/[\s-]/g, '');
  if (pin.length === 0) return { pin, problem: 'pinEmpty' };
  if (!/^[0-9]+$/.test(pin)) return { pin, problem: 'pinNotDigits' };
  if (pin.length < min || pin.length > max) return { pin, problem: 'pinLength' };
  return { pin, problem: null };
}

/** A pasted code: whitespace and line breaks people add are dropped (the host ignores them too). */
export function cleanCode(text) {
  return String(text).replace(/\s+/g, '');
}

/** @returns {number} whole seconds left until an ISO time, never negative; NaN when there is no time */
export function secondsLeft(expiresAt, now) {
  const at = Date.parse(expiresAt ?? '');
  if (Number.isNaN(at)) return Number.NaN;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "9:05" for 545 s. */
export function formatCountdown(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Base64 of a QR SVG for an `<img src="data:image/svg+xml;base64,…">` (never put into the DOM as markup). */
export function svgDataUrl(svg) {
  const bytes = new TextEncoder().encode(String(svg));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** The state the status line announces, as a message key. */
export const STATE_KEYS = Object.freeze({
  'waiting-reply': 'roomWaitingReply',
  'waiting-creator': 'roomWaitingCreator',
  connecting: 'roomConnecting',
  authenticating: 'roomAuthenticating',
  verified: 'roomVerified',
  failed: 'roomFailed',
  closed: 'roomClosed',
});
