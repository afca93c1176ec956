// Draws the host status card from a status object. Everything is written with
// textContent and createElement: no string from the host or the browser is
// ever parsed as HTML.
import { t } from '../lib/i18n.js';
import { HostState } from '../lib/messages.js';

const HEADLINE_KEYS = Object.freeze({
  [HostState.CONNECTING]: 'statusConnecting',
  [HostState.CONNECTED]: 'statusConnected',
  [HostState.MISSING]: 'statusMissing',
  [HostState.CRASHED]: 'statusCrashed',
  [HostState.MISCONFIGURED]: 'statusMisconfigured',
  [HostState.INCOMPATIBLE]: 'statusIncompatible',
});

/** Local state of the popup when its own port to the background closed. */
export const BACKGROUND_LOST = 'background-lost';

const byId = (doc, id) => doc.getElementById(id);

/**
 * @param {Document} doc
 * @param {object} status from the background (see background/host-connection.js)
 * @param {{onCopy: (command: string, button: HTMLButtonElement) => void}} actions
 */
export function renderStatus(doc, status, { onCopy }) {
  const state = status.state;
  const card = byId(doc, 'host-status');
  card.dataset.state = state;

  const headline = byId(doc, 'host-status-text');
  const text = state === BACKGROUND_LOST ? t('statusBackgroundLost') : t(HEADLINE_KEYS[state] ?? 'statusCrashed');
  if (headline.textContent !== text) headline.textContent = text; // unchanged text: no repeat announcement

  const host = state === HostState.CONNECTED ? status.host : null;
  byId(doc, 'host-details').hidden = host === null;
  byId(doc, 'host-version').textContent = host ? host.version : '';
  byId(doc, 'host-pid').textContent = host ? String(host.pid) : '';
  byId(doc, 'host-protocol').textContent = host ? String(host.protocol) : '';

  renderFix(doc, status.fix ?? null, onCopy);

  const reason = byId(doc, 'host-reason');
  reason.hidden = !status.reason || state === HostState.CONNECTED;
  reason.textContent = status.reason ? t('browserSaid', [String(status.reason)]) : '';

  byId(doc, 'retry').hidden = ![HostState.MISSING, HostState.CRASHED, HostState.MISCONFIGURED, HostState.INCOMPATIBLE].includes(state);
  renderCountdown(doc, status.retryAt ?? null, Date.now());
}

/** Updates only the "next try in N s" line; called every second, so it is not a live region. */
export function renderCountdown(doc, retryAt, now) {
  const el = byId(doc, 'host-retry');
  const seconds = retryAt === null ? 0 : Math.ceil((retryAt - now) / 1000);
  el.hidden = seconds <= 0;
  el.textContent = seconds > 0 ? t('retryInSeconds', [String(seconds)]) : '';
}

function renderFix(doc, fix, onCopy) {
  const box = byId(doc, 'host-fix');
  const key = fix ? `${fix.messageKey}|${fix.commands.join('|')}` : '';
  if (box.dataset.fixKey === key) return; // keep focus on a copy button across re-renders
  box.dataset.fixKey = key;
  box.replaceChildren();
  box.hidden = fix === null;
  if (fix === null) return;

  const intro = doc.createElement('p');
  intro.className = 'fix-intro';
  intro.textContent = t(fix.messageKey);
  box.append(intro);
  fix.commands.forEach((command, index) => {
    if (index > 0) {
      const or = doc.createElement('p');
      or.className = 'fix-or';
      or.textContent = t('fixOr');
      box.append(or);
    }
    const row = doc.createElement('div');
    row.className = 'command';
    const code = doc.createElement('code');
    code.className = 'fix-command';
    code.textContent = command;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = t('copy');
    button.setAttribute('aria-label', t('copyCommand', [command]));
    button.addEventListener('click', () => onCopy(command, button));
    row.append(code, button);
    box.append(row);
  });
}
