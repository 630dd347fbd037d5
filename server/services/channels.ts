/**
 * Channels (queues): every agent sees their Private channel and the shared channels they belong to (admins:
 * all shared channels). Admins create and edit shared channels and their members. A membership change
 * changes what the agent may see, so their change feed starts over.
 */
import { randomUUID } from 'node:crypto';
import { canAccessChannel, canAdminister } from '@shared/domain/permissions';
import type { Channel } from '@shared/protocol/api';
import type { AgentRow } from '../store/agents-store';
import type { ChannelRow } from '../store/channels-store';
import { agentAccess, loadChannel, toChannelAccess } from './access';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { withWriter } from './request-writer';

export class ChannelService {
  constructor(private readonly ctx: ServiceContext) {}

  toJson(channel: ChannelRow): Channel {
    return {
      id: channel.id,
      name: channel.name,
      kind: channel.kind,
      ownerId: channel.ownerId,
      defaultExpiryMinutes: channel.defaultExpiryMinutes,
      participantLimit: channel.participantLimit,
      members: this.ctx.store.agents
        .members(channel.id)
        .map((m) => ({ agentId: m.agentId, canRelease: m.canRelease })),
      createdAt: iso(channel.createdAt),
      updatedAt: iso(channel.updatedAt),
    };
  }

  list(actor: AgentRow): Channel[] {
    const access = agentAccess(this.ctx.store, actor);
    return this.ctx.store.channels
      .list()
      .filter((c) => canAccessChannel(access, toChannelAccess(c)).allowed)
      .map((c) => this.toJson(c));
  }

  create(
    actor: AgentRow,
    input: { name: string; defaultExpiryMinutes: number; participantLimit: number },
  ): Channel {
    this.requireAdmin(actor);
    const id = randomUUID();
    this.ctx.store.channels.insert({ id, kind: 'shared', ownerId: null, ...input }, this.ctx.clock.now());
    this.ctx.hub.invalidate('channels');
    return this.toJson(loadChannel(this.ctx.store, id));
  }

  update(
    actor: AgentRow,
    channelId: string,
    input: {
      name?: string | undefined;
      defaultExpiryMinutes?: number | undefined;
      participantLimit?: number | undefined;
    },
  ): Channel {
    this.requireAdmin(actor);
    const channel = this.sharedChannel(channelId);
    const next: ChannelRow = {
      ...channel,
      name: input.name ?? channel.name,
      defaultExpiryMinutes: input.defaultExpiryMinutes ?? channel.defaultExpiryMinutes,
      participantLimit: input.participantLimit ?? channel.participantLimit,
    };
    this.ctx.store.channels.update(next, this.ctx.clock.now());
    this.ctx.hub.invalidate('channels');
    return this.toJson(loadChannel(this.ctx.store, channelId));
  }

  setMember(actor: AgentRow, channelId: string, agentId: string, canRelease: boolean): Channel {
    this.requireAdmin(actor);
    const { store } = this.ctx;
    this.sharedChannel(channelId);
    if (!store.agents.get(agentId)) throw ServiceError.notFound('The agent');
    store.transaction(() => {
      const wasMember = store.agents.memberships(agentId).some((m) => m.channelId === channelId);
      store.agents.setMembership(channelId, agentId, canRelease);
      // A new channel's requests predate the agent's cursor: their feed starts over.
      if (!wasMember) store.agents.requireResync(agentId, store.requests.nextSeq());
    });
    this.ctx.hub.accessChanged(agentId);
    this.ctx.hub.invalidate('channels');
    return this.toJson(loadChannel(store, channelId));
  }

  /**
   * Removes the agent from the channel. Requests of the channel they were assigned to go back to its
   * queue, and they leave those they took part in.
   */
  removeMember(actor: AgentRow, channelId: string, agentId: string): Channel {
    this.requireAdmin(actor);
    const { store } = this.ctx;
    const channel = this.sharedChannel(channelId);
    withWriter(this.ctx, (writer) => {
      if (!store.agents.removeMembership(channelId, agentId)) throw ServiceError.notFound('The membership');
      const agent = store.agents.get(agentId);
      const stillSees = agent
        ? canAccessChannel(agentAccess(store, agent), toChannelAccess(channel)).allowed
        : false;
      if (!stillSees) {
        const system = { kind: 'system' } as const;
        for (const row of store.requests.list({
          channelIds: [channelId],
          now: writer.now,
          limit: 1_000_000,
        })) {
          if (row.status === 'closed' || row.status === 'expired') continue;
          const participant = store.requests.participants(row.id).some((p) => p.agentId === agentId);
          if (participant) store.requests.removeParticipant(row.id, agentId);
          if (row.assigneeId === agentId) {
            writer.change(row, { assigneeId: null }, [
              { type: 'released', actor: system, data: { agentId, reason: 'removed_from_channel' } },
            ]);
          } else if (participant) {
            writer.change(row, {}, [
              { type: 'left', actor: system, data: { agentId, reason: 'removed_from_channel' } },
            ]);
          }
        }
      }
      store.agents.requireResync(agentId, store.requests.nextSeq());
    });
    this.ctx.hub.accessChanged(agentId);
    this.ctx.hub.invalidate('channels');
    return this.toJson(loadChannel(store, channelId));
  }

  private sharedChannel(channelId: string): ChannelRow {
    const channel = loadChannel(this.ctx.store, channelId);
    if (channel.kind === 'private') {
      throw new ServiceError(
        409,
        'private_channel',
        'A Private channel has one member, its owner, and fixed settings.',
      );
    }
    return channel;
  }

  private requireAdmin(actor: AgentRow): void {
    const decision = canAdminister(agentAccess(this.ctx.store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
  }
}
