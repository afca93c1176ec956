// Unit tests of the popup's room logic: snapshot + events → model → screen,
// next-step advice, PIN and code cleaning, byte counting, the typing
// notifier, the scan hand-back and the settings validation.
// Run: node --test Extension/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { installFakeChrome } from './fake-browser.mjs';

installFakeChrome();
const model = await import('../popup/room-model.js');
const { TypingNotifier, TYPING_IDLE_MS, TYPING_REPEAT_MS } = await import('../popup/conversation-ui.js');
const settings = await import('../options/settings.js');
const handback = await import('../scan/handback.js');
const { errorText, reasonText } = await import('../popup/room-text.js');
await import('../popup/room-ui.js'); // loads without a DOM
const { applyEvent, fromSnapshot, screenFor, nextStep, withCodes, withOlder } = model;

const snapshot = (room, messages = [], hasOlder = false) => ({ id: 1, ok: true, room, messages, hasOlder, call: null });
const creator = (state, extra = {}) => ({ roomId: 'ab12', role: 'creator', state, mode: 'offline', ...extra });
const msg = (id, from, text, status = 'sent') => ({ messageId: id, from, text, sentAt: '2026-12-01T18:07:12.345Z', status });
const fold = (m, ...events) => events.reduce((acc, e) => applyEvent(acc, e).model, m);

test('no snapshot yet is loading; no room is home, or the step the person opened', () => {
  assert.equal(screenFor(model.emptyModel(), null), 'loading');
  const empty = fromSnapshot(snapshot(null));
  assert.equal(screenFor(empty, null), 'home');
  assert.equal(screenFor(empty, 'start'), 'start');
  assert.equal(screenFor(empty, 'join'), 'join');
  assert.equal(screenFor(empty, 'bogus'), 'home');
});

test('every room state maps to its screen; a room overrides a draft', () => {
  const cases = { 'waiting-reply': 'invite', 'waiting-creator': 'reply', connecting: 'progress', authenticating: 'progress', verified: 'conversation', failed: 'failed' };
  for (const [state, screen] of Object.entries(cases)) assert.equal(screenFor(fromSnapshot(snapshot(creator(state))), 'join'), screen, state);
  assert.equal(screenFor(fromSnapshot(snapshot(creator('some-future-state'))), null), 'failed');
});

test('a closed room keeps its conversation readable, and is a status screen if it never got one', () => {
  assert.equal(screenFor(fromSnapshot(snapshot(creator('closed', { reasonCode: 'peer_left', safetyCode: '1234 5678' }))), null), 'conversation');
  assert.equal(screenFor(fromSnapshot(snapshot(creator('closed'), [msg('a', 'me', 'hi')])), null), 'conversation');
  assert.equal(screenFor(fromSnapshot(snapshot(creator('closed', { reasonCode: 'invite_expired' }))), null), 'failed');
});

test('snapshot: unknown fields dropped, messages cleaned, hasOlder kept', () => {
  const m = fromSnapshot(snapshot(creator('verified', { safetyCode: '4719 0385', extra: 'x' }),
    [msg('a', 'peer', 'hallo', 'delivered'), { messageId: 'b', from: 'alien', text: 'x', status: 'weird' }, { bogus: true }], true));
  assert.equal(m.room.extra, undefined);
  assert.equal(m.room.safetyCode, '4719 0385');
  assert.deepEqual(m.messages.map((x) => [x.messageId, x.from, x.status]), [['a', 'peer', 'delivered'], ['b', 'peer', 'sent']]);
  assert.equal(m.hasOlder, true);
  assert.ok(Object.isFrozen(m) && Object.isFrozen(m.messages));
});

