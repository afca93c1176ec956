// popup.html names every module of the popup's import graph as a modulepreload,
// so the browser fetches them all at once instead of discovering each level of
// imports only after the previous one arrived. This keeps the list complete
// (and free of modules the popup no longer imports) as the code changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const popupDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'popup');

/** Static imports of a module, as absolute paths (dynamic import() stays out: it is loaded on demand). */
function staticImports(file) {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gms)]
    .map((m) => resolve(dirname(file), m[1] ?? m[2]));
}

function graph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of staticImports(file)) visit(next);
  };
  visit(entry);
  seen.delete(entry);
  return seen;
}

test('popup.html preloads exactly the modules popup.js imports, directly or not', () => {
  const html = readFileSync(join(popupDir, 'popup.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => resolve(popupDir, m[1]));
  const wanted = graph(join(popupDir, 'popup.js'));
  const name = (f) => relative(popupDir, f);
  assert.deepEqual([...new Set(preloaded)].map(name).sort(), [...wanted].map(name).sort());
  assert.equal(preloaded.length, new Set(preloaded).size, 'a module is preloaded twice');
});
