/**
 * Settings' Language choices: the system's language named after what it resolves to, every language by
 * its own name whatever the screen's language, and the pseudo-locale only where the client offers it.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, translator } from '../../shared/i18n/translator';
import { LANGUAGE_SETTINGS } from '../../shared/ipc/settings';
import { languageChoices, nativeLanguageName } from '../../renderer/src/dialogs/language-choices';

const en = translator('en');
const pseudo = translator('en-XA');

describe('languageChoices', () => {
  it('the system language first, then each language, each a value the setting accepts', () => {
    const choices = languageChoices(en, { systemLanguage: 'de', pseudoLanguageAvailable: false });
    expect(choices.map((c) => c.value)).toEqual(['system', ...LANGUAGES]);
    for (const choice of choices) expect(LANGUAGE_SETTINGS).toContain(choice.value);
  });

  it('names the system language after the language it resolves to, in that language', () => {
    const [system] = languageChoices(en, { systemLanguage: 'de', pseudoLanguageAvailable: false });
    expect(system).toEqual({ value: 'system', label: 'System language (Deutsch)', lang: undefined });
    const [fromChinese] = languageChoices(en, { systemLanguage: 'zh-Hant', pseudoLanguageAvailable: false });
    expect(fromChinese?.label).toBe('System language (繁體中文)');
  });

  it('each language by its own name, marked as written in it, whatever the screen’s language', () => {
    const named = (t: typeof en) =>
      languageChoices(t, { systemLanguage: 'en', pseudoLanguageAvailable: false })
        .slice(1)
        .map((c) => [c.value, c.label, c.lang]);
    const expected = named(en);
    expect(expected.map(([value]) => value)).toEqual([...LANGUAGES]);
    expect(expected).toContainEqual(['es', 'Español', 'es']);
    expect(expected).toContainEqual(['zh-Hans', '简体中文', 'zh-Hans']);
    expect(named(en)).toEqual(expected);
    expect(named(translator('es'))).toEqual(expected);
    // The pseudo-locale accents every word on screen, but not the names a reader looks for.
    expect(named(pseudo)).toEqual(expected);
    expect(languageChoices(pseudo, { systemLanguage: 'es', pseudoLanguageAvailable: false })[0]?.label).toBe(
      pseudo.t('settings.languages.system', { language: 'Español' }),
    );
  });

  it('offers the pseudo-locale, labelled as a layout test, only where the client allows it', () => {
    const withPseudo = languageChoices(en, { systemLanguage: 'en', pseudoLanguageAvailable: true });
    expect(withPseudo.at(-1)).toEqual({
      value: 'en-XA',
      label: 'Pseudo-language (layout test)',
      lang: undefined,
    });
    const without = languageChoices(en, { systemLanguage: 'en', pseudoLanguageAvailable: false });
    expect(without.map((c) => c.value)).not.toContain('en-XA');
  });

  it('nativeLanguageName reads each language’s own catalogue', () => {
    expect(nativeLanguageName('en')).toBe('English');
    expect(nativeLanguageName('fr')).toBe('Français');
    expect(nativeLanguageName('pt')).toBe('Português');
    expect(nativeLanguageName('zh-Hant')).toBe('繁體中文');
  });
});
