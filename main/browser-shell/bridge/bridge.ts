/**
 * The browser shell's bridge: a classic script that index.html loads before the renderer's bundle. It
 * takes the launch key from the address (`#key=…`, then keeps it for the tab in sessionStorage and
 * removes it from the address bar), opens the shell's local WebSocket, and defines a frozen
 * `window.sessiondesk` implementing the same SessiondeskBridge as Electron's preload.
 */
import { bridgeEvents } from '@shared/ipc/bridge-events';
import type { CommandResult, SessiondeskBridge } from '@shared/ipc/contract';
import {
  CLOSE_UNAUTHORIZED,
  IPC_PATH,
  KEY_STORAGE_NAME,
  LANGUAGES_PARAM,
  MAX_MESSAGE_BYTES,
  type InvokeMessage,
  type ShellMessage,
} from './protocol';

type Result = CommandResult<unknown>;

const failure = (code: string, message: string): Result => ({ ok: false, error: { code, message } });
const LOST = failure('internal', 'The connection to the Sessiondesk app was lost.');
const BAD_KEY_MESSAGE =
  'This page’s key is not valid any more: open the address the Sessiondesk browser shell printed.';
const BAD_KEY = failure('internal', BAD_KEY_MESSAGE);
const TOO_LARGE = failure('invalid_input', 'This is too large to send to the Sessiondesk app.');
const NOT_SENDABLE = failure('invalid_input', 'This cannot be sent to the Sessiondesk app.');
const NOT_A_COMMAND = failure('unknown_command', 'A command is named by a string.');

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

/** The key from `#key=…` (then stored and removed from the address), or the one stored for this tab. */
function takeKey(): string | null {
  const hash = location.hash.replace(/^#/, '');
  const parts = hash === '' ? [] : hash.split('&');
  const part = parts.find((p) => p.startsWith('key='));
  if (part !== undefined) {
    let key = part.slice('key='.length);
    try {
      key = decodeURIComponent(key);
    } catch {
      // not percent-encoded after all: as it is
    }
    try {
      sessionStorage.setItem(KEY_STORAGE_NAME, key);
    } catch {
      // Storage may be off: this load still works, a reload will not.
    }
    const rest = parts.filter((p) => p !== part).join('&');
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    );
    return key || null;
  }
  try {
    return sessionStorage.getItem(KEY_STORAGE_NAME);
  } catch {
    return null;
  }
}

function forgetKey(): void {
  try {
    sessionStorage.removeItem(KEY_STORAGE_NAME);
  } catch {
    // nothing stored
  }
}

function parseShellMessage(data: unknown): ShellMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const message = JSON.parse(data) as unknown;
    return typeof message === 'object' && message !== null && 'type' in message
      ? (message as ShellMessage)
      : null;
  } catch {
    return null;
  }
}

interface Connection {
  readonly bridge: SessiondeskBridge;
  /** A new key arrived in the address (the shell restarted): connect with it. */
  useKey(key: string): void;
}

function connectBridge(firstKey: string): Connection {
  let key = firstKey;
  // The browser's languages, for the client's `system` language (protocol.ts).
  const languages = encodeURIComponent(navigator.languages.join(','));
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${IPC_PATH}?${LANGUAGES_PARAM}=${languages}`;
  /** Every invoke not answered yet, sent or waiting for the socket. */
  const pending = new Map<number, (result: Result) => void>();
  /** Messages waiting for the socket to be ready, in order. */
  let outbox: { id: number; text: string }[] = [];
  // One listener's bug does not keep the event from the others.
  const events = bridgeEvents(reportError);
  let socket: WebSocket | null = null;
  let ready = false;
  let refused = false;
  let nextId = 1;
  let retryMs = FIRST_RETRY_MS;

  const failAll = (result: Result) => {
    const waiting = [...pending.values()];
    pending.clear();
    outbox = [];
    for (const resolve of waiting) resolve(result);
  };

  const flush = () => {
    if (!socket || !ready) return;
    for (const { id, text } of outbox) if (pending.has(id)) socket.send(text);
    outbox = [];
  };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ready = false;
    ws.addEventListener('open', () => ws.send(key));
    ws.addEventListener('message', (event) => {
      const message = parseShellMessage(event.data);
      if (!message) return;
      switch (message.type) {
        case 'ready':
          ready = true;
          retryMs = FIRST_RETRY_MS;
          flush();
          break;
        case 'result': {
          const resolve = pending.get(message.id);
          pending.delete(message.id);
          resolve?.(message.result);
          break;
        }
        case 'event':
          events.dispatch(message.name, message.payload);
          break;
      }
    });
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      if (event.code === CLOSE_UNAUTHORIZED) {
        // The shell restarted (a new key) or the key was wrong: retrying cannot help.
        refused = true;
        forgetKey();
        failAll(BAD_KEY);
        console.error(`Sessiondesk: ${BAD_KEY_MESSAGE}`);
        return;
      }
      failAll(LOST);
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  };

  const invoke = (name: unknown, input: unknown): Promise<Result> => {
    if (refused) return Promise.resolve(BAD_KEY);
    if (typeof name !== 'string') return Promise.resolve(NOT_A_COMMAND);
    const id = nextId++;
    let text: string;
    try {
      text = JSON.stringify({ id, name, input } satisfies InvokeMessage);
    } catch {
      return Promise.resolve(NOT_SENDABLE);
    }
    if (text.length > MAX_MESSAGE_BYTES / 3 && new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES) {
      return Promise.resolve(TOO_LARGE);
    }
    return new Promise<Result>((resolve) => {
      pending.set(id, resolve);
      outbox.push({ id, text });
      flush();
    });
  };

  const useKey = (newKey: string) => {
    if (newKey === key && !refused) return;
    key = newKey;
    refused = false;
    // Closing fails what is pending and reconnects, with the new key.
    if (socket) socket.close(1000);
    else connect();
  };

  connect();
  const bridge: SessiondeskBridge = Object.freeze({
    runtime: 'browser-shell',
    invoke: invoke as SessiondeskBridge['invoke'],
    on: events.on,
  });
  return { bridge, useKey };
}

const key = takeKey();
const connection = key ? connectBridge(key) : null;
if (connection) {
  Object.defineProperty(window, 'sessiondesk', {
    value: connection.bridge,
    enumerable: true,
    writable: false,
    configurable: false,
  });
} else {
  console.warn(
    'Sessiondesk: this page has no key, so it is not connected. Open the address the browser shell printed.',
  );
}
// The address pasted again into this tab changes only the fragment: no reload, so look for a key here.
window.addEventListener('hashchange', () => {
  if (!/(^#|&)key=/.test(location.hash)) return;
  const newKey = takeKey();
  if (!newKey) return;
  // Without a bridge when the renderer started, only a reload gives it one.
  if (connection) connection.useKey(newKey);
  else location.reload();
});
