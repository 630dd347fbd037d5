/**
 * Bearer tokens on /api/v1: `Authorization: Bearer <token>` → the signed-in agent, or the integration whose
 * token it is, limited to its scopes.
 */
import type { FastifyRequest } from 'fastify';
import { INTEGRATION_TOKEN_PREFIX, type IntegrationScope } from '@shared/domain/integrations';
import type { Authenticated } from '../services/accounts';
import { ServiceError } from '../services/errors';
import type { Services } from '../services/services';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** Who signed the call of a route behind authorize(): an agent, or an integration's stand-in agent. */
export function signedIn(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new ServiceError(401, 'unauthorized', 'Sign in to use the service.');
  return request.auth;
}

/**
 * The onRequest hook of a route, run before the body is even read: an agent's access token, or an
 * integration token (`sdi_…`, services/integration-tokens.ts) that carries `scope`. `null`: agents only
 * (sign-in sessions, the change feed, the admin screens' own routes). An integration token that is
 * unknown, revoked or expired is 401 `unauthorized` on every route; a valid one is 403 `scope_required`
 * (naming the scope) where it lacks the route's scope, and 403 `agent_token_required` on agents' routes.
 */
export function authorize(services: Services, scope: IntegrationScope | null) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (!token) {
      throw new ServiceError(
        401,
        'unauthorized',
        'Sign in to use the service (Authorization: Bearer <token>).',
      );
    }
    if (!token.startsWith(INTEGRATION_TOKEN_PREFIX)) {
      request.auth = await services.accounts.authenticate(token);
      return;
    }
    const auth = await services.integrationTokens.authenticate(token);
    if (scope === null) throw ServiceError.coded(403, 'agent_token_required');
    if (!auth.integration?.scopes.includes(scope)) throw ServiceError.coded(403, 'scope_required', { scope });
    request.auth = auth;
  };
}

/**
 * The OpenAPI security requirement of a route behind authorize(): the bearer scheme, with the scope an
 * integration token needs as its role (OpenAPI 3.1 allows roles for non-OAuth schemes); none for agents only.
 */
export function securedBy(scope: IntegrationScope | null) {
  return [{ bearer: scope ? [scope] : [] }];
}
