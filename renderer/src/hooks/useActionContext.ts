/** What the shared rules need to decide an action now: me, agents, channels, live, the time, the client. */
import { useMemo } from 'react';
import { chosenClientRefusal } from '@shared/ipc/handoff';
import { channelLabel } from '../domain/people';
import type { ActionContext } from '../domain/row-actions';
import { useTranslator } from '../i18n/translation';
import { useNow } from '../store/clock';
import { useAppShallow } from '../store/context';

export function useActionContext(): ActionContext | null {
  const t = useTranslator();
  const { account, directory, live, settings } = useAppShallow((s) => ({
    account: s.account,
    directory: s.directory,
    live: s.connection?.state === 'live',
    settings: s.settings,
  }));
  // The web console cannot start a command line: Connect says so before the agent tries.
  const clientRefusal = useMemo(() => (settings ? chosenClientRefusal(settings) : null), [settings]);
  // The rules name a channel in their reasons ("has no access to the channel “Private”"): the
  // Private channels by the agent's word for them, not the name the service stores in English.
  const channels = useMemo(
    () => directory.channels.map((channel) => ({ ...channel, name: channelLabel(t, channel) })),
    [t, directory.channels],
  );
  // Expiry matters to the rules; a few seconds late is fine, the service expires the row anyway.
  const now = useNow(5_000);
  return useMemo(
    () =>
      account ? { me: account.agent, agents: directory.agents, channels, live, now, clientRefusal } : null,
    [account, directory.agents, channels, live, now, clientRefusal],
  );
}
