/** Creating session requests, and reading them: one, a filtered list, a timeline. */
import { randomUUID } from 'node:crypto';
import type { SessionRequest } from '@shared/domain/session-request';
import { DEFAULT_EMAIL_LANGUAGE } from '@shared/domain/languages';
import { canAccessChannel, canCreateRequest, isEligibleAgent } from '@shared/domain/permissions';
import type { TimelineEvent } from '@shared/protocol/api';
import { checkRequestTimes, resolveExpiry, type CreateRequestInput } from '@shared/schemas/request-input';
import type { ListRequestsQuery } from '@shared/schemas/query-input';
import { fieldIssue } from '@shared/schemas/validation';
import type { AgentRow, ChannelRow, RequestRow } from '../store/rows';
import { agentAccess, loadChannel, toChannelAccess, visibleChannelIds } from './access';
import type { ServiceContext } from './context';
import { randomDigits, sha256 } from './crypto';
import { ServiceError } from './errors';
import { idempotentWrite, remember, replayed } from './idempotency';
import { integrationOf, timelineActor } from './integration-tokens';
import { invitationMail } from './mails';
import { loadWireRequest, toWireEvent } from './request-view';
import { withWriter, type NewEvent } from './request-writer';

export interface CreateResult {
  /** Only a created request is kept for replay, so a replay is a 201 too. */
  readonly status: 201;
  readonly body: SessionRequest;
  readonly replayed: boolean;
}

/** How many times to draw a PIN or code before concluding the space is exhausted. */
const MAX_DRAWS = 50;

export class RequestService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(actor: AgentRow, input: CreateRequestInput, idempotencyKey?: string): Promise<CreateResult> {
    const { store } = this.ctx;
    const write = idempotentWrite(actor.id, idempotencyKey, input);
    const replay = write && (await replayed(store, write));
    if (replay) return { status: 201, body: replay, replayed: true };

    const integration = integrationOf(actor);
    const { channel, assignee } = integration
      ? await this.integrationTarget(actor, input)
      : await this.agentTarget(actor, input);
    // The agent the request is created for: its assignee; an integration's unassigned request is created
    // in the name of the admin who created the integration's token.
    const createdBy = integration ? (assignee?.id ?? integration.createdBy) : actor.id;

    const now = this.ctx.clock.now();
    const expiresAt = resolveExpiry(input.expiresAt, channel.defaultExpiryMinutes * 60_000, now);
    const scheduledAt = input.scheduledAt === null ? null : Date.parse(input.scheduledAt);
    const timeIssues = checkRequestTimes({ scheduledAt, expiresAt }, now);
    if (timeIssues.length > 0) throw ServiceError.invalid(timeIssues);

