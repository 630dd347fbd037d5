/**
 * The console's kept sign-in (shared/protocol/console.ts). The console's core signs in as the desktop's
 * does, then hands the refresh token to the service, which keeps it in an HttpOnly cookie no page script
 * can read; on the next page load the core gets an access token from the cookie. Refreshing is
 * `/auth/refresh`'s, the same service function: rotation, reuse detection, disabled accounts.
 *
 * The cookie is sent by the browser on its own, so these routes also require what a cross-site page
 * cannot give: the CSRF header (a custom header needs a CORS preflight the service never grants), an
 * `Origin` that is the service's own when the browser sends one, and `Sec-Fetch-Site: same-origin` when
 * it says where the request comes from. The refresh token is unguessable, so, like `/auth/refresh`, they
 * have no rate limit of their own.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CONSOLE_COOKIE_NAME,
  CONSOLE_CSRF_HEADER,
  CONSOLE_REFRESH_PATH,
  CONSOLE_SESSION_PATH,
  consoleKeepSchema,
  consoleRefreshResponseSchema,
} from '@shared/protocol/console';
import { answer, errorResponses, PUBLIC } from '../http/routes/responses';
import { REFRESH_TTL_MS } from '../services/accounts';
import { sha256 } from '../services/crypto';
import { ServiceError } from '../services/errors';
import type { Services } from '../services/services';

const CSRF_DESCRIPTION =
  `Requires the header \`${CONSOLE_CSRF_HEADER}: 1\`, and, when sent, an Origin that is the service's own ` +
  'and Sec-Fetch-Site: same-origin (403 `csrf_rejected` otherwise).';

export function registerConsoleSessionRoutes(app: FastifyInstance, services: Services): void {
  void app.register(async (scope) => {
    await scope.register(fastifyCookie);
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    // Every route of this scope is a session route: the check runs before the body is even read.
    typed.addHook('onRequest', (request, _reply, done) => {
      try {
        refuseCrossSite(request, services);
        done();
      } catch (error) {
        done(error as ServiceError);
      }
    });

    typed.post(CONSOLE_SESSION_PATH, {
      schema: {
        tags: ['console'],
        operationId: 'keepConsoleSignIn',
        summary: 'Keep a sign-in of the web console: its refresh token in an HttpOnly cookie',
        description: CSRF_DESCRIPTION,
        security: PUBLIC,
        body: consoleKeepSchema,
        response: {
          204: z.null().describe('Kept: the cookie is set'),
          ...errorResponses(400, 401, 403),
        },
      },
      handler: async (request, reply) => {
        const { refreshToken } = request.body;
        const expiresAt = await liveRefreshExpiry(services, refreshToken);
        const maxAge = Math.floor((expiresAt - services.ctx.clock.now()) / 1000);
        setCookie(request, reply, refreshToken, maxAge);
        return reply.status(204).send(null);
      },
    });

    typed.post(CONSOLE_REFRESH_PATH, {
      schema: {
        tags: ['console'],
        operationId: 'refreshConsoleSignIn',
        summary:
          "A new access token from the cookie's refresh token, which is rotated (the cookie set again)",
        description: CSRF_DESCRIPTION,
        security: PUBLIC,
        response: {
          200: answer('New tokens; the new refresh token is in the cookie', consoleRefreshResponseSchema),
          ...errorResponses(401, 403),
        },
      },
      handler: async (request, reply) => {
        const token = request.cookies[CONSOLE_COOKIE_NAME];
        if (!token) {
          clearCookie(request, reply);
          throw new ServiceError(401, 'invalid_credentials', 'This sign-in has ended; sign in again.');
        }
        try {
          const { refreshToken, ...rest } = await services.accounts.refresh(token);
          setCookie(request, reply, refreshToken, REFRESH_TTL_MS / 1000);
          return rest;
        } catch (error) {
          // Whatever ended the sign-in (spent, revoked, expired, a disabled account) ends the cookie too.
          if (error instanceof ServiceError) clearCookie(request, reply);
          throw error;
        }
      },
    });

    typed.delete(CONSOLE_SESSION_PATH, {
      schema: {
        tags: ['console'],
        operationId: 'forgetConsoleSignIn',
        summary: 'Forget the kept sign-in: the cookie is cleared (sign out with POST /auth/logout first)',
        description: CSRF_DESCRIPTION,
        security: PUBLIC,
        response: { 204: z.null().describe('Forgotten: the cookie is cleared'), ...errorResponses(403) },
      },
      handler: async (request, reply) => {
        clearCookie(request, reply);
        return reply.status(204).send(null);
      },
    });
  });
}

/** When the refresh token ends, if it is live: unspent, unexpired, its agent enabled. It is not spent. */
async function liveRefreshExpiry(services: Services, refreshToken: string): Promise<number> {
  const { store, clock } = services.ctx;
  const stored = await store.tokens.findRefresh(sha256(refreshToken));
  if (!stored || stored.usedAt !== null) {
    throw new ServiceError(401, 'invalid_credentials', 'This sign-in has ended; sign in again.');
  }
  if (stored.expiresAt <= clock.now()) {
    throw new ServiceError(401, 'token_expired', 'This sign-in has expired; sign in again.');
  }
  const agent = await store.agents.get(stored.agentId);
  if (!agent || agent.disabled) throw ServiceError.coded(403, 'account_disabled');
  return stored.expiresAt;
}

function cookieOptions(request: FastifyRequest) {
  return {
    path: CONSOLE_SESSION_PATH,
    httpOnly: true,
    sameSite: 'strict' as const,
    // request.protocol is https over TLS, or when a trusted proxy (--trust-proxy) says so.
    secure: request.protocol === 'https',
  };
}

function setCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.setCookie(CONSOLE_COOKIE_NAME, token, { ...cookieOptions(request), maxAge: maxAgeSeconds });
}

function clearCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(CONSOLE_COOKIE_NAME, cookieOptions(request));
}

/**
 * 403 `csrf_rejected` unless the request can only have come from the console's own page: the CSRF
 * header, a same-origin Origin (the service's public address, or the address it was reached at), and
 * Sec-Fetch-Site same-origin where the browser sends it.
 */
function refuseCrossSite(request: FastifyRequest, services: Services): void {
  const refuse = () => ServiceError.coded(403, 'csrf_rejected');
  if (request.headers[CONSOLE_CSRF_HEADER] !== '1') throw refuse();
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const own = new Set([`${request.protocol}://${request.host}`]);
    const publicUrl = services.ctx.publicUrl();
    if (publicUrl) own.add(new URL(publicUrl).origin);
    if (!own.has(origin)) throw refuse();
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw refuse();
}
