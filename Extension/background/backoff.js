// Reconnect delays: quick first retry (a killed host comes back in half a
// second), then doubling so a host that crashes on start is not respawned in a
// tight loop, capped so recovery never waits long once the cause is fixed.
export const BACKOFF_STEPS_MS = Object.freeze([500, 1000, 2000, 4000, 8000, 10000]);

/** A connection that lived this long counts as healthy: the next failure starts the backoff over. */
export const STABLE_AFTER_MS = 5000;

/**
 * @param {number} failures consecutive failures so far, 0 for the first
 * @returns {number} milliseconds to wait before the next attempt
 */
export function backoffDelay(failures) {
  return BACKOFF_STEPS_MS[Math.min(Math.max(failures, 0), BACKOFF_STEPS_MS.length - 1)];
}
