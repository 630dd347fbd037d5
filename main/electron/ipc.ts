/**
 * The IPC contract over Electron: ONE handler for every command, answered only for the main window's top
 * frame showing the app's own page, and the core's events pushed to that page. The shell knows no
 * command: validation happens in the core.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type CommandResult, type EventName } from '@shared/ipc/contract';
import type { IpcHost } from '../core/ipc/ipc-host';
import { isRendererUrl, type RendererLocation } from './app-url';

const REFUSED: CommandResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'This page may not use the Sessiondesk app.' },
};
const FAILED: CommandResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The Sessiondesk app could not run this command.' },
};

export interface IpcWiring {
  readonly core: Promise<IpcHost>;
  readonly window: () => BrowserWindow | null;
  readonly location: RendererLocation;
  readonly warn: (message: string) => void;
}

/** The app's window, its top frame, on the app's page. */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  wiring: Pick<IpcWiring, 'window' | 'location'>,
): boolean {
  const window = wiring.window();
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || !frame) return false;
  const contents = window.webContents;
  return (
    event.sender === contents &&
    frame.parent === null &&
    frame.frameTreeNodeId === contents.mainFrame.frameTreeNodeId &&
    isRendererUrl(frame.url, wiring.location)
  );
}

export function serveIpc(wiring: IpcWiring): () => void {
  ipcMain.handle(IPC_CHANNELS.invoke, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event, wiring)) {
      wiring.warn(`refused IPC from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      return REFUSED;
    }
    try {
      return await (await wiring.core).invoke(name, input);
    } catch (error) {
      wiring.warn(`the core failed ${typeof name === 'string' ? name : 'a command'}: ${String(error)}`);
      return FAILED;
    }
  });
  return () => ipcMain.removeHandler(IPC_CHANNELS.invoke);
}

/** Sends an event to the app's page, if the window shows it. */
export function sendEvent(
  wiring: Pick<IpcWiring, 'window' | 'location'>,
  name: EventName,
  payload: unknown,
): void {
  const window = wiring.window();
  if (!window || window.isDestroyed()) return;
  const contents = window.webContents;
  if (!isRendererUrl(contents.getURL(), wiring.location)) return;
  contents.send(IPC_CHANNELS.event, name, payload);
}
