/**
 * WCAG 2.5.3, label in name: a button whose accessible name says more than its visible words (Reset
 * password → "Reset password for Riley Chen") starts with those words, so that speech input can say what
 * it sees. Every `xLabel` message beside a visible `x` in the catalogues is checked, in every language:
 * a translation must keep the visible words first too.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../shared/i18n/generated/catalogs';
import { LANGUAGES, translator, type MessageId } from '../../shared/i18n/translator';

const NAME = 'Riley Chen';

/** [language, id, visible words, accessible name] for every `x` / `xLabel` pair of messages. */
const pairs = LANGUAGES.flatMap((language) => {
  const t = translator(language);
  // Ids chosen at run time: the values are given as the English messages need them ({name}).
  const say = (id: string, values?: Record<string, string>) =>
    (t.t as (id: MessageId, values?: Record<string, string>) => string).call(t, id as MessageId, values);
  return Object.keys(CATALOGS.en)
    .filter((id) => id.endsWith('Label') && t.has(id.replace(/Label$/, '')))
    .map((id): [string, string, string, string] => [
      language,
      id,
      say(id.replace(/Label$/, '')),
      say(id, { name: NAME }),
    ])
    .filter(([, , , name]) => name.includes(NAME));
});

describe('label in name', () => {
  it('finds the buttons whose names add to their visible words', () => {
    expect(pairs.map(([, id]) => id)).toEqual(
      expect.arrayContaining([
        'admin.agents.resetPasswordLabel',
        'actions.connectLabel',
        'pending.dismissLabel',
      ]),
    );
  });

  it.each(pairs)('%s %s starts with the visible “%s”', (_language, _id, visible, name) => {
    expect(name.slice(0, visible.length), name).toBe(visible);
  });
});
