// The popup is a view: it owns no state. On open it connects to the
// background, which pushes the host status at once and on every change.
import { localizePage, t } from '../lib/i18n.js';
import { BackgroundRequest } from '../lib/messages.js';
import { BackgroundClient } from './background-client.js';
import { BACKGROUND_LOST, renderCountdown, renderStatus } from './status-view.js';

localizePage(document);

const client = new BackgroundClient();
let lastStatus = null;

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

const show = (status) => { lastStatus = status; renderStatus(document, status, { onCopy: copy }); };

client.onStatus(show);
client.onBackgroundLost((reason) => show({ state: BACKGROUND_LOST, reason, fix: null, retryAt: null }));
client.connect();

document.getElementById('retry').addEventListener('click', () => client.request({ type: BackgroundRequest.RECONNECT }));

setInterval(() => {
  if (lastStatus) renderCountdown(document, lastStatus.retryAt ?? null, Date.now());
}, 1000);
