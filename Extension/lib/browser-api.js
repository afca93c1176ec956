// The one place that knows which browser we run in. Firefox exposes the
// promise-based `browser` namespace; Chromium only `chrome` (whose MV3 APIs
// also return promises). Everything else imports `api` from here.
export const api = globalThis.browser ?? globalThis.chrome;

/**
 * Why a port closed, as the browser worded it. Firefox puts it on the port
 * (`port.error`), Chromium on `runtime.lastError` during onDisconnect, and
 * reading lastError there also stops Chromium logging "Unchecked runtime.lastError".
 * @param {object} port
 * @returns {string|null}
 */
export function disconnectReason(port) {
  const fromPort = port?.error?.message;
  const fromRuntime = api.runtime.lastError?.message;
  return fromPort ?? fromRuntime ?? null;
}
