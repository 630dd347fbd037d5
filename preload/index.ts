/**
 * The sandboxed preload: exposes exactly the SessiondeskBridge of the IPC contract as
 * `window.sessiondesk`, and nothing else. The renderer never sees ipcRenderer, nor an IPC event object.
 *
 * Type imports only from shared/: a sandboxed preload cannot load packages (zod), so the contract's
 * values are not bundled here; the channel names are checked against the contract's types instead.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandResult, IPC_CHANNELS, SessiondeskBridge } from '@shared/ipc/contract';

/** The same literals as the contract's IPC_CHANNELS: a difference does not compile. */
const CHANNELS: typeof IPC_CHANNELS = { invoke: 'sessiondesk:invoke', event: 'sessiondesk:event' };

const UNREACHABLE: CommandResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The Sessiondesk app could not be reached.' },
};

/** One IPC listener for every subscription, so the page cannot pile listeners onto ipcRenderer. */
const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(CHANNELS.event, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      // One listener's bug does not keep the event from the others.
      console.error(error);
    }
  }
});

async function invoke(name: unknown, input: unknown): Promise<CommandResult<unknown>> {
  try {
    return (await ipcRenderer.invoke(CHANNELS.invoke, name, input)) as CommandResult<unknown>;
  } catch {
    // The input could not be cloned, or the handler is gone (the app is quitting).
    return UNREACHABLE;
  }
}

function on(name: unknown, listener: unknown): () => void {
  if (typeof name !== 'string' || typeof listener !== 'function') {
    throw new TypeError('on(name, listener) takes an event name and a function.');
  }
  const set = listeners.get(name) ?? new Set();
  listeners.set(name, set);
  const call = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
  set.add(call);
  return () => {
    set.delete(call);
  };
}

const bridge: SessiondeskBridge = {
  runtime: 'electron',
  invoke: invoke as SessiondeskBridge['invoke'],
  on,
};

// contextBridge copies the object into the page's world, frozen.
contextBridge.exposeInMainWorld('sessiondesk', Object.freeze(bridge));
