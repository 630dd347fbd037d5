/**
 * The whole life of a session request, through the HTTP API and the end user's join page, against a real
 * service and a real SMTP listener: Open → Waiting → Ready → Connected → Ready → Closed, Deny and Request
 * access again, and the timeline that records it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { expectStatus } from '../support/api-client';
import { addNote, createRequest, FORM, getRequest, timeline } from '../support/requests';
import { tokenOf, type TestService } from '../support/service-harness';
import { startServiceWithSmtp, type SmtpListener } from '../support/smtp-listener';

let t: TestService;
let smtp: SmtpListener;

beforeAll(async () => {
  ({ t, smtp } = await startServiceWithSmtp());
});

afterAll(() => t.cleanup());

async function status(id: string): Promise<Pick<SessionRequest, 'status' | 'consent'>> {
  const request = await getRequest(t.admin, id);
  return { status: request.status, consent: request.consent };
}

describe('a session request from creation to close', () => {
  it('goes Open → Waiting → Ready → Connected → Ready → Closed, with the invitation e-mailed', async () => {
    const created = await createRequest(t.admin, 'Ana Souza', t.supportChannel.id, {
      recipientEmail: 'ana@example.com',
      sendInvitation: true,
      emailLanguage: 'pt',
      comments: 'A impressora não imprime',
    });
    expect(created).toMatchObject({ status: 'open', consent: 'pending', assigneeId: t.adminAgent.id });
    expect(created.link).toMatch(new RegExp(`^${t.url}/j/[A-Za-z0-9_-]{32}$`));
    expect(created.pin).toMatch(/^\d{9}$/);
    expect(created.sessionCode).toMatch(/^\d{8}$/);

    // The invitation arrives by SMTP, in Portuguese, with the link and the PIN.
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to?.[0]?.address).toBe('ana@example.com');
    expect(mail!.subject).toContain('solicita acesso remoto');
    expect(mail!.text).toContain(created.link);
    expect(mail!.text).toContain(
      `${created.pin.slice(0, 3)} ${created.pin.slice(3, 6)} ${created.pin.slice(6)}`,
    );
    expect(mail!.html).toContain('A impressora não imprime');

    // The end user opens the link: Waiting.
    const page = await t.api.call('GET', `/j/${tokenOf(created.link)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Permitir acesso');
    expect(await status(created.id)).toEqual({ status: 'waiting', consent: 'pending' });

    // Allow access, with the ID the remote-control app shows: Ready.
    const allow = await t.api.call('POST', `/j/${tokenOf(created.link)}/allow`, 'remoteId=123456789', FORM);
    expect(allow.status).toBe(303);
    expect(allow.headers.get('location')).toBe(`/j/${tokenOf(created.link)}`);
    const ready = await getRequest(t.admin, created.id);
    expect(ready).toMatchObject({ status: 'ready', consent: 'granted', remote: '123456789' });

    // Connect, disconnect, close.
    const connected = expectStatus(
      await t.admin.post<SessionRequest>(`/requests/${created.id}/connect`),
      200,
    );
    expect(connected).toMatchObject({ status: 'connected', connectedAgentIds: [t.adminAgent.id] });
    expect(await status(created.id)).toEqual({ status: 'connected', consent: 'granted' });
    expectStatus(await t.admin.post(`/requests/${created.id}/disconnect`), 200);
    expect(await status(created.id)).toEqual({ status: 'ready', consent: 'granted' });
    await addNote(t.admin, created.id, 'Driver reinstalled.');
    expectStatus(await t.admin.post(`/requests/${created.id}/close`), 200);
    expect(await status(created.id)).toEqual({ status: 'closed', consent: 'granted' });

    // The link now says the request is closed; a connect is refused with the rule's reason.
    const closedPage = await t.api.call('GET', `/j/${tokenOf(created.link)}`);
    expect(closedPage.body).toContain('Solicitação fechada');
    const refused = await t.admin.post(`/requests/${created.id}/connect`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('request_closed');

    // The timeline tells the whole story, in order, with who did what.
    const events = await timeline(t.admin, created.id);
    // The e-mail is sent in the background: where email_sent falls among the rest is not fixed.
    expect(events.filter((e) => e.type === 'email_sent')).toHaveLength(1);
    expect(events.map((e) => e.type).filter((type) => type !== 'email_sent')).toEqual([
      'created',
      'assigned',
      'email_queued',
      'link_opened',
      'allowed',
      'connected',
      'disconnected',
      'note',
      'closed',
    ]);
    expect(events.find((e) => e.type === 'allowed')?.actor).toEqual({ kind: 'end_user' });
    expect(events.find((e) => e.type === 'note')?.data).toEqual({ text: 'Driver reinstalled.' });
    expect(events.find((e) => e.type === 'connected')?.actor).toMatchObject({
      kind: 'agent',
      agentId: t.adminAgent.id,
    });
    // Seqs only grow along the timeline.
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('records a repeated Connect by the connected agent once: no second event, no new change', async () => {
    const created = await createRequest(t.admin, 'Repeat Connect', t.supportChannel.id);
    await t.api.call('GET', `/j/${tokenOf(created.link)}`);
    await t.api.call('POST', `/j/${tokenOf(created.link)}/allow`, 'remoteId=123456789', FORM);
    const first = expectStatus(await t.admin.post<SessionRequest>(`/requests/${created.id}/connect`), 200);
    const again = expectStatus(await t.admin.post<SessionRequest>(`/requests/${created.id}/connect`), 200);
    expect(again).toMatchObject({ status: 'connected', connectedAgentIds: [t.adminAgent.id] });
    expect(again.seq).toBe(first.seq);
    const events = await timeline(t.admin, created.id);
    expect(events.filter((e) => e.type === 'connected')).toHaveLength(1);
  });

  it('shows Denied after a Deny, and the prompt again after Request access again', async () => {
    const created = await createRequest(t.admin, 'Bo');
    const token = tokenOf(created.link);
    await t.api.call('GET', `/j/${token}`);
    const deny = await t.api.call('POST', `/j/${token}/deny`, '', FORM);
    expect(deny.status).toBe(303);
    expect(await status(created.id)).toEqual({ status: 'waiting', consent: 'denied' });
    expect((await t.api.call('GET', `/j/${token}`)).body).toContain('You denied access');

    // Allowing after a Deny needs the agent to ask again first.
    await t.api.call('POST', `/j/${token}/allow`, 'remoteId=42', FORM);
    expect(await status(created.id)).toEqual({ status: 'waiting', consent: 'denied' });

    expectStatus(await t.admin.post(`/requests/${created.id}/rerequest`), 200);
    expect(await status(created.id)).toEqual({ status: 'waiting', consent: 'pending' });
    expect((await t.api.call('GET', `/j/${token}`)).body).toContain('Allow access');

    const again = await t.admin.post(`/requests/${created.id}/rerequest`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_denied');
  });

  it('leads from the PIN to the same page', async () => {
    const created = await createRequest(t.admin, 'Cy');
    const spaced = `${created.pin.slice(0, 3)} ${created.pin.slice(3, 6)} ${created.pin.slice(6)}`;
    const found = await t.api.call('POST', '/pin', `pin=${encodeURIComponent(spaced)}`, FORM);
    expect(found.status).toBe(303);
    expect(found.headers.get('location')).toBe(`/j/${tokenOf(created.link)}`);

    const wrong = await t.api.call('POST', '/pin', 'pin=000000000', FORM);
    expect([404, 303]).toContain(wrong.status);
    const short = await t.api.call('POST', '/pin', 'pin=123', FORM);
    expect(short.status).toBe(400);
    expect(short.body).toContain('The PIN has 9 digits.');
  });

  it('refuses an ID that a launched client could read as an option', async () => {
    const created = await createRequest(t.admin, 'Di');
    const token = tokenOf(created.link);
    await t.api.call('GET', `/j/${token}`);
    const refused = await t.api.call('POST', `/j/${token}/allow`, 'remoteId=--help', FORM);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('aria-invalid="true"');
    expect(await status(created.id)).toEqual({ status: 'waiting', consent: 'pending' });
  });
});
