/**
 * The core as the shells see it: one entry point for every command of the IPC contract (validated
 * here, whatever the renderer sent) and one stream of events. The Electron shell carries it over
 * ipcMain/ipcRenderer, the browser shell over a local WebSocket; neither knows any command.
 */
import type { CommandResult, EventName, EventPayloads } from '@shared/ipc/contract';

export type EventListener = <E extends EventName>(name: E, payload: EventPayloads[E]) => void;

export interface IpcHost {
  /** Runs a command; `name` and `input` are untrusted. Never throws: failures are results. */
  invoke(name: unknown, input: unknown): Promise<CommandResult<unknown>>;
  /** Every event, in order; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
}
