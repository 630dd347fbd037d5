/**
 * Electron's security baseline: isolated, sandboxed renderers without Node; no navigation, no new windows,
 * no permissions. https://www.electronjs.org/docs/latest/tutorial/security
 */
import { fileURLToPath } from 'node:url';
import { app, session, type WebPreferences } from 'electron';

export function secureWebPreferences(): WebPreferences {
  return {
    preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
  };
}

export function hardenSession(): void {
  // Camera, microphone, notifications permission prompts and the like: the renderer needs none of them.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
