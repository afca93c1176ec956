// The background's copy of the host's snapshot (background/snapshot-cache.js):
// filled by state.get answers, kept current by chat and call events, asked
// for again when the room changes in ways only the host can describe, bounded
// like the host's own history, and pushed to a popup as it connects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakePort, installFakeChrome } from './fake-browser.mjs';

const runtime = installFakeChrome();
const { SnapshotCache, HISTORY_BUDGET } = await import('../background/snapshot-cache.js');
const { HostConnection } = await import('../background/host-connection.js');
const { PopupHub } = await import('../background/popup-hub.js');

const flush = () => new Promise((resolve) => setImmediate(resolve));
const ROOM = { roomId: 'r1', role: 'creator', state: 'verified', mode: 'offline', safetyCode: '12 34' };
const message = (n, extra = {}) => ({ messageId: `m${n}`, from: 'peer', text: `text ${n}`, sentAt: '2026-12-01T10:00:00Z', status: 'sent', ...extra });
const snapshotOf = (messages = [], extra = {}) => ({ ok: true, room: ROOM, messages, hasOlder: false, call: null, ...extra });

/** A cache whose state.get requests are recorded and answered by the test. */
function cacheWithHost() {
  const asked = [];
  const cache = new SnapshotCache({ request: (m) => new Promise((resolve) => asked.push({ message: m, resolve })) });
  return { cache, asked };
}

test('nothing is known until a state.get answer; then that answer is what a popup gets', () => {
  const { cache } = cacheWithHost();
  assert.equal(cache.snapshot, null);
  cache.event({ event: 'chat.message', messageId: 'x', from: 'peer', text: 'lost', sentAt: '' });
  assert.equal(cache.snapshot, null, 'events alone build nothing');
  cache.answered({ type: 'state.get' }, snapshotOf([message(1)]));
  assert.deepEqual(cache.snapshot, { room: ROOM, messages: [message(1)], hasOlder: false, call: null });
  cache.answered({ type: 'state.get' }, { ok: false, error: { code: 'timeout' } });
  assert.equal(cache.snapshot.messages.length, 1, 'a failed answer changes nothing');
});

test('messages, receipts and calls follow the host events', () => {
  const { cache } = cacheWithHost();
  cache.answered({ type: 'state.get' }, snapshotOf([message(1)]));
  cache.event({ event: 'chat.message', messageId: 'm2', from: 'me', text: 'mine', sentAt: '2026-12-01T10:01:00Z' });
  cache.event({ event: 'chat.message', messageId: 'm2', from: 'me', text: 'mine', sentAt: '2026-12-01T10:01:00Z' });
  cache.event({ event: 'chat.receipt', messageId: 'm2', status: 'delivered' });
  cache.event({ event: 'chat.typing', typing: true });
  assert.deepEqual(cache.snapshot.messages.map((m) => [m.messageId, m.from, m.status]), [['m1', 'peer', 'sent'], ['m2', 'me', 'delivered']]);

  cache.event({ event: 'call.state', state: 'incoming', muted: false, peerMuted: false });
  assert.deepEqual(cache.snapshot.call, { state: 'incoming', muted: false, peerMuted: false });
  cache.event({ event: 'call.stats', rttMs: 3 });
  cache.event({ event: 'call.state', state: 'ended', reasonCode: 'hung_up', muted: false });
  assert.equal(cache.snapshot.call, null, 'an ended call is not shown again');
});

test('a new room state is asked of the host, and an answer overtaken by another change is not kept', async () => {
  const { cache, asked } = cacheWithHost();
  cache.answered({ type: 'state.get' }, snapshotOf([message(1)]));
  cache.event({ event: 'room.state', state: 'closed', reasonCode: 'peer_left' });
  assert.equal(cache.snapshot, null, 'no guessing which fields the new state shows');
  assert.equal(asked.length, 1);
  assert.equal(asked[0].message.type, 'state.get');
  cache.answered({ type: 'room.accept' }, { ok: true }); // changes the room again while the host answers
  asked[0].resolve(snapshotOf([message(1)], { room: { ...ROOM, state: 'closed' } }));
  await flush();
  assert.equal(cache.snapshot, null, 'that answer may predate the second change');
  assert.equal(asked.length, 2, 'so it asks once more');
  asked[1].resolve(snapshotOf([], { room: { ...ROOM, state: 'connecting' } }));
  await flush();
  assert.equal(cache.snapshot.room.state, 'connecting');
});

test('leaving empties it, and so does a host that goes away', () => {
  const { cache } = cacheWithHost();
  cache.answered({ type: 'state.get' }, snapshotOf([message(1)]));
  cache.answered({ type: 'room.leave' }, { ok: true });
  assert.deepEqual(cache.snapshot, { room: null, messages: [], hasOlder: false, call: null });
  cache.answered({ type: 'state.get' }, snapshotOf([message(1)]));
  cache.reset();
  assert.equal(cache.snapshot, null);
});

test('the history is bounded like the host\'s own: the oldest go and hasOlder says so', () => {
  const { cache } = cacheWithHost();
  const big = 'x'.repeat(64 * 1024);
  cache.answered({ type: 'state.get' }, snapshotOf([]));
  const count = Math.ceil(HISTORY_BUDGET / big.length) + 3;
  for (let i = 0; i < count; i++) cache.event({ event: 'chat.message', messageId: `b${i}`, from: 'peer', text: big, sentAt: '' });
  const { messages, hasOlder } = cache.snapshot;
  assert.equal(hasOlder, true);
  assert.ok(messages.length * big.length <= HISTORY_BUDGET, `${messages.length} messages kept`);
  assert.equal(messages.at(-1).messageId, `b${count - 1}`, 'the newest stay');
});

test('the hub pushes the cached snapshot right after the status to a popup that connects, only while the host is connected', async () => {
  const connection = new HostConnection();
  connection.connect();
  const host = runtime.nativePorts.at(-1);
  let cached = snapshotOf([message(1)]);
  const hub = new PopupHub(connection, { snapshot: () => cached });

  const early = new FakePort(runtime, 'popup', { id: runtime.id });
  hub.accept(early);
  assert.deepEqual(early.sent.map((m) => m.event), ['host.status'], 'no snapshot before the host answered hello');

  host.receive({ id: host.last().id, ok: true, host: { version: '0', protocol: 1, pid: 1 } });
  await flush();
  const popup = new FakePort(runtime, 'popup', { id: runtime.id });
  hub.accept(popup);
  assert.deepEqual(popup.sent.map((m) => m.event), ['host.status', 'view.snapshot']);
  assert.deepEqual(popup.sent[1].snapshot.messages, [message(1)]);

  cached = null;
  const later = new FakePort(runtime, 'popup', { id: runtime.id });
  hub.accept(later);
  assert.deepEqual(later.sent.map((m) => m.event), ['host.status']);
});
