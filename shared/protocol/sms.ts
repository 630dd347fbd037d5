/** Answers about text messages (issue 19): the organisation's SMS gateway, never with its secrets. */
import { z } from 'zod';

const isoDateTime = z.string().describe('ISO 8601 date and time, UTC');

export const smsGatewaySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('twilio'),
    accountSid: z.string(),
    from: z.string().nullable(),
    messagingServiceSid: z.string().nullable(),
    baseUrl: z.string(),
    authTokenSet: z.boolean().describe('Whether an auth token is stored (it is never answered)'),
    updatedAt: isoDateTime,
  }),
  z.object({
    kind: z.literal('http'),
    url: z.string(),
    contentType: z.enum(['application/json', 'application/x-www-form-urlencoded']),
    bodyTemplate: z.string(),
    headers: z
      .array(z.object({ name: z.string(), valueSet: z.boolean() }))
      .describe('The headers sent, by name; their values are never answered'),
    updatedAt: isoDateTime,
  }),
]);
smsGatewaySchema.register(z.globalRegistry, {
  id: 'SmsGateway',
  description: 'The organisation’s SMS gateway, its secrets left out',
});
export type SmsGateway = z.infer<typeof smsGatewaySchema>;

/** GET and PUT /organisation/sms-gateway */
export const smsGatewaySettingsSchema = z.object({ gateway: smsGatewaySchema.nullable() });
smsGatewaySettingsSchema.register(z.globalRegistry, {
  id: 'SmsGatewaySettings',
  description: 'The organisation’s SMS gateway; null when none is configured',
});
export type SmsGatewaySettingsAnswer = z.infer<typeof smsGatewaySettingsSchema>;

/** POST /organisation/sms-gateway/test */
export const smsTestResultSchema = z.object({
  sent: z.boolean(),
  statusCode: z.number().int().nullable().describe('The gateway’s HTTP status; null when none came back'),
  error: z.string().nullable(),
});
smsTestResultSchema.register(z.globalRegistry, {
  id: 'SmsTestResult',
  description: 'What the gateway answered to the test message',
});
export type SmsTestResult = z.infer<typeof smsTestResultSchema>;
