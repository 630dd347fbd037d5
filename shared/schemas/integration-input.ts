/**
 * Inputs of the integration API (issue 17): tokens, webhooks, the ticket reference, report and audit
 * filters. Limits from shared/domain/integrations.ts; refusals are field issue codes (validation.ts).
 */
import { z } from 'zod';
import { INTEGRATION_LIMITS, INTEGRATION_SCOPES, WEBHOOK_EVENT_TYPES } from '../domain/integrations';
import { dateTimeSchema, idSchema } from './common';
import { nullablePhoneSchema } from './sms-input';
import { nothingToChange } from './validation';

/** An http(s) URL: what a ticket link and a webhook address must be. */
const httpUrl = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .pipe(z.url({ protocol: /^https?$/ }));

export const externalRefInputSchema = z.strictObject({
  system: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(INTEGRATION_LIMITS.externalSystemMax)
    .regex(/^[a-z0-9][a-z0-9._-]*$/),
  id: z.string().trim().min(1).max(INTEGRATION_LIMITS.externalIdMax),
  url: httpUrl(INTEGRATION_LIMITS.externalUrlMax)
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});
// Input ids leave out the `Input` the OpenAPI generator adds to the input form of every component (as
// request-input.ts's do: `CreateRequest` → `CreateRequestInput`). Not `ExternalRef`: that is the output's.
externalRefInputSchema.register(z.globalRegistry, {
  id: 'TicketReference',
  description: 'The ticket a request belongs to: its system, its id there and, optionally, its address',
});
export type ExternalRefInput = z.output<typeof externalRefInputSchema>;

/** PATCH /requests/{id}: what an integration (or an agent) may change on a request outside the actions. */
const updateRequestShape = {
  externalRef: externalRefInputSchema.nullable().optional(),
  /** The end user's mobile number for text messages (issue 19); null or '' clears it. */
  recipientPhone: nullablePhoneSchema.optional(),
};
export const updateRequestSchema = z
  .strictObject(updateRequestShape)
  .refine(
    (input) => input.externalRef !== undefined || input.recipientPhone !== undefined,
    nothingToChange(updateRequestShape),
  );
updateRequestSchema.register(z.globalRegistry, {
  id: 'UpdateRequest',
  description: 'Set or clear the request’s ticket reference and/or the end user’s phone number',
});

export const createIntegrationTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(INTEGRATION_LIMITS.tokenNameMax),
  scopes: z.array(z.enum(INTEGRATION_SCOPES)).min(1),
  expiresAt: dateTimeSchema.nullable().optional(),
});
createIntegrationTokenSchema.register(z.globalRegistry, {
  id: 'CreateIntegrationToken',
  description: 'A name, the scopes granted and, optionally, when the token stops working',
});
export type CreateIntegrationTokenInput = z.output<typeof createIntegrationTokenSchema>;

export const createWebhookSchema = z.strictObject({
  url: httpUrl(INTEGRATION_LIMITS.webhookUrlMax),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
  description: z.string().trim().max(INTEGRATION_LIMITS.webhookDescriptionMax).default(''),
  includeSecrets: z.boolean().default(false),
});
createWebhookSchema.register(z.globalRegistry, {
  id: 'CreateWebhook',
  description: 'Where to post, which events, and whether payloads carry the link and PIN',
});
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({
    url: httpUrl(INTEGRATION_LIMITS.webhookUrlMax),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
    description: z.string().trim().max(INTEGRATION_LIMITS.webhookDescriptionMax),
    includeSecrets: z.boolean(),
    enabled: z.boolean(),
  })
  .partial();
updateWebhookSchema.register(z.globalRegistry, {
  id: 'UpdateWebhook',
  description: 'What to change: the address, the events, the description, enabled or not',
});
export type UpdateWebhookInput = z.output<typeof updateWebhookSchema>;

export const rotateWebhookSecretSchema = z.strictObject({
  /** How long the old secret keeps signing beside the new one (0: at once). Default 24 hours. */
  overlapMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(24 * 60),
});
rotateWebhookSecretSchema.register(z.globalRegistry, {
  id: 'RotateWebhookSecret',
  description: 'How long the previous secret still signs beside the new one',
});

/** `from`/`to` of reports and the audit log: ISO date-times; the period is [from, to). */
const periodQuery = {
  from: dateTimeSchema.optional(),
  to: dateTimeSchema.optional(),
};

export const reportQuerySchema = z.strictObject({
  ...periodQuery,
  channelId: idSchema.optional(),
  agentId: idSchema.optional(),
});
export type ReportQuery = z.output<typeof reportQuerySchema>;

export const auditQuerySchema = z.strictObject({
  ...periodQuery,
  actor: z.string().max(200).optional().describe('An agent id or an integration token id'),
  type: z.string().max(80).optional().describe('An entry type, or a prefix ending in "." (`request.`)'),
  format: z.enum(['json', 'csv', 'jsonl']).default('json'),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const deliveryQuerySchema = z.strictObject({
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
