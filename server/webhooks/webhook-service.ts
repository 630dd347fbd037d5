/**
 * Webhook endpoints as admins (and integrations with `webhooks:manage`) manage them: create (the signing
 * secret shown once), list, change, delete, test (a `ping`), rotate the secret with an overlap, read the
 * delivery log, redeliver. A URL must resolve to public addresses unless --webhooks-allow-private.
 */
import { randomUUID } from 'node:crypto';
import { canAdminister } from '@shared/domain/permissions';
import type {
  WebhookDelivery,
  WebhookEndpoint,
  webhookEndpointWithSecretSchema,
} from '@shared/protocol/integrations';
import type {
  CreateWebhookInput,
  UpdateWebhookInput,
  rotateWebhookSecretSchema,
  deliveryQuerySchema,
} from '@shared/schemas/integration-input';
import { fieldIssue } from '@shared/schemas/validation';
import type { z } from 'zod';
import { agentAccess } from '../services/access';
import { changedFields, type AuditTarget } from '../services/audit';
import { iso } from '../services/clock';
import type { ServiceContext } from '../services/context';
import { ServiceError } from '../services/errors';
import type { AgentRow } from '../store/rows';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../store/webhook-rows';
import { AddressRefusedError, checkedAddress } from './address-guard';
import { newMessageId } from './webhook-events';
import { newWebhookSecret } from './signature';

const MINUTE = 60_000;

export function toWebhookEndpoint(row: WebhookEndpointRow, now: number): WebhookEndpoint {
  const overlapEnds = row.previousSecretExpiresAt;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: [...row.events],
    enabled: row.enabled,
    disabledReason: row.enabled ? null : row.disabledReason,
    includeSecrets: row.includeSecrets,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    failingSince: row.failingSince === null ? null : iso(row.failingSince),
    previousSecretExpiresAt: overlapEnds !== null && overlapEnds > now ? iso(overlapEnds) : null,
  };
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.messageId,
    endpointId: row.endpointId,
    eventType: row.eventType,
    requestId: row.requestId,
    state: row.state,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastDurationMs: row.lastDurationMs,
    lastAttemptAt: row.lastAttemptAt === null ? null : iso(row.lastAttemptAt),
    nextAttemptAt: row.state === 'pending' && row.nextAttemptAt !== null ? iso(row.nextAttemptAt) : null,
    createdAt: iso(row.createdAt),
  };
}

type EndpointWithSecret = z.infer<typeof webhookEndpointWithSecretSchema>;

