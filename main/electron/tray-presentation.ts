/**
 * What the tray shows: the app's icon (drawn here as a bitmap, the shapes of renderer/public/icon.svg,
 * since a tray cannot show SVG), the count of Ready requests and its menu, in the agent's language.
 * Pure: imports no electron.
 */
import type { Translator } from '@shared/i18n/translator';

/** The product's name, which no language translates. */
const PRODUCT_NAME = 'Sessiondesk';

type Color = readonly [r: number, g: number, b: number];
const BLUE: Color = [0x1f, 0x6f, 0xeb];
const WHITE: Color = [0xff, 0xff, 0xff];

/** Distance from p to the segment a–b. */
function toSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inRoundedRect(
  px: number,
  py: number,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): boolean {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return Math.hypot(px - cx, py - cy) <= r;
}

/** The icon's colour at a point of its 64×64 view box, or null where it is transparent. */
function colorAt(x: number, y: number): Color | null {
  const check = Math.min(toSegment(x, y, 22, 28, 29, 35), toSegment(x, y, 29, 35, 42, 22)) <= 2.5;
  if (inRoundedRect(x, y, 9, 15, 46, 26, 2)) return check ? BLUE : WHITE;
  if (inRoundedRect(x, y, 4, 10, 56, 36, 5)) return BLUE;
  if (inRoundedRect(x, y, 24, 50, 16, 4, 2)) return BLUE;
  return null;
}

const SAMPLES = 4;

/** A size×size bitmap of the icon: BGRA, premultiplied alpha (what nativeImage.createFromBitmap reads). */
export function drawTrayIcon(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 64 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const color = colorAt((px + (sx + 0.5) / SAMPLES) * scale, (py + (sy + 0.5) / SAMPLES) * scale);
          if (!color) continue;
          covered++;
          r += color[0];
          g += color[1];
          b += color[2];
        }
      }
      const n = SAMPLES * SAMPLES;
      const offset = (py * size + px) * 4;
      // Sums over all samples are already premultiplied by the coverage.
      pixels[offset] = Math.round(b / n);
      pixels[offset + 1] = Math.round(g / n);
      pixels[offset + 2] = Math.round(r / n);
      pixels[offset + 3] = Math.round((covered / n) * 255);
    }
  }
  return pixels;
}

export function trayTooltip(t: Translator, readyForMe: number | null): string {
  return readyForMe === null ? PRODUCT_NAME : t.t('shell.tray.tooltip', { count: readyForMe });
}

/** The words of the tray menu: open the window, quit the app. */
export function trayMenuLabels(t: Translator): { readonly open: string; readonly quit: string } {
  return { open: t.t('shell.tray.open'), quit: t.t('shell.tray.quit') };
}

/** The text beside the icon in the macOS menu bar: the count, only when there is one. */
export function trayTitle(readyForMe: number | null): string {
  return readyForMe ? String(readyForMe) : '';
}
