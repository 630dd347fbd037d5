/** Bearer access tokens on /api/v1: `Authorization: Bearer <token>` → the signed-in agent. */
import type { FastifyRequest } from 'fastify';
import type { AccountService, Authenticated } from '../services/accounts';
import { ServiceError } from '../services/errors';

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
