/** Bearer access tokens on /api/v1: `Authorization: Bearer <token>` → the signed-in agent. */
import type { FastifyRequest } from 'fastify';
import type { IntegrationScope } from '@shared/domain/integrations';
import type { AccountService, Authenticated } from '../services/accounts';
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

/** An onRequest hook that requires a valid access token, before the body is even read. */
export function requireAgent(accounts: AccountService) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (!token) {
      throw new ServiceError(
        401,
        'unauthorized',
        'Sign in to use the service (Authorization: Bearer <token>).',
      );
    }
    request.auth = await accounts.authenticate(token);
  };
}

/** The signed-in agent of a route behind requireAgent. */
export function signedIn(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new ServiceError(401, 'unauthorized', 'Sign in to use the service.');
  return request.auth;
}

/**
 * The onRequest hook of a route: an agent's access token, or an integration token (`sdi_…`) that carries
 * `scope`. `null`: agents only (sign-in sessions, the change feed, the admin screens' own routes).
 * Issue 17: the integration branch is built in server/services/integration-tokens.ts.
 */
export function authorize(services: Services, scope: IntegrationScope | null) {
  void scope;
  return requireAgent(services.accounts);
}

/**
 * The OpenAPI security requirement of a route behind authorize(): the bearer scheme, with the scope an
 * integration token needs as its role (OpenAPI 3.1 allows roles for non-OAuth schemes); none for agents only.
 */
export function securedBy(scope: IntegrationScope | null) {
  return [{ bearer: scope ? [scope] : [] }];
}
