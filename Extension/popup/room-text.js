// The words the popup shows for a failed room or a refused request: the
// host's own sentence when it sent one, else ours for the stable code.
import { t } from '../lib/i18n.js';
import { REASON_KEYS } from './room-model.js';

/** Localized words for an error response: the host's sentence, else ours for its code. */
export function errorText(error) {
  if (error?.message) return String(error.message);
  const key = { host_unavailable: 'errorHostUnavailable', timeout: 'errorTimeout' }[error?.code];
  return t(key ?? 'errorGeneric');
}

/** The reason sentence of a failed or closed room, with our own words as fallback. */
export function reasonText(room) {
  if (room?.reason) return String(room.reason);
  const key = REASON_KEYS[room?.reasonCode];
  return key ? t(key) : '';
}
