/**
 * The Electron entry: the thin glue between Electron and the main-process core. Only main/electron/ may
 * import `electron`; everything else in main/ runs in plain Node. One instance, one window on
 * app://sessiondesk/index.html, the core's commands and events over IPC, notifications, the tray,
 * sessiondesk:// deep links, and the window's remembered place. The menus, the tray and dialogs speak
 * the language the core resolves (the OS's until it has started), and are rebuilt when it changes.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { setTranslationErrorHandler, translator, type DisplayLanguage } from '@shared/i18n/translator';
import type { EventPayloads } from '@shared/ipc/contract';
import type { SettingsView } from '@shared/ipc/settings';
import { AgentCore, type AgentCoreOptions } from '../core/agent-core';
import { prestartCache } from '../core/cache/node/cache-prestart';
import { createNodePlatform } from '../core/node/node-platform';
import { systemLanguage } from '../core/settings/display-language';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { rendererLocation } from './app-url';
import { DEEP_LINK_SCHEME, findDeepLink, isDeepLink } from './deep-links';
import { sendEvent, serveIpc } from './ipc';
import { menuTemplate } from './menu-template';
import { Notifier } from './notifications';
import { openUri } from './open-uri';
import { saveDialog } from './save-dialog';
import { createSecretStore } from './secret-store';
import { hardenSession, secureWebPreferences } from './security';
import { ReadyTray } from './tray';
import { startUpdates } from './updater';
import { loadWindowPlacement, rememberWindowState } from './window-state';
import { MIN_SIZE } from './window-state-logic';

/** electron-builder's appId: Windows groups notifications by it, the core names policy files after it. */
const APP_ID = 'com.sessiondesk.agent';
/** The built renderer, served on app:// (app-protocol.ts). */
const RENDERER_DIR = fileURLToPath(new URL('../renderer', import.meta.url));
const STOP_LIMIT_MS = 5_000;
const MAX_PENDING_LINKS = 10;

const describe = (error: unknown): string =>
  error instanceof Error
    ? (error.stack ?? error.message)
    : typeof error === 'string'
      ? error
      : JSON.stringify(error);

const log = {
  info: (message: string) => console.log(`[sessiondesk] ${message}`),
  warn: (message: string) => console.warn(`[sessiondesk] ${message}`),
  error: (message: string) => console.error(`[sessiondesk] ${message}`),
};

// A message that cannot be formatted shows its id; the log says which and why.
setTranslationErrorHandler((error) => log.warn(`a message could not be formatted: ${error.message}`));

// A profile of its own (tests, `npm start`): --user-data-dir=DIR, applied before anything reads
// userData — the single-instance lock lives there.
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
if (userDataSwitch) app.setPath('userData', resolve(userDataSwitch));
app.enableSandbox();
// The renderer's scheme, before `ready`: a page on file:// could read other local files.
registerAppScheme();
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

if (!app.requestSingleInstanceLock()) {
  // The first instance gets our command line (and its deep link) through `second-instance`.
  app.quit();
} else {
  // The cache's worker opens the stored account's cache while Electron gets ready (cache-prestart.ts).
  void prestartCache(app.getPath('userData'));
  run();
}

