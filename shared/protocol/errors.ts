/**
 * The error envelope of every HTTP answer that is not a success, `{"error": {"code", "message"}}`, and
 * the codes outside the domain rules. Domain refusals carry the domain's own codes (permissions.ts,
 * transitions.ts). Codes are stable: clients and integrations switch on them.
 */
import { z } from 'zod';

export const API_ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'invalid_credentials',
  'token_expired',
  'forbidden',
  'not_found',
  'conflict',
  'email_taken',
  'idempotency_key_reused',
  'rate_limited',
  'resync_required',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
  'unavailable',
  'database_unavailable',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const fieldIssueSchema = z.object({ field: z.string(), message: z.string() });

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code'),
    message: z.string().describe('What went wrong, for a person'),
    fields: z.array(fieldIssueSchema).optional().describe('For invalid_input: the fields at fault'),
  }),
});
errorEnvelopeSchema.register(z.globalRegistry, {
  id: 'ErrorEnvelope',
  description: 'Every answer that is not a success: a stable code, and a message for a person',
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
