/**
 * The renderer's words: one `Translator` (shared/i18n) for the language the core says the client speaks,
 * given to every component through context. Changing the language re-renders the screens in place, so
 * nothing typed, open or scrolled is lost. Before the settings arrive, the browser's language is used.
 * The document's `lang` follows the language shown.
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { firstSpokenLanguage } from '@shared/domain/languages';
import { SOURCE_LANGUAGE, translator, type DisplayLanguage, type Translator } from '@shared/i18n/translator';
import { useApp } from '../store/context';

const TranslatorContext = createContext<Translator | null>(null);

/** The first of the browser's languages the client speaks, else English. */
export function browserLanguage(): DisplayLanguage {
  return firstSpokenLanguage(navigator.languages ?? [navigator.language]) ?? SOURCE_LANGUAGE;
}

/** Provides the translator of the given language (tests and screens outside the store). */
export function TranslatorProvider({
  language,
  children,
}: {
  readonly language: DisplayLanguage;
  readonly children: ReactNode;
}) {
  const value = useMemo(() => translator(language), [language]);
  // The page says its language, so screen readers pronounce it and `:lang()` picks its fonts.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <TranslatorContext.Provider value={value}>{children}</TranslatorContext.Provider>;
}

/** Provides the translator of the language the core reports in the settings. */
export function AppTranslatorProvider({ children }: { readonly children: ReactNode }) {
  const language = useApp((s) => s.settings?.displayLanguage) ?? browserLanguage();
  return <TranslatorProvider language={language}>{children}</TranslatorProvider>;
}

/** The translator of the language on screen. */
export function useTranslator(): Translator {
  const value = useContext(TranslatorContext);
  if (!value) throw new Error('useTranslator needs a TranslatorProvider above it');
  return value;
}
