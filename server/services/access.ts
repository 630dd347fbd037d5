/**
 * The shared permission rules need an agent's roles and memberships and a channel's kind: this builds
 * them from the store, and lists the channels an agent may see.
 */
import {
  canAccessChannel,
  type AgentAccess,
  type ChannelAccess,
  type Membership,
} from '@shared/domain/permissions';
import type { AgentRow, ChannelRow } from '../store/rows';
import type { Store } from '../store/store';
import { ServiceError } from './errors';

export function toChannelAccess(channel: ChannelRow): ChannelAccess {
  return {
    id: channel.id,
    name: channel.name,
    kind: channel.kind,
    ownerId: channel.ownerId,
    participantLimit: channel.participantLimit,
  };
}

export async function agentAccess(store: Store, agent: AgentRow): Promise<AgentAccess> {
  const memberships: Record<string, Membership> = {};
  for (const m of await store.agents.memberships(agent.id))
    memberships[m.channelId] = { canRelease: m.canRelease };
  return { id: agent.id, name: agent.name, roles: agent.roles, disabled: agent.disabled, memberships };
}

export async function loadAgentAccess(store: Store, agentId: string): Promise<AgentAccess> {
  const agent = await store.agents.get(agentId);
  if (!agent) throw ServiceError.notFound('agent');
  return agentAccess(store, agent);
}

export async function loadChannel(store: Store, channelId: string): Promise<ChannelRow> {
  const channel = await store.channels.get(channelId);
  if (!channel) throw ServiceError.notFound('channel');
  return channel;
}

/** Every channel whose requests the agent may see. */
export async function visibleChannelIds(store: Store, access: AgentAccess): Promise<string[]> {
  return (await store.channels.list())
    .filter((channel) => canAccessChannel(access, toChannelAccess(channel)).allowed)
    .map((channel) => channel.id);
}
