/**
 * Single sign-on with OpenID Connect (issue 18): the service is the relying party (openid-client, a
 * certified library: discovery, PKCE, state, nonce and the ID token's issuer, audience, signature and
 * expiry are its checks). A client (desktop, browser shell) starts an attempt with where it waits and
 * the PKCE challenge of a verifier it keeps (RFC 8252); the provider's redirect comes back here, to any
 * instance (the attempt is in the database); the agent is matched by e-mail, or created just in time
 * from the group mapping; the client gets a one-time code, which it exchanges with its verifier for the
 * service's usual tokens — so another app that sees the redirect cannot use it.
 */
import * as oidc from 'openid-client';
import { canAdminister, ROLES, type Role } from '@shared/domain/permissions';
import {
  claimStrings,
  emailDomain,
  isAllowedSsoEmail,
  isAllowedSsoRedirect,
  SSO_APP_REDIRECT_PREFIX,
  SSO_LIMITS,
  ssoAccessFromGroups,
  type SsoGroupMapping,
} from '@shared/domain/sso';
import type { LoginResponse } from '@shared/protocol/api';
import type { SsoLogout, SsoMappings, SsoPolicy, SsoStart, SsoStatus } from '@shared/protocol/sso';
import type { SsoMappingsInput, StartSsoInput, UpdateSsoPolicyInput } from '@shared/schemas/sso-input';
import { fieldIssue } from '@shared/schemas/validation';
import type { AgentRow } from '../store/rows';
import type { SsoAttemptRow, SsoPolicyRow } from '../store/sso-rows';
import { agentAccess } from './access';
import { agentTarget, type AccountService } from './accounts';
import { changedFields } from './audit';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { randomToken, sha256 } from './crypto';
import { ServiceError } from './errors';
import type { RateLimits } from './rate-limits';

/** Where the provider sends the agent back; register `<public URL>` + this at the provider. */
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';

/** The service's single sign-on settings (server/config.ts). */
export interface SsoSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly label: string;
  readonly scopes: string;
  readonly emailClaim: string;
  readonly groupsClaim: string;
  readonly allowedDomains: readonly string[];
  /** Admins who may still sign in with a password when the organisation is SSO only. */
  readonly breakGlass: readonly string[];
  /** http:// on loopback (a provider on this machine): openid-client refuses plain http otherwise. */
  readonly insecureLoopback: boolean;
}

/** What the provider's redirect leads to: the client's page with a code or an error, or our own page. */
export type SsoCallbackOutcome =
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'page'; readonly status: number; readonly code: string };

const NO_POLICY: SsoPolicyRow = { justInTime: false, ssoOnly: false, updatedAt: 0 };

/**
 * Whether a password sign-in is refused by the SSO-only policy: for every address but the configured
 * break-glass ones, and for those too when their account is not an admin's. Asked with the e-mail alone
 * before the password is checked (so the answer says nothing about the password nor whether the account
 * exists), and with the agent once it is.
 */
export function ssoPasswordGate(ctx: ServiceContext, breakGlass: readonly string[]) {
  return async (email: string, agent?: AgentRow): Promise<boolean> => {
    const policy = (await ctx.store.sso.policy()) ?? NO_POLICY;
    if (!policy.ssoOnly) return false;
    if (!breakGlass.includes(email.toLowerCase())) return true;
    return agent !== undefined && !agent.roles.includes('admin');
  };
}
export type PasswordGate = ReturnType<typeof ssoPasswordGate>;

/** The provider's configuration: discovered at first use, and again after a failure (it may be down at start). */
class RelyingParty {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(
    private readonly settings: SsoSettings,
    private readonly ctx: ServiceContext,
  ) {}

