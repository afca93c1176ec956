// Background entry point (a module service worker in Chromium, a module event
// page in Firefox). Listeners are registered synchronously at the top level so
// a worker woken by a popup's connect gets that event. The worker may be
// stopped when idle (an open native port keeps it alive in Chromium >= 105); on
// every wake this module runs again and reconnects to the host.
import { api } from '../lib/browser-api.js';
import { HostConnection } from './host-connection.js';
import { PopupHub } from './popup-hub.js';

const connection = new HostConnection({ hasViewers: () => hub.viewerCount > 0 });
const hub = new PopupHub(connection);

api.runtime.onConnect.addListener((port) => hub.accept(port));
connection.connect();
