// Hands a scanned code from the scan tab back to the popup, which closed when
// the tab opened. storage.session lives in memory only (never on disk) and is
// cleared when the browser ends; the popup takes the result once and removes it.

const KEY = 'scanResult';
/** A result older than this is stale (the person gave up and came back later). */
export const HANDBACK_MAX_AGE_MS = 5 * 60_000;
export const SCAN_PURPOSES = Object.freeze(['invite', 'reply']);

/** @param {chrome.storage.StorageArea} area storage.session */
export async function putScanResult(area, purpose, text, now = Date.now()) {
  if (!SCAN_PURPOSES.includes(purpose)) throw new Error(`unknown scan purpose ${purpose}`);
  await area.set({ [KEY]: { purpose, text: String(text), at: now } });
}

/**
 * Takes (and removes) the waiting result, if it is fresh.
 * @param {chrome.storage.StorageArea|undefined} area storage.session
 * @returns {Promise<{purpose: string, text: string}|null>}
 */
export async function takeScanResult(area, now = Date.now()) {
  if (!area) return null;
  try {
    const got = (await area.get(KEY))?.[KEY];
    if (!got) return null;
    await area.remove(KEY);
    if (!SCAN_PURPOSES.includes(got.purpose) || typeof got.text !== 'string') return null;
    if (!(now - Number(got.at) <= HANDBACK_MAX_AGE_MS)) return null;
    return { purpose: got.purpose, text: got.text };
  } catch {
    return null;
  }
}
