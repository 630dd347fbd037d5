/**
 * What goes to an SMS gateway, as pure functions: the invitation's wording by language and length (the
 * organisation's name dropped when it alone makes a second segment), and the generic gateway's template
 * filled in, JSON-escaped or URL-encoded, whatever the text holds.
 */
import { describe, expect, it } from 'vitest';
import { smsLength } from '@shared/domain/sms';
import { gatewayRequest } from '../../server/sms/gateway-request';
import { invitationSms } from '../../server/sms/sms-text';

const LINK = 'https://support.example.com/j/AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const PIN = '123456789';

describe('the invitation by SMS', () => {
  it('fits one GSM-7 segment with the organisation’s name in the Latin languages', () => {
    for (const language of ['en', 'es', 'pt', 'fr', 'de'] as const) {
      const text = invitationSms(language, { orgName: 'Acme IT', link: LINK, pin: PIN });
      expect(text, language).toContain('Acme IT');
      expect(text, language).toContain(LINK);
      expect(text, language).toContain(PIN);
      expect(smsLength(text), language).toMatchObject({ encoding: 'gsm7', segments: 1 });
    }
  });

  it('leaves out an organisation name that would make it two segments', () => {
    const orgName = 'The Very Long Name Of A Regional Municipal IT Service Centre';
    const text = invitationSms('en', { orgName, link: LINK, pin: PIN });
    expect(text).toBe(`Remote support: open ${LINK} (PIN ${PIN})`);
    expect(smsLength(text).segments).toBe(1);
    // With the name it would not have fitted.
    expect(smsLength(`${orgName}: for remote support open ${LINK} (PIN ${PIN})`).segments).toBe(2);
  });

  it('takes two UCS-2 segments in Chinese: the link alone is most of the 70 units', () => {
    for (const language of ['zh-Hans', 'zh-Hant'] as const) {
      const text = invitationSms(language, { orgName: 'Acme IT', link: LINK, pin: PIN });
      expect(text).toContain(LINK);
      expect(smsLength(text), language).toMatchObject({ encoding: 'ucs2', segments: 2 });
    }
  });
});

describe('a generic gateway’s request', () => {
  const text = 'Line one\n"quoted" <b>bold</b> & \\ backslash\ttab ✓';

  it('fills a JSON template with the text JSON-escaped', () => {
    const request = gatewayRequest(
      {
        kind: 'http',
        url: 'https://sms.example.com/send',
        contentType: 'application/json',
        bodyTemplate: '{"to":"{{to}}","text":"{{text}}","again":"{{to}}"}',
        headerNames: ['Authorization'],
      },
      { headers: { Authorization: 'Bearer k' } },
      '+41791234567',
      text,
    )!;
    expect(JSON.parse(request.body)).toEqual({ to: '+41791234567', text, again: '+41791234567' });
    expect(request.headers).toMatchObject({ authorization: 'Bearer k', 'content-type': 'application/json' });
  });

  it('fills a form template with the text URL-encoded', () => {
    const request = gatewayRequest(
      {
        kind: 'http',
        url: 'https://sms.example.com/send',
        contentType: 'application/x-www-form-urlencoded',
        bodyTemplate: 'number={{to}}&message={{text}}&sender=Help',
        headerNames: [],
      },
      { headers: {} },
      '+41791234567',
      text,
    )!;
    const form = new URLSearchParams(request.body);
    expect(form.get('number')).toBe('+41791234567');
    expect(form.get('message')).toBe(text);
    expect(form.get('sender')).toBe('Help');
  });

  it('is not made when a header’s secret is missing', () => {
    const settings = {
      kind: 'http',
      url: 'https://sms.example.com/send',
      contentType: 'application/json',
      bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}',
      headerNames: ['X-Api-Key'],
    } as const;
    expect(gatewayRequest(settings, { headers: {} }, '+41791234567', 'hi')).toBeNull();
  });
});
