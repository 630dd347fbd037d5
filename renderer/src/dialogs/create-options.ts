/** The Create request dialog's choices, by the shared rules: where I may create, whom I may assign. */
import { canCreateRequest, isEligibleAgent } from '@shared/domain/permissions';
import type { Agent, Channel, Me } from '@shared/protocol/api';
import { accessOfAgent, accessOfMe, channelAccess } from '@shared/protocol/wire-access';
import { sortedChannels } from '../domain/people';

/** Channels I may create requests in: my Private one first, then shared ones. */
export function creatableChannels(me: Me, channels: readonly Channel[]): Channel[] {
  const access = accessOfMe(me);
  return sortedChannels(channels).filter((c) => canCreateRequest(access, channelAccess(c)).allowed);
}

/** Agents other than me who may be given a request in the channel. */
export function assignableAgents(
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
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Shared channels I may create in: each is a queue to leave a request unassigned in. */
export function queues(me: Me, channels: readonly Channel[]): Channel[] {
  return creatableChannels(me, channels).filter((c) => c.kind === 'shared');
}
