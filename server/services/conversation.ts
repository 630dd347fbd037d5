/**
 * The conversation around a request (issue 19), service side: an agent's chat message (through the request
 * actions, so it is checked, written and published like a note), the end user's from the join page, the
 * thread the join page shows, and the organisation's canned messages.
 */
import { randomUUID } from 'node:crypto';
import { chatIsOpen, type MessageAuthor } from '@shared/domain/conversation';
import { canAdminister } from '@shared/domain/permissions';
import type { SessionRequest } from '@shared/domain/session-request';
import type { CannedMessageList } from '@shared/protocol/conversation';
import {
  messageTextSchema,
  type ReplaceCannedMessagesInput,
  type SendMessageInput,
} from '@shared/schemas/conversation-input';
import { cannedNameKey, type CannedMessageRow } from '../store/canned-message-rows';
import type { AgentRow, EventRow } from '../store/rows';
import { agentAccess } from './access';
import type { ServiceContext } from './context';
import { sha256 } from './crypto';
import { ServiceError } from './errors';
import type { ExpiryService } from './expiry';
import { idempotentWrite, replayed } from './idempotency';
import type { RateLimits } from './rate-limits';
import type { RequestActions } from './request-actions';
import { withWriter } from './request-writer';

/** The audit entry of an admin replacing the canned messages. */
export const CANNED_MESSAGES_REPLACED = 'canned_messages.replaced';

/** One message of the thread the end user sees: the agents' and theirs, never the agents' notes. */
export interface ChatLine {
  /** The timeline event's id: increasing, so the page asks for what came after the last it shows. */
  readonly id: number;
  readonly at: number;
  readonly from: MessageAuthor;
  /** The agent's name (an integration's: the agent it acted for, else its own); null for the end user. */
  readonly author: string | null;
  readonly text: string;
}

/** The chat messages among a request's timeline events, oldest first. */
export function chatLines(events: readonly EventRow[]): ChatLine[] {
  const lines: ChatLine[] = [];
  for (const event of events) {
    if (event.type !== 'message' || typeof event.data['text'] !== 'string') continue;
    const { actor } = event;
    const from: MessageAuthor = actor.kind === 'end_user' ? 'end_user' : 'agent';
    const author =
      actor.kind === 'agent'
        ? actor.name
        : actor.kind === 'integration'
          ? (actor.onBehalfOf?.name ?? actor.name)
          : null;
    lines.push({ id: event.id, at: event.at, from, author, text: event.data['text'] });
  }
  return lines.sort((a, b) => a.id - b.id);
}

/** Why the end user's message was not taken; the page words each in its language. */
export type EndUserMessageOutcome =
  | { readonly ok: true; readonly line: ChatLine }
  | { readonly ok: false; readonly reason: 'not_found' | 'closed' | 'empty' | 'too_long' }
  | { readonly ok: false; readonly reason: 'too_many'; readonly retryAfterSeconds: number };

