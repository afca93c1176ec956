// Unit tests of the background's logic: id matching, timeouts, diagnosis of
// a closed port and the reconnect backoff. Run: node --test Extension/test/
import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { FakePort, installFakeChrome } from './fake-browser.mjs';

const runtime = installFakeChrome();
const { HostConnection, REQUEST_TIMEOUT_MS } = await import('../background/host-connection.js');
const { PopupHub, requestProblem } = await import('../background/popup-hub.js');
const { diagnoseDisconnect } = await import('../background/disconnect-diagnosis.js');
const { backoffDelay, BACKOFF_STEPS_MS } = await import('../background/backoff.js');

const HOST = { version: '0.1.0', protocol: 1, pid: 4242 };
const NOT_FOUND = 'Specified native messaging host not found.';
const EXITED = 'Native host has exited.';

beforeEach(() => {
  runtime.nativePorts.length = 0;
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
});
afterEach(() => mock.timers.reset());

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Starts a connection and answers its hello; returns [connection, port, statuses]. */
async function connected(options = {}) {
  const connection = new HostConnection(options);
  const statuses = [];
  connection.onStatus((s) => statuses.push(s));
  connection.connect();
  const port = runtime.nativePorts.at(-1);
  const hello = port.last();
  assert.equal(hello.type, 'hello');
  assert.equal(hello.protocol, 1);
  port.receive({ id: hello.id, ok: true, host: HOST });
  await flush();
  assert.equal(connection.status.state, 'connected');
  return [connection, port, statuses];
}

test('hello is the first message and its answer becomes the connected status', async () => {
  const [connection] = await connected();
  assert.deepEqual(connection.status.host, HOST);
  assert.equal(runtime.nativePorts[0].name, 'app.securelink.host');
});

test('responses are matched to requests by id, in any order', async () => {
  const [connection, port] = await connected();
  const a = connection.request({ type: 'state.get' });
  const b = connection.request({ type: 'chat.send', text: 'x' });
  const [ra, rb] = port.sent.slice(-2);
  assert.notEqual(ra.id, rb.id);
  port.receive({ id: rb.id, ok: true, messageId: 'm' });
  port.receive({ id: ra.id, ok: true, room: null });
  assert.equal((await a).room, null);
  assert.equal((await b).messageId, 'm');
});

test('an unanswered request times out, and its late answer is dropped', async () => {
  const [connection, port] = await connected();
  const pending = connection.request({ type: 'state.get' });
  const { id } = port.last();
  mock.timers.tick(REQUEST_TIMEOUT_MS - 1);
  await flush();
  let settled = false;
  pending.then(() => { settled = true; });
  await flush();
  assert.equal(settled, false);
  mock.timers.tick(1);
  const response = await pending;
  assert.equal(response.ok, false);
  assert.equal(response.error.code, 'timeout');
  port.receive({ id, ok: true });
  assert.equal(connection.dropped.lateResponses, 1);
  assert.equal(connection.status.state, 'connected'); // one slow request does not kill the host
});

test('events (messages without id) go to the event listeners', async () => {
  const [connection, port] = await connected();
  const events = [];
  connection.onEvent((e) => events.push(e));
  port.receive({ event: 'chat.typing', typing: true });
  assert.deepEqual(events, [{ event: 'chat.typing', typing: true }]);
});

test('a missing host is reported with the install commands and polled only while a popup looks', async () => {
  let viewers = false;
  const connection = new HostConnection({ hasViewers: () => viewers });
  connection.connect();
  runtime.nativePorts[0].die(NOT_FOUND);
  assert.equal(connection.status.state, 'missing');
  assert.deepEqual(connection.status.fix.commands, ['./securelink.sh', 'securelink-installer install']);
  assert.equal(connection.status.reason, NOT_FOUND);
  assert.equal(connection.status.retryAt, null);
  mock.timers.tick(60_000);
  assert.equal(runtime.nativePorts.length, 1, 'nobody looks: no retry');

  viewers = true;
  connection.viewerConnected();
  assert.equal(runtime.nativePorts.length, 2, 'a popup opened: retry at once');
  runtime.nativePorts[1].die(NOT_FOUND);
  assert.ok(connection.status.retryAt > Date.now());
  mock.timers.tick(BACKOFF_STEPS_MS[1]);
  assert.equal(runtime.nativePorts.length, 3);
});