test('room.state replaces the reason, keeps the safety code and counts, and clears the typing hint when not verified', () => {
  let m = fromSnapshot(snapshot(creator('verified', { safetyCode: '1111 2222' })));
  m = fold(m, { event: 'chat.typing', typing: true });
  assert.equal(m.peerTyping, true);
  m = fold(m, { event: 'room.state', state: 'closed', reasonCode: 'peer_left', reason: 'The other person left.' });
  assert.equal(m.room.state, 'closed');
  assert.equal(m.room.reasonCode, 'peer_left');
  assert.equal(m.room.safetyCode, '1111 2222');
  assert.equal(m.peerTyping, false);

  let c = fromSnapshot(snapshot(creator('waiting-reply')));
  c = fold(c, { event: 'room.state', state: 'authenticating' },
    { event: 'room.state', state: 'waiting-reply', reasonCode: 'wrong_pin', reason: 'The PIN did not match.', failedAttempts: 1 });
  assert.equal(c.room.failedAttempts, 1);
  c = fold(c, { event: 'room.state', state: 'connecting' });
  assert.equal(c.room.reasonCode, undefined, 'a new state without reason clears the old one');
  assert.equal(c.room.reason, undefined);
});

test('a room.state event for a room this view does not know asks for a refresh', () => {
  const { refresh, model: m } = applyEvent(fromSnapshot(snapshot(null)), { event: 'room.state', state: 'waiting-reply' });
  assert.equal(refresh, true);
  assert.equal(m.room, null);
});

test('chat.message appends once (the sender sees its own), receipts tick it delivered', () => {
  let m = fromSnapshot(snapshot(creator('verified')));
  const mine = { event: 'chat.message', messageId: 'm1', from: 'me', text: 'hi', sentAt: '2026-12-01T18:00:00Z' };
  m = fold(m, mine, mine);
  assert.equal(m.messages.length, 1);
  assert.equal(m.messages[0].status, 'sent');
  m = fold(m, { event: 'chat.receipt', messageId: 'm1', status: 'delivered' });
  assert.equal(m.messages[0].status, 'delivered');
  const same = applyEvent(m, { event: 'chat.receipt', messageId: 'm1', status: 'delivered' });
  assert.equal(same.model, m, 'a repeated receipt changes nothing');
  assert.equal(same.refresh, false);
  assert.equal(applyEvent(m, { event: 'chat.receipt', messageId: 'unknown', status: 'delivered' }).refresh, true);
});

test('markup in a message is kept as the literal text it is', () => {
  const text = '<img src=x onerror=alert(1)>';
  const m = fold(fromSnapshot(snapshot(creator('verified'))), { event: 'chat.message', messageId: 'x', from: 'peer', text, sentAt: '' });
  assert.equal(m.messages[0].text, text);
});

test('a peer message ends its typing hint; unknown events change nothing', () => {
  let m = fold(fromSnapshot(snapshot(creator('verified'))), { event: 'chat.typing', typing: true });
  m = fold(m, { event: 'chat.message', messageId: 'p', from: 'peer', text: 'x', sentAt: '' });
  assert.equal(m.peerTyping, false);
  const { model: same, refresh } = applyEvent(m, { event: 'call.stats', rttMs: 3 });
  assert.equal(same, m);
  assert.equal(refresh, false);
});

test('codes from create/join join the room; history pages go in front without duplicates', () => {
  let m = withCodes(fromSnapshot(snapshot(creator('waiting-reply'))), { invite: 'SL1ABC', inviteQrSvg: '<svg/>', pin: '4821', expiresAt: 'x', id: 7, ok: true });
  assert.equal(m.room.pin, '4821');
  assert.equal(m.room.state, 'waiting-reply');
  assert.equal(m.room.id, undefined);
  m = fromSnapshot(snapshot(creator('verified'), [msg('c', 'me', '3'), msg('d', 'peer', '4')], true));
  m = withOlder(m, { messages: [msg('a', 'me', '1'), msg('b', 'peer', '2'), msg('c', 'me', '3')], hasOlder: false });
  assert.deepEqual(m.messages.map((x) => x.messageId), ['a', 'b', 'c', 'd']);
  assert.equal(m.hasOlder, false);
});

