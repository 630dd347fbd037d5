/**
 * The Language setting's choices as Settings lists them: the operating system's language first, named
 * after the language it resolves to, then every language the client speaks by its own name — Español is
 * "Español" whatever language the screen is in, so an agent who cannot read the current one still finds
 * theirs — and the pseudo-locale where the client offers it. Pure, so it is tested in Node.
 */
import type { LanguageSetting } from '@shared/ipc/settings';
import {
  LANGUAGES,
  PSEUDO_LANGUAGE,
  translator,
  type Language,
  type Translator,
} from '@shared/i18n/translator';

export interface LanguageChoice {
  readonly value: LanguageSetting;
  readonly label: string;
  /** The language the label is written in, so screen readers pronounce it and fonts show it right. */
  readonly lang: Language | undefined;
}

/** A language's name in that language ("Deutsch", "繁體中文"), from its own catalogue. */
export function nativeLanguageName(language: Language): string {
  return translator(language).t('language.name');
}

export function languageChoices(
  t: Translator,
  view: { readonly systemLanguage: Language; readonly pseudoLanguageAvailable: boolean },
): LanguageChoice[] {
  const system: LanguageChoice = {
    value: 'system',
    label: t.t('settings.languages.system', { language: nativeLanguageName(view.systemLanguage) }),
    lang: undefined,
  };
  const languages = LANGUAGES.map((language): LanguageChoice => ({
    value: language,
    label: nativeLanguageName(language),
    lang: language,
  }));
  const pseudo: LanguageChoice = {
    value: PSEUDO_LANGUAGE,
    label: t.t('settings.languages.pseudo'),
    lang: undefined,
  };
  return view.pseudoLanguageAvailable ? [system, ...languages, pseudo] : [system, ...languages];
}
