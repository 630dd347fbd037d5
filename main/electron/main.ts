/**
 * The Electron entry: the thin glue between Electron and the main-process core. Only main/electron/ may
 * import `electron`; everything else in main/ runs in plain Node.
 */
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { hardenSession, secureWebPreferences } from './security';

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Sessiondesk',
    webPreferences: secureWebPreferences(),
  });
  window.once('ready-to-show', () => window.show());
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
  return window;
}

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(() => {
  hardenSession();
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
});
