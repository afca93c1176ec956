// Every locale has every English key, with the same placeholders used in its
// text, nothing more, nothing less; the right-to-left ones say so. Run:
// node --test Extension/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../_locales/', import.meta.url);
const load = (lang) => JSON.parse(readFileSync(new URL(`${lang}/messages.json`, root), 'utf8'));
const en = load('en');
const locales = readdirSync(root).filter((l) => l !== 'en');
/** $NAME$ references in a message (Chrome matches them case-insensitively). */
const used = (text) => [...text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()).sort();
const RTL = new Set(['ar', 'he', 'fa', 'ur']);
/** Words that are the same in a language ("bytes" in Spanish). */
const SAME_OK = { es: new Set(['byteCount']) };

test('we ship English and at least one left-to-right and one right-to-left translation', () => {
  assert.ok(locales.includes('es'), 'Spanish');
  assert.ok(locales.includes('ar'), 'Arabic');
});

for (const lang of locales) {
  const messages = load(lang);
  test(`${lang}: same keys as English`, () => {
    assert.deepEqual(Object.keys(messages).filter((k) => !(k in en)), [], 'keys English does not have');
    assert.deepEqual(Object.keys(en).filter((k) => !(k in messages)), [], `keys missing in _locales/${lang}: a new English string needs its translation here too (Extension/README.md, Languages)`);
  });

  test(`${lang}: every message translated, placeholders the same as English`, () => {
    for (const [key, source] of Object.entries(en)) {
      const entry = messages[key];
      if (!entry) continue;
      assert.equal(typeof entry.message, 'string', key);
      assert.ok(entry.message.trim().length > 0, `${key} is empty`);
      assert.deepEqual(used(entry.message), used(source.message), `${key}: placeholders used`);
      assert.deepEqual(Object.keys(entry.placeholders ?? {}).sort(), Object.keys(source.placeholders ?? {}).sort(), `${key}: placeholders declared`);
      for (const [name, p] of Object.entries(source.placeholders ?? {})) assert.equal(entry.placeholders[name].content, p.content, `${key}.${name}`);
    }
  });

  test(`${lang}: names its own language and direction`, () => {
    assert.equal(messages.langTag.message, lang);
    assert.equal(messages.langDir.message, RTL.has(lang) ? 'rtl' : 'ltr');
  });

  test(`${lang}: really translated (not English left in place)`, () => {
    // Product names, PIN, codes and numbers may stay; sentences may not.
    const same = Object.entries(en).filter(([k, s]) => messages[k].message === s.message && /\s\S+\s/.test(s.message) && !SAME_OK[lang]?.has(k)).map(([k]) => k);
    assert.deepEqual(same, [], 'sentences still in English');
  });
}

test('en names itself', () => {
  assert.equal(en.langTag.message, 'en');
  assert.equal(en.langDir.message, 'ltr');
});

test('no page sets its language or direction by hand: localizePage does', () => {
  for (const page of ['popup/popup.html', 'options/options.html', 'scan/scan.html']) {
    const html = readFileSync(new URL(`../${page}`, import.meta.url), 'utf8');
    assert.doesNotMatch(html, /<html[^>]*\sdir=/, `${page} has a fixed dir`);
    const script = /<script type="module" src="([^"]+)"/.exec(html)[1];
    const js = readFileSync(new URL(`../${page.replace(/[^/]+$/, '')}${script}`, import.meta.url), 'utf8');
    assert.match(js, /localizePage\(document\)/, `${page} localizes itself`);
  }
});

test('stylesheets use logical properties, so right-to-left mirrors', () => {
  for (const css of ['popup/popup.css', 'options/options.css', 'scan/scan.css']) {
    const text = readFileSync(new URL(`../${css}`, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const physical = text.match(/(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:|text-align:\s*(?:left|right)|border-(?:top|bottom)-(?:left|right)-radius|float:\s*(?:left|right)/g) ?? [];
    assert.deepEqual(physical, [], `${css} uses physical left/right`);
  }
});
