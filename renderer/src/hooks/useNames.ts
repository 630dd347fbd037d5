/** Names for agent and channel ids, from the directory, in the language on screen. */
import { useMemo } from 'react';
import { namesFor, type Names } from '../domain/people';
import { useTranslator } from '../i18n/translation';
import { useAppShallow } from '../store/context';

export function useNames(): Names {
  const t = useTranslator();
  const { directory, me } = useAppShallow((s) => ({ directory: s.directory, me: s.account?.agent ?? null }));
  return useMemo(() => namesFor(t, directory, me), [t, directory, me]);
}
