// The options page: STUN servers for Internet mode, PIN length, invite
// lifetime, notifications, theme and audio devices (with a microphone and a
// speaker check, audio-check.js). Saved in storage.local;
// these are settings only, never anything about a room or a message.
import { api } from '../lib/browser-api.js';
import { localizePage, t } from '../lib/i18n.js';
import { applyTheme, followTheme } from '../lib/theme.js';
import { BackgroundClient } from '../popup/background-client.js';
import { AudioCheck } from './audio-check.js';
import { checkInviteMinutes, checkPinDigits, loadSettings, parseStunList, saveSettings } from './settings.js';

localizePage(document);
followTheme(document);
const $ = (id) => document.getElementById(id);
const themeInputs = () => [...document.querySelectorAll('input[name="theme"]')];
// One port for the page's life: the device list and the audio checks; the background closes a
// microphone check when this port closes.
const client = new BackgroundClient();
client.connect();
new AudioCheck(document, client);

function showStunErrors(errors) {
  const list = $('stun-errors');
  list.replaceChildren(...errors.map(({ entry, problem }) => {
    const li = document.createElement('li');
    li.textContent = t(problem, [entry]);
    return li;
  }));
  list.hidden = errors.length === 0;
}

/** Fills a device list: the system default first, then what the host reports. */
function fillDevices(select, devices, chosen) {
  const options = [{ id: 'default', name: t('audioDefaultDevice') }, ...devices.filter((d) => d.id !== 'default')];
  if (!options.some((d) => d.id === chosen)) options.push({ id: chosen, name: t('audioMissingDevice', [chosen]) });
  select.replaceChildren(...options.map((d) => {
    const option = document.createElement('option');
    option.value = d.id;
    option.textContent = d.name;
    return option;
  }));
  select.value = chosen;
}

const cleanDevices = (list) => (Array.isArray(list) ? list : [])
  .filter((d) => d && typeof d.id === 'string' && d.id.length > 0)
  .map((d) => ({ id: d.id, name: typeof d.name === 'string' && d.name ? d.name : d.id }));

/** Asks the host for its audio devices; a host without `audio.devices` leaves only "default". */
async function loadDevices(settings) {
  fillDevices($('audio-input'), [], settings.audioInput);
  fillDevices($('audio-output'), [], settings.audioOutput);
  $('audio-note').textContent = t('audioDevicesPending');
  const response = await client.request({ type: 'audio.devices' }, { timeoutMs: 5000 });
  if (!response.ok) { $('audio-note').textContent = t('audioDevicesUnavailable'); return; }
  fillDevices($('audio-input'), cleanDevices(response.inputs), $('audio-input').value);
  fillDevices($('audio-output'), cleanDevices(response.outputs), $('audio-output').value);
  $('audio-note').textContent = t('audioDevicesNote');
}

function syncPreviews() {
  // A preview belongs to a message notification: without one it has nothing to show.
  $('notify-previews').disabled = !$('notify-messages').checked;
}

async function init() {
  const settings = await loadSettings(api.storage.local);
  $('stun-servers').value = settings.stunServers.join('\n');
  $('pin-digits').value = String(settings.pinDigits);
  $('invite-minutes').value = String(settings.inviteMinutes);
  $('notify-calls').checked = settings.notifyCalls;
  $('notify-messages').checked = settings.notifyMessages;
  $('notify-previews').checked = settings.notifyPreviews;
  for (const input of themeInputs()) input.checked = input.value === settings.theme;
  syncPreviews();
  document.body.dataset.loaded = 'true';
  await loadDevices(settings);
}

$('notify-messages').addEventListener('change', syncPreviews);
// A list being corrected no longer has the old list's problems.
$('stun-servers').addEventListener('input', () => showStunErrors([]));
// The theme shows at once, before saving, so the person sees what they choose.
for (const input of themeInputs()) input.addEventListener('change', () => applyTheme(document, input.value));

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
    stunServers: servers,
    pinDigits: Number($('pin-digits').value),
    inviteMinutes: Number($('invite-minutes').value),
    notifyCalls: $('notify-calls').checked,
    notifyMessages: $('notify-messages').checked,
    notifyPreviews: $('notify-previews').checked,
    theme: themeInputs().find((i) => i.checked)?.value ?? 'system',
    audioInput: $('audio-input').value || 'default',
    audioOutput: $('audio-output').value || 'default',
  });
  $('stun-servers').value = saved.stunServers.join('\n');
  $('options-saved').textContent = t('saved');
});

init();
