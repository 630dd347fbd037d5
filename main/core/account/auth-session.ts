/**
 * An agent's sign-in to the service: a short-lived access token kept in memory and a rotating refresh
 * token kept by the platform's TokenVault (the desktop's SecretStore; the web console's HttpOnly cookie,
 * which the service refreshes from). Tokens never leave the core. A refresh is single-flight: the
 * service ends the whole sign-in when a used refresh token is presented again, so two concurrent
 * refreshes must never race.
 */
import { domainError } from '@shared/domain/errors';
import {
  loginStepSchema,
  secondFactorLoginResponseSchema,
  type LoginResponse,
  type SecondFactorRequired,
} from '@shared/protocol/api';
import { ssoLogoutSchema } from '@shared/protocol/sso';
import type { z } from 'zod';
import type { ApiClient, RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { AccessGrant, TokenVault } from '../platform/token-vault';

/** Refresh this long before the access token expires, so a request never meets an expired one. */
const REFRESH_MARGIN_MS = 60_000;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Why a sign-in is over, as `not_signed_in` words it. */
export type SignInEnd = 'ended' | 'signed_out' | 'disabled';

export class SignInEndedError extends ApiError {
  constructor(reason: SignInEnd = 'ended') {
    super(401, domainError('not_signed_in', { reason }));
  }
}

export class AuthSession {
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  private refreshing: Promise<string> | null = null;
  private ended = false;
  private readonly endedListeners = new Set<(reason: string) => void>();

  constructor(
    readonly api: ApiClient,
    private readonly vault: TokenVault,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Signs in with e-mail and password; the refresh token is stored before this resolves. When the agent
   * signs in with a second factor too, the answer is the service's challenge instead: `finishSignIn` with
   * it and a code.
   */
  static async signIn(
    api: ApiClient,
    vault: TokenVault,
    credentials: { email: string; password: string },
    now: () => number = Date.now,
  ): Promise<{ session: AuthSession; login: LoginResponse } | SecondFactorRequired> {
    const step = await api.request('POST', '/auth/login', { body: credentials, schema: loginStepSchema });
    if ('secondFactor' in step) return step;
    const session = new AuthSession(api, vault, now);
    await session.accept(step);
    return { session, login: step };
  }

  /**
   * The second step: the challenge the password step answered, and a code of the agent's authenticator
   * app or a recovery code. `recoveryCodes` are there when this sign-in set two-factor sign-in up.
   */
  static async finishSignIn(
    api: ApiClient,
    vault: TokenVault,
    secondStep: { challenge: string; code: string },
    now: () => number = Date.now,
  ): Promise<{ session: AuthSession; login: LoginResponse; recoveryCodes: readonly string[] | null }> {
    const { recoveryCodes, ...login } = await api.request('POST', '/auth/login/second-factor', {
      body: secondStep,
      schema: secondFactorLoginResponseSchema,
    });
    const session = new AuthSession(api, vault, now);
    await session.accept(login);
    return { session, login, recoveryCodes: recoveryCodes ?? null };
  }

  /**
   * A sign-in that came from single sign-on (sso-sign-in.ts): the service's tokens, stored as a password
   * sign-in's are. Signing out then also asks for the provider's sign-out page (RP-initiated logout).
   */
  static async fromSingleSignOn(
    api: ApiClient,
    vault: TokenVault,
    login: LoginResponse,
    now: () => number = Date.now,
  ): Promise<AuthSession> {
    const session = new AuthSession(api, vault, now);
    session.viaSingleSignOn = true;
    await session.accept(login);
    return session;
  }

  /** Signed in through single sign-on: signing out goes through /auth/sso/logout. */
  viaSingleSignOn = false;
  /** Given the provider's sign-out page when signing out of a single sign-on (the core opens it). */
  onEndSessionUrl: ((url: string) => void) | null = null;

  onEnded(listener: (reason: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** A valid access token, refreshing first when it is about to expire. */
  async token(): Promise<string> {
    if (this.ended) throw new SignInEndedError();
    if (this.accessToken && this.now() < this.accessExpiresAt - REFRESH_MARGIN_MS) return this.accessToken;
    return this.refresh();
  }

  /** A request with the bearer token; on a 401 the token is refreshed once and the request retried. */
  async request<S extends z.ZodType>(
    method: Method,
    path: string,
    options: RequestOptions<S> = {},
  ): Promise<z.output<S>> {
    return this.authorized((token) => this.api.request(method, path, { ...options, token }));
  }

  /** As `request`, the answer's body unparsed (see ApiClient.requestBytes). */
  requestBytes(
    method: Method,
    path: string,
    options: Omit<RequestOptions<z.ZodType>, 'schema'> = {},
  ): Promise<ArrayBuffer> {
    return this.authorized((token) => this.api.requestBytes(method, path, { ...options, token }));
  }

  /** As `request`, the answer's body as it arrives (see ApiClient.requestStream). */
  requestStream(
    path: string,
    options: { readonly accept: string; readonly signal?: AbortSignal },
  ): ReturnType<ApiClient['requestStream']> {
    return this.authorized((token) => this.api.requestStream(path, { ...options, token }));
  }

  private async authorized<T>(send: (token: string) => Promise<T>): Promise<T> {
    const token = await this.token();
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      // The access token may have been revoked or expired early: one fresh try.
      if (this.accessToken === token) this.accessToken = null;
      return send(await this.token());
    }
  }

  /** Ends the sign-in at the service (best effort: offline, the tokens are wiped all the same). */
  async signOut(): Promise<void> {
    const token = this.accessToken;
    this.end(null);
    if (token && this.viaSingleSignOn) {
      const answer = await this.api
        .request('POST', '/auth/sso/logout', { body: {}, token, timeoutMs: 5_000, schema: ssoLogoutSchema })
        .catch(() => null);
      if (answer?.endSessionUrl) this.onEndSessionUrl?.(answer.endSessionUrl);
    } else if (token) {
      await this.api
        .request('POST', '/auth/logout', { body: {}, token, timeoutMs: 5_000 })
        .catch(() => undefined);
    }
    await this.vault.forget(this.api).catch(() => undefined);
  }

  private refresh(): Promise<string> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<string> {
    let grant: AccessGrant | null;
    try {
      grant = await this.vault.refresh(this.api);
    } catch (error) {
      // 401/400: the token is spent, expired or revoked; 403: the account was disabled.
      if (error instanceof ApiError && [400, 401, 403].includes(error.status)) {
        await this.vault.forget(this.api).catch(() => undefined);
        const ended = new SignInEndedError(error.status === 403 ? 'disabled' : 'ended');
        this.end(ended.message);
        throw ended;
      }
      throw error;
    }
    if (!grant) {
      const error = new SignInEndedError('signed_out');
      this.end(error.message);
      throw error;
    }
    this.grant(grant);
    return grant.accessToken;
  }

  private async accept(login: LoginResponse): Promise<void> {
    // The new refresh token is kept before the access token is used: the old one is spent now.
    await this.vault.keep(this.api, login.refreshToken);
    this.grant(login);
  }

  private grant(grant: AccessGrant): void {
    this.accessToken = grant.accessToken;
    this.accessExpiresAt = this.now() + grant.expiresIn * 1000;
  }

  private end(reason: string | null): void {
    if (this.ended) return;
    this.ended = true;
    this.accessToken = null;
    if (reason !== null) for (const listener of this.endedListeners) listener(reason);
  }
}
