/**
 * Integration tokens (issue 17): named bearer tokens an admin gives a ticketing system or a script, each
 * with scopes and an optional expiry. The secret (`sdi_` + 32 random bytes, base64url) is shown once and
 * stored as its SHA-256, like agents' access tokens; a revoked token's row is deleted, so it stops working
 * at the next call on every instance.
 *
 * A call signed by one acts as a stand-in agent (`integrationStandIn`): the admin role alone, no Private
 * channel and no membership, so the shared permission rules apply unchanged — it sees every shared channel
 * and never a Private one, and cannot connect, pick up or join (those need the support_agent role). The
 * timeline names it as an integration (`timelineActor`), with the agent it acted for where there is one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  INTEGRATION_SCOPES,
  INTEGRATION_TOKEN_PREFIX,
  type IntegrationScope,
} from '@shared/domain/integrations';
import { canAdminister } from '@shared/domain/permissions';
import type { TimelineActor } from '@shared/protocol/api';
import type { CreatedIntegrationToken, IntegrationToken } from '@shared/protocol/integrations';
import type { CreateIntegrationTokenInput } from '@shared/schemas/integration-input';
import { fieldIssue } from '@shared/schemas/validation';
import type { AgentRow, IntegrationTokenRow } from '../store/rows';
import { agentAccess } from './access';
import type { Authenticated } from './accounts';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { sha256 } from './crypto';
import { ServiceError } from './errors';

/** `last_used_at` is this precise: a token used all day is written once a minute, not at every call. */
export const LAST_USED_PRECISION_MS = 60_000;
/** Random bytes in a secret: 256 bits, as agents' access tokens. */
const SECRET_BYTES = 32;
/** How much of the secret the hint shows: the prefix and six characters, too few to guess the rest. */
const HINT_LENGTH = INTEGRATION_TOKEN_PREFIX.length + 6;

/** Who an integration is, as the stand-in agent of its calls carries it. */
export interface IntegrationIdentity {
  readonly tokenId: string;
  readonly name: string;
  readonly scopes: readonly IntegrationScope[];
  /** The admin who created the token: requests it creates unassigned are created in their name. */
  readonly createdBy: string;
}

/** The stand-in agent of a call an integration token signed; see the file's comment. */
export type IntegrationAgent = AgentRow & { readonly integration: IntegrationIdentity };

export function integrationStandIn(token: IntegrationTokenRow): IntegrationAgent {
  return {
    id: token.id,
    email: '',
    name: token.name,
    roles: ['admin'],
    disabled: false,
    passwordHash: '',
    resyncFromSeq: 0,
    createdAt: token.createdAt,
    updatedAt: token.createdAt,
    integration: { tokenId: token.id, name: token.name, scopes: token.scopes, createdBy: token.createdBy },
  };
}

/** The integration a (stand-in) agent is, or null for a real agent. */
export function integrationOf(agent: AgentRow): IntegrationIdentity | null {
  return 'integration' in agent ? (agent as IntegrationAgent).integration : null;
}

/**
 * Who the timeline says caused an event: the agent, or the integration with the agent it acted for
 * (`onBehalfOf`, when the action needed one: the assignee of a request it created).
 */
export function timelineActor(agent: AgentRow, onBehalfOf: AgentRow | null = null): TimelineActor {
  const integration = integrationOf(agent);
  if (!integration) return { kind: 'agent', agentId: agent.id, name: agent.name };
  return {
    kind: 'integration',
    tokenId: integration.tokenId,
    name: integration.name,
    onBehalfOf: onBehalfOf && { agentId: onBehalfOf.id, name: onBehalfOf.name },
  };
}

function toJson(row: IntegrationTokenRow): IntegrationToken {
  return {
    id: row.id,
    name: row.name,
    scopes: [...row.scopes],
    hint: row.hint,
    createdAt: iso(row.createdAt),
    createdBy: row.createdBy,
    expiresAt: row.expiresAt === null ? null : iso(row.expiresAt),
    lastUsedAt: row.lastUsedAt === null ? null : iso(row.lastUsedAt),
  };
}

export class IntegrationTokenService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A new token; its secret is in this answer and nowhere else. */
  async create(actor: AgentRow, input: CreateIntegrationTokenInput): Promise<CreatedIntegrationToken> {
    await this.requireAdmin(actor);
    const { store, clock } = this.ctx;
    const now = clock.now();
    const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : null;
    if (expiresAt !== null && expiresAt <= now) {
      throw ServiceError.invalid([fieldIssue('expiresAt', 'not_in_future')]);
    }
    const secret = INTEGRATION_TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
    const row: IntegrationTokenRow = {
      id: randomUUID(),
      name: input.name,
      tokenHash: sha256(secret),
      hint: secret.slice(0, HINT_LENGTH),
      // Each scope once, in the order the list declares them.
      scopes: INTEGRATION_SCOPES.filter((scope) => input.scopes.includes(scope)),
      createdAt: now,
      createdBy: actor.id,
      expiresAt,
      lastUsedAt: null,
    };
    await store.transaction(async () => {
      await store.integrationTokens.insert(row);
      await this.ctx.audit.record({
        type: 'integration_token.created',
        target: { kind: 'integration_token', id: row.id, name: row.name },
        data: { scopes: row.scopes, expiresAt: expiresAt === null ? null : iso(expiresAt) },
      });
    });
    this.ctx.log.info({ tokenId: row.id, by: actor.id, scopes: row.scopes }, 'integration token created');
    return { ...toJson(row), token: secret };
  }

  /** Every token not revoked, newest first, without their secrets (only their hashes are kept). */
  async list(actor: AgentRow): Promise<IntegrationToken[]> {
    await this.requireAdmin(actor);
    return (await this.ctx.store.integrationTokens.list()).map(toJson);
  }

  /** Revokes the token: its next call is refused, on every instance. */
  async revoke(actor: AgentRow, tokenId: string): Promise<void> {
    await this.requireAdmin(actor);
    const { store } = this.ctx;
    await store.transaction(async () => {
      const token = await store.integrationTokens.get(tokenId);
      // Revoked meanwhile by another call: that one recorded it.
      if (!token || !(await store.integrationTokens.delete(tokenId))) {
        throw ServiceError.notFound('integration_token');
      }
      await this.ctx.audit.record({
        type: 'integration_token.revoked',
        target: { kind: 'integration_token', id: token.id, name: token.name },
      });
    });
    this.ctx.log.info({ tokenId, by: actor.id }, 'integration token revoked');
  }

  /** The call's identity for a secret `sdi_…`: unknown, revoked and expired tokens are all 401. */
  async authenticate(secret: string): Promise<Authenticated> {
    const { store, clock } = this.ctx;
    const token = await store.integrationTokens.findByHash(sha256(secret));
    const now = clock.now();
    if (!token || (token.expiresAt !== null && token.expiresAt <= now)) {
      throw new ServiceError(401, 'unauthorized', 'This integration token is unknown, revoked or expired.');
    }
    if (token.lastUsedAt === null || token.lastUsedAt <= now - LAST_USED_PRECISION_MS) {
      await store.integrationTokens.touch(token.id, now, now - LAST_USED_PRECISION_MS);
    }
    const agent = integrationStandIn(token);
    return {
      agent,
      familyId: '',
      integration: { tokenId: token.id, name: token.name, scopes: token.scopes },
    };
  }

  private async requireAdmin(actor: AgentRow): Promise<void> {
    const decision = canAdminister(await agentAccess(this.ctx.store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
  }
}
