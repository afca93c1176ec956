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
  doc.documentElement.lang = api.i18n.getUILanguage();
  doc.documentElement.dir = api.i18n.getMessage('@@bidi_dir') || 'ltr';
}
