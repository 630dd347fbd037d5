/** The Create request dialog's choices, by the shared rules: where I may create, whom I may assign. */
import { canCreateRequest, isEligibleAgent } from '@shared/domain/permissions';
import type { Translator } from '@shared/i18n/translator';
import type { Agent, Channel, Me } from '@shared/protocol/api';
import { accessOfAgent, accessOfMe, channelAccess } from '@shared/protocol/wire-access';
import { sortedChannels } from '../domain/people';

/** Channels I may create requests in: my Private one first, then shared ones in the reader's order. */
export function creatableChannels(t: Translator, me: Me, channels: readonly Channel[]): Channel[] {
  const access = accessOfMe(me);
  return sortedChannels(t, channels).filter((c) => canCreateRequest(access, channelAccess(c)).allowed);
}

/** Agents other than me who may be given a request in the channel, in the reader's alphabetical order. */
export function assignableAgents(
  t: Translator,
  me: Me,
  agents: readonly Agent[],
  channels: readonly Channel[],
  channelId: string,
): Agent[] {
  const channel = channels.find((c) => c.id === channelId);
  if (!channel) return [];
  return agents
    .filter(
      (a) => a.id !== me.id && isEligibleAgent(accessOfAgent(a, channels), channelAccess(channel)).allowed,
    )
    .sort((a, b) => a.name.localeCompare(b.name, t.locale));
}

/** Shared channels I may create in: each is a queue to leave a request unassigned in. */
export function queues(t: Translator, me: Me, channels: readonly Channel[]): Channel[] {
  return creatableChannels(t, me, channels).filter((c) => c.kind === 'shared');
}