export class ConversationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly actions: RequestActions,
    private readonly expiry: ExpiryService,
    private readonly limits: RateLimits,
  ) {}

  /**
   * POST /requests/{id}/messages: the `message` action, counted against the agent's limit on this request
   * first (on PostgreSQL in the table every instance counts in). A replay of a message already sent (the
   * same Idempotency-Key: a client retrying after a lost answer) is not counted: it sends nothing.
   */
  async send(
    actor: AgentRow,
    requestId: string,
    input: SendMessageInput,
    idempotencyKey?: string,
  ): Promise<{ readonly request: SessionRequest; readonly replayed: boolean }> {
    const action = { type: 'message', text: input.text, byEmail: input.byEmail, bySms: input.bySms } as const;
    // The key as RequestActions.act derives it, to look the first answer up.
    const write = idempotentWrite(actor.id, idempotencyKey, { requestId, input: action });
    if (!(write && (await replayed(this.ctx.store, write))))
      await this.limits.agentMessagesPerRequest.hit(`${actor.id}:${requestId}`);
    return this.actions.act(actor, requestId, action, idempotencyKey);
  }

  /** The request's chat messages, oldest first. */
  async thread(requestId: string): Promise<ChatLine[]> {
    return chatLines(await this.ctx.store.requests.events(requestId));
  }

  /** The messages after the one with id `after`, oldest first (what a live page has not shown yet). */
  async linesAfter(requestId: string, after: number): Promise<ChatLine[]> {
    return (await this.thread(requestId)).filter((line) => line.id > after);
  }

  /**
   * POST /j/<token>/messages: the end user's message, while the chat is open, within the limit per
   * request. It goes to the agents as a `message` timeline event of the request's change.
   */
  async fromEndUser(token: string, typed: string): Promise<EndUserMessageOutcome> {
    const { store } = this.ctx;
    const found = await store.requests.getByTokenHash(sha256(token));
    if (!found) return { ok: false, reason: 'not_found' };
    const parsed = messageTextSchema.safeParse(typed);
    if (!parsed.success) return { ok: false, reason: typed.trim() === '' ? 'empty' : 'too_long' };
    await this.expiry.applyDue(found.id);
    const current = await store.requests.get(found.id);
    if (!current) return { ok: false, reason: 'not_found' };
    if (!chatIsOpen(current.status)) return { ok: false, reason: 'closed' };
    try {
      await this.limits.endUserMessagesPerRequest.hit(found.id);
    } catch (error) {
      if (error instanceof ServiceError && error.status === 429)
        return { ok: false, reason: 'too_many', retryAfterSeconds: error.extra.retryAfterSeconds ?? 60 };
      throw error;
    }
    return withWriter(this.ctx, async (writer): Promise<EndUserMessageOutcome> => {
      // Read again in the transaction (its row lock on PostgreSQL): closed in the meantime, it refuses.
      const row = await store.requests.get(found.id);
      if (!row) return { ok: false, reason: 'not_found' };
      if (!chatIsOpen(row.status)) return { ok: false, reason: 'closed' };
      const after = await writer.change(row, {}, [
        {
          type: 'message',
          actor: { kind: 'end_user' },
          data: { text: parsed.data, from: 'end_user', byEmail: false, bySms: false },
        },
      ]);
      const written = chatLines(await store.requests.eventsAt(row.id, after.seq));
      return { ok: true, line: written[0]! };
    });
  }

  /** GET /canned-messages: every agent reads them, sorted by name. */
  async cannedMessages(): Promise<CannedMessageList> {
    return { messages: sortedByName(await this.ctx.store.cannedMessages.list()).map(toAnswer) };
  }

  /**
   * PUT /canned-messages (admins): the whole list at once. A message keeps its id when its name stays
   * (in any case), so a client's picker does not lose track of it; audited.
   */
  async replaceCannedMessages(
    actor: AgentRow,
    input: ReplaceCannedMessagesInput,
  ): Promise<CannedMessageList> {
    const { store, clock } = this.ctx;
    const decision = canAdminister(await agentAccess(store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
    const now = clock.now();
    const saved = await store.transaction(async () => {
      // Two admins saving at once on PostgreSQL: the second waits, then replaces the first's list.
      await store.lock('organisation');
      const before = new Map((await store.cannedMessages.list()).map((m) => [cannedNameKey(m.name), m]));
      const rows: CannedMessageRow[] = input.messages.map((m) => {
        const kept = before.get(cannedNameKey(m.name));
        return {
          id: kept?.id ?? randomUUID(),
          name: m.name,
          texts: m.texts,
          createdAt: kept?.createdAt ?? now,
          updatedAt: now,
        };
      });
      await store.cannedMessages.replace(rows);
      await this.ctx.audit.record({
        type: CANNED_MESSAGES_REPLACED,
        data: { names: rows.map((r) => r.name), before: [...before.values()].map((m) => m.name) },
      });
      return rows;
    });
    return { messages: sortedByName(saved).map(toAnswer) };
  }
}

function sortedByName<T extends { readonly name: string }>(messages: readonly T[]): T[] {
  return [...messages].sort((a, b) => a.name.localeCompare(b.name));
}

function toAnswer(row: CannedMessageRow): CannedMessageList['messages'][number] {
  return { id: row.id, name: row.name, texts: { ...row.texts } };
}
