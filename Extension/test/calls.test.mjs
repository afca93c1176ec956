// Unit tests of the popup's call model: state.get `call` + call.state / call.stats
// events → what the call area shows, the timer, quality words, the mic meter,
// the ended line's reason and what the live regions announce.
// Run: node --test Extension/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { installFakeChrome } from './fake-browser.mjs';

installFakeChrome();
const m = await import('../popup/call-model.js');
await import('../popup/call-ui.js'); // loads without a DOM
const { applyCallEvent, callModelFromSnapshot, callPanel, emptyCallModel } = m;

const NOW = Date.parse('2026-12-01T18:10:00.000Z');
const state = (s, extra = {}) => ({ event: 'call.state', state: s, muted: false, peerMuted: false, ...extra });
const stats = (extra = {}) => ({ event: 'call.stats', rttMs: 12.4, lossPct: 0, jitterMs: 3.2, mos: 4.38, micLevel: 0.42, ...extra });
const fold = (model, ...events) => events.reduce((acc, e) => applyCallEvent(acc, e, NOW), model);

test('no call: a verified room offers Call, anything else shows nothing', () => {
  assert.equal(callPanel(emptyCallModel(), true, NOW), 'idle');
  assert.equal(callPanel(emptyCallModel(), false, NOW), 'none');
  assert.equal(callModelFromSnapshot(null).call, null);
  assert.equal(callModelFromSnapshot({ state: 'ended' }).call, null); // the host never shows an ended call; ignore one
  assert.equal(callModelFromSnapshot({ state: 'bogus' }).call, null);
});

test('a snapshot call survives reopening the popup: state, mute flags and start time come back', () => {
  const model = callModelFromSnapshot({ state: 'active', muted: true, peerMuted: false, startedAt: '2026-12-01T18:08:55.000Z', extra: 1 });
  assert.equal(callPanel(model, true, NOW), 'active');
  assert.deepEqual({ ...model.call }, { state: 'active', muted: true, peerMuted: false, peerRinging: false, startedAt: '2026-12-01T18:08:55.000Z' });
  assert.equal(m.formatDuration(m.elapsedMs(model.call.startedAt, NOW)), '1:05');
  assert.ok(Object.isFrozen(model) && Object.isFrozen(model.call));
});

test('outgoing: ringing is Calling… until the peer host confirms it rings; incoming and active have their panels', () => {
  let model = fold(emptyCallModel(), state('ringing', { peerRinging: false }));
  assert.equal(callPanel(model, true, NOW), 'outgoing');
  assert.equal(model.call.peerRinging, false);
  model = fold(model, state('ringing', { peerRinging: true }));
  assert.equal(model.call.peerRinging, true);
  assert.equal(callPanel(fold(emptyCallModel(), state('incoming')), true, NOW), 'incoming');
  model = fold(model, state('active', { startedAt: '2026-12-01T18:09:58.000Z' }));
  assert.equal(callPanel(model, true, NOW), 'active');
  // A call goes on showing even if the room view briefly says it cannot call.
  assert.equal(callPanel(model, false, NOW), 'active');
});

test('stats belong to the active call: kept while active, dropped before and after, junk fields ignored', () => {
  assert.equal(fold(emptyCallModel(), stats()).stats, null);
  assert.equal(fold(emptyCallModel(), state('ringing'), stats()).stats, null);
  let model = fold(emptyCallModel(), state('active', { startedAt: '2026-12-01T18:09:00.000Z' }), stats({ mos: 'high', junk: 1 }));
  assert.deepEqual({ ...model.stats }, { rttMs: 12.4, lossPct: 0, jitterMs: 3.2, micLevel: 0.42 });
  model = fold(model, state('active', { muted: true, startedAt: '2026-12-01T18:09:00.000Z' }));
  assert.equal(model.stats.micLevel, 0.42, 'a flag change keeps the figures');
  model = fold(model, state('ended', { reasonCode: 'hung_up' }), stats());
  assert.equal(model.stats, null, 'figures after the end are dropped');
});

test('ended: the reason shows for a while, from our side; a caller who gave up is a missed call', () => {
  const ended = fold(emptyCallModel(), state('incoming'), state('ended', { reasonCode: 'peer_hung_up', reason: 'The other person ended the call.' }));
  assert.equal(callPanel(ended, true, NOW), 'ended');
  assert.equal(ended.ended.was, 'incoming');
  assert.equal(m.endedKey(ended.ended), 'callReasonMissed');
  assert.equal(callPanel(ended, true, NOW + m.ENDED_SHOW_MS - 1), 'ended');
  assert.equal(callPanel(ended, true, NOW + m.ENDED_SHOW_MS), 'idle');
  assert.equal(callPanel(m.dismissEnded(ended), true, NOW), 'idle');
  const hungUp = fold(emptyCallModel(), state('active'), state('ended', { reasonCode: 'peer_hung_up' }));
  assert.equal(m.endedKey(hungUp.ended), 'callReasonPeerHungUp');
  for (const [code, key] of Object.entries(m.CALL_REASON_KEYS)) assert.equal(m.endedKey({ reasonCode: code, was: 'active' }), key);
  assert.equal(m.endedKey({ reasonCode: 'from_the_future', was: 'active' }), 'callReasonHostError');
  // A new call clears the old end at once.
  assert.equal(fold(ended, state('ringing')).ended, null);
});

