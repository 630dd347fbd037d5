/**
 * The e-mail admins get when a webhook endpoint is turned off after failing for a day: worded by the
 * catalogue in every language the service mails in (today it goes in English: agents have no stored
 * language), naming the endpoint and since when it failed.
 */
import { describe, expect, it } from 'vitest';
import { EMAIL_LANGUAGES } from '@shared/domain/languages';
import { renderMail } from '../../server/mail/templates';

const payload = {
  agentName: 'Alex Admin',
  orgName: 'Acme IT',
  url: 'https://tickets.example/hooks',
  description: 'Freshservice',
  failingSince: '2026-11-21T09:30:00.000Z',
};

describe('the webhook-disabled e-mail', () => {
  it.each(EMAIL_LANGUAGES)('is worded in %s', (language) => {
    const mail = renderMail('webhook_disabled', language, JSON.stringify(payload));
    expect(mail.subject.length).toBeGreaterThan(10);
    expect(mail.subject).not.toContain('mail.');
    expect(mail.text).not.toContain('mail.webhookDisabled');
    expect(mail.text).toContain('Freshservice — https://tickets.example/hooks');
    expect(mail.text).toContain('Alex Admin');
    expect(mail.text).toContain('2026');
    expect(mail.html).toContain('https://tickets.example/hooks');
  });
});
