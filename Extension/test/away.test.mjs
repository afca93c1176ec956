// While the popup is closed: RoomWatch counts the peer's unread messages and
// follows room and call states; the badge and the notifications are drawn from
// it. Fake chrome.* (test/fake-browser.mjs). Run: node --test Extension/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { installFakeChrome } from './fake-browser.mjs';

installFakeChrome();
const { RoomWatch } = await import('../background/room-watch.js');
const { badgeFor, Badge, BADGE_COLORS } = await import('../background/badge.js');
const { Notifier, messageNotification, previewOf, CALL_NOTIFICATION_ID, MESSAGE_NOTIFICATION_ID, PREVIEW_CHARS } = await import('../background/notifications.js');
const { DEFAULT_SETTINGS, normalizeSettings } = await import('../options/settings.js');

const connected = { state: 'connected' };
const peerMessage = (text = 'hola') => ({ event: 'chat.message', messageId: 'a'.repeat(32), from: 'peer', text, sentAt: '2026-12-01T20:00:00Z' });

test('badge: nothing without a host or a room; a dot while setting up, a check when verified, red ! on failure', () => {
  assert.equal(badgeFor({ hostConnected: false, roomState: 'verified', unread: 3 }).text, '');
  assert.equal(badgeFor({ hostConnected: true, roomState: null, unread: 0 }).text, '');
  for (const s of ['waiting-reply', 'waiting-creator', 'connecting', 'authenticating']) assert.equal(badgeFor({ hostConnected: true, roomState: s, unread: 0 }).text, '•', s);
  assert.deepEqual(badgeFor({ hostConnected: true, roomState: 'verified', unread: 0 }).text, '✓');
  const failed = badgeFor({ hostConnected: true, roomState: 'failed', unread: 0 });
  assert.equal(failed.text, '!');
  assert.equal(failed.color, BADGE_COLORS.failed);
  assert.equal(badgeFor({ hostConnected: true, roomState: 'closed', unread: 0 }).text, '');
});

test('badge: unread count wins over the state mark, capped at 99+', () => {
  assert.equal(badgeFor({ hostConnected: true, roomState: 'verified', unread: 1 }).text, '1');
  assert.equal(badgeFor({ hostConnected: true, roomState: 'verified', unread: 1 }).titleKey, 'badgeTitleUnreadOne');
  assert.equal(badgeFor({ hostConnected: true, roomState: 'closed', unread: 7 }).text, '7');
  assert.equal(badgeFor({ hostConnected: true, roomState: 'verified', unread: 250 }).text, '99+');
});

test('Badge only calls the browser when what it shows changes', () => {
  const calls = [];
  const action = { setBadgeText: async (o) => calls.push(['text', o.text]), setBadgeBackgroundColor: async (o) => calls.push(['color', o.color]), setTitle: async (o) => calls.push(['title', o.title]) };
  const badge = new Badge(action);
  badge.render({ hostConnected: true, roomState: 'verified', unread: 0 });
  badge.render({ hostConnected: true, roomState: 'verified', unread: 0 });
  assert.deepEqual(calls, [['text', '✓'], ['color', BADGE_COLORS.verified], ['title', 'badgeTitleVerified']]);
});

test('RoomWatch counts peer messages only while no view shows the conversation, and clears when one does', () => {
  const watch = new RoomWatch();
  watch.hostStatus(connected);
  watch.snapshot({ ok: true, room: { state: 'verified' }, call: null });
  watch.event(peerMessage());
  watch.event({ ...peerMessage(), from: 'me' });
  watch.event(peerMessage());
  assert.equal(watch.state.unread, 2);
  watch.viewing(true);
  assert.equal(watch.state.unread, 0);
  watch.event(peerMessage());
  assert.equal(watch.state.unread, 0, 'read as it arrives');
  watch.viewing(false);
  watch.event(peerMessage());
  assert.equal(watch.state.unread, 1);
  watch.event({ event: 'room.state', state: 'closed', reasonCode: 'peer_left' });
  assert.equal(watch.state.unread, 1, 'a closed room can still be read');
  watch.left();
  assert.deepEqual(watch.state, { hostConnected: true, roomState: null, unread: 0, callState: null });
});

