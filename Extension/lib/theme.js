// The theme chosen on the options page (system / light / dark), applied to a
// page as html[data-theme]; popup.css turns that into color-scheme, and every
// colour is a light-dark() pair, so nothing else has to know. "system" removes
// the attribute and the page follows prefers-color-scheme. Kept in step with
// storage.local, so an open popup follows a change made in the options tab.
import { api } from './browser-api.js';
import { loadSettings, SETTINGS_KEY, normalizeSettings } from '../options/settings.js';

/** @param {Document} doc @param {'system'|'light'|'dark'} theme */
export function applyTheme(doc, theme) {
  if (theme === 'light' || theme === 'dark') doc.documentElement.dataset.theme = theme;
  else delete doc.documentElement.dataset.theme;
}

/** Applies the stored theme now and whenever it changes. @returns {Promise<void>} once applied */
export async function followTheme(doc) {
  api.storage?.onChanged?.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) applyTheme(doc, normalizeSettings(changes[SETTINGS_KEY].newValue).theme);
  });
  applyTheme(doc, (await loadSettings(api.storage?.local)).theme);
}
