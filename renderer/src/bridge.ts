/**
 * The renderer's only way out of its page: the API the preload (in Electron) or the browser shell's
 * bridge script exposes as `window.sessiondesk`, as the IPC contract defines it.
 */
import type { SessiondeskBridge } from '@shared/ipc/contract';

declare global {
  interface Window {
    readonly sessiondesk?: SessiondeskBridge;
  }
}

export function hasBridge(): boolean {
  return window.sessiondesk !== undefined;
}
