/** What the shared rules need to decide an action now: me, agents, channels, live or not, the time. */
import { useMemo } from 'react';
import type { ActionContext } from '../domain/row-actions';
import { useNow } from '../store/clock';
import { useAppShallow } from '../store/context';

export function useActionContext(): ActionContext | null {
  const { account, directory, live } = useAppShallow((s) => ({
    account: s.account,
    directory: s.directory,
    live: s.connection?.state === 'live',
  }));
  // Expiry matters to the rules; a few seconds late is fine, the service expires the row anyway.
  const now = useNow(5_000);
  return useMemo(
    () =>
      account
        ? { me: account.agent, agents: directory.agents, channels: directory.channels, live, now }
        : null,
    [account, directory, live, now],
  );
}
