/** The window's remembered place: what is trusted from the file, and where the window opens now. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  parseWindowState,
  placeWindow,
  serializeWindowState,
  type Rect,
  type WindowState,
} from '../../../main/electron/window-state-logic';

const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 };
/** A second monitor to the right of it. */
const RIGHT: Rect = { x: 1440, y: 0, width: 1920, height: 1080 };

const saved = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });

describe('parseWindowState', () => {
  it('reads back what serializeWindowState wrote', () => {
    const state = saved({ x: 100, y: 80, width: 1200, height: 700 }, true);
    expect(parseWindowState(serializeWindowState(state))).toEqual(state);
  });

  it.each([
    ['no file', null],
    ['not JSON', '{'],
    ['not an object', '"x"'],
    ['another version', JSON.stringify({ version: 2, bounds: { x: 0, y: 0, width: 900, height: 600 } })],
    ['no bounds', JSON.stringify({ version: 1 })],
    [
      'a string coordinate',
      JSON.stringify({ version: 1, bounds: { x: '0', y: 0, width: 900, height: 600 } }),
    ],
    ['a zero width', JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: 0, height: 600 } })],
    ['a negative height', JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: 900, height: -1 } })],
    [
      'an absurd coordinate',
      JSON.stringify({ version: 1, bounds: { x: 1e9, y: 0, width: 900, height: 600 } }),
    ],
  ])('trusts nothing with %s', (_what, json) => {
    expect(parseWindowState(json)).toBeNull();
  });

  it('rounds fractional pixels and reads a missing maximized as false', () => {
    expect(
      parseWindowState(
        JSON.stringify({ version: 1, bounds: { x: 10.4, y: 20.6, width: 900.5, height: 600 } }),
      ),
    ).toEqual(saved({ x: 10, y: 21, width: 901, height: 600 }));
  });
});

describe('placeWindow', () => {
  it('opens at the default size, centred by the OS, the first time', () => {
    expect(placeWindow(null, [LAPTOP])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('shrinks the default size to a small screen', () => {
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1024, height: 600 }])).toEqual({
      width: 1024,
      height: 600,
      maximized: false,
    });
  });

  it('reopens where it was when that is on a display', () => {
    const bounds = { x: 1600, y: 100, width: 1200, height: 800 };
    expect(placeWindow(saved(bounds, true), [LAPTOP, RIGHT])).toEqual({ ...bounds, maximized: true });
  });

  it('moves a window back onto the display it mostly overlaps', () => {
    // Hanging off the right monitor's right edge.
    expect(placeWindow(saved({ x: 3000, y: 500, width: 800, height: 700 }), [LAPTOP, RIGHT])).toEqual({
      x: 1440 + 1920 - 800,
      y: 1080 - 700,
      width: 800,
      height: 700,
      maximized: false,
    });
  });

  it('centres the window on the primary display when its monitor is gone', () => {
    expect(placeWindow(saved({ x: 1600, y: 100, width: 1200, height: 800 }), [LAPTOP])).toEqual({
      x: 120,
      y: 25 + 38,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('does not count a sliver on a display as visible', () => {
    // 10 pixels of it on the laptop: not enough to grab it.
    const placement = placeWindow(saved({ x: 1430, y: 100, width: 900, height: 600 }), [LAPTOP]);
    expect(placement.x).toBe(Math.round((1440 - 900) / 2));
  });

  it('keeps the minimum size, unless the work area is smaller', () => {
    expect(placeWindow(saved({ x: 10, y: 40, width: 100, height: 100 }), [LAPTOP])).toMatchObject(MIN_SIZE);
    expect(
      placeWindow(saved({ x: 0, y: 0, width: 100, height: 100 }), [{ x: 0, y: 0, width: 640, height: 480 }]),
    ).toMatchObject({ width: 640, height: 480 });
  });

  it('uses the defaults when there is no display at all', () => {
    expect(placeWindow(saved({ x: 5, y: 5, width: 900, height: 600 }, true), [])).toEqual({
      ...DEFAULT_SIZE,
      maximized: true,
    });
  });

  it('always places the window wholly inside one work area when the area can hold its minimum', () => {
    const rect = (min: number) =>
      fc.record({
        x: fc.integer({ min: -5_000, max: 5_000 }),
        y: fc.integer({ min: -5_000, max: 5_000 }),
        width: fc.integer({ min, max: 4_000 }),
        height: fc.integer({ min, max: 3_000 }),
      });
    fc.assert(
      fc.property(
        fc.option(rect(1), { nil: null }),
        fc.array(rect(1_000), { minLength: 1, maxLength: 3 }),
        (bounds, areas) => {
          const placement = placeWindow(bounds ? saved(bounds) : null, areas);
          if (placement.x === undefined || placement.y === undefined) return bounds === null;
          const { x, y, width, height } = placement;
          return areas.some(
            (a) => x >= a.x && y >= a.y && x + width <= a.x + a.width && y + height <= a.y + a.height,
          );
        },
      ),
    );
  });
});
