/**
 * One-use tickets for the change stream (shared/protocol/console.ts): a browser's WebSocket cannot send
 * `Authorization`, so the console's core asks for a ticket with its access token and opens
 * `/stream?since=…&ticket=…`. A ticket is random, kept hashed in the database (any instance can take it),
 * lives STREAM_TICKET_TTL_MS and is deleted as it is taken. It names the access token it was made with:
 * when that token has gone (a sign-out, a revoked sign-in) or its agent is disabled, the ticket opens
 * nothing. Expired tickets are swept whenever a new one is made.
 */
import type { FastifyRequest } from 'fastify';
import { STREAM_TICKET_PATH, streamTicketSchema, type StreamTicket } from '@shared/protocol/console';
import { authorize, bearerToken, securedBy, signedIn } from '../http/auth';
import { answer, errorResponses } from '../http/routes/responses';
import type { App } from '../http/routes/types';
import type { Authenticated } from '../services/accounts';
import { randomToken, sha256 } from '../services/crypto';
import { ServiceError } from '../services/errors';
import type { Services } from '../services/services';

export const STREAM_TICKET_TTL_MS = 30_000;

/** A ticket for the agent signed in with `accessToken`. */
export async function createStreamTicket(
  services: Services,
  auth: Authenticated,
  accessToken: string,
): Promise<StreamTicket> {
  const { store, clock } = services.ctx;
  const now = clock.now();
  const ticket = randomToken();
  await store.streamTickets.pruneExpired(now);
  await store.streamTickets.add(
    sha256(ticket),
    auth.agent.id,
    sha256(accessToken),
    now + STREAM_TICKET_TTL_MS,
  );
  return { ticket, expiresIn: STREAM_TICKET_TTL_MS / 1000 };
}

/** Who a ticket signs in, taking it: 401 when it is unknown, used, expired or its sign-in has ended. */
export async function redeemStreamTicket(services: Services, ticket: string): Promise<Authenticated> {
  const { store, clock } = services.ctx;
  const taken = await store.streamTickets.takeTicket(sha256(ticket));
  if (!taken) {
    throw new ServiceError(401, 'unauthorized', 'This stream ticket is unknown or was already used.');
  }
  const now = clock.now();
  if (taken.expiresAt <= now) {
    throw new ServiceError(401, 'token_expired', 'This stream ticket has expired; ask for another.');
  }
  const access = await store.tokens.findAccess(taken.accessHash);
  const agent =
    access && access.agentId === taken.agentId ? await store.agents.get(access.agentId) : undefined;
  if (!access || !agent || agent.disabled) {
    throw new ServiceError(401, 'unauthorized', 'Sign in to use the service.');
  }
  if (access.expiresAt <= now) {
    throw new ServiceError(
      401,
      'token_expired',
      'The access token has expired; refresh it or sign in again.',
    );
  }
  return { agent, familyId: access.familyId };
}

/**
 * The change stream's onRequest: a `ticket` in the query (a browser), else the Authorization header as on
 * every agents' route. The query is read raw here: it is validated after this hook runs.
 */
export function authorizeStream(services: Services) {
  const byHeader = authorize(services, null);
  return async (request: FastifyRequest): Promise<void> => {
    const ticket = (request.query as { ticket?: unknown } | undefined)?.ticket;
    if (typeof ticket !== 'string') return byHeader(request);
    request.auth = await redeemStreamTicket(services, ticket);
  };
}

/** POST /stream/tickets (under /api/v1). */
export function registerStreamTicketRoute(app: App, services: Services): void {
  app.post(STREAM_TICKET_PATH, {
    onRequest: authorize(services, null),
    schema: {
      tags: ['feed'],
      operationId: 'createStreamTicket',
      summary:
        'A one-use ticket (30 s) to open GET /stream?ticket=… from a browser, whose WebSocket cannot send ' +
        'the Authorization header',
      security: securedBy(null),
      response: {
        201: answer('The ticket: it opens one stream, for the agent signed in', streamTicketSchema),
        ...errorResponses(401, 403),
      },
    },
    handler: async (request, reply) => {
      // authorize() has read the header: an agent's access token (integration tokens are refused).
      const ticket = await createStreamTicket(services, signedIn(request), bearerToken(request)!);
      return reply.status(201).send(ticket);
    },
  });
}