test('RoomWatch: a host restart is a new, empty session; it keeps no text', () => {
  const watch = new RoomWatch();
  watch.hostStatus(connected);
  watch.event({ event: 'room.state', state: 'verified' });
  watch.event(peerMessage('secret words'));
  assert.ok(!JSON.stringify(watch.state).includes('secret'));
  watch.hostStatus({ state: 'crashed' });
  assert.deepEqual(watch.state, { hostConnected: false, roomState: null, unread: 0, callState: null });
});

test('message notifications: off by default, never the text unless previews are on, never while the conversation is on screen', () => {
  assert.equal(DEFAULT_SETTINGS.notifyMessages, false);
  assert.equal(DEFAULT_SETTINGS.notifyPreviews, false);
  assert.equal(messageNotification(DEFAULT_SETTINGS, { unread: 1 }, 'secret', false), null);
  const on = normalizeSettings({ notifyMessages: true });
  const shown = messageNotification(on, { unread: 1 }, 'secret', false);
  assert.equal(shown.title, 'notifyMessageTitle');
  assert.equal(shown.message, 'notifyMessageHidden');
  assert.ok(!JSON.stringify(shown).includes('secret'));
  assert.equal(messageNotification(on, { unread: 3 }, 'x', false).title, 'notifyMessagesTitle');
  assert.equal(messageNotification(normalizeSettings({ notifyMessages: true, notifyPreviews: true }), { unread: 1 }, 'secret', false).message, 'secret');
  assert.equal(messageNotification(normalizeSettings({ notifyMessages: true, notifyPreviews: true }), { unread: 1 }, 'secret', true), null);
  assert.equal(messageNotification(normalizeSettings({ notifyMessages: false, notifyPreviews: true }), { unread: 1 }, 'secret', false), null);
});

test('a preview is one line and cut at whole characters', () => {
  assert.equal(previewOf('a\n\n b'), 'a b');
  const long = previewOf('😀'.repeat(500));
  assert.equal([...long].length, PREVIEW_CHARS);
  assert.ok(long.endsWith('…'));
});

function fakeNotifications() {
  const made = new Map();
  const log = [];
  const listeners = { button: [], click: [] };
  return {
    made, log,
    api: {
      notifications: {
        create: async (id, options) => { log.push(['create', id]); made.set(id, options); return id; },
        clear: async (id) => { log.push(['clear', id]); return made.delete(id); },
        onButtonClicked: { addListener: (l) => listeners.button.push(l) },
        onClicked: { addListener: (l) => listeners.click.push(l) },
      },
    },
    press: (id, index) => Promise.all(listeners.button.map((l) => l(id, index))),
  };
}

