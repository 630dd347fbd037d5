/**
 * The organisation settings (GET and PATCH /organisation) against a real service and SMTP listener: any
 * agent reads them, only admins change them (403 with the shared rule's reason), wrong values are refused
 * field by field, connected agents are told, and the join page and the invitations show the new name and
 * instructions at once, escaped, with their line breaks. The configured values are only the first start's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canAdminister } from '@shared/domain/permissions';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Organisation } from '@shared/protocol/api';
import { fieldText } from '@shared/i18n/errors';
import { translator } from '@shared/i18n/translator';
import { ORGANISATION_LIMITS } from '@shared/schemas/organisation-input';
import type { FieldIssue } from '@shared/schemas/validation';
import { expectStatus } from '../support/api-client';
import { FORM } from '../support/requests';
import {
  createAgent,
  startTestService,
  tokenOf,
  type TestAgent,
  type TestService,
} from '../support/service-harness';
import type { SmtpListener } from '../support/smtp-listener';
import { escapeHtml, freshAddress } from '../support/mail-text';
import { startServiceWithSmtp } from '../support/smtp-listener';
import { StreamClient } from '../support/stream-client';

const en = translator('en');

describe('the organisation settings', () => {
  let t: TestService;
  let smtp: SmtpListener;
  let agent: TestAgent;

  beforeAll(async () => {
    ({ t, smtp } = await startServiceWithSmtp());
    agent = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  const patch = (body: unknown) => t.admin.patch<Organisation>('/organisation', body);

  async function joinPage(request: SessionRequest) {
    return t.api.call<string>('GET', `/j/${tokenOf(request.link)}`, undefined, { 'accept-language': 'en' });
  }

  async function newRequest(body: Record<string, unknown> = {}): Promise<SessionRequest> {
    return expectStatus(
      await t.admin.post<SessionRequest>('/requests', { recipientName: 'Ana', ...body }),
      201,
    );
  }

  it('starts from the configuration, for any signed-in agent', async () => {
    const seen = expectStatus(await agent.api.get<Organisation>('/organisation'), 200);
    expect(seen).toEqual({
      name: 'Acme IT',
      remoteAppName: 'RustDesk',
      remoteAppUrl: 'https://rustdesk.com/download',
      remoteIdRequired: true,
      remoteAppInstructions: '',
      consentGraceMinutes: 10,
      auditRetentionDays: 365,
      requireTwoFactor: false,
      requireCloseOutcome: false,
      satisfactionEmail: false,
      updatedAt: new Date(t.clock.now()).toISOString(),
    });
    expect(expectStatus(await t.admin.get<Organisation>('/organisation'), 200)).toEqual(seen);
  });

  it('is read only by signed-in agents', async () => {
    const response = await t.api.get('/organisation');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthorized');
  });

  it('refuses a change by an agent who is not an admin, with the shared rule’s reason', async () => {
    const before = expectStatus(await t.admin.get<Organisation>('/organisation'), 200);
    const response = await agent.api.patch('/organisation', { name: 'Hijacked' });
    const decision = canAdminister({
      id: agent.agent.id,
      name: agent.agent.name,
      roles: agent.agent.roles,
      disabled: false,
      memberships: {},
    });
    if (decision.allowed) throw new Error('a support agent must not be allowed to administer');
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({ code: decision.denial.code, message: decision.denial.message });
    expect(expectStatus(await t.admin.get<Organisation>('/organisation'), 200)).toEqual(before);
  });

  it.each<[string, unknown, Omit<FieldIssue, 'message'>]>([
    ['an empty name', { name: '  ' }, { field: 'name', code: 'required' }],
    [
      'a name too long',
      { name: 'x'.repeat(ORGANISATION_LIMITS.nameMax + 1) },
      { field: 'name', code: 'too_long', params: { max: ORGANISATION_LIMITS.nameMax } },
    ],
    ['a name on two lines', { name: 'Acme\nIT' }, { field: 'name', code: 'single_line' }],
    [
      'a download page that is not http(s)',
      { remoteAppUrl: 'javascript:alert(1)' },
      { field: 'remoteAppUrl', code: 'invalid_url' },
    ],
    [
      'instructions too long',
      { remoteAppInstructions: 'x'.repeat(ORGANISATION_LIMITS.instructionsMax + 1) },
      {
        field: 'remoteAppInstructions',
        code: 'too_long',
        params: { max: ORGANISATION_LIMITS.instructionsMax },
      },
    ],
    [
      'a grace longer than a day',
      { consentGraceMinutes: 1_441 },
      { field: 'consentGraceMinutes', code: 'duration_too_long', params: { amount: 1, unit: 'days' } },
    ],
    [
      'an audit retention under a day',
      { auditRetentionDays: 0 },
      { field: 'auditRetentionDays', code: 'too_small', params: { min: 1 } },
    ],
    [
      'an audit retention over ten years',
      { auditRetentionDays: 3_651 },
      { field: 'auditRetentionDays', code: 'too_large', params: { max: 3_650 } },
    ],
    [
      'remoteIdRequired not a boolean',
      { remoteIdRequired: 'yes' },
      { field: 'remoteIdRequired', code: 'invalid_type', params: { expected: 'boolean' } },
    ],
    [
      'an unknown field',
      { colour: 'blue' },
      { field: 'colour', code: 'unknown_fields', params: { fields: 'colour', count: 1 } },
    ],
    [
      'no change at all',
      {},
      {
        field: '',
        code: 'nothing_to_change',
        params: {
          fields:
            'name, remoteAppName, remoteAppUrl, remoteIdRequired, remoteAppInstructions, consentGraceMinutes, auditRetentionDays, requireTwoFactor, requireCloseOutcome, satisfactionEmail',
        },
      },
    ],
  ])('refuses %s with the field’s code and values, and its English', async (_name, body, issue) => {
    const response = await t.admin.patch('/organisation', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_input');
    expect(response.body.error.fields).toContainEqual({
      ...issue,
      message: fieldText(translator('en'), { ...issue, message: '' }),
    });
  });

  it('counts Windows line ends as one character, and stores \\n', async () => {
    const max = ORGANISATION_LIMITS.instructionsMax;
    const text = `${'a'.repeat(max / 2 - 1)}\r\n${'b'.repeat(max / 2)}`;
    const saved = expectStatus(await patch({ remoteAppInstructions: text }), 200);
    expect(saved.remoteAppInstructions).toBe(text.replace('\r\n', '\n'));
    expect(saved.remoteAppInstructions).toHaveLength(max);
  });

  it('saves an admin’s change, answers it, and tells every connected agent', async () => {
    const stream = await StreamClient.open(t.url, agent.login.accessToken, 0);
    try {
      await stream.waitFor((messages) => messages.some((m) => m.type === 'ready'));
      t.clock.advance(1_000);
      const saved = expectStatus(
        await patch({
          name: 'Contoso Help Desk',
          remoteAppName: 'AnyDesk',
          remoteAppUrl: 'https://anydesk.com/download',
          remoteAppInstructions: 'Download AnyDesk.\nTell your technician the 9-digit ID.',
        }),
        200,
      );
      expect(saved).toEqual({
        name: 'Contoso Help Desk',
        remoteAppName: 'AnyDesk',
        remoteAppUrl: 'https://anydesk.com/download',
        remoteIdRequired: true,
        remoteAppInstructions: 'Download AnyDesk.\nTell your technician the 9-digit ID.',
        consentGraceMinutes: 10,
        auditRetentionDays: 365,
        requireTwoFactor: false,
        requireCloseOutcome: false,
        satisfactionEmail: false,
        updatedAt: new Date(t.clock.now()).toISOString(),
      });
      expect(expectStatus(await agent.api.get<Organisation>('/organisation'), 200)).toEqual(saved);
      await stream.waitFor((messages) =>
        messages.some((m) => m.type === 'invalidate' && m.what === 'organisation'),
      );
    } finally {
      stream.close();
    }
  });

  it('shows the new name and the instructions on the join page at once, escaped, line by line', async () => {
    const request = await newRequest();
    const name = 'Acme <b>IT</b> & Co';
    const instructions = 'Step one: <script>alert("x")</script>\nStep two: call us';
    expectStatus(await patch({ name, remoteAppInstructions: instructions }), 200);

    const page = await joinPage(request);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = page.body;
    expect(html).toContain(`<header class="org">${escapeHtml(name)}</header>`);
    expect(html).toContain(
      escapeHtml(en.t('joinPage.heading', { agentName: t.adminAgent.name, orgName: name })),
    );
    expect(html).toContain(
      `${escapeHtml('Step one: <script>alert("x")</script>')}<br/>${escapeHtml('Step two: call us')}`,
    );
    // The page's only script is its own asset: nothing typed by an admin becomes markup.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<b>IT</b>');
  });

  it('stops asking for the app’s ID as soon as an admin says so', async () => {
    const request = await newRequest();
    expect((await joinPage(request)).body).toContain('name="remoteId"');
    expectStatus(await patch({ remoteIdRequired: false, remoteAppName: 'TeamViewer' }), 200);
    const page = (await joinPage(request)).body;
    expect(page).not.toContain('name="remoteId"');
    expect(page).toContain(escapeHtml(en.t('joinPage.stepsHeading', { appName: 'TeamViewer' })));
    // Allowing without an ID is accepted now.
    const allowed = await t.api.call('POST', `/j/${tokenOf(request.link)}/allow`, '', FORM);
    expect(allowed.status).toBe(303);
    expectStatus(await patch({ remoteIdRequired: true }), 200);
  });

  it('puts the new name and the instructions in invitations, and the name in the sender', async () => {
    const name = 'Contoso, "Central" IT';
    const instructions = 'Install <AnyDesk> & start it.\nRead the ID out to us.';
    expectStatus(await patch({ name, remoteAppName: 'AnyDesk', remoteAppInstructions: instructions }), 200);
    const address = freshAddress('org');
    await newRequest({ recipientEmail: address, sendInvitation: true });
    const mail = (await smtp.mailsTo(address))[0]!;

    expect(mail.from).toMatchObject({ name });
    expect(mail.subject).toBe(
      en.t('mail.invitation.subject', { agentName: t.adminAgent.name, orgName: name }),
    );
    expect(mail.text).toContain(en.t('joinPage.stepsHeading', { appName: 'AnyDesk' }));
    expect(mail.text).toContain(instructions);
    expect(mail.text).toContain(en.t('mail.signature', { orgName: name }));
    const html = mail.html ?? '';
    expect(html).toContain(
      `${escapeHtml('Install <AnyDesk> & start it.')}<br/>${escapeHtml('Read the ID out to us.')}`,
    );
    expect(html).not.toContain('<AnyDesk>');
  });

  it('leaves the instructions out of invitations when there are none', async () => {
    expectStatus(await patch({ remoteAppInstructions: '' }), 200);
    const address = freshAddress('org');
    await newRequest({ recipientEmail: address, sendInvitation: true });
    const mail = (await smtp.mailsTo(address))[0]!;
    expect(mail.text).not.toContain(en.t('joinPage.stepsHeading', { appName: 'AnyDesk' }));
  });
});

describe('the organisation settings across restarts', () => {
  it('keeps what an admin saved over the configured values, which count only at the first start', async () => {
    const first = await startTestService();
    let t = first;
    try {
      expectStatus(
        await t.admin.patch('/organisation', { name: 'Saved Name', remoteAppInstructions: 'Line 1\nLine 2' }),
        200,
      );
      t = await first.restart({ flags: ['--org-name', 'Configured Later', '--remote-app-name', 'VNC'] });
      expect(expectStatus(await t.admin.get<Organisation>('/organisation'), 200)).toMatchObject({
        name: 'Saved Name',
        remoteAppName: 'RustDesk',
        remoteAppInstructions: 'Line 1\nLine 2',
      });
    } finally {
      await t.cleanup();
    }
  });
});
