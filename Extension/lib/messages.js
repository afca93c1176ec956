// Names shared by the popup and the background for their runtime port. The
// host's own protocol is documented in docs/protocol.md; these few are the
// extension's additions around it.

/** runtime.connect name the background accepts from views. */
export const POPUP_PORT_NAME = 'popup';

/** Native messaging host name (the installer's app.securelink.host.json). */
export const HOST_NAME = 'app.securelink.host';

/** Protocol version sent in hello. */
export const PROTOCOL_VERSION = 1;

/** Requests the background answers itself instead of forwarding to the host. */
export const BackgroundRequest = Object.freeze({
  /** → `{ok, status}`: the current host status. */
  STATUS_GET: 'status.get',
  /** → `{ok}`: answered at once; a reference round trip for benchmarks. */
  PING: 'ping',
  /** → `{ok}`: reconnect to the host now instead of waiting for the backoff. */
  RECONNECT: 'host.reconnect',
  /** `{conversation: bool, visible: bool}` → `{ok}`: what this view shows; a visible conversation is read (badge cleared). */
  VIEW_STATE: 'view.state',
  /** → `{ok, windowId}`: opens (or brings forward) the popup in its own window. */
  POP_OUT: 'view.popOut',
});

/** Event the background pushes to views whenever the host status changes. */
export const STATUS_EVENT = 'host.status';

/** Host connection states, as carried in `status.state`. */
export const HostState = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  /** the browser found no host manifest: not installed for this browser/profile */
  MISSING: 'missing',
  /** the host ran and exited (or stopped answering); reconnecting with backoff */
  CRASHED: 'crashed',
  /** a manifest exists but the browser refused or failed to start the host */
  MISCONFIGURED: 'misconfigured',
  /** the host refused our protocol version */
  INCOMPATIBLE: 'incompatible',
});
