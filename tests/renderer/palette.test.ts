/**
 * The agent client's palette (renderer/src/styles/base.css) keeps text at WCAG 2.1 AA contrast, 4.5:1, in
 * the light and the dark theme: every text colour on every surface a row, a panel or a dialog can have
 * (the selected and the hovered row included), each status colour on its own badge tint, and the text on
 * filled buttons. The colours are read from the style sheet's light-dark() and color-mix() values; the
 * ratios are axe-core's own (its colour module), the same that the browser tests' axe-core run reports.
 */
import { readFileSync } from 'node:fs';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';

interface AxeColor {
  red: number;
  green: number;
  blue: number;
  alpha: number;
  parseString(text: string): AxeColor;
  toHexString(): string;
}
interface AxeColorModule {
  Color: new (red?: number, green?: number, blue?: number, alpha?: number) => AxeColor;
  getContrast: (background: AxeColor, foreground: AxeColor) => number;
  flattenColors: (top: AxeColor, bottom: AxeColor) => AxeColor;
}
// axe-core's colour functions (axe.commons.color), which its type declarations leave out.
const { Color, getContrast, flattenColors } = (axe.commons as unknown as { color: AxeColorModule }).color;

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const CSS = readFileSync(new URL('../../renderer/src/styles/base.css', import.meta.url), 'utf8');
const ROOT = /:root\s*\{([^}]*)\}/.exec(CSS)?.[1] ?? '';
const DECLARATIONS = new Map(
  [...ROOT.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.replace(/\s+/g, ' ').trim()]),
);

/** A custom property's colour in a theme: light-dark(), or color-mix() of two others in sRGB. */
function resolve(name: string, theme: Theme): AxeColor {
  const value = DECLARATIONS.get(name);
  if (value === undefined) throw new Error(`base.css declares no --${name}`);
  const pair = /^light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)$/i.exec(value);
  if (pair) return new Color().parseString(theme === 'light' ? pair[1]! : pair[2]!);
  const mix = /^color-mix\(in srgb, var\(--([\w-]+)\) (\d+)%, var\(--([\w-]+)\)\)$/.exec(value);
  if (mix) {
    const top = resolve(mix[1]!, theme);
    const faint = new Color(top.red, top.green, top.blue, Number(mix[2]) / 100);
    return flattenColors(faint, resolve(mix[3]!, theme));
  }
  throw new Error(`--${name}: ${value} is neither light-dark(#hex, #hex) nor color-mix(in srgb, …)`);
}

const TEXT = ['fg', 'muted', 'accent', 'danger', 'expired', 'waiting', 'ready', 'connected'];
const SURFACES = ['bg', 'surface', 'surface-2', 'row-hover', 'row-active', 'badge-bg'];
const BADGES = ['expired', 'waiting', 'ready', 'connected', 'danger'];
const FILLS = ['accent', 'danger', 'ready'];

/** [text, background] pairs the style sheets put together. */
const PAIRS: [string, string][] = [
  ...TEXT.flatMap((text) => SURFACES.map((surface): [string, string] => [text, surface])),
  ...BADGES.map((status): [string, string] => [status, `${status}-tint`]),
  ...FILLS.map((fill): [string, string] => ['on-fill', fill]),
  // A status that just changed is highlighted for a moment behind its label.
  ['fg', 'flash'],
];

function contrast(text: string, background: string, theme: Theme): number {
  return getContrast(resolve(background, theme), resolve(text, theme));
}

describe('the palette, in both themes', () => {
  for (const theme of THEMES) {
    it(`${theme}: text reaches 4.5:1 on every background it is drawn on`, () => {
      const short = PAIRS.filter(([text, background]) => contrast(text, background, theme) < 4.5).map(
        ([text, background]) =>
          `--${text} ${resolve(text, theme).toHexString()} on --${background} ` +
          `${resolve(background, theme).toHexString()}: ${contrast(text, background, theme).toFixed(2)}:1`,
      );
      expect(short).toEqual([]);
    });
  }

  it('reads every colour it checks from base.css', () => {
    for (const [text, background] of PAIRS)
      for (const theme of THEMES) expect(contrast(text, background, theme)).toBeGreaterThan(1);
  });
});
