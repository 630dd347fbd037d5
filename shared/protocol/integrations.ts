/**
 * The JSON of the integration API (issue 17): integration tokens, webhook endpoints and their deliveries,
 * reports and the audit log. Registered by name like api.ts's shapes: a published name stays.
 */
import { z } from 'zod';
import { INTEGRATION_SCOPES, WEBHOOK_EVENT_TYPES } from '../domain/integrations';

const isoDateTime = z.string().describe('ISO 8601 date and time, UTC');

/** A request's reference in a ticketing system. */
export const externalRefSchema = z.object({
  system: z.string().describe('The ticketing system, lower case ("freshservice", "servicenow")'),
  id: z.string().describe('The ticket’s id in that system ("INC-1042")'),
  url: z.string().nullable().describe('The ticket’s address, if given'),
});
externalRefSchema.register(z.globalRegistry, {
  id: 'ExternalRef',
  description: 'The ticket a request belongs to, in a ticketing system',
});
export type ExternalRef = z.infer<typeof externalRefSchema>;

export const integrationTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(INTEGRATION_SCOPES)),
  /** The first characters of the token (`sdi_ab12…`), so an admin can tell tokens apart. */
  hint: z.string().describe('The start of the token, to recognise it; never the whole secret'),
  createdAt: isoDateTime,
  createdBy: z.string().describe('The admin who created it (agent id)'),
  expiresAt: isoDateTime.nullable(),
  lastUsedAt: isoDateTime.nullable(),
});
integrationTokenSchema.register(z.globalRegistry, {
  id: 'IntegrationToken',
  description: 'A named token an integration signs in with; its secret is shown once, at creation',
});
export type IntegrationToken = z.infer<typeof integrationTokenSchema>;

export const createdIntegrationTokenSchema = integrationTokenSchema.extend({
  token: z.string().describe('The secret, `sdi_…`: shown this once, stored hashed'),
});
createdIntegrationTokenSchema.register(z.globalRegistry, {
  id: 'CreatedIntegrationToken',
  description: 'A new integration token, with its secret (shown this once)',
});
export type CreatedIntegrationToken = z.infer<typeof createdIntegrationTokenSchema>;

