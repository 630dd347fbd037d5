/**
 * Agents' accounts: sign-in, access tokens (15 minutes) and rotating refresh tokens (30 days; presenting a
 * used one revokes its whole sign-in and closes its streams), sign-out, and the admin's management of
 * agents, who get either an initial password or a set-password link by e-mail (password-links.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IntegrationScope } from '@shared/domain/integrations';
import { canAdminister, type Role } from '@shared/domain/permissions';
import type { Agent, LoginResponse, LoginStep, Me, SecondFactorLoginResponse } from '@shared/protocol/api';
import type { CreateAgentInput, UpdateAgentInput } from '@shared/schemas/account-input';
import type { AgentRow } from '../store/rows';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { dummyPasswordHash, hashPassword, needsRehash, randomToken, sha256, verifyPassword } from './crypto';
import { ServiceError } from './errors';
import type { PasswordLinkService } from './password-links';
import type { RateLimits } from './rate-limits';
import type { PasswordGate } from './sso';
import type { TwoFactorService } from './two-factor';
import { agentAccess } from './access';
import { changedFields } from './audit';

export const ACCESS_TTL_MS = 15 * 60_000;
export const REFRESH_TTL_MS = 30 * 24 * 3_600_000;
const PRIVATE_CHANNEL = { name: 'Private', defaultExpiryMinutes: 24 * 60, participantLimit: 3 };

export function toAgentJson(agent: AgentRow, twoFactorEnabled: boolean): Agent {
  return {
    id: agent.id,
    email: agent.email,
    name: agent.name,
    roles: agent.roles,
    disabled: agent.disabled,
    twoFactorEnabled,
    createdAt: iso(agent.createdAt),
    updatedAt: iso(agent.updatedAt),
  };
}

/** An agent as the audit log names it. */
export function agentTarget(agent: AgentRow) {
  return { kind: 'agent', id: agent.id, name: agent.name };
}

export interface Authenticated {
  /**
   * Who acts. For an integration token, a stand-in with the admin role and no Private channel, named after
   * the integration (its id is `integration` below's tokenId): the permission rules then apply unchanged.
   */
  readonly agent: AgentRow;
  /** The sign-in's family (refresh tokens); empty for an integration token. */
  readonly familyId: string;
  /** Set when an integration token signed the call: which one, and its scopes. */
  readonly integration?: {
    readonly tokenId: string;
    readonly name: string;
    readonly scopes: readonly IntegrationScope[];
  };
}

