// The popup's mirror of the host's call: built from state.get's `call` and
// kept current by call.state / call.stats events. The host owns the call (it
// survives the popup closing); this is only what to draw. Pure functions only:
// the DOM code and the tests both use them.

/** How long the "call ended" line stays once nobody dismisses it. */
export const ENDED_SHOW_MS = 10_000;

const STATES = new Set(['ringing', 'incoming', 'active']);

/** @returns the call model of a popup with no call */
export function emptyCallModel() {
  return Object.freeze({ call: null, stats: null, ended: null });
}

function cleanCall(call) {
  if (!call || !STATES.has(call.state)) return null;
  const out = {
    state: call.state,
    muted: call.muted === true,
    peerMuted: call.peerMuted === true,
    peerRinging: call.peerRinging === true,
  };
  if (typeof call.startedAt === 'string' && !Number.isNaN(Date.parse(call.startedAt))) out.startedAt = call.startedAt;
  if (typeof call.deviceProblem === 'string' && call.deviceProblem) out.deviceProblem = call.deviceProblem;
  return Object.freeze(out);
}

/** @param {object|null} call state.get's `call` @returns the model it describes (no figures yet: they follow as events) */
export function callModelFromSnapshot(call) {
  return Object.freeze({ call: cleanCall(call), stats: null, ended: null });
}

const finite = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function cleanStats(event) {
  const out = {};
  for (const f of ['rttMs', 'lossPct', 'jitterMs', 'mos', 'micLevel', 'remoteLossPct', 'bitrateBps', 'jitterBufferMs']) {
    const v = finite(event[f]);
    if (v !== null) out[f] = v;
  }
  return Object.freeze(out);
}

/**
 * @param {object} model
 * @param {object} event a host event
 * @param {number} now ms since the epoch (when an ended call was seen)
 * @returns the new model (the same object when the event is not about calls)
 */
export function applyCallEvent(model, event, now) {
  if (event?.event === 'call.stats') {
    // Figures belong to an active call only; a late one after the end is dropped.
    if (model.call?.state !== 'active') return model;
    return Object.freeze({ ...model, stats: cleanStats(event) });
  }
  if (event?.event !== 'call.state') return model;
  if (event.state === 'ended') {
    const ended = Object.freeze({
      reasonCode: typeof event.reasonCode === 'string' ? event.reasonCode : 'host_error',
      reason: typeof event.reason === 'string' ? event.reason : '',
      was: model.call?.state ?? null,
      at: now,
    });
    return Object.freeze({ call: null, stats: null, ended });
  }
  const call = cleanCall(event);
  if (!call) return model;
  // A new call clears the previous call's end; figures start over when a call starts.
  const stats = call.state === 'active' && model.call?.state === 'active' ? model.stats : null;
  return Object.freeze({ call, stats, ended: null });
}

/** Forgets the ended line (dismissed, or shown long enough). */
export function dismissEnded(model) {
  return model.ended ? Object.freeze({ ...model, ended: null }) : model;
}

/**
 * What the call area shows.
 * @param {object} model
 * @param {boolean} canCall the room is verified
 * @param {number} now
 * @returns {'none'|'idle'|'outgoing'|'incoming'|'active'|'ended'}
 */
export function callPanel(model, canCall, now) {
  const state = model.call?.state;
  if (state === 'ringing') return 'outgoing';
  if (state === 'incoming') return 'incoming';
  if (state === 'active') return 'active';
  if (model.ended && now - model.ended.at < ENDED_SHOW_MS) return 'ended';
  return canCall ? 'idle' : 'none';
}

/** Milliseconds since the call was answered; 0 when unknown or (clock skew) in the future. */
export function elapsedMs(startedAt, now) {
  const at = Date.parse(startedAt ?? '');
  return Number.isNaN(at) ? 0 : Math.max(0, now - at);
}

/** "0:07", "12:03", "1:02:03". */
export function formatDuration(ms) {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Words for a MOS (ITU-T P.800 listening scale, with the E-model's usual bands).
 * @returns {{key: string, level: 'good'|'fair'|'poor', mos: string} | null}
 */
export function qualityFor(mos) {
  if (typeof mos !== 'number' || !Number.isFinite(mos) || mos <= 0) return null;
  const shown = (Math.round(mos * 10) / 10).toFixed(1);
  if (mos >= 4.3) return { key: 'callQualityExcellent', level: 'good', mos: shown };
  if (mos >= 4.0) return { key: 'callQualityGood', level: 'good', mos: shown };
  if (mos >= 3.6) return { key: 'callQualityFair', level: 'fair', mos: shown };
  if (mos >= 3.1) return { key: 'callQualityPoor', level: 'poor', mos: shown };
  return { key: 'callQualityBad', level: 'poor', mos: shown };
}

/** The figures under the quality words, as display strings; a figure not known yet is '–'. */
export function statsFigures(stats) {
  const fmt = (v, digits) => (typeof v === 'number' ? v.toFixed(digits) : '–');
  return { rtt: fmt(stats?.rttMs, 0), loss: fmt(stats?.lossPct, 1), jitter: fmt(stats?.jitterMs, 0) };
}

/** Mic level 0..1 → whole percent 0..100 for the meter. */
export function levelPercent(micLevel) {
  const v = typeof micLevel === 'number' && Number.isFinite(micLevel) ? micLevel : 0;
  return Math.round(Math.min(1, Math.max(0, v)) * 100);
}

/** Message keys for the reason a call ended (from our side's view). */
export const CALL_REASON_KEYS = Object.freeze({
  hung_up: 'callReasonHungUp',
  peer_hung_up: 'callReasonPeerHungUp',
  declined: 'callReasonDeclined',
  peer_declined: 'callReasonPeerDeclined',
  no_answer: 'callReasonNoAnswer',
  peer_left: 'callReasonPeerLeft',
  peer_unreachable: 'callReasonPeerUnreachable',
  device_error: 'callReasonDeviceError',
  host_error: 'callReasonHostError',
});

/** The key for an ended call's line: a caller who gave up before we answered is a missed call. */
export function endedKey(ended) {
  if (!ended) return null;
  if (ended.reasonCode === 'peer_hung_up' && ended.was === 'incoming') return 'callReasonMissed';
  return CALL_REASON_KEYS[ended.reasonCode] ?? 'callReasonHostError';
}

/**
 * What the live region should say when the call model changed, as a message key; null when
 * nothing is news (a flag changed, figures arrived, or the popup just opened on a call).
 */
export function announcementFor(before, after) {
  const was = before.call?.state ?? null;
  const now = after.call?.state ?? null;
  if (now === was) {
    if (now === 'active' && before.call.peerMuted !== after.call.peerMuted) return after.call.peerMuted ? 'callAnnouncePeerMuted' : 'callAnnouncePeerUnmuted';
    return null;
  }
  if (now === 'incoming') return 'callAnnounceIncoming';
  if (now === 'ringing') return 'callAnnounceCalling';
  if (now === 'active') return 'callAnnounceActive';
  if (now === null && after.ended && !before.ended) return endedKey(after.ended);
  return null;
}
