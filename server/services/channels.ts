/**
 * Channels (queues): every agent sees their Private channel and the shared channels they belong to (admins:
 * all shared channels). Admins create and edit shared channels and their members. A membership change
 * changes what the agent may see, so their change feed starts over.
 */
import { randomUUID } from 'node:crypto';
import { canAccessChannel, canAdminister } from '@shared/domain/permissions';
import type { Channel } from '@shared/protocol/api';
import type { AgentRow, ChannelRow } from '../store/rows';
import { agentAccess, loadChannel, toChannelAccess } from './access';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { changedFields } from './audit';
import { withWriter } from './request-writer';

/** A channel as the audit log names it. */
function channelTarget(id: string, name: string) {
  return { kind: 'channel', id, name };
}

export class ChannelService {
  constructor(private readonly ctx: ServiceContext) {}

  async toJson(channel: ChannelRow): Promise<Channel> {
    return {
      id: channel.id,
      name: channel.name,
      kind: channel.kind,
      ownerId: channel.ownerId,
      defaultExpiryMinutes: channel.defaultExpiryMinutes,
      participantLimit: channel.participantLimit,
      members: (await this.ctx.store.agents.members(channel.id)).map((m) => ({
        agentId: m.agentId,
        canRelease: m.canRelease,
      })),
      createdAt: iso(channel.createdAt),
      updatedAt: iso(channel.updatedAt),
    };
  }

  async list(actor: AgentRow): Promise<Channel[]> {
    const access = await agentAccess(this.ctx.store, actor);
    const channels = [];
    for (const channel of await this.ctx.store.channels.list())
      if (canAccessChannel(access, toChannelAccess(channel)).allowed)
        channels.push(await this.toJson(channel));
    return channels;
  }

  async create(
    actor: AgentRow,
    input: { name: string; defaultExpiryMinutes: number; participantLimit: number },
  ): Promise<Channel> {
    await this.requireAdmin(actor);
    const { store, audit } = this.ctx;
    const id = randomUUID();
    await store.transaction(async () => {
      await store.channels.insert({ id, kind: 'shared', ownerId: null, ...input }, this.ctx.clock.now());
      await audit.record({
        type: 'channel.created',
        target: channelTarget(id, input.name),
        data: { ...input },
      });
    });
    this.ctx.signals.invalidate('channels');
    return this.toJson(await loadChannel(this.ctx.store, id));
  }

  async update(
    actor: AgentRow,
    channelId: string,
    input: {
      name?: string | undefined;
      defaultExpiryMinutes?: number | undefined;
      participantLimit?: number | undefined;
    },
  ): Promise<Channel> {
    await this.requireAdmin(actor);
    const { store } = this.ctx;
    await store.transaction(async () => {
      await store.lock('channels');
      const channel = await this.sharedChannel(channelId);
      const next: ChannelRow = {
        ...channel,
        name: input.name ?? channel.name,
        defaultExpiryMinutes: input.defaultExpiryMinutes ?? channel.defaultExpiryMinutes,
        participantLimit: input.participantLimit ?? channel.participantLimit,
      };
      await store.channels.update(next, this.ctx.clock.now());
      const changes = changedFields(channel, next, ['name', 'defaultExpiryMinutes', 'participantLimit']);
      if (Object.keys(changes).length > 0) {
        await this.ctx.audit.record({
          type: 'channel.updated',
          target: channelTarget(next.id, next.name),
          data: changes,
        });
      }
    });
    this.ctx.signals.invalidate('channels');
    return this.toJson(await loadChannel(this.ctx.store, channelId));
  }

  async setMember(
    actor: AgentRow,
    channelId: string,
    agentId: string,
    canRelease: boolean,
  ): Promise<Channel> {
    await this.requireAdmin(actor);
    const { store } = this.ctx;
    const channel = await this.sharedChannel(channelId);
    const agent = await store.agents.get(agentId);
    if (!agent) throw ServiceError.notFound('agent');
    await store.transaction(async () => {
      const before = (await store.agents.memberships(agentId)).find((m) => m.channelId === channelId);
      const wasMember = before !== undefined;
      await store.agents.setMembership(channelId, agentId, canRelease);
      if (before?.canRelease !== canRelease) {
        await this.ctx.audit.record({
          type: wasMember ? 'channel.member_updated' : 'channel.member_added',
          target: channelTarget(channel.id, channel.name),
          data: { agentId, agentName: agent.name, canRelease },
        });
      }
      // A new channel's requests predate the agent's cursor: their feed starts over.
      if (!wasMember) await store.agents.requireResync(agentId, await store.requests.nextSeq());
    });
    this.ctx.signals.accessChanged(agentId);
    this.ctx.signals.invalidate('channels');
    return this.toJson(await loadChannel(store, channelId));
  }

  /**
   * Removes the agent from the channel. Requests of the channel they were assigned to go back to its
   * queue, and they leave those they took part in.
   */
  async removeMember(actor: AgentRow, channelId: string, agentId: string): Promise<Channel> {
    await this.requireAdmin(actor);
    const { store } = this.ctx;
    const channel = await this.sharedChannel(channelId);
    await withWriter(this.ctx, async (writer) => {
      if (!(await store.agents.removeMembership(channelId, agentId)))
        throw ServiceError.notFound('membership');
      const agent = await store.agents.get(agentId);
      await this.ctx.audit.record({
        type: 'channel.member_removed',
        target: channelTarget(channel.id, channel.name),
        data: { agentId, agentName: agent?.name ?? null },
      });
      const stillSees = agent
        ? canAccessChannel(await agentAccess(store, agent), toChannelAccess(channel)).allowed
        : false;
      if (!stillSees) {
        const system = { kind: 'system' } as const;
        for (const row of await store.requests.list({
          channelIds: [channelId],
          now: writer.now,
          limit: 1_000_000,
        })) {
          if (row.status === 'closed' || row.status === 'expired') continue;
          const participant = (await store.requests.participants(row.id)).some((p) => p.agentId === agentId);
          if (participant) await store.requests.removeParticipant(row.id, agentId);
          if (row.assigneeId === agentId) {
            await writer.change(row, { assigneeId: null }, [
              { type: 'released', actor: system, data: { agentId, reason: 'removed_from_channel' } },
            ]);
          } else if (participant) {
            await writer.change(row, {}, [
              { type: 'left', actor: system, data: { agentId, reason: 'removed_from_channel' } },
            ]);
          }
        }
      }
      await store.agents.requireResync(agentId, await store.requests.nextSeq());
    });
    this.ctx.signals.accessChanged(agentId);
    this.ctx.signals.invalidate('channels');
    return this.toJson(await loadChannel(store, channelId));
  }

  private async sharedChannel(channelId: string): Promise<ChannelRow> {
    const channel = await loadChannel(this.ctx.store, channelId);
    if (channel.kind === 'private') {
      throw ServiceError.coded(409, 'private_channel', { action: 'manage' });
    }
    return channel;
  }

  private async requireAdmin(actor: AgentRow): Promise<void> {
    const decision = canAdminister(await agentAccess(this.ctx.store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
  }
}