export class AccountService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly limits: RateLimits,
    private readonly passwordLinks: PasswordLinkService,
    private readonly twoFactor: TwoFactorService,
    /** Whether the SSO-only policy refuses a password sign-in (sso.ts); by default nothing is refused. */
    private readonly passwordRefused: PasswordGate = () => Promise.resolve(false),
  ) {}

  /**
   * The password step. With two-factor sign-in on for the agent (or required by the organisation) a right
   * password answers a challenge, not tokens: `loginWithSecondFactor` finishes the sign-in.
   */
  async login(email: string, password: string, address: string): Promise<LoginStep> {
    const account = email.toLowerCase();
    try {
      await this.limits.loginPerAddress.hit(address);
      // Counted before the password is checked: sign-ins sent together cannot all pass a check made
      // before any of them has failed, so no more passwords than the limit are ever checked.
      await this.limits.loginAttemptsPerAccount.hit(account);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'rate_limited') {
        await this.signInFailed(account, 'rate_limited', null);
      }
      throw error;
    }
    if (await this.passwordRefused(account)) {
      await this.signInFailed(account, 'sso_only', null);
      throw ServiceError.coded(403, 'sso_only');
    }
    const agent = await this.ctx.store.agents.getByEmail(email);
    // An unknown account costs the same hash as a known one: the answer's time tells nothing.
    const valid = await verifyPassword(password, agent?.passwordHash ?? (await dummyPasswordHash()));
    if (!agent || !valid) {
      this.ctx.log.warn({ email: account, address }, 'sign-in failed');
      await this.signInFailed(account, 'invalid_credentials', null);
      throw new ServiceError(401, 'invalid_credentials', 'The e-mail address or the password is wrong.');
    }
    if (agent.disabled) {
      await this.signInFailed(account, 'account_disabled', agent);
      throw ServiceError.coded(403, 'account_disabled');
    }
    if (await this.passwordRefused(account, agent)) {
      await this.signInFailed(account, 'sso_only', agent);
      throw ServiceError.coded(403, 'sso_only');
    }
    await this.limits.loginAttemptsPerAccount.reset(account);
    if (needsRehash(agent.passwordHash)) await this.rehash(agent, password);
    const secondFactor = await this.twoFactor.challengeFor(agent);
    if (secondFactor) {
      this.ctx.log.info({ agentId: agent.id, address }, 'password accepted; second factor asked');
      return secondFactor;
    }
    this.ctx.log.info({ agentId: agent.id, address }, 'signed in');
    return await this.ctx.store.transaction(async () => {
      await this.ctx.audit.record({
        type: 'sign_in.succeeded',
        actor: { kind: 'agent', agentId: agent.id, name: agent.name },
        target: agentTarget(agent),
      });
      return this.issue(agent, randomUUID());
    });
  }

  /** The second step: the challenge the password step answered, and a code; then the tokens. */
  async loginWithSecondFactor(
    challenge: string,
    code: string,
    address: string,
  ): Promise<SecondFactorLoginResponse> {
    const signedIn = await this.twoFactor.finishSignIn(challenge, code, address, async (agent) => {
      await this.ctx.audit.record({
        type: 'sign_in.succeeded',
        actor: { kind: 'agent', agentId: agent.id, name: agent.name },
        target: agentTarget(agent),
        data: { secondFactor: true },
      });
      return this.issue(agent, randomUUID());
    });
    this.ctx.log.info({ agentId: signedIn.agent.id, address }, 'signed in with a second factor');
    return signedIn;
  }

  /** A refused sign-in, with the e-mail address tried (and the account, when it exists) for the audit log. */
  private async signInFailed(
    email: string,
    reason: 'invalid_credentials' | 'account_disabled' | 'rate_limited' | 'sso_only',
    agent: AgentRow | null,
  ): Promise<void> {
    await this.ctx.audit.record({
      type: 'sign_in.failed',
      actor: { kind: 'anonymous', email },
      target: agent && agentTarget(agent),
      data: { reason },
    });
  }

  /**
   * The password just checked, hashed again with the current parameters. Kept only if the stored hash is
   * still the one checked: a new password set meanwhile is not undone.
   */
  private async rehash(agent: AgentRow, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const { store, clock } = this.ctx;
    const replaced = await store.transaction(async () => {
      const current = await store.agents.get(agent.id);
      if (current?.passwordHash !== agent.passwordHash) return false;
      await store.agents.update({ ...current, passwordHash }, clock.now());
      return true;
    });
    if (replaced) this.ctx.log.info({ agentId: agent.id }, 'password hash moved to the current parameters');
  }

  async refresh(refreshToken: string): Promise<LoginResponse> {
    const { store, clock, signals } = this.ctx;
    const refuse = (error: ServiceError) => ({ error, ended: null as string | null });
    // Ends the whole sign-in; its streams are closed once the revocation has committed.
    const endSignIn = async (familyId: string, error: ServiceError) => {
      await store.tokens.revokeFamily(familyId);
      return { error, ended: familyId };
    };
    const outcome = await store.transaction(async () => {
      const now = clock.now();
      const stored = await store.tokens.findRefresh(sha256(refreshToken));
      if (!stored) {
        return refuse(new ServiceError(401, 'invalid_credentials', 'This sign-in has ended; sign in again.'));
      }
      if (stored.usedAt !== null || !(await store.tokens.markRefreshUsed(stored.tokenHash, now))) {
        // A refresh token is good once: seeing it again means it was copied. End that whole sign-in.
        this.ctx.log.warn({ agentId: stored.agentId, familyId: stored.familyId }, 'refresh token reused');
        const owner = await store.agents.get(stored.agentId);
        await this.ctx.audit.record({
          type: 'refresh_token.reused',
          actor: { kind: 'anonymous', email: null },
          target: { kind: 'agent', id: stored.agentId, name: owner?.name ?? null },
          data: { signInEnded: true },
        });
        return endSignIn(
          stored.familyId,
          new ServiceError(
            401,
            'invalid_credentials',
            'This refresh token was already used, so this sign-in was ended for safety; sign in again.',
          ),
        );
      }
      if (stored.expiresAt <= now) {
        return endSignIn(
          stored.familyId,
          new ServiceError(401, 'token_expired', 'This sign-in has expired; sign in again.'),
        );
      }
      const agent = await store.agents.get(stored.agentId);
      if (!agent || agent.disabled) {
        return endSignIn(stored.familyId, ServiceError.coded(403, 'account_disabled'));
      }
      return this.issue(agent, stored.familyId);
    });
    if ('error' in outcome) {
      // The revocations above must commit, so the refusal is thrown only after the transaction; the
      // sign-in's open streams end with it, as at sign-out.
      if (outcome.ended !== null) signals.endSession(outcome.ended);
      throw outcome.error;
    }
    return outcome;
  }

  /**
   * Single sign-on (sso.ts): the agent the provider vouched for, signed in as with a password;
   * `alsoWrite` adds to the same transaction, with the new sign-in's family and how long it can last.
   */
  async signInWithSso(
    agent: AgentRow,
    alsoWrite: (familyId: string, expiresAt: number) => Promise<void>,
  ): Promise<LoginResponse> {
    this.ctx.log.info({ agentId: agent.id }, 'signed in with single sign-on');
    const familyId = randomUUID();
    return await this.ctx.store.transaction(async () => {
      await this.ctx.audit.record({
        type: 'sign_in.succeeded',
        actor: { kind: 'agent', agentId: agent.id, name: agent.name },
        target: agentTarget(agent),
        data: { method: 'sso' },
      });
      await alsoWrite(familyId, this.ctx.clock.now() + REFRESH_TTL_MS);
      return this.issue(agent, familyId);
    });
  }

  /**
   * Single sign-on's just-in-time creation (sso.ts): an agent with a password nobody knows (they sign in
   * through the provider), and their Private channel; `alsoWrite` adds to the same transaction.
   */
  async createJustInTime(
    input: { email: string; name: string; roles: readonly Role[] },
    alsoWrite: (agent: AgentRow, now: number) => Promise<void>,
  ): Promise<AgentRow> {
    const passwordHash = await hashPassword(randomToken());
    return this.insertAgent({ ...input, passwordHash }, async (created, now) => {
      await this.ctx.audit.record(
        {
          type: 'agent.created',
          actor: { kind: 'system' },
          target: agentTarget(created),
          data: { email: created.email, name: created.name, roles: created.roles, justInTime: true },
        },
        now,
      );
      await alsoWrite(created, now);
    });
  }

  /** Ends the sign-in the access token belongs to. */
  async logout(familyId: string): Promise<void> {
    const { store, audit } = this.ctx;
    await store.transaction(async () => {
      await store.tokens.revokeFamily(familyId);
      await audit.record({ type: 'sign_out' });
    });
    this.ctx.signals.endSession(familyId);
  }

  async authenticate(accessToken: string): Promise<Authenticated> {
    const { store, clock } = this.ctx;
    const found = await store.tokens.findAccess(sha256(accessToken));
    if (!found) throw new ServiceError(401, 'unauthorized', 'Sign in to use the service.');
    if (found.expiresAt <= clock.now()) {
      throw new ServiceError(
        401,
        'token_expired',
        'The access token has expired; refresh it or sign in again.',
      );
    }
    const agent = await store.agents.get(found.agentId);
    if (!agent || agent.disabled) throw new ServiceError(401, 'unauthorized', 'Sign in to use the service.');
    return { agent, familyId: found.familyId };
  }

  private async issue(agent: AgentRow, familyId: string): Promise<LoginResponse> {
    const { store, clock } = this.ctx;
    const now = clock.now();
    const accessToken = randomToken();
    const refreshToken = randomToken();
    await store.tokens.addAccess(sha256(accessToken), familyId, agent.id, now + ACCESS_TTL_MS);
    await store.tokens.addRefresh(sha256(refreshToken), familyId, agent.id, now + REFRESH_TTL_MS, now);
    const twoFactorEnabled = await this.twoFactor.isOn(agent.id);
    return {
      accessToken,
      refreshToken,
      expiresIn: ACCESS_TTL_MS / 1000,
      agent: toAgentJson(agent, twoFactorEnabled),
    };
  }

  async me(agent: AgentRow): Promise<Me> {
    const { store } = this.ctx;
    const privateChannel = await store.channels.privateChannelOf(agent.id);
    if (!privateChannel) throw ServiceError.notFound('private_channel');
    return {
      ...toAgentJson(agent, await this.twoFactor.isOn(agent.id)),
      privateChannelId: privateChannel.id,
      memberships: (await store.agents.memberships(agent.id)).map((m) => ({
        channelId: m.channelId,
        canRelease: m.canRelease,
      })),
    };
  }

  /** Every agent, for names and for choosing whom to assign or invite. */
  async list(): Promise<Agent[]> {
    const withTwoFactor = await this.twoFactor.agentsWithTwoFactor();
    return (await this.ctx.store.agents.list()).map((agent) =>
      toAgentJson(agent, withTwoFactor.has(agent.id)),
    );
  }

  /** With an initial password, or (sendPasswordLink) with a set-password link e-mailed to the agent. */
  async create(actor: AgentRow, input: CreateAgentInput): Promise<Agent> {
    await this.requireAdmin(actor);
    const sendLink = input.sendPasswordLink === true;
    // Without an initial password the account gets one nobody knows: no one can sign in to it before the
    // link is used, and trying costs the same time as for any account.
    const passwordHash = await hashPassword(input.password ?? randomToken());
    const agent = await this.insertAgent(
      { email: input.email, name: input.name, roles: input.roles, passwordHash },
      async (created, now) => {
        await this.ctx.audit.record(
          {
            type: 'agent.created',
            target: agentTarget(created),
            data: { email: created.email, name: created.name, roles: created.roles, passwordLink: sendLink },
          },
          now,
        );
        if (sendLink) {
          await this.passwordLinks.issue(created, 'welcome', now);
          await this.ctx.audit.record(
            { type: 'agent.password_link_sent', target: agentTarget(created), data: { purpose: 'welcome' } },
            now,
          );
        }
      },
    );
    if (sendLink) this.ctx.wakeMailer();
    this.ctx.log.info({ agentId: agent.id, by: actor.id, passwordLink: sendLink }, 'agent created');
    return toAgentJson(agent, false);
  }

  /**
   * Changes an agent. A new `password` takes effect at once and ends every sign-in of the agent;
   * `sendPasswordLink` e-mails a set-password link instead, and the agent's password and sign-ins stay
   * until the link is used (an admin who suspects a stolen password disables the account or sets one).
   */
  async update(actor: AgentRow, agentId: string, input: UpdateAgentInput): Promise<Agent> {
    await this.requireAdmin(actor);
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    const sendLink = input.sendPasswordLink === true;
    const { store, clock, signals } = this.ctx;
    const updated = await store.transaction(async () => {
      await store.lock('accounts');
      const current = await store.agents.get(agentId);
      if (!current) throw ServiceError.notFound('agent');
      const next: AgentRow = {
        ...current,
        name: input.name ?? current.name,
        roles: input.roles ?? current.roles,
        disabled: input.disabled ?? current.disabled,
        passwordHash: passwordHash ?? current.passwordHash,
      };
      const wasActiveAdmin = current.roles.includes('admin') && !current.disabled;
      const isActiveAdmin = next.roles.includes('admin') && !next.disabled;
      if (wasActiveAdmin && !isActiveAdmin && (await this.activeAdminCount()) === 1) {
        throw ServiceError.coded(409, 'last_admin');
      }
      if (sendLink && next.disabled) {
        throw ServiceError.coded(409, 'agent_disabled', { agent: next.name });
      }
      const now = clock.now();
      await store.agents.update(next, now);
      const accessChanged = next.disabled !== current.disabled || next.roles.join() !== current.roles.join();
      if (accessChanged) await store.agents.requireResync(agentId, await store.requests.nextSeq());
      if (next.disabled || passwordHash !== undefined) {
        await store.tokens.revokeAgent(agentId);
        // A link sent before must not undo the new password, nor open a disabled account later.
        await this.passwordLinks.voidFor(next, now);
      }
      const changes = changedFields(current, next, ['name', 'roles', 'disabled']);
      if (Object.keys(changes).length > 0 || passwordHash !== undefined) {
        await this.ctx.audit.record(
          {
            type: 'agent.updated',
            target: agentTarget(next),
            data: { ...changes, ...(passwordHash !== undefined ? { passwordChanged: true } : {}) },
          },
          now,
        );
      }
      if (sendLink) {
        await this.passwordLinks.issue(next, 'reset', now);
        await this.ctx.audit.record(
          { type: 'agent.password_link_sent', target: agentTarget(next), data: { purpose: 'reset' } },
          now,
        );
      }
      return { agent: next, accessChanged };
    });
    if (updated.accessChanged || updated.agent.disabled) signals.accessChanged(agentId);
    else if (passwordHash !== undefined) signals.endAgentSessions(agentId);
    if (sendLink) this.ctx.wakeMailer();
    signals.invalidate('agents');
    this.ctx.log.info({ agentId, by: actor.id }, 'agent updated');
    return toAgentJson(updated.agent, await this.twoFactor.isOn(agentId));
  }

  /** At first start: the first admin, from configuration or with a generated password shown once. */
  async ensureFirstAdmin(configured: {
    email?: string | undefined;
    password?: string | undefined;
  }): Promise<{ email: string; password: string | null } | null> {
    const { store, clock } = this.ctx;
    // The usual start: an agent exists, nothing to hash.
    if ((await store.agents.count()) > 0) return null;
    const email = configured.email ?? 'admin@sessiondesk.local';
    const generated = configured.password === undefined;
    const password = configured.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    // Instances starting at once on an empty database: one of them makes the first admin.
    const created = await store.transaction(async () => {
      await store.lock('firstStart');
      if ((await store.agents.count()) > 0) return false;
      const admin = await this.insertAgent({
        email,
        name: 'Administrator',
        roles: ['admin', 'support_agent'],
        passwordHash,
      });
      // A first shared channel, so queues work out of the box.
      const channelId = randomUUID();
      await store.channels.insert(
        {
          id: channelId,
          name: 'Support',
          kind: 'shared',
          ownerId: null,
          defaultExpiryMinutes: 24 * 60,
          participantLimit: 3,
        },
        clock.now(),
      );
      await store.agents.setMembership(channelId, admin.id, true);
      await this.ctx.audit.record({
        type: 'agent.created',
        actor: { kind: 'system' },
        target: agentTarget(admin),
        data: { email: admin.email, name: admin.name, roles: admin.roles, firstAdmin: true },
      });
      return true;
    });
    if (!created) return null;
    return { email, password: generated ? password : null };
  }

  /** The agent and their Private channel; `alsoWrite` adds to the same transaction. */
  private async insertAgent(
    input: {
      email: string;
      name: string;
      roles: readonly Role[];
      passwordHash: string;
    },
    alsoWrite: (agent: AgentRow, now: number) => Promise<void> = () => Promise.resolve(),
  ): Promise<AgentRow> {
    const { store, clock, signals } = this.ctx;
    const agent = await store.transaction(async () => {
      if (await store.agents.getByEmail(input.email)) {
        throw ServiceError.coded(409, 'email_taken', { email: input.email });
      }
      const id = randomUUID();
      const now = clock.now();
      await store.agents.insert({ id, ...input }, now);
      await store.channels.insert(
        { id: randomUUID(), ownerId: id, kind: 'private', ...PRIVATE_CHANNEL },
        now,
      );
      const created = (await store.agents.get(id))!;
      await alsoWrite(created, now);
      return created;
    });
    signals.invalidate('agents');
    return agent;
  }

  private async activeAdminCount(): Promise<number> {
    return (await this.ctx.store.agents.list()).filter((a) => a.roles.includes('admin') && !a.disabled)
      .length;
  }

  private async requireAdmin(actor: AgentRow): Promise<void> {
    const decision = canAdminister(await agentAccess(this.ctx.store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
  }
}
