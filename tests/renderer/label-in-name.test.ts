/**
 * WCAG 2.5.3, label in name: a button whose accessible name says more than its visible words (Reset
 * password → "Reset password for Riley Chen") starts with those words, so that speech input can say what
 * it sees. Every `xLabel(name)` beside a visible `x` in the string catalogues is checked.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../shared/i18n/generated/catalogs';
import { translator } from '../../shared/i18n/translator';
import { STRINGS } from '../../renderer/src/strings';

type Catalogue = { readonly [key: string]: unknown };

/** [path, visible words, accessible name] for every `x` / `xLabel` pair, at any depth. */
function labelPairs(catalogue: Catalogue, path: string): [string, string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]): [string, string, string][] => {
    if (value !== null && typeof value === 'object') return labelPairs(value as Catalogue, `${path}.${key}`);
    const visible = catalogue[key.replace(/Label$/, '')];
    if (!key.endsWith('Label') || typeof value !== 'function' || typeof visible !== 'string') return [];
    return [[`${path}.${key}`, visible, String((value as (name: string) => unknown)('Riley Chen'))]];
  });
}

/** The same pairs among the English catalogue's ids of some areas: `x` and `xLabel` with `{name}`. */
function cataloguePairs(prefixes: readonly string[]): [string, string, string][] {
  const en = translator('en');
  // Ids found at run time, so without the static types of their values.
  const say = (id: string, values?: Readonly<Record<string, string>>) =>
    (en.t as (id: string, values?: Readonly<Record<string, string>>) => string)(id, values);
  return Object.keys(CATALOGS.en)
    .filter((id) => id.endsWith('Label') && prefixes.some((prefix) => id.startsWith(prefix)))
    .flatMap((id): [string, string, string][] => {
      const visible = id.replace(/Label$/, '');
      return en.has(visible) ? [[id, say(visible), say(id, { name: 'Riley Chen' })]] : [];
    });
}

describe('label in name', () => {
  const pairs = [...cataloguePairs(['admin.', 'settings.']), ...labelPairs(STRINGS, 'STRINGS')];

  it('finds the buttons whose names add to their visible words', () => {
    expect(pairs.map(([path]) => path)).toEqual(
      expect.arrayContaining(['admin.agents.resetPasswordLabel', 'STRINGS.actions.connectLabel']),
    );
  });

  it.each(pairs)('%s starts with the visible “%s”', (_path, visible, name) => {
    expect(name.slice(0, visible.length), name).toBe(visible);
  });
});
