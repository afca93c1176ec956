// A stand-in for the few chrome.* APIs the background uses, installed as
// globalThis.chrome before the modules under test are imported. Native ports
// record what is posted and let a test answer, or die with the browser's words.
export class FakeEvent {
  listeners = [];
  addListener(listener) { this.listeners.push(listener); }
  fire(...args) { for (const listener of [...this.listeners]) listener(...args); }
}

export class FakePort {
  onMessage = new FakeEvent();
  onDisconnect = new FakeEvent();
  sent = [];
  closed = false;
  constructor(runtime, name, sender) { this.runtime = runtime; this.name = name; this.sender = sender; }
  postMessage(message) {
    if (this.closed) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(structuredClone(message));
  }
  disconnect() { this.closed = true; }
  /** The other side sends us a message. */
  receive(message) { this.onMessage.fire(structuredClone(message)); }
  /** The other side goes away; Chromium sets runtime.lastError only during onDisconnect. */
  die(reason) {
    this.closed = true;
    this.runtime.lastError = reason ? { message: reason } : undefined;
    this.onDisconnect.fire(this);
    this.runtime.lastError = undefined;
  }
  last() { return this.sent.at(-1); }
}

export function installFakeChrome() {
  const runtime = {
    id: 'gjcbgdlnkdamllccdgdimmjefdbkckgl',
    lastError: undefined,
    nativePorts: [],
    connectNative(name) {
      const port = new FakePort(runtime, name);
      runtime.nativePorts.push(port);
      return port;
    },
    onConnect: new FakeEvent(),
  };
  globalThis.chrome = { runtime, i18n: { getMessage: (key) => key, getUILanguage: () => 'en' } };
  return runtime;
}