test('next step: wrong PIN counts attempts for the creator, other failures say what to do', () => {
  assert.deepEqual(nextStep(creator('waiting-reply', { reasonCode: 'wrong_pin', failedAttempts: 2 })), { key: 'nextWrongPinCreator', subs: ['2', '3', '1'] });
  assert.equal(nextStep(creator('waiting-reply')), null);
  assert.equal(nextStep(creator('verified')), null);
  assert.equal(nextStep({ ...creator('failed', { reasonCode: 'wrong_pin' }), role: 'joiner' }).key, 'nextWrongPinJoiner');
  assert.equal(nextStep(creator('failed', { reasonCode: 'room_burned' })).key, 'nextRoomBurned');
  assert.equal(nextStep(creator('failed', { reasonCode: 'ice_failed' })).key, 'nextTryAgain');
  assert.equal(nextStep(creator('closed', { reasonCode: 'peer_left' })).key, 'nextPeerLeft');
});

test('UTF-8 byte counting matches TextEncoder, including astral characters and lone surrogates', () => {
  const enc = new TextEncoder();
  for (const s of ['', 'abc', 'é', 'שלום', '你好', '😀', 'a😀b', '\ud800', 'x\udc00y', '\ud83d']) {
    assert.equal(model.utf8Length(s), enc.encode(s).length, JSON.stringify(s));
  }
});

test('the draft limit is 65,536 bytes of UTF-8, and the counter shows near it', () => {
  assert.deepEqual(model.draftInfo('a'.repeat(65_536)), { bytes: 65_536, tooLong: false, showCounter: true, empty: false });
  assert.equal(model.draftInfo('a'.repeat(65_537)).tooLong, true);
  assert.equal(model.draftInfo('é'.repeat(32_769)).tooLong, true, '2 bytes each');
  assert.equal(model.draftInfo('hello').showCounter, false);
  assert.equal(model.draftInfo('  \n ').empty, true);
});

test('PIN entry: digits only, 4–10, people\'s spaces and dashes dropped', () => {
  assert.deepEqual(model.checkPin('4821'), { pin: '4821', problem: null });
  assert.deepEqual(model.checkPin(' 48-21 '), { pin: '4821', problem: null });
  assert.equal(model.checkPin('').problem, 'pinEmpty');
  assert.equal(model.checkPin('48a1').problem, 'pinNotDigits');
  assert.equal(model.checkPin('٤٨٢١').problem, 'pinNotDigits', 'non-ASCII digits are not what the host accepts');
  assert.equal(model.checkPin('482').problem, 'pinLength');
  assert.equal(model.checkPin('12345678901').problem, 'pinLength');
  assert.equal(model.checkPin('1234567890').problem, null);
  assert.equal(model.cleanCode(' SL1:AB\n CD\t'), 'SL1:ABCD');
});

test('countdown: seconds left never negative, m:ss format', () => {
  const now = Date.parse('2026-12-01T18:00:00Z');
  assert.equal(model.secondsLeft('2026-12-01T18:09:41Z', now), 581);
  assert.equal(model.secondsLeft('2026-12-01T17:00:00Z', now), 0);
  assert.ok(Number.isNaN(model.secondsLeft(undefined, now)));
  assert.equal(model.formatCountdown(581), '9:41');
  assert.equal(model.formatCountdown(5), '0:05');
});

test('the QR SVG becomes a base64 data URL that decodes back to the same markup', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>é</title></svg>';
  const url = model.svgDataUrl(svg);
  assert.match(url, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/);
  assert.equal(Buffer.from(url.split(',')[1], 'base64').toString('utf8'), svg);
});

test('typing notifier: one true at the first key, repeated only after a while, false after a pause or a send', () => {
  let now = 0;
  const timers = [];
  const sent = [];
  const n = new TypingNotifier((v) => sent.push(v), {
    now: () => now,
    setTimeout: (fn, ms) => { const t = { fn, at: now + ms, live: true }; timers.push(t); return t; },
    clearTimeout: (t) => { t.live = false; },
  });
  const advance = (ms) => { now += ms; for (const t of timers) if (t.live && t.at <= now) { t.live = false; t.fn(); } };
  n.keystroke(true); advance(100); n.keystroke(true); advance(100); n.keystroke(true);
  assert.deepEqual(sent, [true]);
  advance(TYPING_REPEAT_MS); n.keystroke(true);
  assert.deepEqual(sent, [true, true]);
  advance(TYPING_IDLE_MS);
  assert.deepEqual(sent, [true, true, false]);
  n.keystroke(true); n.stop(); n.stop();
  assert.deepEqual(sent, [true, true, false, true, false]);
  n.keystroke(false);
  assert.equal(sent.length, 5, 'an emptied box while not typing sends nothing');
});

