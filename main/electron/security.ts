/**
 * Electron's security baseline: isolated, sandboxed renderers without Node; the renderer's strict CSP
 * as a response header too; no navigation, no new windows, no webviews, no downloads, no permissions.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import { fileURLToPath } from 'node:url';
import { app, session, type Session, type WebPreferences } from 'electron';
import { RENDERER_CSP } from './csp';

export function secureWebPreferences(): WebPreferences {
  return {
    preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

function withCsp(headers: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const rest = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
  );
  return { ...rest, 'Content-Security-Policy': [RENDERER_CSP] };
}

export function hardenSession(target: Session = session.defaultSession): void {
  // Camera, microphone, notifications permission prompts and the like: the renderer needs none of them
  // (the main process shows notifications itself).
  // The one exception: writing text to the clipboard (Copy link, Show PIN → Copy).
  target.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write'),
  );
  target.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');
  target.setDevicePermissionHandler(() => false);
  target.on('will-download', (event) => event.preventDefault());
  // The <meta> policy, also as a header: it then covers every response, whatever the page says.
  target.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.responseHeaders) }),
  );

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
