/**
 * What the service posts to a webhook endpoint: the Standard Webhooks body `{type, timestamp, data}`, one
 * shape per event type. Declared once here so the service builds them, docs/integrations.md describes them
 * and the tests check what a receiver gets against them.
 *
 * `data.request` is the request as the API returns it (GET /requests/{id}) at the change, without its
 * end-user `link` and `pin` unless the endpoint was set to include them (`includeSecrets`).
 */
import { z } from 'zod';
import { CLOSE_OUTCOMES, MESSAGE_AUTHORS, RATING } from '../domain/conversation';
import { CONSENTS, REQUEST_STATUSES } from '../domain/status';
import { WEBHOOK_EVENT_TYPES } from '../domain/integrations';
import { sessionRequestSchema, timelineActorSchema } from './api';

/** The request in a payload: the API's, its link and PIN present only for endpoints that include them. */
export const webhookRequestSchema = sessionRequestSchema.extend({
  link: sessionRequestSchema.shape.link.optional(),
  pin: sessionRequestSchema.shape.pin.optional(),
});

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    type: z.literal(type),
    timestamp: z.string().describe('When the event happened, ISO 8601 UTC'),
    data,
  });

const withRequest = <S extends z.ZodRawShape>(extra: S) =>
  z.object({ request: webhookRequestSchema, ...extra });

export const webhookPayloadSchema = z.discriminatedUnion('type', [
  envelope('request.created', withRequest({})),
  envelope(
    'request.status_changed',
    withRequest({
      from: z.enum(REQUEST_STATUSES),
      to: z.enum(REQUEST_STATUSES),
      consent: z.enum(CONSENTS).describe('The end user’s consent after the change'),
    }),
  ),
  envelope(
    'request.assigned',
    withRequest({ from: z.string().nullable(), to: z.string().nullable().describe('Agent id; null: queue') }),
  ),
  envelope(
    'request.closed',
    withRequest({
      outcome: z.enum(CLOSE_OUTCOMES).nullable().describe('How it ended, as the agent said at closing'),
      wrapUp: z.string().describe('The agent’s wrap-up note; empty when none'),
    }),
  ),
  envelope('request.expired', withRequest({})),
  envelope('request.deleted', withRequest({})),
  envelope('request.note_added', withRequest({ text: z.string(), actor: timelineActorSchema })),
  envelope(
    'request.message',
    withRequest({
      text: z.string(),
      from: z.enum(MESSAGE_AUTHORS).describe('Who wrote it: an agent, or the end user on the join page'),
      byEmail: z.boolean().describe('An agent’s message also sent to the end user by e-mail'),
      bySms: z.boolean().describe('An agent’s message also sent to the end user by text message'),
      actor: timelineActorSchema,
    }),
  ),
  envelope(
    'request.rated',
    withRequest({
      rating: z
        .number()
        .int()
        .min(RATING.min)
        .max(RATING.max)
        .describe('The end user’s answer, 1 (bad) to 5'),
      comment: z.string().describe('Their comment; empty when none'),
    }),
  ),
  envelope('ping', z.object({ endpointId: z.string() })),
]);
webhookPayloadSchema.register(z.globalRegistry, {
  id: 'WebhookPayload',
  description: 'The body of a webhook (Standard Webhooks): the event type, when it happened, and its data',
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
export type WebhookPayloadType = WebhookPayload['type'];

/** Every type a payload can have: the subscribable events and `ping`. */
export const WEBHOOK_PAYLOAD_TYPES = [...WEBHOOK_EVENT_TYPES, 'ping'] as const;
