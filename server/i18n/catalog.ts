/** The catalogue of a language, and dates written the way that language writes them. */
import type { EmailLanguage } from '@shared/domain/languages';
import { de } from './de';
import { en, type Catalog } from './en';
import { es } from './es';
import { fr } from './fr';
import { pt } from './pt';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

const CATALOGS: Record<EmailLanguage, Catalog> = {
  en,
  es,
  pt,
  fr,
  de,
  'zh-Hant': zhHant,
  'zh-Hans': zhHans,
};

export function catalog(language: EmailLanguage): Catalog {
  return CATALOGS[language];
}

/**
 * A date and time in the language's style. The recipient's time zone is unknown to the service, so it is
 * written in UTC and says so; the join page rewrites it in the browser's zone.
 */
export function formatDateTime(at: number | string, language: EmailLanguage): string {
  return (
    new Intl.DateTimeFormat(language, {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(typeof at === 'number' ? at : Date.parse(at)) + ' (UTC)'
  );
}
