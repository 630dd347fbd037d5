/** What every admin panel and dialog reads: who is signed in, whether the service is reachable, the store. */
import { useAppShallow, useAppStore } from '../store/context';
import type { AppStore } from '../store/app-store';

export interface AdminContext {
  readonly store: AppStore;
  /** The signed-in admin's agent id. */
  readonly meId: string | null;
  /** Whether changes can be sent now (the core refuses them offline too). */
  readonly live: boolean;
  /** Why the connection is not live, for the offline sentence. */
  readonly offlineReason: string | null;
}

export function useAdmin(): AdminContext {
  const store = useAppStore();
  const { meId, live, offlineReason } = useAppShallow((s) => ({
    meId: s.account?.agent.id ?? null,
    live: s.connection?.state === 'live',
    offlineReason: s.connection?.reason ?? null,
  }));
  return { store, meId, live, offlineReason };
}
