/** The SMS tab's form (renderer/src/admin/sms-form.ts): from the saved gateway and back to the input. */
import { describe, expect, it } from 'vitest';
import type { SmsGateway } from '@shared/protocol/sms';
import { smsGatewayInputSchema } from '@shared/schemas/sms-input';
import { smsFieldOf, smsFormOf, smsGatewayInput } from '../../renderer/src/admin/sms-form';

const TWILIO: SmsGateway = {
  kind: 'twilio',
  accountSid: 'AC0123456789abcdef',
  from: '+14155550100',
  messagingServiceSid: null,
  baseUrl: 'https://api.twilio.com',
  authTokenSet: true,
  updatedAt: '2026-12-07T09:00:00.000Z',
};

const HTTP: SmsGateway = {
  kind: 'http',
  url: 'https://sms.example.com/send',
  contentType: 'application/json',
  bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}',
  headers: [
    { name: 'X-Api-Key', valueSet: true },
    { name: 'X-Tenant', valueSet: true },
  ],
  updatedAt: '2026-12-07T09:00:00.000Z',
};

describe('the SMS tab’s form', () => {
  it('shows a saved Twilio gateway without its token, and an empty token keeps the stored one', () => {
    const form = smsFormOf(TWILIO);
    expect(form).toMatchObject({ kind: 'twilio', accountSid: TWILIO.accountSid, authToken: '' });
    const input = smsGatewayInput(form, TWILIO);
    expect(input).toEqual({
      kind: 'twilio',
      accountSid: TWILIO.accountSid,
      authToken: undefined,
      from: '+14155550100',
      messagingServiceSid: null,
      baseUrl: 'https://api.twilio.com',
    });
    expect(smsGatewayInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends a new token, and a blank address so the service’s default applies', () => {
    const input = smsGatewayInput({ ...smsFormOf(TWILIO), authToken: ' new ', baseUrl: ' ' }, TWILIO);
    expect(input).toMatchObject({ authToken: 'new', baseUrl: undefined });
  });

  it('edits a generic gateway’s first header and keeps the others as saved', () => {
    const form = smsFormOf(HTTP);
    expect(form).toMatchObject({ kind: 'http', headerName: 'X-Api-Key', headerValue: '' });
    const input = smsGatewayInput({ ...form, headerValue: 'k2' }, HTTP);
    expect(input).toMatchObject({
      kind: 'http',
      headers: [{ name: 'X-Api-Key', value: 'k2' }, { name: 'X-Tenant' }],
    });
    expect(smsGatewayInputSchema.safeParse(input).success).toBe(true);
  });

  it('starts empty, with a JSON template that has both placeholders', () => {
    const form = smsFormOf(null);
    expect(form.kind).toBe('twilio');
    expect(form.bodyTemplate).toContain('{{to}}');
    expect(form.bodyTemplate).toContain('{{text}}');
  });

  it('puts the service’s issues beside their fields', () => {
    expect(smsFieldOf('authToken')).toBe('authToken');
    expect(smsFieldOf('headers.0.value')).toBe('headerValue');
    expect(smsFieldOf('headers.0.name')).toBe('headerName');
    expect(smsFieldOf('headers.1.value')).toBeNull();
    expect(smsFieldOf('to')).toBe('to');
  });
});