test('timer formats minutes and hours and never runs backwards', () => {
  assert.equal(m.formatDuration(0), '0:00');
  assert.equal(m.formatDuration(7_999), '0:07');
  assert.equal(m.formatDuration(12 * 60_000 + 3_000), '12:03');
  assert.equal(m.formatDuration(3_723_000), '1:02:03');
  assert.equal(m.elapsedMs('2026-12-01T18:10:05.000Z', NOW), 0); // clock skew: the start looks in the future
  assert.equal(m.elapsedMs(undefined, NOW), 0);
});

test('quality words follow the MOS bands, with the number to one decimal', () => {
  assert.deepEqual(m.qualityFor(4.38), { key: 'callQualityExcellent', level: 'good', mos: '4.4' });
  assert.deepEqual(m.qualityFor(4.3), { key: 'callQualityExcellent', level: 'good', mos: '4.3' });
  assert.deepEqual(m.qualityFor(4.12), { key: 'callQualityGood', level: 'good', mos: '4.1' });
  assert.equal(m.qualityFor(3.8).key, 'callQualityFair');
  assert.equal(m.qualityFor(3.3).level, 'poor');
  assert.equal(m.qualityFor(1.2).key, 'callQualityBad');
  assert.equal(m.qualityFor(undefined), null);
  assert.equal(m.qualityFor(Number.NaN), null);
  assert.deepEqual(m.statsFigures({ rttMs: 12.4, lossPct: 0, jitterMs: 3.2 }), { rtt: '12', loss: '0.0', jitter: '3' });
  assert.deepEqual(m.statsFigures({ lossPct: 1.25, jitterMs: 0 }), { rtt: '–', loss: '1.3', jitter: '0' }); // no RTT before RTCP
});

test('mic level becomes a clamped whole percent', () => {
  assert.equal(m.levelPercent(0.424), 42);
  assert.equal(m.levelPercent(1.7), 100);
  assert.equal(m.levelPercent(-1), 0);
  assert.equal(m.levelPercent(undefined), 0);
});

test('announcements: an incoming call, calling, connected, the peer muting and the end; flags and figures are not news', () => {
  const idle = emptyCallModel();
  const incoming = fold(idle, state('incoming'));
  assert.equal(m.announcementFor(idle, incoming), 'callAnnounceIncoming');
  assert.equal(m.announcementFor(idle, fold(idle, state('ringing'))), 'callAnnounceCalling');
  const active = fold(incoming, state('active'));
  assert.equal(m.announcementFor(incoming, active), 'callAnnounceActive');
  assert.equal(m.announcementFor(active, fold(active, stats())), null);
  assert.equal(m.announcementFor(active, fold(active, state('active', { muted: true }))), null);
  const peerMuted = fold(active, state('active', { peerMuted: true }));
  assert.equal(m.announcementFor(active, peerMuted), 'callAnnouncePeerMuted');
  assert.equal(m.announcementFor(peerMuted, fold(peerMuted, state('active'))), 'callAnnouncePeerUnmuted');
  assert.equal(m.announcementFor(active, fold(active, state('ended', { reasonCode: 'peer_declined' }))), 'callReasonPeerDeclined');
});

test('every call string the popup uses exists in English, with its placeholders', () => {
  const messages = JSON.parse(readFileSync(new URL('../_locales/en/messages.json', import.meta.url), 'utf8'));
  const sources = ['../popup/call-model.js', '../popup/call-ui.js', '../popup/popup.html']
    .map((p) => readFileSync(new URL(p, import.meta.url), 'utf8')).join('\n');
  const keys = new Set([...sources.matchAll(/['"](call[A-Z][A-Za-z]+)['"]/g)].map((x) => x[1]));
  assert.ok(keys.size > 30, `found only ${keys.size} call keys`);
  for (const key of keys) assert.ok(messages[key]?.message, `missing message ${key}`);
  assert.deepEqual(Object.keys(messages.callQuality.placeholders), ['words', 'mos']);
  assert.deepEqual(Object.keys(messages.callFigures.placeholders), ['rtt', 'loss', 'jitter']);
});
