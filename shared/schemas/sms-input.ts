/**
 * Inputs of text messages (issue 19): the end user's phone number, the organisation's SMS gateway as an
 * admin sets it, and the number a test message goes to. Rules and limits from shared/domain/sms.ts.
 */
import { z } from 'zod';
import { normalisePhone, SMS_LIMITS } from '../domain/sms';
import { coded, codedPattern } from './validation';

/** The number as E.164, or the field issue `invalid_phone`. */
function toPhone(value: string, ctx: z.RefinementCtx): string {
  const phone = normalisePhone(value);
  if (phone === null) {
    ctx.addIssue({ code: 'custom', input: value, ...coded('invalid_phone') });
    return z.NEVER;
  }
  return phone;
}

/**
 * A phone number as a person types it (`+41 79 123 45 67`, `(+1) 555-0100`, `0041…`), normalised to E.164;
 * anything else is the field issue `invalid_phone`.
 */
export const phoneSchema = z.string().max(40).transform(toPhone);

/** A number, or none (null, or an empty field): null. Absent stays absent (a change that leaves it). */
export const nullablePhoneSchema = z
  .string()
  .max(40)
  .nullable()
  .transform((value, ctx) => (value === null || value.trim() === '' ? null : toPhone(value, ctx)));

/** On a new request: a number, or nothing. */
export const optionalPhoneSchema = nullablePhoneSchema.optional().transform((value) => value ?? null);

const httpUrl = z
  .string()
  .trim()
  .max(SMS_LIMITS.urlMax)
  .pipe(z.url({ protocol: /^https?$/ }));

/** A secret: absent on a change keeps the one stored. */
const secret = (max: number) => z.string().trim().min(1).max(max);

export const twilioGatewayInputSchema = z
  .strictObject({
    kind: z.literal('twilio'),
    accountSid: z
      .string()
      .trim()
      .max(SMS_LIMITS.twilioSidMax)
      .regex(codedPattern(/^AC[0-9A-Za-z]{8,}$/, 'invalid_format')),
    /** Absent: keep the token stored (the answer never shows it). */
    authToken: secret(SMS_LIMITS.twilioTokenMax).optional(),
    /** The sender: a number (E.164), or a Messaging Service; exactly one. */
    from: phoneSchema.nullable().optional(),
    messagingServiceSid: z
      .string()
      .trim()
      .max(SMS_LIMITS.twilioSidMax)
      .regex(codedPattern(/^MG[0-9A-Za-z]{8,}$/, 'invalid_format'))
      .nullable()
      .optional(),
    /** Where Twilio's API is; another address for a Twilio-compatible service (or a test's receiver). */
    baseUrl: httpUrl.optional(),
  })
  .superRefine((input, ctx) => {
    const hasFrom = input.from !== undefined && input.from !== null;
    const hasService = input.messagingServiceSid !== undefined && input.messagingServiceSid !== null;
    if (hasFrom === hasService) {
      ctx.addIssue({ code: 'custom', path: ['from'], ...coded('sms_sender') });
    }
  });

export const SMS_CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded'] as const;

export const httpGatewayInputSchema = z.strictObject({
  kind: z.literal('http'),
  url: httpUrl,
  /** JSON: `{{to}}` and `{{text}}` are JSON-escaped; form: URL-encoded. */
  contentType: z.enum(SMS_CONTENT_TYPES),
  bodyTemplate: z
    .string()
    .min(1)
    .max(SMS_LIMITS.templateMax)
    .refine(
      (template) => template.includes('{{text}}') && template.includes('{{to}}'),
      coded('sms_template', { to: '{{to}}', text: '{{text}}' }),
    ),
  /** Headers such as an API key; a value left out keeps the one stored under that name. */
  headers: z
    .array(
      z.strictObject({
        name: z
          .string()
          .trim()
          .min(1)
          .max(SMS_LIMITS.headerNameMax)
          .regex(codedPattern(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'invalid_format')),
        value: secret(SMS_LIMITS.headerValueMax).optional(),
      }),
    )
    .max(SMS_LIMITS.headersMax)
    .refine(
      (headers) => new Set(headers.map((h) => h.name.toLowerCase())).size === headers.length,
      coded('duplicates'),
    )
    .default([]),
});

/** PUT /organisation/sms-gateway: the whole gateway, replaced. */
export const smsGatewayInputSchema = z.discriminatedUnion('kind', [
  twilioGatewayInputSchema,
  httpGatewayInputSchema,
]);
smsGatewayInputSchema.register(z.globalRegistry, {
  id: 'SetSmsGateway',
  description:
    'The organisation’s SMS gateway: Twilio’s Messages API, or a generic HTTP POST with a body template. ' +
    'A secret left out (auth token, a header’s value) keeps the one stored',
});
export type SmsGatewayInput = z.output<typeof smsGatewayInputSchema>;

/** POST /organisation/sms-gateway/test */
export const testSmsSchema = z.strictObject({ to: phoneSchema });
testSmsSchema.register(z.globalRegistry, {
  id: 'TestSms',
  description: 'The number a test message goes to (E.164; spaces, dashes and parentheses are ignored)',
});
