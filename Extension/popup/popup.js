// The popup is a view: it owns no state. On open it connects to the
// background, which pushes the host status at once and on every change; once
// the host answers, the room area asks it for a snapshot and follows events.
import { api } from '../lib/browser-api.js';
import { localizePage, t } from '../lib/i18n.js';
import { followTheme } from '../lib/theme.js';
import { BackgroundRequest, HostState } from '../lib/messages.js';
import { BackgroundClient } from './background-client.js';
import { NearbyUi } from './nearby-ui.js';
import { RoomUi } from './room-ui.js';
import { BACKGROUND_LOST, renderCountdown, renderStatus } from './status-view.js';

// The popup-history benchmark splits the time to open into phases with these marks.
performance.mark('securelink:script');

// Connect first: the background's answer (the status, and the room it already knows) is on its
// way while the page localizes and builds its parts below. Nothing it sends can arrive before
// this script ends, so the listeners registered further down hear all of it.
const client = new BackgroundClient();
client.connect();

localizePage(document);
// Attributes lib/i18n.js does not fill.
for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
for (const el of document.querySelectorAll('[data-i18n-alt]')) el.alt = t(el.dataset.i18nAlt);

followTheme(document);
// The same page runs as the toolbar popup and as the popped-out window (?view=window).
const poppedOut = new URLSearchParams(location.search).get('view') === 'window';
document.body.classList.toggle('popped-out', poppedOut);
document.getElementById('pop-out').hidden = poppedOut;

let lastStatus = null;
let lastPid = null;

async function copy(command, button) {
  try {
    await navigator.clipboard.writeText(command);
    button.textContent = t('copied');
    setTimeout(() => { button.textContent = t('copy'); }, 1500);
  } catch {
    // No clipboard access: select the command so Ctrl+C works.
    const code = button.previousElementSibling;
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }
}

const rooms = new RoomUi(document, client, {
  local: api.storage?.local,
  session: api.storage?.session,
  openScan: (purpose) => api.tabs.create({ url: api.runtime.getURL(`scan/scan.html?purpose=${purpose}`) }),
  openOptions: () => api.runtime.openOptionsPage(),
});
const nearby = new NearbyUi(document, client);

const show = (status) => {
  if (lastStatus === null) performance.mark('securelink:status');
  lastStatus = status;
  renderStatus(document, status, { onCopy: copy });
  const connected = status.state === HostState.CONNECTED;
  const pid = connected ? status.host?.pid ?? null : null;
  // A different host process is a different (empty) session: start over from its snapshot.
  if (connected && lastPid !== null && pid !== lastPid) rooms.setHostReady(false);
  if (connected) lastPid = pid;
  rooms.setHostReady(connected);
  nearby.setHostReady(connected);
};

client.onStatus(show);
client.onBackgroundLost((reason) => show({ state: BACKGROUND_LOST, reason, fix: null, retryAt: null }));

document.getElementById('retry').addEventListener('click', () => client.request({ type: BackgroundRequest.RECONNECT }));
document.getElementById('open-settings').addEventListener('click', () => api.runtime.openOptionsPage());
document.getElementById('pop-out').addEventListener('click', async () => {
  const response = await client.request({ type: BackgroundRequest.POP_OUT });
  // The window took over; a toolbar popup would close on losing focus anyway.
  if (response.ok && !poppedOut) window.close();
});

// Tell the background whether this view shows the conversation on screen:
// then the peer's messages are read, so the badge count and message
// notifications are cleared. Watching the room's data-screen keeps this apart
// from the room code.
const roomArea = document.getElementById('room');
let reportedView = '';
const reportView = () => {
  const view = { conversation: roomArea.dataset.screen === 'conversation', visible: document.visibilityState === 'visible' };
  const key = `${view.conversation}|${view.visible}`;
  if (key === reportedView) return;
  reportedView = key;
  client.request({ type: BackgroundRequest.VIEW_STATE, ...view });
};
new MutationObserver(reportView).observe(roomArea, { attributes: true, attributeFilter: ['data-screen'] });
document.addEventListener('visibilitychange', reportView);
client.onStatus(() => { reportedView = ''; reportView(); }); // a restarted background knows nothing yet

setInterval(() => {
  if (lastStatus) renderCountdown(document, lastStatus.retryAt ?? null, Date.now());
  rooms.tick();
  nearby.tick();
}, 1000);