test('STUN entries: host:port, [v6]:port and stun: accepted and normalised; TURN and junk refused', () => {
  const ok = (e, want) => assert.deepEqual(settings.parseStunServer(e), { server: want, problem: null }, e);
  ok('stun.example.org:3478', 'stun.example.org:3478');
  ok('stun:STUN.Example.org:19302', 'stun.example.org:19302');
  ok('198.18.0.5:3478', '198.18.0.5:3478');
  ok('[2001:db8::1]:3478', '[2001:db8::1]:3478');
  ok('  host:3478 ', 'host:3478');
  const bad = (e, problem) => assert.equal(settings.parseStunServer(e).problem, problem, e);
  bad('stun.example.org', 'stunNoPort');
  bad('stun.example.org:0', 'stunBadPort');
  bad('stun.example.org:65536', 'stunBadPort');
  bad('stun.example.org:abc', 'stunBadPort');
  bad('2001:db8::1:3478', 'stunBadHost');
  bad('999.1.1.1:3478', 'stunBadHost');
  bad('-bad-.org:3478', 'stunBadHost');
  bad('exa mple:1', 'stunBadHost');
  bad('turn:relay.example.org:3478', 'stunTurn');
  bad('[zz::1]:3478', 'stunBadHost');
  const list = settings.parseStunList('a.org:1\n a.org:1, b.org:2 bad\n\n');
  assert.deepEqual(list.servers, ['a.org:1', 'b.org:2']);
  assert.deepEqual(list.errors, [{ entry: 'bad', problem: 'stunNoPort' }]);
  const many = settings.parseStunList(Array.from({ length: 9 }, (_, i) => `s${i}.org:1`).join('\n'));
  assert.deepEqual(many.errors, [{ entry: 's8.org:1', problem: 'stunTooMany' }], 'the host takes at most 8');
});

test('settings: ranges checked, stored junk normalised, create request built from them', async () => {
  assert.equal(settings.checkPinDigits('4'), null);
  assert.equal(settings.checkPinDigits(10), null);
  for (const v of [3, 11, 4.5, '', 'x']) assert.equal(settings.checkPinDigits(v), 'pinDigitsRange', String(v));
  for (const v of [0, 61, 1.5]) assert.equal(settings.checkInviteMinutes(v), 'inviteMinutesRange', String(v));
  assert.deepEqual(settings.normalizeSettings({ stunServers: ['x.org:1', 'junk'], pinDigits: 99, inviteMinutes: 5 }),
    { ...settings.DEFAULT_SETTINGS, stunServers: ['x.org:1'], pinDigits: 4, inviteMinutes: 5 });
  assert.deepEqual(settings.normalizeSettings(null), settings.DEFAULT_SETTINGS);
  assert.deepEqual(settings.createRequest('offline', { stunServers: ['x.org:1'], pinDigits: 6, inviteMinutes: 2 }),
    { type: 'room.create', mode: 'offline', pinDigits: 6, expiresInSeconds: 120 });
  assert.deepEqual(settings.createRequest('internet', { stunServers: ['x.org:1'], pinDigits: 4, inviteMinutes: 10 }).stunServers, ['x.org:1']);
  const store = new Map();
  const area = { get: async (k) => (store.has(k) ? { [k]: store.get(k) } : {}), set: async (o) => { for (const [k, v] of Object.entries(o)) store.set(k, structuredClone(v)); } };
  assert.deepEqual(await settings.loadSettings(area), settings.DEFAULT_SETTINGS);
  await settings.saveSettings(area, { stunServers: ['Y.org:7'], pinDigits: 8, inviteMinutes: 30 });
  assert.deepEqual(await settings.loadSettings(area), { ...settings.DEFAULT_SETTINGS, stunServers: ['y.org:7'], pinDigits: 8, inviteMinutes: 30 });
  assert.deepEqual([...store.keys()], ['settings'], 'one key, settings only');
});

