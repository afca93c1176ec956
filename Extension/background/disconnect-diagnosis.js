// Turns the browser's words for a closed native port into a state and the
// command that fixes it. Pure: no browser API, so the rules are easy to read
// and test. The messages are the ones Chromium and Firefox really print.
import { HostState } from '../lib/messages.js';

/** The README's run command: builds, registers the host and opens the browser. */
export const RUN_COMMAND = './securelink.sh';
/** Registers an already built host for the default browsers. */
export const INSTALL_COMMAND = 'securelink-installer install';
/** Names every problem with an installed host and its fix. */
export const DOCTOR_COMMAND = 'securelink-installer doctor';

/**
 * @param {string|null} reason the browser's message (chrome.runtime.lastError / port.error)
 * @param {{helloAnswered: boolean}} context whether this port ever answered hello
 * @returns {{state: string, fix: {messageKey: string, commands: string[]}|null}}
 */
export function diagnoseDisconnect(reason, { helloAnswered }) {
  const text = (reason ?? '').toLowerCase();
  // Chromium: "Specified native messaging host not found."
  // Firefox: "No such native application app.securelink.host" / "... not found"
  if (!helloAnswered && (text.includes('not found') || text.includes('no such native application'))) {
    return { state: HostState.MISSING, fix: { messageKey: 'fixMissing', commands: [RUN_COMMAND, INSTALL_COMMAND] } };
  }
  // Chromium: "Access to the specified native messaging host is forbidden." (allowed_origins lacks us)
  // Chromium: "Failed to start native messaging host." (stale path in the manifest, not executable)
  // Chromium: "Invalid native messaging host name specified." (cannot happen with our constant, but says "misconfigured")
  if (!helloAnswered && (text.includes('forbidden') || text.includes('failed to start') || text.includes('invalid native messaging host'))) {
    return { state: HostState.MISCONFIGURED, fix: { messageKey: 'fixMisconfigured', commands: [INSTALL_COMMAND, DOCTOR_COMMAND] } };
  }
  // Chromium: "Native host has exited." / "Error when communicating with the native messaging host."
  // Firefox: "An unexpected error occurred" / no message at all.
  return { state: HostState.CRASHED, fix: null };
}

/** After this many failed reconnects in a row, also show the doctor command. */
export const CRASHES_BEFORE_DOCTOR_HINT = 3;

/** @param {number} failures consecutive failed connection attempts */
export function crashedFix(failures) {
  return failures >= CRASHES_BEFORE_DOCTOR_HINT ? { messageKey: 'fixCrashed', commands: [DOCTOR_COMMAND] } : null;
}
