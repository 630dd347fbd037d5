/**
 * The permission rules' inputs built from what the service sends (GET /me, /channels, /agents and a
 * request's JSON), so the client can ask the same rules the service enforces: "can I do this, and if
 * not, why" — to disable a button with the reason, or to refuse before launching anything.
 */
import { checkAction, type ActionCheck } from '../domain/actions';
import type { AgentAccess, ChannelAccess, Membership, RequestAction } from '../domain/permissions';
import type { SessionRequest } from '../domain/session-request';
import type { Agent, Channel, Me } from './api';

export function accessOfMe(me: Me): AgentAccess {
  const memberships: Record<string, Membership> = {};
  for (const m of me.memberships) memberships[m.channelId] = { canRelease: m.canRelease };
  return { id: me.id, name: me.name, roles: me.roles, disabled: me.disabled, memberships };
}

/** Another agent's access, from a channel list that names its members. */
export function accessOfAgent(agent: Agent, channels: readonly Channel[]): AgentAccess {
  const memberships: Record<string, Membership> = {};
  for (const channel of channels) {
    const member = channel.members.find((m) => m.agentId === agent.id);
    if (member) memberships[channel.id] = { canRelease: member.canRelease };
  }
  return { id: agent.id, name: agent.name, roles: agent.roles, disabled: agent.disabled, memberships };
}

export function channelAccess(channel: Channel): ChannelAccess {
  return {
    id: channel.id,
    name: channel.name,
    kind: channel.kind,
    ownerId: channel.ownerId,
    participantLimit: channel.participantLimit,
  };
}

/** `checkAction` for a request as the service sent it; null when its channel is unknown here. */
export function checkWireAction(
  me: Me,
  request: SessionRequest,
  channels: readonly Channel[],
  action: RequestAction,
  now: number,
): ActionCheck | null {
  const channel = channels.find((c) => c.id === request.channelId);
  if (!channel) return null;
  return checkAction(
    accessOfMe(me),
    action,
    {
      request: {
        channelId: request.channelId,
        assigneeId: request.assigneeId,
        createdBy: request.createdBy,
        participantIds: request.participants.map((p) => p.agentId),
      },
      channel: channelAccess(channel),
      state: {
        status: request.status,
        consent: request.consent,
        expiresAt: Date.parse(request.expiresAt),
        connectedAgentIds: request.connectedAgentIds,
        consentLapsesAt: request.consentLapsesAt ? Date.parse(request.consentLapsesAt) : null,
        deleted: false,
      },
      recipientEmail: request.recipientEmail,
      recipientPhone: request.recipientPhone ?? null,
    },
    now,
  );
}