export const integrationTokenListSchema = z.object({ tokens: z.array(integrationTokenSchema) });
integrationTokenListSchema.register(z.globalRegistry, {
  id: 'IntegrationTokenList',
  description: 'Every integration token not revoked, newest first',
});

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  /** Why it is disabled: an admin did it, or it failed for 24 hours. */
  disabledReason: z.enum(['admin', 'failing']).nullable(),
  includeSecrets: z.boolean().describe('Whether payloads carry the request’s link and PIN (off unless set)'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Since when every delivery has failed; null while deliveries succeed. */
  failingSince: isoDateTime.nullable(),
  /** While a rotated secret still signs (the overlap), when it stops. */
  previousSecretExpiresAt: isoDateTime.nullable(),
});
webhookEndpointSchema.register(z.globalRegistry, {
  id: 'WebhookEndpoint',
  description: 'An address the service posts signed events to (Standard Webhooks)',
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const webhookEndpointWithSecretSchema = webhookEndpointSchema.extend({
  secret: z.string().describe('The signing secret, `whsec_<base64>`: shown at creation and rotation only'),
});
webhookEndpointWithSecretSchema.register(z.globalRegistry, {
  id: 'WebhookEndpointWithSecret',
  description: 'A webhook endpoint with its new signing secret (shown this once)',
});

export const webhookEndpointListSchema = z.object({ endpoints: z.array(webhookEndpointSchema) });
webhookEndpointListSchema.register(z.globalRegistry, {
  id: 'WebhookEndpointList',
  description: 'Every webhook endpoint',
});

export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliverySchema = z.object({
  id: z.string().describe('The message id (`webhook-id`): the same on every attempt and redelivery'),
  endpointId: z.string(),
  eventType: z.string().describe('One of the webhook event types, or `ping`'),
  requestId: z.string().nullable(),
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable().describe('The receiver’s HTTP status; null if none'),
  lastError: z.string().nullable().describe('Why the last attempt failed, when no status came back'),
  lastDurationMs: z.number().int().nullable(),
  lastAttemptAt: isoDateTime.nullable(),
  nextAttemptAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
webhookDeliverySchema.register(z.globalRegistry, {
  id: 'WebhookDelivery',
  description: 'One event sent (or to be sent) to one endpoint, and how its attempts went',
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryPageSchema = z.object({
  deliveries: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null at the end'),
});
webhookDeliveryPageSchema.register(z.globalRegistry, {
  id: 'WebhookDeliveryPage',
  description: 'An endpoint’s deliveries, newest first',
});

/** Counts of requests by what happened to them in a period. */
const outcomeCountsSchema = z.object({
  created: z.number().int(),
  allowed: z.number().int(),
  denied: z.number().int(),
  connected: z.number().int(),
  closed: z.number().int(),
  expired: z.number().int(),
});

/** Seconds; null when no request of the period got that far. */
const durationFiguresSchema = z.object({
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});

const reportFiguresSchema = outcomeCountsSchema.extend({
  timeToReady: durationFiguresSchema.describe('From creation to the end user’s Allow access (Ready)'),
  timeToConnect: durationFiguresSchema.describe('From Ready to the first Connected'),
  sessionSeconds: z.number().describe('Time agents spent connected, in all'),
});

export const reportSummarySchema = z.object({
  from: isoDateTime,
  to: isoDateTime,
  totals: reportFiguresSchema,
  perDay: z.array(outcomeCountsSchema.extend({ day: z.string().describe('YYYY-MM-DD, UTC') })),
  perChannel: z.array(reportFiguresSchema.extend({ channelId: z.string(), channelName: z.string() })),
  perAgent: z.array(
    reportFiguresSchema.extend({ agentId: z.string().nullable(), agentName: z.string().nullable() }),
  ),
  /** How the period's closed requests ended, by the outcome given at closing (issue 19). */
  outcomes: z
    .object({
      resolved: z.number().int(),
      notResolved: z.number().int(),
      followUp: z.number().int(),
      none: z.number().int().describe('Closed without an outcome'),
    })
    .describe('The closed requests of the period by their outcome'),
  /** The end users' answers to "How did we do?" for the period's requests. */
  satisfaction: z
    .object({
      ratings: z.number().int().describe('How many requests were rated'),
      averageRating: z.number().nullable().describe('Their mean, 1 to 5; null when none was'),
    })
    .describe('The end users’ ratings (1–5) of the period’s requests'),
  /** The time-to-Ready distribution: how many requests became Ready within each upper bound. */
  timeToReadyHistogram: z.array(
    z.object({
      upToSeconds: z.number().nullable().describe('null: longer than the last'),
      count: z.number().int(),
    }),
  ),
});
reportSummarySchema.register(z.globalRegistry, {
  id: 'ReportSummary',
  description:
    'What happened to the requests created in a period: outcomes, times, per day, channel and agent',
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const auditActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('integration'), tokenId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('end_user') }),
  z.object({ kind: z.literal('system') }),
  z.object({ kind: z.literal('anonymous'), email: z.string().nullable() }),
]);
auditActorSchema.register(z.globalRegistry, {
  id: 'AuditActor',
  description: 'Who did it: an agent, an integration, the end user, the service, or someone not signed in',
});
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditEntrySchema = z.object({
  id: z.string().describe('Increasing: later entries have larger ids (as decimal strings)'),
  at: isoDateTime,
  type: z
    .string()
    .describe('What happened, e.g. `sign_in.succeeded`, `agent.updated`, `request.status_changed`'),
  actor: auditActorSchema,
  address: z.string().nullable().describe('The client’s IP address, when it came over HTTP'),
  target: z
    .object({ kind: z.string(), id: z.string(), name: z.string().nullable() })
    .nullable()
    .describe('What it was done to: a request, an agent, a channel, a token, a webhook…'),
  data: z.record(z.string(), z.unknown()).describe('Details: the fields changed, the event’s data'),
});
auditEntrySchema.register(z.globalRegistry, {
  id: 'AuditEntry',
  description: 'One entry of the append-only audit log',
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null at the end'),
});
auditPageSchema.register(z.globalRegistry, { id: 'AuditPage', description: 'Audit entries, newest first' });
