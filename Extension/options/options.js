// The options page: STUN servers for Internet mode, PIN length, invite
// lifetime. Saved in storage.local; these are settings only, never anything
// about a room or a message.
import { api } from '../lib/browser-api.js';
import { localizePage, t } from '../lib/i18n.js';
import { checkInviteMinutes, checkPinDigits, loadSettings, parseStunList, saveSettings } from './settings.js';

localizePage(document);
const $ = (id) => document.getElementById(id);

function showStunErrors(errors) {
  const list = $('stun-errors');
  list.replaceChildren(...errors.map(({ entry, problem }) => {
    const li = document.createElement('li');
    li.textContent = t(problem, [entry]);
    return li;
  }));
  list.hidden = errors.length === 0;
}

async function init() {
  const settings = await loadSettings(api.storage.local);
  $('stun-servers').value = settings.stunServers.join('\n');
  $('pin-digits').value = String(settings.pinDigits);
  $('invite-minutes').value = String(settings.inviteMinutes);
}

$('options-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('options-saved').textContent = '';
  const { servers, errors } = parseStunList($('stun-servers').value);
  showStunErrors(errors);
  const problem = checkPinDigits($('pin-digits').value) ?? checkInviteMinutes($('invite-minutes').value);
  const error = $('options-error');
  error.hidden = problem === null;
  error.textContent = problem ? t(problem) : '';
  if (errors.length > 0) { $('stun-servers').focus(); return; }
  if (problem) { $(problem === 'pinDigitsRange' ? 'pin-digits' : 'invite-minutes').focus(); return; }
  const saved = await saveSettings(api.storage.local, {
    stunServers: servers, pinDigits: Number($('pin-digits').value), inviteMinutes: Number($('invite-minutes').value),
  });
  $('stun-servers').value = saved.stunServers.join('\n');
  $('options-saved').textContent = t('saved');
});

init();
