/**
 * A real OpenID provider for tests: oidc-provider (a certified OpenID Connect provider library) on
 * loopback, port 0, with one static confidential client, accounts with e-mails and groups, and a minimal
 * interaction that signs an account in over HTTP (no browser: `signIn` follows the redirects with fetch
 * and a cookie jar, as a browser would, and stops where the provider sends the browser to the client).
 *
 * It listens before it knows its client's redirect URI (the service under test listens on port 0 and
 * discovers the provider lazily), so `listenOidcProvider` gives the issuer first and `configure` builds
 * the provider once the service's callback is known.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider from 'oidc-provider';

export interface TestAccount {
  readonly email: string;
  readonly name?: string;
  readonly groups?: readonly string[];
  /** The provider's word on the address (default true). */
  readonly emailVerified?: boolean;
}

export const TEST_CLIENT = { id: 'sessiondesk', secret: 'a client secret for tests only' } as const;

/** The ID token's life at this provider: short, so a test moves the service's clock past it. */
export const ID_TOKEN_TTL_SECONDS = 60;

interface KoaLikeContext {
  path: string;
  body: unknown;
}

/**
 * The service's flags for this provider: its issuer, the test client and the allowed domain `contoso.com`
 * (what every SSO test needs), then `extra`.
 */
export function ssoServiceFlags(idp: TestOidcProvider, extra: readonly string[] = []): string[] {
  return [
    '--sso-issuer',
    idp.issuer,
    '--sso-client-id',
    TEST_CLIENT.id,
    '--sso-client-secret',
    TEST_CLIENT.secret,
    '--sso-allowed-domains',
    'contoso.com',
    ...extra,
  ];
}

export class TestOidcProvider {
  /** Accounts by id (the `sub`); tests add to it. */
  readonly accounts = new Map<string, TestAccount>();
  /** When set, ID tokens leave the token endpoint re-signed (with the provider's own key) for this audience. */
  foreignAudience: string | null = null;
  private provider: Provider | null = null;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly signingKey: { jwk: JWK; privateKey: CryptoKey },
  ) {}

  static async listen(): Promise<TestOidcProvider> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
      res.statusCode = 503;
      res.end('not configured yet');
    };
    const server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const idp = new TestOidcProvider(server, `http://127.0.0.1:${port}`, { jwk, privateKey });
    handler = (req, res) => idp.handle(req, res);
    return idp;
  }

  /** Builds the provider, its one client sending browsers back to `redirectUri`. */
  configure(redirectUri: string): void {
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: TEST_CLIENT.id,
          client_secret: TEST_CLIENT.secret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [this.signingKey.jwk] },
      cookies: { keys: ['a cookie key for tests only'] },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name'],
        groups: ['groups'],
      },
      // Every lifetime set, so the provider does not print a notice per default it falls back to.
      ttl: {
        IdToken: ID_TOKEN_TTL_SECONDS,
        AccessToken: 600,
        AuthorizationCode: 60,
        Grant: 600,
        Interaction: 600,
        Session: 600,
      },
      features: { devInteractions: { enabled: false } },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      findAccount: (_ctx: unknown, id: string) => {
        const account = this.accounts.get(id);
        if (!account) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            name: account.name ?? id,
            groups: [...(account.groups ?? [])],
          }),
        };
      },
      // First-party client: the grant is given without a consent screen.
      loadExistingGrant: async (ctx: OidcContext) => {
        const grantId =
          ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope('openid email profile groups');
        await grant.save();
        return grant;
      },
    });
    provider.use(async (ctx: KoaLikeContext, next: () => Promise<void>) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (this.foreignAudience && ctx.path === '/token' && typeof body?.id_token === 'string') {
        const claims = decodeJwt(body.id_token);
        body.id_token = await new SignJWT({ ...claims, aud: this.foreignAudience })
          .setProtectedHeader({ alg: 'RS256', kid: this.signingKey.jwk.kid! })
          .sign(this.signingKey.privateKey);
      }
    });
    this.provider = provider;
  }

  /**
   * Signs `accountId` in at `authorizationUrl` as a browser would, and answers where the provider then
   * sends the browser (the client's redirect URI, with `code` and `state`, or `error`).
   */
  async signIn(authorizationUrl: string, accountId: string): Promise<string> {
    const jar = new Map<string, string>();
    let next = new URL(authorizationUrl);
    let method: 'GET' | 'POST' = 'GET';
    let body: URLSearchParams | undefined;
    for (let hops = 0; hops < 10; hops++) {
      const answer = await fetch(next, {
        method,
        body,
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const cookie of answer.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const eq = pair!.indexOf('=');
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
      const location = answer.headers.get('location');
      if (!location)
        throw new Error(`the provider answered ${answer.status} at ${next.href}: ${await answer.text()}`);
      next = new URL(location, next);
      if (next.origin !== this.issuer) return next.href;
      // The interaction: sign the account in (no password: this provider trusts the test).
      const interaction = /^\/interaction\/([^/]+)$/.exec(next.pathname);
      if (interaction) {
        next = new URL(`/interaction/${interaction[1]}/login`, this.issuer);
        method = 'POST';
        body = new URLSearchParams({ login: accountId });
      } else {
        method = 'GET';
        body = undefined;
      }
    }
    throw new Error('the provider redirected too many times');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const provider = this.provider;
    if (!provider) {
      res.statusCode = 503;
      res.end('the test provider is not configured yet');
      return;
    }
    // The provider's login page, for a real browser (Playwright): one field, the account to sign in.
    const page = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
    if (page && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><head><title>Test provider: sign in</title></head><body>` +
          `<form method="post" action="/interaction/${page[1]}/login">` +
          `<label>Account <input name="login" autocomplete="off"></label>` +
          `<button type="submit">Continue</button></form></body></html>`,
      );
      return;
    }
    const login = /^\/interaction\/([^/]+)\/login$/.exec(req.url ?? '');
    if (login && req.method === 'POST') {
      void this.finishLogin(provider, req, res);
      return;
    }
    provider.callback()(req, res);
  }

  private async finishLogin(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      const accountId = new URLSearchParams(text).get('login') ?? '';
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  }
}

/** What loadExistingGrant reads of oidc-provider's context. */
interface OidcContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: Provider;
  };
}
