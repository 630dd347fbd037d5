/**
 * The renderer's only way out of its page: the API the preload (in Electron) or the browser shell's
 * client exposes as `window.sessiondesk`.
 */
declare global {
  interface Window {
    sessiondesk?: { readonly runtime: 'electron' | 'browser-shell' };
  }
}

export function hasBridge(): boolean {
  return window.sessiondesk !== undefined;
}
