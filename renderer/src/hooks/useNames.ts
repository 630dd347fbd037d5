/** Names for agent and channel ids, from the directory. */
import { useMemo } from 'react';
import { namesFor, type Names } from '../domain/people';
import { useAppShallow } from '../store/context';

export function useNames(): Names {
  const { directory, me } = useAppShallow((s) => ({ directory: s.directory, me: s.account?.agent ?? null }));
  return useMemo(() => namesFor(directory, me), [directory, me]);
}