function run(): void {
  const location = rendererLocation(process.env['ELECTRON_RENDERER_URL'], app.isPackaged);
  let mainWindow: BrowserWindow | null = null;
  let core: AgentCore | null = null;
  let tray: ReadyTray | null = null;
  /** Deep links wait until the core runs and the page has loaded once (so it hears `navigate`). */
  let pageLoaded = false;
  const pendingLinks: string[] = [];
  const wiring = { window: () => mainWindow, location, warn: log.warn };
  /** The OS's until the core says which language the client speaks (display-language.ts). */
  let language: DisplayLanguage | null = null;
  const say = () => translator(language ?? systemLanguage(app.getPreferredSystemLanguages()));

  /** The menus in the language the client speaks now; the tray's too, once it exists. */
  const relabel = () => {
    const template = menuTemplate(say(), { platform: process.platform, development: !app.isPackaged });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    tray?.setTranslator(say());
  };
  const speak = (next: DisplayLanguage) => {
    if (next === language) return;
    language = next;
    if (app.isReady()) relabel();
  };

  const createWindow = (): BrowserWindow => {
    const userData = app.getPath('userData');
    const placement = loadWindowPlacement(userData);
    pageLoaded = false;
    const window = new BrowserWindow({
      ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
      width: placement.width,
      height: placement.height,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: 'Sessiondesk',
      webPreferences: secureWebPreferences(),
    });
    if (placement.maximized) window.maximize();
    rememberWindowState(window, userData, log.warn);
    window.once('ready-to-show', () => window.show());
    window.webContents.once('did-finish-load', () => {
      pageLoaded = true;
      flushLinks();
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(location.url);
    return window;
  };

  const showWindow = () => {
    if (!app.isReady()) return;
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const flushLinks = () => {
    if (!core || !pageLoaded) return;
    for (const url of pendingLinks.splice(0)) {
      if (!core.openDeepLink(url)) log.warn('ignored a sessiondesk:// link it could not read');
    }
  };

  const openDeepLink = (url: string) => {
    if (!isDeepLink(url)) return;
    if (pendingLinks.length < MAX_PENDING_LINKS) pendingLinks.push(url);
    showWindow();
    flushLinks();
  };

  // macOS hands links over by event, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openDeepLink(url);
  });
  // Windows and Linux start a second instance with the link in its command line.
  app.on('second-instance', (_event, argv) => {
    showWindow();
    const link = findDeepLink(argv);
    if (link) openDeepLink(link);
  });
  const firstLink = findDeepLink(process.argv);
  if (firstLink) openDeepLink(firstLink);

  if (app.isPackaged) {
    if (!app.isDefaultProtocolClient(DEEP_LINK_SCHEME)) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  } else {
    // Registering here would point the OS's sessiondesk:// handler at a development Electron.
    log.info(`${DEEP_LINK_SCHEME}:// links are registered by the installed app, not by a development run.`);
  }

  const corePromise = app.whenReady().then(async () => {
    const userData = app.getPath('userData');
    const secrets = await createSecretStore(userData, log.warn);
    const defaultServerUrl = process.env['SESSIONDESK_DEFAULT_SERVER_URL'];
    const options: AgentCoreOptions = {
      platform: createNodePlatform({
        dataDir: userData,
        secrets,
        openUri,
        chooseSaveFile: saveDialog(() => mainWindow),
        appId: APP_ID,
        // An installed app follows the machine's policy only: an environment variable must not lift it.
        allowPolicyFileOverride: !app.isPackaged,
      }),
      log: (message, error) => log.warn(error === undefined ? message : `${message}: ${describe(error)}`),
      // The service the sign-in form starts with (npm start sets it).
      ...(defaultServerUrl ? { defaultServerUrl } : {}),
      systemLanguages: app.getPreferredSystemLanguages(),
      // The layout test language is a developer's: never in an installed app.
      pseudoLanguageAvailable: !app.isPackaged,
    };
    return AgentCore.start(options);
  });
  const stopServing = serveIpc({ ...wiring, core: corePromise });

  const notifier = new Notifier((requestId) => {
    showWindow();
    sendEvent(wiring, 'navigate', { requestId } satisfies EventPayloads['navigate']);
  });

  const readCount = async (): Promise<number | null> => {
    const result = await (await corePromise).invoke('requests.counts', {});
    if (!result.ok) return null;
    const count = (result.value as { readyForMe?: unknown } | null)?.readyForMe;
    return typeof count === 'number' && Number.isFinite(count) ? count : null;
  };

  let unsubscribe = () => {};
  let stopUpdates = () => {};
  void app.whenReady().then(() => {
    hardenSession();
    if (location.kind === 'app') serveAppScheme(RENDERER_DIR, log.warn);
    relabel();
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createWindow();
    tray = new ReadyTray({
      translator: say(),
      readCount,
      onOpen: showWindow,
      onQuit: () => app.quit(),
      warn: log.warn,
    });
    app.on('activate', showWindow);
  });

  corePromise.then(
    (started) => {
      core = started;
      speak(started.settings.displayLanguage());
      unsubscribe = started.onEvent((name, payload) => {
        sendEvent(wiring, name, payload);
        if (name === 'notification') notifier.show(payload as EventPayloads['notification']);
        else if (name === 'requests' || name === 'account') tray?.refreshSoon();
        else if (name === 'settings') speak((payload as SettingsView).displayLanguage);
      });
      tray?.refreshSoon();
      flushLinks();
      // The organisation's policy decides whether, from where and which channel (updater.ts).
      stopUpdates = startUpdates(
        {
          AutoUpdate: started.settings.policyValue('AutoUpdate'),
          UpdateChannel: started.settings.policyValue('UpdateChannel'),
          UpdateUrl: started.settings.policyValue('UpdateUrl'),
        },
        log,
      );
    },
    (error: unknown) => {
      log.error(`the core could not start: ${describe(error)}`);
      dialog.showErrorBox(
        say().t('shell.startFailed.title'),
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    },
  );

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Stop the core (it flushes its cache and closes its connection) before the app goes.
  let quitting: 'no' | 'stopping' | 'done' = 'no';
  app.on('before-quit', (event) => {
    if (quitting === 'done') return;
    event.preventDefault();
    if (quitting === 'stopping') return;
    quitting = 'stopping';
    unsubscribe();
    stopUpdates();
    stopServing();
    tray?.destroy();
    const stopped = core ? core.stop() : Promise.resolve();
    const limit = new Promise<void>((done) => setTimeout(done, STOP_LIMIT_MS));
    void Promise.race([stopped, limit])
      .catch((error: unknown) => log.warn(`the core did not stop cleanly: ${String(error)}`))
      .finally(() => {
        quitting = 'done';
        app.quit();
      });
  });
}
