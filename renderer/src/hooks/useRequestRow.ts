/** A request by id, as the table has it (kept fresh by live updates), else read from the cache once. */
import { useEffect, useMemo, useState } from 'react';
import type { RequestRow } from '@shared/ipc/views';
import { useApp, useAppStore } from '../store/context';

export function useRequestRow(id: string): RequestRow | null {
  const store = useAppStore();
  const version = useApp((s) => s.table.version);
  const [fetched, setFetched] = useState<RequestRow | null>(null);
  const fromTable = useMemo(() => {
    void version;
    const rows = store.getState().rows;
    const index = rows.indexOf(id);
    return index === -1 ? null : (rows.rowAt(index) ?? null);
  }, [store, id, version]);
  useEffect(() => {
    if (fromTable) return;
    let current = true;
    void store
      .getState()
      .call('requests.get', { requestId: id })
      .then((result) => {
        if (current && result.ok) setFetched(result.value?.request ?? null);
      });
    return () => {
      current = false;
    };
  }, [store, id, fromTable]);
  return fromTable ?? fetched;
}
