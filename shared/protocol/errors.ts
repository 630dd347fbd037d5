/**
 * The error envelope of every HTTP answer that is not a success,
 * `{"error": {"code", "message", "params"?, "fields"?: [{"field", "code", "params"?, "message"}]}}`, and
 * the codes outside the domain rules. Domain refusals carry the domain's own codes (permissions.ts,
 * transitions.ts). Codes are stable: clients and integrations switch on them, and a client words them in
 * its reader's language from the code and its parameters (`error.<code>`, `field.<code>` in
 * shared/i18n/catalogs/); `message` is the same sentence in English, for API users and logs.
 */
import { z } from 'zod';
import { FIELD_ISSUE_CODES } from '../schemas/validation';

export const API_ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'invalid_credentials',
  'token_expired',
  'forbidden',
  'not_found',
  'conflict',
  'email_taken',
  'last_admin',
  'agent_disabled',
  'idempotency_key_reused',
  'rate_limited',
  /** Too many chat messages on one request in a minute (issue 19): `params.seconds` to wait. */
  'too_many_messages',
  'resync_required',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
  'unavailable',
  'database_unavailable',
  'scope_required',
  'agent_token_required',
  'invalid_two_factor_code',
  'second_factor_expired',
  'two_factor_already_on',
  'two_factor_off',
  'two_factor_not_started',
  'two_factor_required',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const paramsSchema = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .describe(
    'The values the sentence of the code needs, by name (a limit, a channel’s name, a choice among the ' +
      'sentences of the code): a client words the code in its own language with them',
  );

export const fieldIssueSchema = z.object({
  field: z
    .string()
    .describe('Dotted path of the field ("recipientEmail", "agentIds.2"); empty for the whole input'),
  code: z
    .string()
    .describe(`Stable code of the problem, one of: ${FIELD_ISSUE_CODES.join(', ')} (more may come)`),
  params: paramsSchema.optional(),
  message: z.string().describe('The problem in English, for a person'),
});
fieldIssueSchema.register(z.globalRegistry, {
  id: 'FieldIssue',
  description: 'A field at fault: its code and parameters (`too_long` with `max`), and the English sentence',
});

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code'),
    message: z.string().describe('What went wrong, in English, for a person'),
    params: paramsSchema.optional(),
    fields: z.array(fieldIssueSchema).optional().describe('For invalid_input: the fields at fault'),
  }),
});
errorEnvelopeSchema.register(z.globalRegistry, {
  id: 'ErrorEnvelope',
  description:
    'Every answer that is not a success: a stable code with its parameters, and the sentence in English',
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
