/**
 * An agent's chat message sent to the end user by e-mail (issue 19), through the mail outbox to a real SMTP
 * listener: in the request's language, the message quoted as text (markup escaped in the HTML part, never
 * rendered), with the link to answer on the join page; the timeline records it queued and sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { translator } from '@shared/i18n/translator';
import type { TimelineEvent } from '@shared/protocol/api';
import { expectStatus } from '../support/api-client';
import { escapeHtml, freshAddress } from '../support/mail-text';
import { createRequest, timeline } from '../support/requests';
import type { TestService } from '../support/service-harness';
import { startServiceWithSmtp, type SmtpListener } from '../support/smtp-listener';

let t: TestService;
let smtp: SmtpListener;

beforeAll(async () => {
  ({ t, smtp } = await startServiceWithSmtp());
});
afterAll(() => t?.cleanup());

/** Waits until the timeline has an event of `type` (the outbox worker records it after sending). */
async function timelineWith(requestId: string, type: TimelineEvent['type']): Promise<TimelineEvent[]> {
  for (;;) {
    const events = await timeline(t.admin, requestId);
    if (events.some((e) => e.type === type)) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a chat message by e-mail', () => {
  it('reaches the end user in the request’s language, markup as text, with the link to answer', async () => {
    const address = freshAddress('chat');
    const request = await createRequest(t.admin, 'José Núñez', undefined, {
      recipientEmail: address,
      emailLanguage: 'es',
    });
    const text = 'Abra <b>markup</b> & lea https://example.com/a?b=1&c=2\nSegunda línea';
    expectStatus(
      await t.admin.post<SessionRequest>(`/requests/${request.id}/messages`, { text, byEmail: true }),
      200,
    );
    const mail = (await smtp.waitForMessages(1)).find((m) => m.to?.some((to) => to.address === address))!;
    expect(mail).toBeDefined();
    const es = translator('es');
    const agentName = t.adminAgent.name;
    expect(mail.subject).toBe(es.t('mail.chat.subject', { agentName }));
    const plain = mail.text ?? '';
    expect(plain).toContain(es.t('mail.greeting', { name: 'José Núñez' }));
    expect(plain).toContain(es.t('mail.chat.intro', { agentName, orgName: 'Acme IT' }));
    expect(plain).toContain('> Abra <b>markup</b> & lea https://example.com/a?b=1&c=2\n> Segunda línea');
    expect(plain).toContain(es.t('mail.chat.answer'));
    expect(plain).toContain(request.link);

    const html = mail.html ?? '';
    expect(html).toContain('<html lang="es">');
    expect(html).toContain(escapeHtml(text));
    expect(html).not.toContain('<b>markup</b>');
    // The message's address stays text; the one link is the join page's.
    expect(html).not.toContain('href="https://example.com/a');
    expect(html).toContain(`href="${request.link}"`);

    const events = await timelineWith(request.id, 'email_sent');
    const message = events.find((e) => e.type === 'message')!;
    expect(message.data).toEqual({ text, from: 'agent', byEmail: true, bySms: false });
    const queued = events.find((e) => e.type === 'email_queued')!;
    expect(queued.data).toEqual({ kind: 'chat_message', to: address });
    expect(events.find((e) => e.type === 'email_sent')!.data).toMatchObject({
      kind: 'chat_message',
      to: address,
    });
  });
});
