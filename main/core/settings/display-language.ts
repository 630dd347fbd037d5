/**
 * The language the client speaks: the agent's `language` setting (or the policy's), and for `system` the
 * first of the operating system's preferred languages the client speaks, else English. The shells give
 * those preferred languages: Electron the OS's (`app.getPreferredSystemLanguages()`), the browser shell
 * the browser's (its Accept-Language), since the agent reads the browser, not the machine it runs on.
 */
import { firstSpokenLanguage } from '@shared/domain/languages';
import {
  PSEUDO_LANGUAGE,
  SOURCE_LANGUAGE,
  type DisplayLanguage,
  type Language,
} from '@shared/i18n/translator';
import type { LanguageSetting } from '@shared/ipc/settings';

/** What `system` means: the first of `preferred` (BCP 47 tags, most preferred first) the client speaks. */
export function systemLanguage(preferred: readonly string[]): Language {
  return firstSpokenLanguage(preferred) ?? SOURCE_LANGUAGE;
}

/**
 * The language a setting makes the client speak. The pseudo-locale is for development builds: where it
 * is not available (a setting kept from one, in an installed app), the OS's language applies.
 */
export function resolveDisplayLanguage(
  setting: LanguageSetting,
  preferred: readonly string[],
  pseudoLanguageAvailable: boolean,
): DisplayLanguage {
  if (setting === 'system') return systemLanguage(preferred);
  if (setting === PSEUDO_LANGUAGE)
    return pseudoLanguageAvailable ? PSEUDO_LANGUAGE : systemLanguage(preferred);
  return setting;
}