export class WebhookService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: { readonly allowPrivate: boolean; readonly wake: () => void },
  ) {}

  async create(actor: AgentRow, input: CreateWebhookInput): Promise<EndpointWithSecret> {
    await this.requireAdmin(actor);
    await this.checkUrl(input.url);
    const now = this.ctx.clock.now();
    const secret = newWebhookSecret();
    const row = {
      id: randomUUID(),
      url: input.url,
      description: input.description,
      events: [...new Set(input.events)],
      enabled: true,
      disabledReason: null,
      includeSecrets: input.includeSecrets,
      secret,
      previousSecret: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    };
    const { store, audit } = this.ctx;
    await store.transaction(async () => {
      await store.webhooks.insertEndpoint(row);
      await audit.record({
        type: 'webhook.created',
        target: auditTarget(row),
        data: {
          url: row.url,
          events: row.events,
          description: row.description,
          includeSecrets: row.includeSecrets,
        },
      });
    });
    this.ctx.log.info({ by: actor.id, endpointId: row.id }, 'webhook endpoint created');
    return { ...toWebhookEndpoint(row, now), secret };
  }

  async list(actor: AgentRow): Promise<{ endpoints: WebhookEndpoint[] }> {
    await this.requireAdmin(actor);
    const now = this.ctx.clock.now();
    return { endpoints: (await this.ctx.store.webhooks.endpoints()).map((e) => toWebhookEndpoint(e, now)) };
  }

  async get(actor: AgentRow, id: string): Promise<WebhookEndpoint> {
    await this.requireAdmin(actor);
    return toWebhookEndpoint(await this.load(id), this.ctx.clock.now());
  }

  async update(actor: AgentRow, id: string, input: UpdateWebhookInput): Promise<WebhookEndpoint> {
    await this.requireAdmin(actor);
    if (input.url !== undefined) await this.checkUrl(input.url);
    const { store, clock } = this.ctx;
    const saved = await store.transaction(async () => {
      const current = await this.load(id);
      const now = clock.now();
      const enabled = input.enabled ?? current.enabled;
      const next = {
        ...current,
        url: input.url ?? current.url,
        description: input.description ?? current.description,
        events: input.events ? [...new Set(input.events)] : current.events,
        includeSecrets: input.includeSecrets ?? current.includeSecrets,
        enabled,
        // Turned off by an admin: say so; turned on: what failed before is forgotten.
        disabledReason: enabled
          ? null
          : input.enabled === false
            ? ('admin' as const)
            : current.disabledReason,
        failingSince: enabled && !current.enabled ? null : current.failingSince,
        updatedAt: now,
      };
      if (next.secret === null) throw new Error('The endpoint’s secret cannot be decrypted: rotate it.');
      await store.webhooks.saveEndpoint({ ...next, secret: next.secret });
      const changes = changedFields(current, next, [
        'url',
        'events',
        'description',
        'includeSecrets',
        'enabled',
      ]);
      if (Object.keys(changes).length > 0) {
        await this.ctx.audit.record({ type: 'webhook.updated', target: auditTarget(next), data: changes });
      }
      return next;
    });
    // Turned on again: the deliveries still waiting may go.
    if (saved.enabled) this.options.wake();
    return toWebhookEndpoint(saved, clock.now());
  }

  async delete(actor: AgentRow, id: string): Promise<void> {
    await this.requireAdmin(actor);
    const { store, audit } = this.ctx;
    await store.transaction(async () => {
      const endpoint = await this.load(id);
      // Deleted meanwhile by another call: that one recorded it.
      if (!(await store.webhooks.deleteEndpoint(id))) throw notFound();
      await audit.record({ type: 'webhook.deleted', target: auditTarget(endpoint) });
    });
    this.ctx.log.info({ by: actor.id, endpointId: id }, 'webhook endpoint deleted');
  }

  /** Queues a `ping` to the endpoint (enabled or not) and answers its delivery. */
  async test(actor: AgentRow, id: string): Promise<WebhookDelivery> {
    await this.requireAdmin(actor);
    const { store, clock, audit } = this.ctx;
    const messageId = newMessageId();
    await store.transaction(async () => {
      const endpoint = await this.load(id);
      const now = clock.now();
      const payload = { type: 'ping', timestamp: iso(now), data: { endpointId: endpoint.id } };
      await store.webhooks.enqueue({
        messageId,
        endpointId: endpoint.id,
        eventType: 'ping',
        requestId: null,
        payload: JSON.stringify(payload),
        now,
      });
      await audit.record({ type: 'webhook.test_sent', target: auditTarget(endpoint) });
    });
    this.options.wake();
    return toWebhookDelivery((await store.webhooks.delivery(id, messageId))!);
  }

  /** A new secret; the previous one keeps signing beside it for `overlapMinutes`. */
  async rotateSecret(
    actor: AgentRow,
    id: string,
    input: z.output<typeof rotateWebhookSecretSchema>,
  ): Promise<EndpointWithSecret> {
    await this.requireAdmin(actor);
    const { store, clock } = this.ctx;
    const secret = newWebhookSecret();
    const saved = await store.transaction(async () => {
      const current = await this.load(id);
      const now = clock.now();
      const overlapEnds = now + input.overlapMinutes * MINUTE;
      const keepPrevious = current.secret !== null && input.overlapMinutes > 0;
      const next = {
        ...current,
        secret,
        previousSecret: keepPrevious ? current.secret : null,
        previousSecretExpiresAt: keepPrevious ? overlapEnds : null,
        updatedAt: now,
      };
      await store.webhooks.saveEndpoint(next);
      await this.ctx.audit.record({
        type: 'webhook.secret_rotated',
        target: auditTarget(current),
        data: { overlapMinutes: input.overlapMinutes },
      });
      return next;
    });
    this.ctx.log.info({ by: actor.id, endpointId: id }, 'webhook secret rotated');
    return { ...toWebhookEndpoint(saved, clock.now()), secret };
  }

  async deliveries(
    actor: AgentRow,
    id: string,
    query: z.output<typeof deliveryQuerySchema>,
  ): Promise<{ deliveries: WebhookDelivery[]; nextCursor: string | null }> {
    await this.requireAdmin(actor);
    await this.load(id);
    const before = query.cursor === undefined ? null : Number(query.cursor);
    if (before !== null && !Number.isSafeInteger(before)) {
      throw ServiceError.invalid([fieldIssue('cursor', 'invalid_format')]);
    }
    const rows = await this.ctx.store.webhooks.deliveries(id, before, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      deliveries: page.map(toWebhookDelivery),
      nextCursor: rows.length > query.limit ? String(page.at(-1)!.seq) : null,
    };
  }

  /** The same message (id and body) again, as a new series of attempts due now. */
  async redeliver(actor: AgentRow, id: string, messageId: string): Promise<WebhookDelivery> {
    await this.requireAdmin(actor);
    const { store, clock, audit } = this.ctx;
    await store.transaction(async () => {
      const endpoint = await this.load(id);
      if (!(await store.webhooks.delivery(id, messageId))) throw notFound();
      await store.webhooks.redeliver(id, messageId, clock.now());
      await audit.record({
        type: 'webhook.redelivered',
        target: auditTarget(endpoint),
        data: { deliveryId: messageId },
      });
    });
    this.options.wake();
    return toWebhookDelivery((await store.webhooks.delivery(id, messageId))!);
  }

  private async load(id: string): Promise<WebhookEndpointRow> {
    const row = await this.ctx.store.webhooks.endpoint(id);
    if (!row) throw notFound();
    return row;
  }

  private async requireAdmin(actor: AgentRow): Promise<void> {
    const decision = canAdminister(await agentAccess(this.ctx.store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
  }

  /** Refuses (400 `webhook_address_refused`) a URL whose host does not resolve or resolves inside the network. */
  private async checkUrl(url: string): Promise<void> {
    try {
      await checkedAddress(new URL(url), this.options.allowPrivate);
    } catch (error) {
      if (!(error instanceof AddressRefusedError)) throw error;
      throw ServiceError.coded(400, 'webhook_address_refused', {
        host: error.host,
        address: error.address ?? 'none',
      });
    }
  }
}

/** An endpoint as the audit log names it: by its URL (its description is optional). */
export function auditTarget(endpoint: WebhookEndpointRow): AuditTarget {
  return { kind: 'webhook', id: endpoint.id, name: endpoint.url };
}

const notFound = () => ServiceError.coded(404, 'not_found', { thing: 'webhook' });
