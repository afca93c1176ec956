// Every visible string comes from _locales through here. Text is always set
// with textContent (never innerHTML), so a translation or a host message can
// never become markup.
import { api } from './browser-api.js';

/**
 * @param {string} key message name in _locales/<lang>/messages.json
 * @param {string|string[]} [substitutions]
 * @returns {string} the text, or the key itself so a missing string is visible, not blank
 */
export function t(key, substitutions) {
  const text = api.i18n.getMessage(key, substitutions);
  if (!text) console.warn(`SecureLink: no message for "${key}"`);
  return text || key;
}

/**
 * Fills `data-i18n` (textContent), `data-i18n-title` and `data-i18n-aria-label`
 * attributes under root, and sets the document language and direction.
 * @param {Document} doc
 */
export function localizePage(doc) {
  for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of doc.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of doc.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  const { lang, dir } = pageLanguage();
  doc.documentElement.lang = lang;
  doc.documentElement.dir = dir;
}

/**
 * The language and direction of the words the page really shows. The browser's
 * UI locale (`@@ui_locale`, `@@bidi_dir`) is used when we ship that language;
 * otherwise chrome.i18n fell back to another locale's messages, and the page
 * must say that one (each messages.json names itself in `langTag`/`langDir`),
 * so a screen reader does not read English with a German voice, and a Hebrew
 * UI without a Hebrew translation does not mirror English text.
 * @returns {{lang: string, dir: 'ltr'|'rtl', uiLocale: string}}
 */
export function pageLanguage() {
  const uiLocale = (api.i18n.getMessage('@@ui_locale') || api.i18n.getUILanguage?.() || 'en').replace(/_/g, '-');
  const shown = api.i18n.getMessage('langTag') || 'en';
  const shownDir = api.i18n.getMessage('langDir') === 'rtl' ? 'rtl' : 'ltr';
  const sameLanguage = uiLocale.split('-')[0].toLowerCase() === shown.split('-')[0].toLowerCase();
  if (!sameLanguage) return { lang: shown, dir: shownDir, uiLocale };
  const bidi = api.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  return { lang: uiLocale, dir: bidi, uiLocale };
}
