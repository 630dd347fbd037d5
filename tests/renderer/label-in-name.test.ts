/**
 * WCAG 2.5.3, label in name: a button whose accessible name says more than its visible words (Reset
 * password → "Reset password for Riley Chen") starts with those words, so that speech input can say what
 * it sees. Every `xLabel(name)` beside a visible `x` in the string catalogues is checked.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_STRINGS } from '../../renderer/src/admin/admin-strings';
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

describe('label in name', () => {
  const pairs = [...labelPairs(ADMIN_STRINGS, 'ADMIN_STRINGS'), ...labelPairs(STRINGS, 'STRINGS')];

  it('finds the buttons whose names add to their visible words', () => {
    expect(pairs.map(([path]) => path)).toEqual(
      expect.arrayContaining(['ADMIN_STRINGS.agents.resetPasswordLabel', 'STRINGS.actions.connectLabel']),
    );
  });

  it.each(pairs)('%s starts with the visible “%s”', (_path, visible, name) => {
    expect(name.slice(0, visible.length), name).toBe(visible);
  });
});
