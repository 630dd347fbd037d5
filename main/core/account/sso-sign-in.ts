/**
 * Single sign-on from the client (issue 18, RFC 8252): the agent signs in at their organisation's
 * provider in a real browser (never a view of ours that could read the password), and the service's
 * one-time code comes back to this attempt — to a loopback listener on 127.0.0.1 (a random port and an
 * unguessable path), to a page of the browser shell's own origin, or through a `sessiondesk://auth/…`
 * link. The code is bound to the attempt twice: by `state` (checked here) and by PKCE (the verifier
 * never leaves the core), so another app that sees the redirect cannot use it.
 *
 * One attempt at a time: a second start cancels the first. An attempt ends when its code arrives, when
 * the provider's refusal does (`error=<code>`), when the agent cancels, or after the service's attempt
 * TTL.
 */
import { SSO_LIMITS } from '@shared/domain/sso';
import { errorText } from '@shared/i18n/errors';
import { translator, type Translator } from '@shared/i18n/translator';
import { loginResponseSchema, type LoginResponse } from '@shared/protocol/api';
import { ssoStartSchema, ssoStatusSchema, type SsoStatus } from '@shared/protocol/sso';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { CoreError } from '../core-error';
import type { LoopbackRequest, LoopbackServer, SsoReturn } from '../platform/host';
import { randomBase64Url, sha256Base64Url } from '../platform/web-crypto';

export interface SsoSignInOptions {
  /** Where the provider's page is opened and the redirect comes back (the platform's). */
  readonly opener: SsoReturn;
  /** The language the loopback page speaks: the client's. */
  readonly translator: () => Translator;
  /** How long an attempt waits for its redirect (default: the service's attempt TTL). */
  readonly ttlMs?: number;
}

/** Where an attempt stands once started: done in the system browser, or to be opened by the page. */
export type SsoStarted =
  | { readonly kind: 'system'; readonly login: Promise<LoginResponse> }
  | { readonly kind: 'page'; readonly authorizationUrl: string; readonly login: Promise<LoginResponse> };

/** What a redirect meant to the waiting attempt (the listener or the shell answers the browser with it). */
export type SsoReceipt =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'refused'; readonly error: CoreError }
  /** Not this attempt's address, or no attempt waits: the redirect is ignored. */
  | { readonly kind: 'unknown' };

/** Whether the service offers single sign-on; a service without the route (older) offers none. */
export async function fetchSsoStatus(api: ApiClient): Promise<SsoStatus> {
  try {
    return await api.request('GET', '/auth/sso', { schema: ssoStatusSchema, timeoutMs: 10_000 });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return { enabled: false, label: null, ssoOnly: false };
    throw error;
  }
}

/** A refusal the service put in the redirect (`error=<code>`), worded by its code. */
function redirectRefusal(code: string): CoreError {
  // The English sentence for logs; a code this client does not know keeps only its code.
  return new CoreError({ code, message: errorText(translator('en'), { code, message: code }) });
}

const random = randomBase64Url;

class Attempt {
  /** PKCE (RFC 7636): 32 random bytes, base64url: 43 characters. */
  readonly state = random(24);
  readonly code: Promise<string>;
  /** The sign-in the code ends in (its exchange): the loopback page waits for it to say how it ended. */
  finished: Promise<unknown> | null = null;
  private settle!: { resolve(code: string): void; reject(error: Error): void };
  private done = false;

  constructor(
    readonly redirectUri: string,
    readonly verifier: string,
    readonly challenge: string,
  ) {
    this.code = new Promise<string>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Nobody may be listening yet when it fails (cancelled before the start's answer).
    this.code.catch(() => undefined);
  }

  get settled(): boolean {
    return this.done;
  }

  /** A redirect: this attempt's when its address (without the query) is the attempt's own. */
  receive(url: URL): SsoReceipt {
    // The address without its query: `origin` is "null" for sessiondesk://, so compare the whole href.
    const bare = new URL(url.href);
    bare.search = '';
    bare.hash = '';
    if (this.done || bare.href !== this.redirectUri) return { kind: 'unknown' };
    if (url.searchParams.get('state') !== this.state) {
      // Another attempt's (or a forged) redirect: refused, and this attempt keeps waiting for its own.
      return { kind: 'refused', error: new CoreError('sso_state_mismatch') };
    }
    const refused = url.searchParams.get('error');
    if (refused !== null) {
      const error = redirectRefusal(refused);
      this.fail(error);
      return { kind: 'refused', error };
    }
    const code = url.searchParams.get('code');
    if (!code) return { kind: 'refused', error: new CoreError('sso_state_mismatch') };
    this.done = true;
    this.settle.resolve(code);
    return { kind: 'accepted' };
  }

  fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    this.settle.reject(error);
  }
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The small page the browser shows after the redirect, in the agent's language. */
export function ssoReturnPage(t: Translator, receipt: SsoReceipt): { status: number; html: string } {
  const [status, title, body] =
    receipt.kind === 'accepted'
      ? [200, t.t('sso.return.doneTitle'), t.t('sso.return.doneBody')]
      : receipt.kind === 'refused'
        ? [
            400,
            t.t('sso.return.refusedTitle'),
            errorText(t, { code: receipt.error.code, message: receipt.error.message }),
          ]
        : [404, t.t('sso.return.refusedTitle'), t.t('sso.return.unknownBody')];
  const html =
    `<!doctype html><html lang="${escapeHtml(t.language)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">` +
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;
  return { status, html };
}

export class SsoSignIn {
  private current: Attempt | null = null;

