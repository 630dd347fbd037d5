/**
 * The languages the product speaks — the agent client, the invitation e-mail and the end-user join page
 * alike: one per folder of catalogues in shared/i18n/catalogs/ (a request's `emailLanguage` is one).
 */
import { LANGUAGES, type Language } from '../i18n/generated/catalogs';

export const EMAIL_LANGUAGES = LANGUAGES;
export type EmailLanguage = Language;

export const DEFAULT_EMAIL_LANGUAGE: EmailLanguage = 'en';

/**
 * The supported language closest to a BCP 47 tag ("pt-BR" → pt, "zh-TW" → zh-Hant, "zh-CN" → zh-Hans),
 * or null when none is close. Chinese without a script follows the region, defaulting to Simplified.
 */
export function matchLanguage(tag: string): EmailLanguage | null {
  const parts = tag.trim().replaceAll('_', '-').split('-');
  const language = parts[0]?.toLowerCase() ?? '';
  if (language === 'zh') {
    const rest = parts.slice(1).map((p) => p.toLowerCase());
    if (rest.includes('hant') || rest.some((p) => p === 'tw' || p === 'hk' || p === 'mo')) {
      return 'zh-Hant';
    }
    return 'zh-Hans';
  }
  return EMAIL_LANGUAGES.find((l) => l === language) ?? null;
}

/** The first of `tags` (most preferred first, as an OS or a browser lists them) the product speaks. */
export function firstSpokenLanguage(tags: readonly string[]): EmailLanguage | null {
  for (const tag of tags) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return null;
}

/**
 * Picks a language from an HTTP Accept-Language header, honouring its q-values; null when the header
 * names no supported language.
 */
export function pickLanguageFromAcceptLanguage(header: string | undefined): EmailLanguage | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const q = params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2);
      const weight = q === undefined ? 1 : Number(q);
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((e) => e.tag !== '' && e.tag !== '*' && e.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const entry of ranked) {
    const match = matchLanguage(entry.tag);
    if (match) return match;
  }
  return null;
}
