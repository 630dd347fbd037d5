/**
 * What every route's OpenAPI entry shares: answers with what they mean, the error envelope per status, and
 * bearer security (auth.ts: securedBy). An answer is `{ description, content: { 'application/json': { schema } } }`, a form
 * both Fastify (it serializes by status and media type) and the OpenAPI document read.
 */
import type { z } from 'zod';
import { errorEnvelopeSchema } from '@shared/protocol/errors';

/** A JSON answer: what it means, and the schema of its body. */
export function answer<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/** What each error status means, as the document says it. */
const REFUSAL_MEANINGS = {
  400: 'The input is not valid: `invalid_input`, with `fields` naming each field at fault.',
  401:
    'Not signed in: no valid access token (`unauthorized`, `token_expired`), a wrong e-mail or password, ' +
    'a refresh token that has ended (`invalid_credentials`), or an integration token unknown, revoked or ' +
    'expired (`unauthorized`).',
  403:
    'A permission rule refuses it (or the account is disabled); the code and the message name the rule. ' +
    'An integration token without the route’s scope: `scope_required` (params.scope names it); on a route ' +
    'for agents only: `agent_token_required`.',
  404: 'No such record, or none this agent may see: `not_found`.',
  409: 'The state of the request or of the data refuses it; the code and the message name the rule.',
  410: 'The feed cannot serve this cursor (`resync_required`): sync again from 0.',
  429:
    'Too many attempts (`rate_limited`), or chat messages (`too_many_messages`): try again after the ' +
    'seconds Retry-After gives.',
} as const;

/** Answers any route may give besides its own: the framework's refusals and the service's failures. */
const OTHER_FAILURES = {
  '4xx': answer(
    'Any other refusal, such as a body too large (413 `payload_too_large`) or not JSON ' +
      '(415 `unsupported_media_type`), or a URL too long (414).',
    errorEnvelopeSchema,
  ),
  '5xx': answer(
    'The service failed (500 `internal`, logged) or cannot serve now (503 `unavailable`, or ' +
      '`database_unavailable` when its database cannot be reached): try again later (see Retry-After).',
    errorEnvelopeSchema,
  ),
};

export type RefusalStatus = keyof typeof REFUSAL_MEANINGS;

/** Error answers for the given statuses and any other failure, each the `{"error": {"code", "message"}}` envelope. */
export function errorResponses<S extends RefusalStatus>(...statuses: S[]) {
  const refusals = Object.fromEntries(
    statuses.map((status) => [status, answer(REFUSAL_MEANINGS[status], errorEnvelopeSchema)]),
  ) as Record<S, ReturnType<typeof answer<typeof errorEnvelopeSchema>>>;
  return { ...refusals, ...OTHER_FAILURES };
}

/** The refusals any signed-in route on a request or a channel may answer. */
export const REFUSALS = errorResponses(400, 401, 403, 404, 409);

/** The OpenAPI security requirement of a route anyone may call: it takes no token. */
export const PUBLIC: never[] = [];