test('scan hand-back: taken once, stale or foreign results ignored', async () => {
  const store = new Map();
  const area = {
    get: async (k) => (store.has(k) ? { [k]: store.get(k) } : {}),
    set: async (o) => { for (const [k, v] of Object.entries(o)) store.set(k, v); },
    remove: async (k) => { store.delete(k); },
  };
  await handback.putScanResult(area, 'invite', 'SL1ABC', 1000);
  assert.deepEqual(await handback.takeScanResult(area, 2000), { purpose: 'invite', text: 'SL1ABC' });
  assert.equal(await handback.takeScanResult(area, 2000), null, 'taken once');
  await handback.putScanResult(area, 'reply', 'SLRX', 0);
  assert.equal(await handback.takeScanResult(area, handback.HANDBACK_MAX_AGE_MS + 1), null, 'stale');
  assert.equal(store.size, 0, 'a stale result is removed too');
  await assert.rejects(handback.putScanResult(area, 'secrets', 'x'));
  assert.equal(await handback.takeScanResult(undefined), null);
});

const here = new URL('..', import.meta.url);
const messages = JSON.parse(readFileSync(new URL('_locales/en/messages.json', here), 'utf8'));

test('every message key the room code names exists in the English messages', () => {
  const keys = new Set([
    ...Object.values(model.REASON_KEYS), ...Object.values(model.STATE_KEYS),
    'pinEmpty', 'pinNotDigits', 'pinLength', 'stunNoPort', 'stunBadPort', 'stunBadHost', 'stunTurn', 'stunTooMany', 'failTitleWrongPin', 'failTitleBurned', 'failTitleExpired', 'pinDigitsRange', 'inviteMinutesRange',
  ]);
  for (const dir of ['popup', 'options', 'scan']) {
    for (const f of readdirSync(new URL(`${dir}/`, here))) {
      const text = readFileSync(new URL(`${dir}/${f}`, here), 'utf8');
      for (const m of text.matchAll(/(?:\bt\(|key: |data-i18n(?:-[a-z-]+)?=")['"]?([A-Za-z][A-Za-z0-9_]+)['"]/g)) keys.add(m[1]);
      for (const m of text.matchAll(/\bfail\('([A-Za-z0-9_]+)'/g)) keys.add(m[1]);
    }
  }
  assert.ok(keys.size > 100, `found only ${keys.size} keys; the scan is broken`);
  const missing = [...keys].filter((k) => !(k in messages));
  assert.deepEqual(missing, []);
});

test('no page of the popup, options or scan tab parses strings as HTML', () => {
  for (const dir of ['popup', 'options', 'scan']) {
    for (const f of readdirSync(new URL(`${dir}/`, here)).filter((x) => x.endsWith('.js'))) {
      const text = readFileSync(new URL(`${dir}/${f}`, here), 'utf8');
      assert.doesNotMatch(text, /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/, `${dir}/${f}`);
    }
  }
});

test('reasons and errors: the host\'s sentence first, our own words per code as the fallback', () => {
  // The fake i18n answers with the key, so the fallback shows which message was chosen.
  assert.equal(reasonText({ reasonCode: 'peer_left', reason: 'Bob left.' }), 'Bob left.');
  assert.equal(reasonText({ reasonCode: 'room_burned' }), 'reasonRoomBurned');
  assert.equal(reasonText({ reasonCode: 'something_new' }), '');
  assert.equal(reasonText(null), '');
  assert.equal(errorText({ code: 'invite_corrupt', message: 'That invite is damaged.' }), 'That invite is damaged.');
  assert.equal(errorText({ code: 'timeout' }), 'errorTimeout');
  assert.equal(errorText({ code: 'host_unavailable' }), 'errorHostUnavailable');
  assert.equal(errorText(undefined), 'errorGeneric');
});
