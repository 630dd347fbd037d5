/**
 * The tray icon: its tooltip (and, on macOS, its title) shows how many Ready requests the agent can
 * connect to (`requests.counts` → `readyForMe`), re-read after the core's `requests` events, at most
 * once a second. Its tooltip and menu speak the agent's language, and are rebuilt when it changes.
 */
import { Menu, nativeImage, Tray } from 'electron';
import type { Translator } from '@shared/i18n/translator';
import { drawTrayIcon, trayMenuLabels, trayTitle, trayTooltip } from './tray-presentation';

const REFRESH_INTERVAL_MS = 1_000;
const ICON_PIXELS = 32;

export interface ReadyTrayOptions {
  /** The translator of the language the client speaks when the tray is made. */
  readonly translator: Translator;
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
  private t: Translator;
  /** The count shown now, shown again in a new language. */
  private count: number | null = null;

  constructor(private readonly options: ReadyTrayOptions) {
    this.t = options.translator;
    let tray: Tray | null = null;
    try {
      const icon = nativeImage.createFromBitmap(drawTrayIcon(ICON_PIXELS), {
        width: ICON_PIXELS,
        height: ICON_PIXELS,
        scaleFactor: 2,
      });
      tray = new Tray(icon);
      tray.on('click', () => options.onOpen());
    } catch (error) {
      // Some Linux desktops have no tray: the app works without it.
      options.warn(`No tray icon: ${String(error)}`);
    }
    this.tray = tray;
    this.label();
  }

  /** Speaks another language: the menu is rebuilt, the tooltip reworded. */
  setTranslator(t: Translator): void {
    if (t === this.t) return;
    this.t = t;
    this.label();
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

  private label(): void {
    if (!this.tray || this.tray.isDestroyed()) return;
    const labels = trayMenuLabels(this.t);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: labels.open, click: () => this.options.onOpen() },
        { type: 'separator' },
        { label: labels.quit, click: () => this.options.onQuit() },
      ]),
    );
    this.show(this.count);
  }

  private show(count: number | null): void {
    this.count = count;
    if (!this.tray || this.tray.isDestroyed()) return;
    this.tray.setToolTip(trayTooltip(this.t, count));
    if (process.platform === 'darwin') this.tray.setTitle(trayTitle(count));
  }
}