  constructor(private readonly options: SsoSignInOptions) {}

  /** Whether an attempt waits for its redirect. */
  get waiting(): boolean {
    return this.current !== null && !this.current.settled;
  }

  /**
   * Starts an attempt at the service `api` (cancelling one that waits) and opens the provider's page
   * (system browser), or hands its address to the page to go to; `login` settles with the service's
   * tokens once the code has come back and been exchanged.
   */
  async start(api: ApiClient): Promise<SsoStarted> {
    this.cancel();
    const { opener } = this.options;
    const segment = random(24);
    let server: LoopbackServer | null = null;
    let redirectUri: string;
    // The attempt's address is known before the attempt exists: the listener answers through `this`.
    if (opener.kind === 'loopback') {
      server = await opener.listen((request) => this.answerLoopback(request));
      redirectUri = `http://127.0.0.1:${server.port}/sso/${segment}`;
    } else {
      redirectUri = `${opener.returnBase().replace(/\/+$/, '')}/${segment}`;
    }
    // PKCE (RFC 7636): 32 random bytes, base64url: 43 characters; its S256 challenge.
    const verifier = random(32);
    const attempt = new Attempt(redirectUri, verifier, await sha256Base64Url(verifier));
    this.current = attempt;
    const timer = setTimeout(
      () => attempt.fail(new CoreError('sso_timeout')),
      this.options.ttlMs ?? SSO_LIMITS.attemptTtlMs,
    );
    const cleanUp = () => {
      clearTimeout(timer);
      if (this.current === attempt) this.current = null;
      server?.close();
    };
    let authorizationUrl: string;
    try {
      ({ authorizationUrl } = await api.request('POST', '/auth/sso/start', {
        body: {
          redirectUri,
          codeChallenge: attempt.challenge,
          codeChallengeMethod: 'S256',
          state: attempt.state,
        },
        schema: ssoStartSchema,
      }));
      if (attempt.settled) await attempt.code; // cancelled meanwhile: throws its reason
      if (opener.kind !== 'page') await opener.open(authorizationUrl);
    } catch (error) {
      attempt.fail(error instanceof Error ? error : new Error(String(error)));
      cleanUp();
      throw error;
    }
    const login = (async () => {
      try {
        const code = await attempt.code;
        return await api.request('POST', '/auth/sso/token', {
          body: { code, codeVerifier: attempt.verifier },
          schema: loginResponseSchema,
        });
      } finally {
        cleanUp();
      }
    })();
    attempt.finished = login;
    return opener.kind === 'page' ? { kind: 'page', authorizationUrl, login } : { kind: 'system', login };
  }

  /** The agent closed the prompt: the waiting attempt ends as cancelled. */
  cancel(): boolean {
    const attempt = this.current;
    if (!attempt || attempt.settled) return false;
    attempt.fail(new CoreError('sso_cancelled'));
    return true;
  }

  /** A redirect that came another way (the browser shell's page, a `sessiondesk://auth/…` link). */
  receive(url: string): SsoReceipt {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { kind: 'unknown' };
    }
    return this.current?.receive(parsed) ?? { kind: 'unknown' };
  }

  private answerLoopback(request: LoopbackRequest): void {
    const attempt = this.current;
    const receipt: SsoReceipt =
      request.method === 'GET' && attempt
        ? attempt.receive(new URL(request.url, attempt.redirectUri))
        : { kind: 'unknown' };
    // "You are signed in" only once the code has been exchanged: else the browser would say so wrongly.
    const shown: Promise<SsoReceipt> =
      receipt.kind === 'accepted' && attempt?.finished
        ? attempt.finished.then(
            () => receipt,
            (error: unknown) => ({
              kind: 'refused',
              error: error instanceof CoreError ? error : new CoreError('internal'),
            }),
          )
        : Promise.resolve(receipt);
    void shown.then((outcome) => {
      const page = ssoReturnPage(this.options.translator(), outcome);
      request.respond(
        page.status,
        {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        },
        page.html,
      );
    });
  }
}
