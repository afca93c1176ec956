// Writes the Firefox manifest from the Chromium one, so both builds come from
// the same sources: Firefox runs the background as a module event page
// (background.scripts), knows the add-on by its gecko id rather than by a key,
// and ignores minimum_chrome_version.
//   node tools/firefox-manifest.mjs <chromium manifest.json> <firefox manifest.json>
import { readFileSync, writeFileSync } from 'node:fs';

export const GECKO_ID = 'securelink@securelink.app';

export function toFirefox(chromium) {
  const { key, minimum_chrome_version, background, ...rest } = chromium;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        // SecureLink sends nothing to anyone but the peer the user chose.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error('usage: node tools/firefox-manifest.mjs <chromium manifest.json> <firefox manifest.json>');
  process.exit(2);
}
writeFileSync(target, JSON.stringify(toFirefox(JSON.parse(readFileSync(source, 'utf8'))), null, 2) + '\n');