test('an incoming call notifies with Accept / Decline; Accept sends call.accept and opens the window; the notification goes when the call moves on', async () => {
  const fake = fakeNotifications();
  const requests = [];
  let windows = 0;
  const notifier = new Notifier(fake.api, { request: async (m) => { requests.push(m.type); return { ok: true }; }, openWindow: () => { windows++; } });
  notifier.useSettings(DEFAULT_SETTINGS);
  const watch = new RoomWatch();
  watch.onChange((state, cause) => notifier.update(state, cause, { onScreen: false }));
  watch.hostStatus(connected);
  watch.event({ event: 'call.state', state: 'incoming', muted: false });
  await new Promise((r) => setImmediate(r));
  const call = fake.made.get(CALL_NOTIFICATION_ID);
  assert.deepEqual(call.buttons.map((b) => b.title), ['notifyCallAccept', 'notifyCallDecline']);
  assert.equal(call.requireInteraction, true);
  // Chromium resolves the icon against the worker's URL and refuses (shows nothing, no error to
  // the user) a notification whose image it cannot load; headless Chromium does not load it.
  const icon = new URL(call.iconUrl, 'chrome-extension://id/background/service-worker.js');
  assert.ok(existsSync(new URL(`..${icon.pathname}`, import.meta.url)), `notification icon ${call.iconUrl} resolves to ${icon.pathname}, which the extension does not have`);
  watch.event({ event: 'call.state', state: 'incoming', muted: true });
  await new Promise((r) => setImmediate(r));
  assert.equal(fake.log.filter(([what, id]) => what === 'create' && id === CALL_NOTIFICATION_ID).length, 1, 'a repeat while ringing does not ring again');
  await fake.press(CALL_NOTIFICATION_ID, 0);
  assert.deepEqual(requests, ['call.accept']);
  assert.equal(windows, 1);
  assert.ok(!fake.made.has(CALL_NOTIFICATION_ID));

  watch.event({ event: 'call.state', state: 'incoming', muted: false });
  await new Promise((r) => setImmediate(r));
  await fake.press(CALL_NOTIFICATION_ID, 1);
  assert.deepEqual(requests, ['call.accept', 'call.decline']);
  assert.equal(windows, 1, 'declining opens nothing');

  watch.event({ event: 'call.state', state: 'incoming', muted: false });
  await new Promise((r) => setImmediate(r));
  watch.event({ event: 'call.state', state: 'ended', muted: false, reasonCode: 'peer_hung_up' });
  await new Promise((r) => setImmediate(r));
  assert.ok(!fake.made.has(CALL_NOTIFICATION_ID), 'a call the peer gave up is not left ringing');
  await fake.press('someone-else', 0);
  assert.equal(requests.length, 2, 'other notifications are not ours to answer');
});

test('call notifications can be turned off; a browser without buttons gets a plain one', async () => {
  const fake = fakeNotifications();
  const notifier = new Notifier(fake.api, { request: async () => ({ ok: true }), openWindow: () => {} });
  notifier.useSettings(normalizeSettings({ notifyCalls: false }));
  notifier.update({ unread: 0, callState: 'incoming' }, { event: 'call.state', state: 'incoming' }, { onScreen: false });
  await new Promise((r) => setImmediate(r));
  assert.equal(fake.made.size, 0);
  notifier.useSettings(DEFAULT_SETTINGS);
  notifier.update({ unread: 0, callState: 'incoming' }, { event: 'call.state', state: 'incoming' }, { onScreen: true });
  await new Promise((r) => setImmediate(r));
  assert.equal(fake.made.size, 0, 'the conversation on screen rings in the popup itself');

  const create = fake.api.notifications.create;
  fake.api.notifications.create = async (id, options) => { if (options.buttons) throw new Error('buttons is unsupported'); return create(id, options); };
  notifier.useSettings(DEFAULT_SETTINGS);
  notifier.update({ unread: 0, callState: 'incoming' }, { event: 'call.state', state: 'incoming' }, { onScreen: false });
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(fake.made.get(CALL_NOTIFICATION_ID).buttons, undefined);
});

test('message notification is replaced, not stacked, and cleared once read', async () => {
  const fake = fakeNotifications();
  const notifier = new Notifier(fake.api, { request: async () => ({ ok: true }), openWindow: () => {} });
  notifier.useSettings(normalizeSettings({ notifyMessages: true }));
  const watch = new RoomWatch();
  watch.onChange((state, cause) => notifier.update(state, cause, { onScreen: watch.conversationOnScreen }));
  watch.hostStatus(connected);
  watch.event({ event: 'room.state', state: 'verified' });
  watch.event(peerMessage('one'));
  watch.event(peerMessage('two'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual([...fake.made.keys()], [MESSAGE_NOTIFICATION_ID]);
  assert.equal(fake.made.get(MESSAGE_NOTIFICATION_ID).title, 'notifyMessagesTitle');
  watch.viewing(true);
  await new Promise((r) => setImmediate(r));
  assert.equal(fake.made.size, 0);
});
