/**
 * The window's remembered position and size (`<userData>/window-state.json`): reading what was saved
 * without trusting it, and placing the window on a display that is there now (a monitor may have been
 * unplugged since). Pure: imports no electron, so it is unit-tested in plain Node.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** What is saved: the window's normal (not maximised) bounds, and whether it was maximised. */
export interface WindowState {
  readonly bounds: Rect;
  readonly maximized: boolean;
}

/** Where to open the window. No x/y: let the OS centre it. */
export interface WindowPlacement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_SIZE: Size = { width: 1280, height: 800 };
export const MIN_SIZE: Size = { width: 800, height: 500 };
const STATE_VERSION = 1;
/** Beyond any real desktop: a value past it is corrupt, not a big monitor. */
const MAX_COORDINATE = 100_000;
/** How much of the window must be on a display to count as visible there. */
const MIN_VISIBLE: Size = { width: 120, height: 60 };

const isCoordinate = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE;

function parseRect(value: unknown): Rect | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isCoordinate(width) || !isCoordinate(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

/** The saved state, or null when there is none or it cannot be trusted. */
export function parseWindowState(json: string | null): WindowState | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { version, bounds, maximized } = value as Record<string, unknown>;
  if (version !== STATE_VERSION) return null;
  const rect = parseRect(bounds);
  if (!rect) return null;
  return { bounds: rect, maximized: maximized === true };
}

export function serializeWindowState(state: WindowState): string {
  const { x, y, width, height } = state.bounds;
  return `${JSON.stringify({ version: STATE_VERSION, bounds: { x, y, width, height }, maximized: state.maximized })}\n`;
}

function overlap(a: Rect, b: Rect): Size {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** A size that respects the minimum but never exceeds the work area it opens on. */
function fit(size: Size, area: Rect, min: Size): Size {
  return {
    width: Math.min(Math.max(size.width, min.width), area.width),
    height: Math.min(Math.max(size.height, min.height), area.height),
  };
}

/**
 * Where to open the window, given what was saved and the displays' work areas now (primary first).
 * - Nothing saved, or no display it is visible on: the default size on the primary display, centred.
 * - Otherwise the display showing most of it: the saved size, shrunk to that work area if need be, moved
 *   just enough to be wholly inside it.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  defaults: { readonly size: Size; readonly min: Size } = { size: DEFAULT_SIZE, min: MIN_SIZE },
): WindowPlacement {
  const primary = workAreas[0];
  if (!primary) return { ...defaults.size, maximized: saved?.maximized ?? false };
  if (!saved) return { ...fit(defaults.size, primary, defaults.min), maximized: false };

  let best: { area: Rect; visible: number } | null = null;
  for (const area of workAreas) {
    const shown = overlap(saved.bounds, area);
    const visible = shown.width * shown.height;
    const enough =
      shown.width >= Math.min(MIN_VISIBLE.width, saved.bounds.width) &&
      shown.height >= Math.min(MIN_VISIBLE.height, saved.bounds.height);
    if (enough && (!best || visible > best.visible)) best = { area, visible };
  }
  if (!best) {
    const size = fit(saved.bounds, primary, defaults.min);
    return {
      x: primary.x + Math.round((primary.width - size.width) / 2),
      y: primary.y + Math.round((primary.height - size.height) / 2),
      ...size,
      maximized: saved.maximized,
    };
  }
  const { area } = best;
  const size = fit(saved.bounds, area, defaults.min);
  return {
    x: clamp(saved.bounds.x, area.x, area.x + area.width - size.width),
    y: clamp(saved.bounds.y, area.y, area.y + area.height - size.height),
    ...size,
    maximized: saved.maximized,
  };
}
