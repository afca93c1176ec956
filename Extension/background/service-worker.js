// Background entry point (a module service worker in Chromium, a module event
// page in Firefox). Listeners are registered synchronously at the top level so
// a worker woken by a popup's connect gets that event. The worker may be
// stopped when idle (an open native port keeps it alive in Chromium >= 105); on
// every wake this module runs again and reconnects to the host.
//
// Besides relaying, the background is what reaches the person while the popup
// is closed: the toolbar badge and system notifications, both driven by
// RoomWatch from host events.
import { api } from '../lib/browser-api.js';
import { loadSettings, normalizeSettings, SETTINGS_KEY } from '../options/settings.js';
import { Badge } from './badge.js';
import { HostConnection } from './host-connection.js';
import { Notifier } from './notifications.js';
import { PopOut } from './pop-out.js';
import { PopupHub } from './popup-hub.js';
import { RoomWatch } from './room-watch.js';

const connection = new HostConnection({ hasViewers: () => hub.viewerCount > 0 });
const popOut = new PopOut();
const hub = new PopupHub(connection, { popOut: () => popOut.open() });
const watch = new RoomWatch();
const badge = new Badge(api.action);
const notifier = new Notifier(api, { request: (message) => connection.request(message), openWindow: () => { popOut.open().catch(() => {}); } });

api.runtime.onConnect.addListener((port) => hub.accept(port));
let settings = null;
// The host keeps the chosen microphone and speaker in memory only, so it hears them again after
// every (re)connect and whenever the options change; they apply from the next call.
const selectAudio = () => {
  if (settings && watch.state.hostConnected) {
    connection.request({ type: 'audio.select', input: settings.audioInput, output: settings.audioOutput }).catch(() => {});
  }
};
const useSettings = (next) => {
  settings = next;
  notifier.useSettings(next);
  selectAudio();
};
api.storage?.onChanged?.addListener((changes, area) => {
  if (area === 'local' && changes[SETTINGS_KEY]) useSettings(normalizeSettings(changes[SETTINGS_KEY].newValue));
});
loadSettings(api.storage?.local).then(useSettings);

watch.onChange((state, cause) => {
  badge.render(state);
  notifier.update(state, cause, { onScreen: hub.conversationOnScreen });
});
hub.onViews((onScreen) => watch.viewing(onScreen));
hub.onHostAnswer((request, response) => { if (request.type === 'room.leave' && response.ok) watch.left(); });
connection.onEvent((event) => watch.event(event));
connection.onStatus((status) => {
  const was = watch.state.hostConnected;
  watch.hostStatus(status);
  // After a (re)connect, one snapshot tells which room this host already has (the worker may have restarted).
  if (!was && watch.state.hostConnected) {
    connection.request({ type: 'state.get' }).then((r) => watch.snapshot(r));
    selectAudio();
  }
});
connection.connect();

// For the end-to-end tests (and a person in DevTools): a system notification's
// buttons cannot be pressed from a test, so the test calls what a press calls.
// Only code running inside this worker can reach it.
Object.defineProperty(globalThis, 'secureLinkBackground', { value: Object.freeze({ notifier, watch, hub }) });
