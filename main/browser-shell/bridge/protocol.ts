/**
 * The browser shell's wire protocol between the bridge script in the page and the shell, over the
 * WebSocket at IPC_PATH. It carries the IPC contract and nothing else:
 *
 * 1. page → shell, first message: the launch key, as text (never in the URL). A wrong key, or none
 *    within KEY_TIMEOUT_MS, closes the socket with CLOSE_UNAUTHORIZED.
 * 2. shell → page: the core's state now, as events (`account`, `connection`, `settings`, and signed in
 *    `sync`, `directory`, `requests` for every row), so a page that reconnects after missing events
 *    is level; then `{type:'ready'}`. From then on the page sends `{id, name, input}` (one command of
 *    the contract, `id` a number of its choosing) and the shell answers `{type:'result', id, result}`;
 *    the core's events arrive as `{type:'event', name, payload}`, in the order the core emitted them.
 *
 * The socket's address says which languages the page's browser prefers (`?languages=de-AT,en`, its
 * navigator.languages): the client's `system` language is the browser's, not the machine's. The
 * address, not the Accept-Language header: browsers send the page's preferences with page requests
 * but not always with a WebSocket's (Chromium under an emulated locale sends its own).
 *
 * Types and constants only: the page's tsconfig (DOM) and the shell's (Node) both compile it.
 */
import type { CommandResult } from '@shared/ipc/contract';

export const IPC_PATH = '/ipc';
/** The query parameter of IPC_PATH listing the browser's preferred languages, comma-separated. */
export const LANGUAGES_PARAM = 'languages';
/** The launch key is missing, wrong, or came too late. */
export const CLOSE_UNAUTHORIZED = 4401;
export const KEY_TIMEOUT_MS = 5_000;
/** The largest message the shell reads (ws closes the socket with 1009 beyond it). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Where the bridge keeps the key for the tab, so that a reload still works. */
export const KEY_STORAGE_NAME = 'sessiondesk.browserShell.key';

export interface InvokeMessage {
  readonly id: number;
  readonly name: string;
  readonly input: unknown;
}

export type ShellMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: CommandResult<unknown> }
  | { readonly type: 'event'; readonly name: string; readonly payload: unknown };
