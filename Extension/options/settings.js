// Settings the person chooses on the options page: STUN servers for Internet
// mode, PIN length, invite lifetime, notifications, theme and audio devices.
// Settings only: nothing about rooms or conversations is ever stored.
// Validation is pure so the tests can reach it.

/** Notifications for messages and their previews are off until the person turns them on; calls ring by default. */
export const DEFAULT_SETTINGS = Object.freeze({
  stunServers: Object.freeze([]), pinDigits: 4, inviteMinutes: 10,
  notifyCalls: true, notifyMessages: false, notifyPreviews: false,
  theme: 'system', audioInput: 'default', audioOutput: 'default',
});
export const THEMES = Object.freeze(['system', 'light', 'dark']);
export const PIN_DIGITS = Object.freeze({ min: 4, max: 10 });
/** The host takes 10–3600 s; the page offers whole minutes. */
export const INVITE_MINUTES = Object.freeze({ min: 1, max: 60 });
/** The one storage.local key: a settings object. */
export const SETTINGS_KEY = 'settings';
const STORAGE_KEY = SETTINGS_KEY;
/** An audio device id as the host names it; 'default' is the system's own choice. */
const DEVICE_ID = /^[\x20-\x7e]{1,256}$/;
/** The host takes at most this many STUN servers. */
export const MAX_STUN_SERVERS = 8;

const HOSTNAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;

/**
 * One STUN entry: `host:port`, `[v6]:port`, with or without a `stun:` prefix.
 * @returns {{server: string|null, problem: null|'stunNoPort'|'stunBadPort'|'stunBadHost'|'stunTurn'}}
 *   server is normalised to `HOST:PORT` (what the host's room.create takes)
 */
export function parseStunServer(entry) {
  let text = String(entry).trim();
  if (/^turns?:/i.test(text)) return { server: null, problem: 'stunTurn' };
  text = text.replace(/^stun:/i, '');
  let host;
  let port;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(text);
  if (v6) {
    [, host, port] = v6;
    if (!IPV6_CHARS.test(host) || !host.includes(':')) return { server: null, problem: 'stunBadHost' };
    host = `[${host}]`;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) return { server: null, problem: 'stunNoPort' };
    host = text.slice(0, colon);
    port = text.slice(colon + 1);
    if (host.includes(':')) return { server: null, problem: 'stunBadHost' }; // a bare IPv6 needs brackets
    const dotted = /^[\d.]+$/.test(host);
    if (dotted ? !IPV4.test(host) : !HOSTNAME.test(host)) return { server: null, problem: 'stunBadHost' };
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return { server: null, problem: 'stunBadPort' };
  return { server: `${host.toLowerCase()}:${Number(port)}`, problem: null };
}

/**
 * A list typed one per line (commas and spaces also separate entries).
 * @returns {{servers: string[], errors: {entry: string, problem: string}[]}} duplicates dropped, order kept
 */
export function parseStunList(text) {
  const servers = [];
  const errors = [];
  for (const entry of String(text).split(/[\s,]+/).filter(Boolean)) {
    const { server, problem } = parseStunServer(entry);
    if (problem) errors.push({ entry, problem });
    else if (!servers.includes(server)) servers.push(server);
  }
  if (servers.length > MAX_STUN_SERVERS) errors.push({ entry: servers[MAX_STUN_SERVERS], problem: 'stunTooMany' });
  return { servers, errors };
}

/** @returns {null|'pinDigitsRange'} */
export function checkPinDigits(value) {
  const n = Number(value);
  return Number.isInteger(n) && n >= PIN_DIGITS.min && n <= PIN_DIGITS.max ? null : 'pinDigitsRange';
}

/** @returns {null|'inviteMinutesRange'} */
export function checkInviteMinutes(value) {
  const n = Number(value);
  return Number.isInteger(n) && n >= INVITE_MINUTES.min && n <= INVITE_MINUTES.max ? null : 'inviteMinutesRange';
}

/** Whatever is stored (an older or hand-edited value), made valid. */
export function normalizeSettings(stored) {
  const s = stored && typeof stored === 'object' ? stored : {};
  const stun = Array.isArray(s.stunServers) ? parseStunList(s.stunServers.join('\n')).servers.slice(0, MAX_STUN_SERVERS) : [];
  const flag = (name) => (typeof s[name] === 'boolean' ? s[name] : DEFAULT_SETTINGS[name]);
  const device = (name) => (typeof s[name] === 'string' && DEVICE_ID.test(s[name]) ? s[name] : 'default');
  return Object.freeze({
    stunServers: Object.freeze(stun),
    pinDigits: checkPinDigits(s.pinDigits) ? DEFAULT_SETTINGS.pinDigits : Number(s.pinDigits),
    inviteMinutes: checkInviteMinutes(s.inviteMinutes) ? DEFAULT_SETTINGS.inviteMinutes : Number(s.inviteMinutes),
    notifyCalls: flag('notifyCalls'),
    notifyMessages: flag('notifyMessages'),
    // A preview without the notification it belongs to means nothing; kept as chosen, used only with it.
    notifyPreviews: flag('notifyPreviews'),
    theme: THEMES.includes(s.theme) ? s.theme : DEFAULT_SETTINGS.theme,
    audioInput: device('audioInput'),
    audioOutput: device('audioOutput'),
  });
}

/** The room.create request these settings make for a mode. */
export function createRequest(mode, settings) {
  const request = { type: 'room.create', mode, pinDigits: settings.pinDigits, expiresInSeconds: settings.inviteMinutes * 60 };
  if (mode === 'internet') request.stunServers = [...settings.stunServers];
  return request;
}

/** @param {chrome.storage.StorageArea|undefined} area storage.local */
export async function loadSettings(area) {
  if (!area) return DEFAULT_SETTINGS;
  try {
    const got = await area.get(STORAGE_KEY);
    return normalizeSettings(got?.[STORAGE_KEY]);
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** @param {chrome.storage.StorageArea} area storage.local */
export async function saveSettings(area, settings) {
  const clean = normalizeSettings(settings);
  await area.set({ [STORAGE_KEY]: { ...clean, stunServers: [...clean.stunServers] } });
  return clean;
}