    const id = randomUUID();
    const created = await withWriter(this.ctx, async (writer) => {
      // Inside the transaction, under the key's lock, so two concurrent replays cannot both create.
      if (write) await store.lock('idempotencyKey', `${write.agentId}\n${write.key}`);
      const again = write && (await replayed(store, write));
      if (again) return { status: 201 as const, body: again, replayed: true };

      const row = {
        id,
        status: 'open',
        consent: 'pending',
        recipientName: input.recipientName,
        recipientEmail: input.recipientEmail,
        comments: input.comments,
        emailLanguage: input.emailLanguage ?? DEFAULT_EMAIL_LANGUAGE,
        languageChosen: input.emailLanguage !== undefined,
        sendInvitation: input.sendInvitation,
        scheduledAt,
        reminded: false,
        expiresAt,
        channelId: channel.id,
        assigneeId: assignee?.id ?? null,
        createdBy,
        linkTokenHash: sha256(this.ctx.links.tokenFor(id)),
        pin: await this.drawUnused(9, (pin) => store.requests.getLiveByPin(pin)),
        sessionCode: await this.drawUnused(8, (code) => store.requests.getLiveBySessionCode(code)),
        remote: null,
        consentLapsesAt: null,
        externalRef: input.externalRef ?? null,
        recipientPhone: input.recipientPhone,
      } as const;
      const by = timelineActor(actor, assignee);
      const events: NewEvent[] = [
        { type: 'created', actor: by, data: { channelId: channel.id, channelName: channel.name } },
      ];
      if (assignee) {
        events.push({
          type: 'assigned',
          actor: by,
          data: { agentId: assignee.id, agentName: assignee.name },
        });
      }
      const mails = [];
      if (row.sendInvitation && row.recipientEmail) {
        mails.push(
          await invitationMail(
            this.ctx,
            { ...row, seq: 0, createdAt: now, updatedAt: now },
            assignee ?? actor,
          ),
        );
        events.push({
          type: 'email_queued',
          actor: by,
          data: { kind: 'invitation', to: row.recipientEmail },
        });
      }
      const stored = await writer.insert(row, events, mails);
      const body = await loadWireRequest(store, stored, this.ctx.links);
      if (write) await remember(store, write, 201, body, now);
      return { status: 201 as const, body, replayed: false };
    });
    this.ctx.log.info({ requestId: created.body.id, agentId: actor.id }, 'session request created');
    return created;
  }

  /** Where an agent creates a request (the channel they name, else their Private channel), and for whom. */
  private async agentTarget(
    actor: AgentRow,
    input: CreateRequestInput,
  ): Promise<{ channel: ChannelRow; assignee: AgentRow | null }> {
    const { store } = this.ctx;
    const channel = input.channelId
      ? await loadChannel(store, input.channelId)
      : await store.channels.privateChannelOf(actor.id);
    if (!channel) throw ServiceError.notFound('private_channel');
    const decision = canCreateRequest(await agentAccess(store, actor), toChannelAccess(channel));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
    const assignee = input.assignTo.type === 'myself' ? actor : await this.assigneeOf(input, channel);
    return { channel, assignee };
  }

  /**
   * Where an integration creates a request: a shared channel it names (it has no Private channel and never
   * sees anyone's), for an agent it names or unassigned (`myself` is nobody for it). It holds no role to
   * handle requests itself: the agent it names must be eligible, as for an admin's assignment.
   */
  private async integrationTarget(
    actor: AgentRow,
    input: CreateRequestInput,
  ): Promise<{ channel: ChannelRow; assignee: AgentRow | null }> {
    const { store } = this.ctx;
    if (!input.channelId) throw ServiceError.invalid([fieldIssue('channelId', 'shared_channel_required')]);
    const channel = await store.channels.get(input.channelId);
    if (!channel) throw ServiceError.notFound('channel');
    if (!canAccessChannel(await agentAccess(store, actor), toChannelAccess(channel)).allowed) {
      throw ServiceError.invalid([fieldIssue('channelId', 'shared_channel_required')]);
    }
    if (input.assignTo.type === 'myself') {
      throw ServiceError.invalid([fieldIssue('assignTo', 'integration_needs_agent')]);
    }
    return { channel, assignee: await this.assigneeOf(input, channel) };
  }

  /** The agent `assignTo` names (by id or e-mail), eligible in `channel`; null for unassigned. */
  private async assigneeOf(input: CreateRequestInput, channel: ChannelRow): Promise<AgentRow | null> {
    const { store } = this.ctx;
    const { assignTo } = input;
    let assignee: AgentRow | undefined;
    if (assignTo.type === 'agent') {
      assignee = await store.agents.get(assignTo.agentId);
      if (!assignee) throw ServiceError.invalid([fieldIssue('assignTo.agentId', 'unknown_agent')]);
    } else if (assignTo.type === 'agentEmail') {
      assignee = await store.agents.getByEmail(assignTo.email);
      if (!assignee) throw ServiceError.invalid([fieldIssue('assignTo.email', 'unknown_agent')]);
      if (assignee.disabled) {
        throw ServiceError.invalid([fieldIssue('assignTo.email', 'agent_account_disabled')]);
      }
    } else {
      return null;
    }
    const eligible = isEligibleAgent(await agentAccess(store, assignee), toChannelAccess(channel));
    if (!eligible.allowed) throw ServiceError.forbidden(eligible.denial);
    return assignee;
  }

  private async drawUnused(length: number, inUse: (value: string) => Promise<unknown>): Promise<string> {
    for (let i = 0; i < MAX_DRAWS; i++) {
      const value = randomDigits(length);
      if (!(await inUse(value))) return value;
    }
    throw new ServiceError(503, 'unavailable', 'Could not allocate a free code; try again.');
  }

  /** The request, if the agent may see it; 404 otherwise, so other channels' requests stay unknown. */
  async visibleRow(actor: AgentRow, requestId: string): Promise<RequestRow> {
    const { store } = this.ctx;
    const row = await store.requests.get(requestId);
    if (!row) throw ServiceError.notFound('request');
    const channel = await store.channels.get(row.channelId);
    if (!channel || !canAccessChannel(await agentAccess(store, actor), toChannelAccess(channel)).allowed) {
      throw ServiceError.notFound('request');
    }
    return row;
  }

  async get(actor: AgentRow, requestId: string): Promise<SessionRequest> {
    return loadWireRequest(this.ctx.store, await this.visibleRow(actor, requestId), this.ctx.links);
  }

  async timeline(actor: AgentRow, requestId: string): Promise<TimelineEvent[]> {
    await this.visibleRow(actor, requestId);
    return (await this.ctx.store.requests.events(requestId)).map(toWireEvent);
  }

  async list(
    actor: AgentRow,
    query: ListRequestsQuery,
  ): Promise<{ requests: SessionRequest[]; nextCursor: string | null }> {
    const { store } = this.ctx;
    const channelIds = await visibleChannelIds(store, await agentAccess(store, actor));
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const assignee =
      query.assignee === undefined
        ? undefined
        : query.assignee === 'unassigned'
          ? ({ kind: 'unassigned' } as const)
          : ({ kind: 'agent', agentId: query.assignee === 'me' ? actor.id : query.assignee } as const);
    const rows = await store.requests.list({
      channelIds,
      ...(query.status ? { statuses: query.status } : {}),
      ...(query.channelId ? { channelId: query.channelId } : {}),
      ...(assignee ? { assignee } : {}),
      ...(query.view ? { view: query.view } : {}),
      ...(query.externalSystem && query.externalId
        ? { externalRef: { system: query.externalSystem, id: query.externalId } }
        : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(after ? { after } : {}),
      now: this.ctx.clock.now(),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const requests: SessionRequest[] = [];
    for (const row of page) requests.push(await loadWireRequest(store, row, this.ctx.links));
    return {
      requests,
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }
}

function encodeCursor(row: RequestRow): string {
  return Buffer.from(JSON.stringify([row.createdAt, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // Only what encodeCursor gives out: a time in whole milliseconds (a database's integer) and an id.
    if (
      Number.isSafeInteger(createdAt) &&
      (createdAt as number) >= 0 &&
      typeof id === 'string' &&
      id.length <= 64
    )
      return { createdAt: createdAt as number, id };
  } catch {
    // fall through
  }
  throw ServiceError.invalid([fieldIssue('cursor', 'invalid_cursor')]);
}
