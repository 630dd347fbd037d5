/**
 * The tray icon: its tooltip (and, on macOS, its title) shows how many Ready requests the agent can
 * connect to (`requests.counts` → `readyForMe`), re-read after the core's `requests` events, at most
 * once a second.
 */
import { Menu, nativeImage, Tray } from 'electron';
import { drawTrayIcon, trayTitle, trayTooltip } from './tray-presentation';

const REFRESH_INTERVAL_MS = 1_000;
const ICON_PIXELS = 32;

export interface ReadyTrayOptions {
  /** The count to show, or null when there is none (signed out, cache not ready). */
  readCount(): Promise<number | null>;
  onOpen(): void;
  onQuit(): void;
  warn(message: string): void;
}

export class ReadyTray {
  private readonly tray: Tray | null;
  private timer: NodeJS.Timeout | null = null;
  private lastRun = 0;
  private running = false;
  private again = false;

  constructor(private readonly options: ReadyTrayOptions) {
    let tray: Tray | null = null;
    try {
      const icon = nativeImage.createFromBitmap(drawTrayIcon(ICON_PIXELS), {
        width: ICON_PIXELS,
        height: ICON_PIXELS,
        scaleFactor: 2,
      });
      tray = new Tray(icon);
      tray.setToolTip(trayTooltip(null));
      tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: 'Open Sessiondesk', click: () => options.onOpen() },
          { type: 'separator' },
          { label: 'Quit Sessiondesk', click: () => options.onQuit() },
        ]),
      );
      tray.on('click', () => options.onOpen());
    } catch (error) {
      // Some Linux desktops have no tray: the app works without it.
      options.warn(`No tray icon: ${String(error)}`);
    }
    this.tray = tray;
  }

  /** Re-reads the count soon: at once if the last read was over a second ago, else when it is. */
  refreshSoon(): void {
    if (!this.tray || this.timer) return;
    const wait = Math.max(0, this.lastRun + REFRESH_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => void this.refresh(), wait);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.tray && !this.tray.isDestroyed()) this.tray.destroy();
  }

  private async refresh(): Promise<void> {
    this.timer = null;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.lastRun = Date.now();
    try {
      this.show(await this.options.readCount());
    } catch (error) {
      this.options.warn(`The tray's count could not be read: ${String(error)}`);
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.refreshSoon();
    }
  }

  private show(count: number | null): void {
    if (!this.tray || this.tray.isDestroyed()) return;
    this.tray.setToolTip(trayTooltip(count));
    if (process.platform === 'darwin') this.tray.setTitle(trayTitle(count));
  }
}