  configuration(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret, insecureLoopback } = this.settings;
    this.discovered ??= oidc
      .discovery(
        new URL(issuer),
        clientId,
        clientSecret,
        undefined,
        insecureLoopback ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.discovered = null;
        this.ctx.log.warn({ err: error, issuer }, 'single sign-on: the provider’s discovery failed');
        throw ServiceError.coded(503, 'sso_unavailable');
      });
    return this.discovered;
  }

  /**
   * A configuration for one code exchange whose idea of now is the service's clock (expiry of the ID
   * token is judged by the clock the service runs on), sharing the discovered keys.
   */
  async forExchange(now: number): Promise<oidc.Configuration> {
    const base = await this.configuration();
    const config = new oidc.Configuration(base.serverMetadata(), this.settings.clientId, {
      client_secret: this.settings.clientSecret,
      [oidc.clockSkew]: Math.round((now - Date.now()) / 1000),
    });
    if (this.settings.insecureLoopback) oidc.allowInsecureRequests(config);
    const keys = oidc.getJwksCache(base);
    if (keys) oidc.setJwksCache(config, keys);
    return config;
  }

  /** Keeps the keys a code exchange fetched for the next one. */
  keepKeys(from: oidc.Configuration, base: oidc.Configuration): void {
    const keys = oidc.getJwksCache(from);
    if (keys) oidc.setJwksCache(base, keys);
  }
}

