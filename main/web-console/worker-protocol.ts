/**
 * The messages between the web console's page (its bridge, `page/console-bridge.ts`) and the core's
 * Worker (`core-worker.ts`). Both are ours and same-origin; the Worker still checks what it is sent, as
 * the Electron main process checks its IPC: the command's input is validated by the core's dispatcher.
 */
import type { CommandResult } from '@shared/ipc/contract';

/** The page's messages to the Worker. */
export type PageMessage =
  /** First message: the browser's preferred languages (what `system` follows). */
  | { readonly type: 'start'; readonly languages: readonly string[]; readonly platform: string }
  | { readonly type: 'invoke'; readonly id: number; readonly name: string; readonly input: unknown }
  /** Single sign-on's window came back to CONSOLE_SSO_RETURN_PATH with this address. */
  | { readonly type: 'sso-return'; readonly url: string }
  | { readonly type: 'languages'; readonly languages: readonly string[] };

/** The Worker's messages to the page. */
export type WorkerMessage =
  | { readonly type: 'started' }
  /** The core could not start (the cache held by another tab, storage refused): why, coded. */
  | { readonly type: 'failed'; readonly code: string; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: CommandResult<unknown> }
  | { readonly type: 'event'; readonly name: string; readonly payload: unknown }
  | { readonly type: 'open-uri'; readonly uri: string }
  | { readonly type: 'open-window'; readonly url: string }
  | { readonly type: 'download'; readonly name: string; readonly file: Blob };

/** The channel single sign-on's window tells the console page it came back on (same origin only). */
export const SSO_RETURN_CHANNEL = 'sessiondesk-sso-return';
