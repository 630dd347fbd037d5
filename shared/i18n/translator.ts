/**
 * The one way every process turns a message id into words: FormatJS's ICU MessageFormat over the
 * catalogues in shared/i18n/catalogs/, and `Intl` for numbers, dates, relative times and lists in the
 * same language. The renderer, the core, the Electron shell and the service all build a `Translator`
 * here; none formats a sentence by concatenation.
 */
import { createIntl, createIntlCache, type FormatNumberOptions, type IntlShape } from '@formatjs/intl';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGS, LANGUAGES, type Language } from './generated/catalogs';
import type { MessageValues } from './generated/message-values';
import { PSEUDO_LANGUAGE, pseudoCatalog, type PseudoLanguage } from './pseudo';

export { LANGUAGES, type Language } from './generated/catalogs';
export { PSEUDO_LANGUAGE, type PseudoLanguage } from './pseudo';
export type { MessageValues } from './generated/message-values';

export const SOURCE_LANGUAGE: Language = 'en';

/** A language a translator can speak: a catalogue's, or the pseudo-locale used to test layouts. */
export type DisplayLanguage = Language | PseudoLanguage;

export type MessageId = keyof MessageValues;

/** The values a message needs, as a rest parameter: none for a message without placeholders. */
export type MessageArgs<K extends MessageId> = MessageValues[K] extends undefined
  ? []
  : [values: MessageValues[K]];

export interface Translator {
  readonly language: DisplayLanguage;
  /** The BCP 47 tag `Intl` formats with ("zh-Hant"; English for the pseudo-locale). */
  readonly locale: string;
  t<K extends MessageId>(id: K, ...values: MessageArgs<K>): string;
  /** Whether a message exists: for ids chosen at run time (an error code from the service). */
  has(id: string): id is MessageId;
  formatNumber(value: number, options?: FormatNumberOptions): string;
  formatDate(at: Date | number, options?: Intl.DateTimeFormatOptions): string;
  formatTime(at: Date | number, options?: Intl.DateTimeFormatOptions): string;
  formatDateTime(at: Date | number, options?: Intl.DateTimeFormatOptions): string;
  formatRelativeTime(
    value: number,
    unit: Intl.RelativeTimeFormatUnit,
    options?: Intl.RelativeTimeFormatOptions,
  ): string;
  /** "A, B and C" in the language's own words ("A、B和C"). */
  formatList(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isDisplayLanguage(value: unknown): value is DisplayLanguage {
  return value === PSEUDO_LANGUAGE || isLanguage(value);
}

/** What a message that fails to format reports (a missing value is a bug; the id is shown instead). */
export type TranslationErrorHandler = (error: Error) => void;

let onError: TranslationErrorHandler = () => undefined;

/** Where each process sends formatting errors (its log); set once at start-up. */
export function setTranslationErrorHandler(handler: TranslationErrorHandler): void {
  onError = handler;
}

const cache = createIntlCache();
const translators = new Map<DisplayLanguage, Translator>();

/**
 * The translator of a language, made once per process. Messages missing from a catalogue fall back to
 * English (`npm run i18n:check` keeps them from being missing in a release).
 */
export function translator(language: DisplayLanguage): Translator {
  const known = translators.get(language);
  if (known) return known;
  const made = makeTranslator(language);
  translators.set(language, made);
  return made;
}

function makeTranslator(language: DisplayLanguage): Translator {
  const locale = language === PSEUDO_LANGUAGE ? SOURCE_LANGUAGE : language;
  const messages: Record<string, string> | Record<string, MessageFormatElement[]> =
    language === PSEUDO_LANGUAGE
      ? pseudoCatalog(CATALOGS[SOURCE_LANGUAGE])
      : { ...CATALOGS[SOURCE_LANGUAGE], ...CATALOGS[language] };
  const intl: IntlShape<string> = createIntl(
    { locale, defaultLocale: SOURCE_LANGUAGE, messages, onError: (error) => onError(error) },
    cache,
  );
  return {
    language,
    locale,
    t: (id, ...values) => intl.formatMessage({ id }, values[0] as Record<string, string | number | Date>),
    has: (id): id is MessageId => Object.hasOwn(messages, id),
    formatNumber: (value, options) => intl.formatNumber(value, options),
    formatDate: (at, options) => intl.formatDate(at, options),
    formatTime: (at, options) => intl.formatTime(at, options),
    formatDateTime: (at, options) =>
      intl.formatDate(at, { dateStyle: 'medium', timeStyle: 'short', ...options }),
    formatRelativeTime: (value, unit, options) => intl.formatRelativeTime(value, unit, options),
    formatList: (items, type = 'conjunction') => intl.formatList(items, { type }),
  };
}