export class SsoService {
  private readonly party: RelyingParty | null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly accounts: AccountService,
    private readonly limits: RateLimits,
    private readonly settings: SsoSettings | null,
  ) {
    this.party = settings && new RelyingParty(settings, ctx);
  }

  async status(): Promise<SsoStatus> {
    if (!this.settings) return { enabled: false, label: null, ssoOnly: false };
    const policy = (await this.ctx.store.sso.policy()) ?? NO_POLICY;
    return { enabled: true, label: this.settings.label, ssoOnly: policy.ssoOnly };
  }

  /** The redirect URI to register at the provider. */
  callbackUrl(): string {
    return `${this.ctx.publicUrl()}${SSO_CALLBACK_PATH}`;
  }

  async start(input: StartSsoInput, address: string): Promise<SsoStart> {
    const { settings, party } = this.configured();
    await this.limits.ssoStartPerAddress.hit(address);
    const origin = this.ctx.publicUrl();
    if (!isAllowedSsoRedirect(input.redirectUri, origin)) {
      throw ServiceError.invalid([
        fieldIssue('redirectUri', 'not_allowed', {
          allowed: `http://127.0.0.1:PORT/…, ${SSO_APP_REDIRECT_PREFIX}… ${origin}/…`,
        }),
      ]);
    }
    const config = await party.configuration();
    const pkceVerifier = oidc.randomPKCECodeVerifier();
    const attempt: SsoAttemptRow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      pkceVerifier,
      redirectUri: input.redirectUri,
      clientState: input.state ?? null,
      codeChallenge: input.codeChallenge,
      expiresAt: this.ctx.clock.now() + SSO_LIMITS.attemptTtlMs,
      createdAt: this.ctx.clock.now(),
    };
    const { store } = this.ctx;
    await store.transaction(async () => {
      await store.sso.pruneExpired(attempt.createdAt);
      await store.sso.addAttempt(attempt);
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.callbackUrl(),
      scope: settings.scopes,
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pkceVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.href };
  }

  /**
   * The provider's redirect (`query` and the whole URL it called). The attempt is taken once: a replayed
   * redirect finds none. A refusal goes back to the client as `error=<code>`; without an attempt to go
   * back to, the caller shows a page.
   */
  async callback(query: Record<string, string | undefined>, search: string): Promise<SsoCallbackOutcome> {
    this.configured();
    const state = query['state'];
    const now = this.ctx.clock.now();
    const attempt = state ? await this.ctx.store.sso.takeAttempt(state) : undefined;
    if (!attempt || attempt.expiresAt <= now) {
      await this.failed('sso_attempt_unknown', null, null);
      return { kind: 'page', status: 400, code: 'sso_attempt_unknown' };
    }
    const back = new URL(attempt.redirectUri);
    if (attempt.clientState !== null) back.searchParams.set('state', attempt.clientState);
    try {
      const signedIn = await this.signIn(attempt, search, now);
      const { agent } = signedIn;
      const code = randomToken();
      await this.ctx.store.sso.addCode(
        sha256(code),
        agent.id,
        attempt.codeChallenge,
        signedIn.idToken,
        now + SSO_LIMITS.codeTtlMs,
        now,
      );
      back.searchParams.set('code', code);
    } catch (error) {
      // A refusal of the service's own on the way (two first sign-ins of one address at once: email_taken)
      // goes back to the client too, rather than as JSON to a browser.
      const refusal =
        error instanceof SsoRefusal
          ? error
          : error instanceof ServiceError
            ? new SsoRefusal(error.code)
            : null;
      if (!refusal) throw error;
      await this.failed(refusal.code, refusal.email, refusal.agent);
      back.searchParams.set('error', refusal.code);
    }
    return { kind: 'redirect', location: back.href };
  }

  /** The client's one-time code and PKCE verifier → the service's tokens. The code works once. */
  async exchange(code: string, codeVerifier: string): Promise<LoginResponse> {
    this.configured();
    const { store, clock } = this.ctx;
    const found = await store.sso.takeCode(sha256(code));
    if (!found || found.expiresAt <= clock.now()) throw ServiceError.coded(400, 'sso_code_invalid');
    // S256 (RFC 7636 §4.6): BASE64URL(SHA-256(verifier)), as crypto.ts's sha256 writes it.
    if (sha256(codeVerifier) !== found.codeChallenge) throw ServiceError.coded(400, 'sso_verifier_mismatch');
    const agent = await store.agents.get(found.agentId);
    if (!agent || agent.disabled) throw ServiceError.coded(403, 'account_disabled');
    return this.accounts.signInWithSso(agent, (familyId, expiresAt) =>
      store.sso.addSignIn(familyId, found.idToken, expiresAt),
    );
  }

  /** Ends the sign-in here, and says where the provider's own sign-out is (RP-initiated logout). */
  async logout(familyId: string): Promise<SsoLogout> {
    const idToken = await this.ctx.store.sso.takeSignIn(familyId);
    await this.accounts.logout(familyId);
    if (!this.party) return { endSessionUrl: null };
    // The provider down: signed out here all the same; there is no page to send the agent to.
    const config = await this.party.configuration().catch(() => null);
    if (!config?.serverMetadata().end_session_endpoint) return { endSessionUrl: null };
    // The ID token names the provider's session to end (Okta requires it); a password sign-in has none.
    const hint: Record<string, string> = idToken
      ? { id_token_hint: idToken }
      : { client_id: config.clientMetadata().client_id };
    return { endSessionUrl: oidc.buildEndSessionUrl(config, hint).href };
  }

  async policy(actor: AgentRow): Promise<SsoPolicy> {
    await this.requireAdmin(actor);
    return this.policyJson((await this.ctx.store.sso.policy()) ?? NO_POLICY);
  }

  async updatePolicy(actor: AgentRow, input: UpdateSsoPolicyInput): Promise<SsoPolicy> {
    await this.requireAdmin(actor);
    const { store, clock } = this.ctx;
    const next = await store.transaction(async () => {
      await store.lock('organisation');
      const current = (await store.sso.policy()) ?? NO_POLICY;
      const row: SsoPolicyRow = {
        justInTime: input.justInTime ?? current.justInTime,
        ssoOnly: input.ssoOnly ?? current.ssoOnly,
        updatedAt: clock.now(),
      };
      await store.sso.putPolicy(row);
      const changes = changedFields(current, row, ['justInTime', 'ssoOnly']);
      if (Object.keys(changes).length > 0) {
        await this.ctx.audit.record({ type: 'sso.policy_updated', data: changes }, row.updatedAt);
      }
      return row;
    });
    return this.policyJson(next);
  }

  async mappings(actor: AgentRow): Promise<SsoMappings> {
    await this.requireAdmin(actor);
    return { mappings: this.mappingsJson(await this.ctx.store.sso.mappings()) };
  }

  async replaceMappings(actor: AgentRow, input: SsoMappingsInput): Promise<SsoMappings> {
    await this.requireAdmin(actor);
    const { store } = this.ctx;
    await store.transaction(async () => {
      await store.lock('organisation');
      for (const [index, mapping] of input.mappings.entries()) {
        for (const [channelIndex, grant] of mapping.channels.entries()) {
          const channel = await store.channels.get(grant.channelId);
          if (channel?.kind !== 'shared') {
            throw ServiceError.invalid([
              fieldIssue(`mappings.${index}.channels.${channelIndex}.channelId`, 'invalid_id'),
            ]);
          }
        }
      }
      await store.sso.replaceMappings(input.mappings);
      await this.ctx.audit.record({
        type: 'sso.mappings_replaced',
        data: { groups: input.mappings.map((m) => m.group) },
      });
    });
    return { mappings: this.mappingsJson(input.mappings) };
  }

  /** The provider's answer checked by openid-client, then the agent it names, matched or created. */
  private async signIn(
    attempt: SsoAttemptRow,
    search: string,
    now: number,
  ): Promise<{ agent: AgentRow; idToken: string }> {
    const { settings, party } = this.configured();
    let config: oidc.Configuration;
    let tokens;
    try {
      config = await party.forExchange(now);
      tokens = await oidc.authorizationCodeGrant(config, new URL(`${this.callbackUrl()}${search}`), {
        pkceCodeVerifier: attempt.pkceVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof ServiceError) throw new SsoRefusal(error.code);
      this.ctx.log.warn({ err: error }, 'single sign-on: the provider’s answer was refused');
      throw new SsoRefusal(refusalOf(error));
    }
    party.keepKeys(config, await party.configuration());
    const idClaims = tokens.claims()!;
    let email: unknown = idClaims[settings.emailClaim];
    let groups: unknown = idClaims[settings.groupsClaim];
    let verified: unknown = idClaims['email_verified'];
    let name: unknown = idClaims['name'];
    // Many providers put only `sub` in the ID token of the code flow and the rest in UserInfo.
    if ((email === undefined || groups === undefined) && config.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      email ??= info[settings.emailClaim];
      groups ??= info[settings.groupsClaim];
      verified ??= info['email_verified'];
      name ??= info['name'];
    }
    if (typeof email !== 'string' || emailDomain(email) === null) throw new SsoRefusal('sso_email_missing');
    const address = email.toLowerCase();
    // A provider that says the address is not verified does not vouch for who owns it.
    if (verified === false) throw new SsoRefusal('sso_email_missing', address);
    if (!isAllowedSsoEmail(address, settings.allowedDomains))
      throw new SsoRefusal('sso_domain_refused', address);
    const shownName = typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
    const agent = await this.matchAgent(address, shownName, claimStrings(groups));
    // idTokenExpected: openid-client refused an answer without one.
    return { agent, idToken: tokens.id_token! };
  }

  /** The agent of `email`: refused when disabled; created when unknown and just-in-time is on. */
  private async matchAgent(email: string, name: string | null, groups: readonly string[]): Promise<AgentRow> {
    const { store } = this.ctx;
    const policy = (await store.sso.policy()) ?? NO_POLICY;
    const mappings = await store.sso.mappings();
    const access = ssoAccessFromGroups(groups, mappings, ROLES);
    const existing = await store.agents.getByEmail(email);
    if (existing?.disabled) throw new SsoRefusal('account_disabled', email, existing);
    if (existing) {
      if (!(await store.sso.isJustInTime(existing.id))) return existing;
      if (access.roles.length === 0) throw new SsoRefusal('sso_no_access', email, existing);
      return this.refreshRoles(existing, access.roles, access.channels);
    }
    if (!policy.justInTime) throw new SsoRefusal('sso_no_account', email);
    if (access.roles.length === 0) throw new SsoRefusal('sso_no_access', email);
    const created = await this.accounts.createJustInTime(
      { email, name: name ?? email.slice(0, email.indexOf('@')), roles: access.roles },
      async (agent, now) => {
        await store.sso.markJustInTime(agent.id, now);
        await this.grantChannels(agent.id, access.channels);
      },
    );
    this.ctx.log.info({ agentId: created.id }, 'single sign-on created an agent');
    return created;
  }

  /**
   * A just-in-time agent's roles follow their groups at each sign-in, and they are added to the channels
   * their groups map to. Channels they are no longer mapped to are left to admins: removing a member
   * also hands back their requests (ChannelService.removeMember), which an admin decides.
   */
  private async refreshRoles(
    agent: AgentRow,
    roles: Role[],
    channels: readonly { channelId: string; canRelease: boolean }[],
  ): Promise<AgentRow> {
    const { store, clock, signals } = this.ctx;
    const outcome = await store.transaction(async () => {
      await store.lock('accounts');
      const current = (await store.agents.get(agent.id)) ?? agent;
      let next = { ...current, roles };
      // The organisation keeps an admin: the last one is not demoted by a group change (an admin does it).
      if (current.roles.includes('admin') && !roles.includes('admin')) {
        const admins = (await store.agents.list()).filter((a) => a.roles.includes('admin') && !a.disabled);
        if (admins.length === 1)
          next = { ...next, roles: ROLES.filter((r) => r === 'admin' || roles.includes(r)) };
      }
      const changed = next.roles.join() !== current.roles.join();
      if (changed) {
        await store.agents.update(next, clock.now());
        await store.agents.requireResync(agent.id, await store.requests.nextSeq());
        await this.ctx.audit.record({
          type: 'agent.updated',
          actor: { kind: 'system' },
          target: agentTarget(next),
          data: { ...changedFields(current, next, ['roles']), bySso: true },
        });
      }
      const added = await this.grantChannels(agent.id, channels);
      return { next, touched: changed || added };
    });
    if (outcome.touched) {
      signals.accessChanged(agent.id);
      signals.invalidate('agents');
    }
    return outcome.next;
  }

  /** Adds the agent to the mapped shared channels they are not in yet; whether any was added. */
  private async grantChannels(
    agentId: string,
    channels: readonly { channelId: string; canRelease: boolean }[],
  ): Promise<boolean> {
    const { store } = this.ctx;
    const current = new Set((await store.agents.memberships(agentId)).map((m) => m.channelId));
    let added = false;
    for (const grant of channels) {
      if (current.has(grant.channelId)) continue;
      // A channel deleted since the mapping was saved is skipped.
      if ((await store.channels.get(grant.channelId))?.kind !== 'shared') continue;
      await store.agents.setMembership(grant.channelId, agentId, grant.canRelease);
      added = true;
    }
    if (added) await store.agents.requireResync(agentId, await store.requests.nextSeq());
    return added;
  }

  private async failed(reason: string, email: string | null, agent: AgentRow | null): Promise<void> {
    await this.ctx.audit.record({
      type: 'sign_in.failed',
      actor: { kind: 'anonymous', email },
      target: agent && agentTarget(agent),
      data: { reason, method: 'sso' },
    });
  }

  private configured(): { settings: SsoSettings; party: RelyingParty } {
    if (!this.settings || !this.party) throw ServiceError.coded(404, 'sso_not_configured');
    return { settings: this.settings, party: this.party };
  }

  private policyJson(row: SsoPolicyRow): SsoPolicy {
    return {
      configured: this.settings !== null,
      justInTime: row.justInTime,
      ssoOnly: row.ssoOnly,
      breakGlass: [...(this.settings?.breakGlass ?? [])],
      updatedAt: row.updatedAt === 0 ? null : iso(row.updatedAt),
    };
  }

  private mappingsJson(mappings: readonly SsoGroupMapping[]): SsoMappings['mappings'] {
    return mappings.map((m) => ({ group: m.group, roles: [...m.roles], channels: [...m.channels] }));
  }

  private async requireAdmin(actor: AgentRow): Promise<void> {
    const decision = canAdminister(await agentAccess(this.ctx.store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
  }
}

/** Why a sign-in through the provider was refused: its stable code, and who, when known. */
class SsoRefusal extends Error {
  constructor(
    readonly code: string,
    readonly email: string | null = null,
    readonly agent: AgentRow | null = null,
  ) {
    super(code);
  }
}

/**
 * openid-client's refusal as our code: the provider said no (an error in the redirect, or at the token
 * endpoint: a code used twice, a PKCE mismatch) — or its answer did not pass the checks (issuer,
 * audience, signature, expiry, nonce, state) — or it could not be reached.
 */
function refusalOf(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
    return 'sso_provider_refused';
  }
  if (error instanceof oidc.ClientError) return 'sso_token_invalid';
  return 'sso_unavailable';
}
