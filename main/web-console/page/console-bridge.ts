/**
 * The web console's bridge: a classic script the service inserts before the renderer's bundle. It starts
 * the core's Worker and defines a frozen `window.sessiondesk` implementing the same SessiondeskBridge as
 * Electron's preload and the browser shell's bridge, each command a message to the Worker, each answer and
 * event one back. It does for the Worker what a Worker cannot: opens a remote-control app's link, offers a
 * download, opens single sign-on's window — and, in that window when it comes back, hands the address to
 * the console page over a same-origin channel and closes.
 *
 * It also registers the console's service worker, which keeps the app's files so the console opens with
 * no network (the cached requests then come from the core's SQLite on OPFS).
 */
import { bridgeEvents } from '@shared/ipc/bridge-events';
import type { CommandResult, SessiondeskBridge } from '@shared/ipc/contract';
import { CONSOLE_PATH, CONSOLE_SSO_RETURN_PATH } from '@shared/protocol/console-paths';
import { SSO_RETURN_CHANNEL, type PageMessage, type WorkerMessage } from '../worker-protocol';

type Result = CommandResult<unknown>;

const failure = (code: string, message: string): Result => ({ ok: false, error: { code, message } });
const LOST = failure('internal', 'The Sessiondesk console stopped working. Reload the page.');
const NOT_A_COMMAND = failure('unknown_command', 'A command is named by a string.');

/** Single sign-on's window, back from the provider: tell the console page, then close. */
function handSsoReturnBack(): void {
  const channel = new BroadcastChannel(SSO_RETURN_CHANNEL);
  channel.postMessage(location.href);
  channel.close();
  window.close();
  // Not a window this console opened (the address typed or reloaded): back to the console.
  location.replace(`${CONSOLE_PATH}/`);
}

/** Opens a link the core has checked (a remote-control app's scheme, or an https page in a new tab). */
function openUri(uri: string): void {
  if (/^https?:/i.test(uri)) {
    window.open(uri, '_blank', 'noopener,noreferrer');
    return;
  }
  // An anchor's click hands an app's scheme to the operating system without leaving the page.
  const link = document.createElement('a');
  link.href = uri;
  link.rel = 'noopener noreferrer';
  link.click();
}

function download(name: string, file: Blob): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // After the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function startBridge(): SessiondeskBridge {
  // Absolute: the page is also served for the client's deeper paths (/console/…), where ./ would not do.
  const worker = new Worker(`${CONSOLE_PATH}/core-worker.js`, {
    type: 'module',
    name: 'sessiondesk-core',
  });
  const send = (message: PageMessage) => worker.postMessage(message);
  const pending = new Map<number, (result: Result) => void>();
  // One listener's bug does not keep the event from the others.
  const events = bridgeEvents(reportError);
  let broken: Result | null = null;
  let nextId = 1;

  const failAll = (result: Result) => {
    broken = result;
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve(result);
  };

  worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    switch (message.type) {
      case 'result': {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.result);
        return;
      }
      case 'event':
        events.dispatch(message.name, message.payload);
        return;
      case 'failed':
        failAll(failure(message.code, message.message));
        return;
      case 'open-uri':
        openUri(message.uri);
        return;
      case 'open-window':
        window.open(message.url, 'sessiondesk-sso', 'popup,width=520,height=720');
        return;
      case 'download':
        download(message.name, message.file);
        return;
      case 'started':
        return;
    }
  });
  worker.addEventListener('error', (event) => {
    reportError(event.error ?? new Error(event.message));
    failAll(LOST);
  });

  const channel = new BroadcastChannel(SSO_RETURN_CHANNEL);
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') send({ type: 'sso-return', url: event.data });
  });
  window.addEventListener('languagechange', () =>
    send({ type: 'languages', languages: [...navigator.languages] }),
  );

  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.userAgent;
  send({ type: 'start', languages: [...navigator.languages], platform });

  const invoke = (name: unknown, input: unknown): Promise<Result> => {
    if (typeof name !== 'string') return Promise.resolve(NOT_A_COMMAND);
    if (broken) return Promise.resolve(broken);
    const id = nextId++;
    return new Promise<Result>((resolve) => {
      pending.set(id, resolve);
      try {
        send({ type: 'invoke', id, name, input });
      } catch {
        // The input cannot be cloned (a function, a DOM node): refused as the Electron preload refuses it.
        pending.delete(id);
        resolve(failure('invalid_input', 'This cannot be sent to the Sessiondesk console.'));
      }
    });
  };

  return Object.freeze({
    runtime: 'web-console',
    invoke: invoke as SessiondeskBridge['invoke'],
    on: events.on,
  });
}

if (location.pathname.startsWith(CONSOLE_SSO_RETURN_PATH)) {
  handSsoReturnBack();
} else {
  Object.defineProperty(window, 'sessiondesk', {
    value: startBridge(),
    enumerable: true,
    writable: false,
    configurable: false,
  });
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker
      .register(`${CONSOLE_PATH}/sw.js`, { scope: `${CONSOLE_PATH}/` })
      .catch((error: unknown) => console.warn('Sessiondesk: the console will not open offline.', error));
  }
}
