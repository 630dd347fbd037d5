/**
 * Dates and times for a reader whose time zone the service does not know — the e-mails, and the join page
 * until its script rewrites them in the browser's zone: written in UTC, in the language's style, and
 * saying so.
 */
import type { Translator } from '@shared/i18n/translator';

export function formatUtcDateTime(i18n: Translator, at: number | string): string {
  const dateTime = i18n.formatDateTime(typeof at === 'number' ? at : Date.parse(at), {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return i18n.t('joinPage.utcDateTime', { dateTime });
}
