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
import type { AgentRow } from '../store/agents-store';
import type { ChannelRow } from '../store/channels-store';
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

export function agentAccess(store: Store, agent: AgentRow): AgentAccess {
  const memberships: Record<string, Membership> = {};
  for (const m of store.agents.memberships(agent.id)) memberships[m.channelId] = { canRelease: m.canRelease };
  return { id: agent.id, name: agent.name, roles: agent.roles, disabled: agent.disabled, memberships };
}

export function loadAgentAccess(store: Store, agentId: string): AgentAccess {
  const agent = store.agents.get(agentId);
  if (!agent) throw ServiceError.notFound('The agent');
  return agentAccess(store, agent);
}

export function loadChannel(store: Store, channelId: string): ChannelRow {
  const channel = store.channels.get(channelId);
  if (!channel) throw ServiceError.notFound('The channel');
  return channel;
}

/** Every channel whose requests the agent may see. */
export function visibleChannelIds(store: Store, access: AgentAccess): string[] {
  return store.channels
    .list()
    .filter((channel) => canAccessChannel(access, toChannelAccess(channel)).allowed)
    .map((channel) => channel.id);
}