test('a host that dies is reported as crashed, pending requests fail, and it restarts after 0.5 s', async () => {
  const [connection, port] = await connected();
  const pending = connection.request({ type: 'state.get' });
  port.die(EXITED);
  assert.equal((await pending).error.code, 'host_disconnected');
  assert.equal(connection.status.state, 'crashed');
  assert.deepEqual(connection.status.lastHost, HOST);
  assert.equal(connection.status.retryAt, Date.now() + 500);
  mock.timers.tick(499);
  assert.equal(runtime.nativePorts.length, 1);
  mock.timers.tick(1);
  assert.equal(runtime.nativePorts.length, 2);
  assert.equal(connection.status.state, 'connecting');
});

test('a host that keeps dying is restarted ever more slowly, up to 10 s, then the doctor is suggested', async () => {
  const connection = new HostConnection();
  connection.connect();
  const delays = [];
  for (let i = 0; i < 8; i++) {
    runtime.nativePorts.at(-1).die(EXITED);
    delays.push(connection.status.retryAt - Date.now());
    mock.timers.tick(connection.status.retryAt - Date.now());
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  runtime.nativePorts.at(-1).die(EXITED);
  assert.deepEqual(connection.status.fix.commands, ['securelink-installer doctor']);
});

test('a connection that lived 5 s starts the backoff over', async () => {
  const [connection, port] = await connected();
  port.die(EXITED);
  mock.timers.tick(500);
  runtime.nativePorts.at(-1).die(EXITED); // second failure in a row: 1 s
  assert.equal(connection.status.retryAt - Date.now(), 1000);
  mock.timers.tick(1000);
  const again = runtime.nativePorts.at(-1);
  again.receive({ id: again.last().id, ok: true, host: HOST });
  await flush();
  mock.timers.tick(5000);
  again.die(EXITED);
  assert.equal(connection.status.retryAt - Date.now(), 500);
});

test('a host that never answers hello is dropped and replaced', async () => {
  const connection = new HostConnection();
  connection.connect();
  const port = runtime.nativePorts[0];
  mock.timers.tick(REQUEST_TIMEOUT_MS);
  await flush();
  assert.equal(port.closed, true);
  assert.equal(connection.status.state, 'crashed');
  mock.timers.tick(500);
  assert.equal(runtime.nativePorts.length, 2);
});

test('a host that refuses our protocol is incompatible and not respawned', async () => {
  const connection = new HostConnection({ hasViewers: () => true });
  connection.connect();
  const port = runtime.nativePorts[0];
  port.receive({ id: port.last().id, ok: false, error: { code: 'unsupported_protocol', message: 'supported: 2' } });
  await flush();
  assert.equal(connection.status.state, 'incompatible');
  assert.equal(port.closed, true);
  mock.timers.tick(60_000);
  connection.viewerConnected();
  assert.equal(runtime.nativePorts.length, 1);
});

test('the browser\'s words map to missing, misconfigured or crashed', () => {
  const cases = [
    [NOT_FOUND, false, 'missing'],
    ['No such native application app.securelink.host', false, 'missing'],
    ['Access to the specified native messaging host is forbidden.', false, 'misconfigured'],
    ['Failed to start native messaging host.', false, 'misconfigured'],
    [EXITED, false, 'crashed'],
    [EXITED, true, 'crashed'],
    ['Error when communicating with the native messaging host.', true, 'crashed'],
    [null, false, 'crashed'],
  ];
  for (const [reason, helloAnswered, state] of cases)
    assert.equal(diagnoseDisconnect(reason, { helloAnswered }).state, state, String(reason));
});

test('backoff steps are capped', () => {
  assert.equal(backoffDelay(0), 500);
  assert.equal(backoffDelay(-3), 500);
  assert.equal(backoffDelay(1000), 10000);
});

function popupPort(name = 'popup') {
  return new FakePort(runtime, name, { id: runtime.id });
}

test('the hub pushes the status on connect, answers ping itself and restores popup ids on host answers', async () => {
  const [connection, host] = await connected();
  const hub = new PopupHub(connection);
  const popup = popupPort();
  hub.accept(popup);
  assert.equal(popup.sent[0].event, 'host.status');
  assert.equal(popup.sent[0].status.state, 'connected');
  assert.equal(hub.viewerCount, 1);

  popup.receive({ id: 'p1', type: 'ping' });
  await flush();
  assert.deepEqual(popup.last(), { id: 'p1', ok: true });
  const hostMessages = host.sent.length;

  popup.receive({ id: 7, type: 'hello', protocol: 1 });
  await flush();
  const forwarded = host.last();
  assert.equal(host.sent.length, hostMessages + 1);
  assert.equal(forwarded.type, 'hello');
  assert.notEqual(forwarded.id, 7); // the background's own id space
  host.receive({ id: forwarded.id, ok: true, host: HOST });
  await flush();
  assert.deepEqual(popup.last(), { id: 7, ok: true, host: HOST });

  host.receive({ event: 'room.state', state: 'closed' });
  assert.deepEqual(popup.last(), { event: 'room.state', state: 'closed' });
});

test('the hub refuses malformed requests and foreign ports, and forgets closed popups', async () => {
  const [connection] = await connected();
  const hub = new PopupHub(connection);
  const stranger = popupPort('content');
  hub.accept(stranger);
  assert.equal(stranger.closed, true);
  assert.equal(hub.viewerCount, 0);

  const popup = popupPort();
  hub.accept(popup);
  for (const bad of [null, 5, [], { type: 'ping' }, { id: 1 }, { id: 1.5, type: 'ping' }, { id: 'x'.repeat(65), type: 'ping' }]) {
    popup.receive(bad);
    await flush();
    assert.equal(popup.last().ok, false, JSON.stringify(bad));
    assert.equal(popup.last().error.code, 'bad_request');
  }
  assert.equal(requestProblem({ id: 1, type: 'ping' }), null);
  popup.die(null);
  assert.equal(hub.viewerCount, 0);
});

test('the hub knows which views show the conversation on screen, forgets closed ones, and opens the pop-out', async () => {
  const [connection, host] = await connected();
  let popOuts = 0;
  const hub = new PopupHub(connection, { popOut: async () => { popOuts++; return 42; } });
  const seen = [];
  hub.onViews((onScreen) => seen.push(onScreen));
  const left = [];
  hub.onHostAnswer((request, response) => left.push([request.type, response.ok]));
  const a = popupPort();
  const b = popupPort();
  hub.accept(a);
  hub.accept(b);
  a.receive({ id: 1, type: 'view.state', conversation: true, visible: false });
  await flush();
  assert.equal(hub.conversationOnScreen, false, 'a hidden view reads nothing');
  b.receive({ id: 2, type: 'view.state', conversation: true, visible: true });
  await flush();
  assert.equal(hub.conversationOnScreen, true);
  assert.deepEqual(b.last(), { id: 2, ok: true });
  assert.ok(!host.sent.some((m) => m.type === 'view.state'), 'the background answers view.state itself');
  b.die(null);
  assert.equal(hub.conversationOnScreen, false);
  assert.deepEqual(seen, [false, true, false]);

  a.receive({ id: 3, type: 'view.popOut' });
  await flush();
  assert.deepEqual(a.last(), { id: 3, ok: true, windowId: 42 });
  assert.equal(popOuts, 1);

  a.receive({ id: 4, type: 'room.leave' });
  await flush();
  host.receive({ id: host.last().id, ok: true });
  await flush();
  assert.deepEqual(left, [['room.leave', true]]);
});

test('the microphone check closes with the page that opened it, and only then', async () => {
  const [connection, host] = await connected();
  const hub = new PopupHub(connection);
  const options = popupPort();
  const popup = popupPort();
  hub.accept(options);
  hub.accept(popup);
  const offs = () => host.sent.filter((m) => m.type === 'audio.monitor' && m.on === false).length;

  options.receive({ id: 1, type: 'audio.monitor', on: true, input: 'default' });
  await flush();
  host.receive({ id: host.last().id, ok: true, on: true, maxSeconds: 30 });
  await flush();
  popup.die(null);
  assert.equal(offs(), 0, 'another view closing leaves the check alone');
  options.die(null);
  assert.equal(offs(), 1, 'the page that turned it on closed: the background turns it off');

  // Turned off by the page itself, or stopped by the host: nothing more to close.
  const again = popupPort();
  hub.accept(again);
  again.receive({ id: 2, type: 'audio.monitor', on: true });
  await flush();
  host.receive({ id: host.last().id, ok: true, on: true, maxSeconds: 30 });
  await flush();
  host.receive({ event: 'audio.monitor', on: false, reasonCode: 'time_limit', reason: 'x' });
  assert.equal(again.last().reasonCode, 'time_limit', 'the stop reaches the page');
  again.die(null);
  assert.equal(offs(), 1);

  // The page closed while the host was still opening the microphone.
  const quick = popupPort();
  hub.accept(quick);
  quick.receive({ id: 3, type: 'audio.monitor', on: true });
  await flush();
  const pending = host.last().id;
  quick.die(null);
  host.receive({ id: pending, ok: true, on: true, maxSeconds: 30 });
  await flush();
  assert.equal(offs(), 2);
});
