/**
 * The e-mail the service sends, through a real SMTP listener (or .eml files when no SMTP server is
 * configured): invitations in the request's language with every value escaped in the HTML part, resends,
 * technician invitations, the "closed" and "rescheduled" updates to the end user, retries after SMTP
 * failures, giving up, and an outbox that survives a restart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmailLanguage } from '@shared/domain/languages';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import { translator } from '@shared/i18n/translator';
import { formatUtcDateTime } from '../../server/join/utc-date-time';
import { expectStatus } from '../support/api-client';
import { FORM, timeline } from '../support/requests';
import { createAgent, startTestService, tokenOf, type TestService } from '../support/service-harness';
import { escapeHtml, freshAddress } from '../support/mail-text';
import { unusedPort } from '../support/ports';
import { SmtpListener, startServiceWithSmtp } from '../support/smtp-listener';

const ORG = 'Acme IT';

/** Polls `probe` until it returns a value (not undefined/false); `tick` runs before each try. */
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { tick?: () => void; timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    options.tick?.();
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function mailsTo(smtp: SmtpListener, address: string): Email[] {
  return smtp.messages.filter((m) => m.to?.some((to) => to.address === address));
}

/** Waits until `count` messages to `address` have arrived; returns them. */
function waitForMailsTo(smtp: SmtpListener, address: string, count: number, tick?: () => void) {
  return until(
    `${count} message(s) to ${address}`,
    () => {
      const found = mailsTo(smtp, address);
      return found.length >= count && found;
    },
    { tick },
  );
}

const ofType = (events: TimelineEvent[], type: TimelineEvent['type'], kind?: string) =>
  events.filter((e) => e.type === type && (kind === undefined || e.data['kind'] === kind));

async function create(t: TestService, body: Record<string, unknown>): Promise<SessionRequest> {
  return expectStatus(await t.admin.post<SessionRequest>('/requests', body), 201);
}

const spacedPin = (pin: string) => `${pin.slice(0, 3)} ${pin.slice(3, 6)} ${pin.slice(6)}`;

/**
 * Moves the service's clock a little further at each poll, so that retries (scheduled by that clock) fall
 * due; small steps, so that access tokens and requests stay valid.
 */
const nudge = (t: TestService) => () => t.clock.advance(250);

describe('e-mail through SMTP', () => {
  let t: TestService;
  let smtp: SmtpListener;

  beforeAll(async () => {
    ({ t, smtp } = await startServiceWithSmtp());
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  /**
   * A request with an invitation to a new address, and its message: mail is sent in order, so once the
   * marker has arrived, anything queued before it would have arrived too.
   */
  async function marker(): Promise<Email> {
    const address = freshAddress('marker');
    await create(t, { recipientName: 'Marker', recipientEmail: address, sendInvitation: true });
    const [mail] = await waitForMailsTo(smtp, address, 1);
    return mail!;
  }

  describe.each<{ language: EmailLanguage; name: string; comments: string }>([
    { language: 'es', name: 'José Núñez', comments: 'La impresora no imprime.' },
    { language: 'de', name: 'Jörg Müller', comments: 'Der Drucker druckt nicht.' },
    { language: 'zh-Hant', name: '陳小明', comments: '印表機無法列印。' },
  ])('an invitation in $language', ({ language, name, comments }) => {
    it('is written in the request’s e-mail language, with the link and the PIN', async () => {
      const address = freshAddress(language);
      const created = await create(t, {
        recipientName: name,
        recipientEmail: address,
        sendInvitation: true,
        emailLanguage: language,
        comments,
      });
      const [mail] = await waitForMailsTo(smtp, address, 1);
      const i18n = translator(language);
      const names = { agentName: t.adminAgent.name, orgName: ORG };
      const expires = formatUtcDateTime(i18n, created.expiresAt);

      expect(mail!.subject).toBe(i18n.t('mail.invitation.subject', names));
      const text = mail!.text ?? '';
      for (const part of [
        i18n.t('mail.greeting', { name }),
        i18n.t('mail.invitation.intro', names),
        i18n.t('mail.invitation.commentsLabel'),
        `> ${comments}`,
        i18n.t('mail.invitation.linkIntro'),
        created.link,
        i18n.t('mail.invitation.pinIntro', { pinUrl: `${t.url}/pin` }),
        spacedPin(created.pin),
        i18n.t('mail.invitation.expires', { when: expires }),
        i18n.t('mail.invitation.ignore'),
        i18n.t('mail.signature', { orgName: ORG }),
      ]) {
        expect(text).toContain(part);
      }
      // No English leaks into another language's mail.
      expect(text).not.toContain(translator('en').t('mail.invitation.linkIntro'));

      const html = mail!.html ?? '';
      expect(html).toContain(`<html lang="${language}">`);
      for (const part of [
        i18n.t('mail.greeting', { name }),
        i18n.t('mail.invitation.intro', names),
        comments,
        i18n.t('mail.invitation.linkIntro'),
        i18n.t('mail.invitation.expires', { when: expires }),
      ]) {
        expect(html).toContain(escapeHtml(part));
      }
      expect(html).toContain(`href="${created.link}"`);
    });
  });

  it('escapes the request’s values in the HTML part, never writing them raw', async () => {
    const address = freshAddress('escape');
    const name = '<script>x</script>';
    const comments = '<img src=x onerror="alert(1)"> & <b>bold</b>';
    await create(t, {
      recipientName: name,
      recipientEmail: address,
      sendInvitation: true,
      comments,
    });
    const [mail] = await waitForMailsTo(smtp, address, 1);
    const html = mail!.html ?? '';

    expect(html).toContain(escapeHtml(translator('en').t('mail.greeting', { name })));
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain(escapeHtml(comments));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    // Plain text is not HTML: there the values are as typed.
    expect(mail!.text).toContain(translator('en').t('mail.greeting', { name }));
  });

  it('sends nothing when the invitation is not wanted', async () => {
    const address = freshAddress('no-invitation');
    const created = await create(t, {
      recipientName: 'Quiet',
      recipientEmail: address,
      sendInvitation: false,
    });
    await marker();
    expect(mailsTo(smtp, address)).toEqual([]);
    const events = await timeline(t.admin, created.id);
    expect(ofType(events, 'email_queued')).toEqual([]);
    expect(ofType(events, 'email_sent')).toEqual([]);
  });

  it('sends the invitation again on resend', async () => {
    const address = freshAddress('resend');
    const created = await create(t, {
      recipientName: 'Resent',
      recipientEmail: address,
      sendInvitation: true,
      emailLanguage: 'fr',
    });
    await waitForMailsTo(smtp, address, 1);
    expectStatus(await t.admin.post<SessionRequest>(`/requests/${created.id}/resend`), 200);
    const mails = await waitForMailsTo(smtp, address, 2);

    expect(mails).toHaveLength(2);
    const subject = translator('fr').t('mail.invitation.subject', {
      agentName: t.adminAgent.name,
      orgName: ORG,
    });
    for (const mail of mails) {
      expect(mail.subject).toBe(subject);
      expect(mail.text).toContain(created.link);
      expect(mail.text).toContain(spacedPin(created.pin));
    }
    // A resend is a new message, not a retry of the first.
    expect(mails[0]!.messageId).not.toBe(mails[1]!.messageId);

    const events = await until('both e-mails in the timeline', async () => {
      const events = await timeline(t.admin, created.id);
      return ofType(events, 'email_sent').length >= 2 && events;
    });
    expect(ofType(events, 'email_queued', 'invitation')).toHaveLength(2);
    expect(ofType(events, 'email_sent', 'invitation')).toHaveLength(2);
  });

  it('e-mails each invited technician the join link and the session code', async () => {
    const first = await createAgent(t, { name: 'Tessa Tech', channels: [{ id: t.supportChannel.id }] });
    const second = await createAgent(t, { name: 'Theo Tech', channels: [{ id: t.supportChannel.id }] });
    const created = await create(t, {
      recipientName: 'Rita Recipient',
      channelId: t.supportChannel.id,
    });
    const invited = expectStatus(
      await t.admin.post<SessionRequest>(`/requests/${created.id}/invite`, {
        agentIds: [first.agent.id, second.agent.id],
      }),
      200,
    );
    expect(invited.participants.map((p) => p.agentId).sort()).toEqual(
      [first.agent.id, second.agent.id].sort(),
    );

    const code = created.sessionCode;
    const en = translator('en');
    const inviterName = t.adminAgent.name;
    for (const invitee of [first.agent, second.agent]) {
      const mails = await waitForMailsTo(smtp, invitee.email, 1);
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.subject).toBe(en.t('mail.technician.subject', { inviterName }));
      expect(mail.text).toContain(en.t('mail.greeting', { name: invitee.name }));
      expect(mail.text).toContain(
        en.t('mail.technician.intro', { inviterName, recipientName: 'Rita Recipient' }),
      );
      expect(mail.text).toContain(`sessiondesk://join/${code}`);
      expect(mail.text).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
      expect(mail.html).toContain(`href="sessiondesk://join/${code}"`);
    }

    const events = await until('both technician e-mails in the timeline', async () => {
      const events = await timeline(t.admin, created.id);
      return ofType(events, 'email_sent', 'technician_invitation').length >= 2 && events;
    });
    expect(ofType(events, 'invited')).toHaveLength(1);
    expect(
      ofType(events, 'email_sent', 'technician_invitation')
        .map((e) => e.data['to'])
        .sort(),
    ).toEqual([first.agent.email, second.agent.email].sort());
  });

  it('tells the end user when the request is closed before anyone connected', async () => {
    const address = freshAddress('closed');
    const created = await create(t, {
      recipientName: 'Clara',
      recipientEmail: address,
      sendInvitation: true,
      emailLanguage: 'de',
    });
    await waitForMailsTo(smtp, address, 1);
    expectStatus(await t.admin.post(`/requests/${created.id}/close`), 200);
    const mails = await waitForMailsTo(smtp, address, 2);

    expect(mails).toHaveLength(2);
    const de = translator('de');
    expect(mails[1]!.subject).toBe(de.t('mail.closed.subject'));
    expect(mails[1]!.text).toContain(de.t('mail.closed.body', { agentName: t.adminAgent.name }));
    expect(mails[1]!.text).toContain(de.t('mail.closed.help'));
    const events = await until('the update in the timeline', async () => {
      const events = await timeline(t.admin, created.id);
      return ofType(events, 'email_sent', 'update').length > 0 && events;
    });
    expect(ofType(events, 'email_sent', 'update')).toHaveLength(1);
  });

  it('does not send the "closed" update once an agent has connected', async () => {
    const address = freshAddress('closed-after-connect');
    const created = await create(t, {
      recipientName: 'Connie',
      recipientEmail: address,
      sendInvitation: true,
    });
    await waitForMailsTo(smtp, address, 1);
    const token = tokenOf(created.link);
    expect((await t.api.call('GET', `/j/${token}`)).status).toBe(200);
    expect((await t.api.call('POST', `/j/${token}/allow`, 'remoteId=123456789', FORM)).status).toBe(303);
    expectStatus(await t.admin.post(`/requests/${created.id}/connect`), 200);
    expectStatus(await t.admin.post(`/requests/${created.id}/disconnect`), 200);
    const closed = expectStatus(await t.admin.post<SessionRequest>(`/requests/${created.id}/close`), 200);
    expect(closed.status).toBe('closed');

    await marker();
    expect(mailsTo(smtp, address)).toHaveLength(1);
    const events = await timeline(t.admin, created.id);
    expect(ofType(events, 'email_sent', 'update')).toEqual([]);
    expect(ofType(events, 'email_failed')).toEqual([]);
  });

  it('tells the end user the new time when the request is rescheduled', async () => {
    const address = freshAddress('rescheduled');
    const created = await create(t, {
      recipientName: 'Rosa',
      recipientEmail: address,
      sendInvitation: true,
      emailLanguage: 'es',
    });
    await waitForMailsTo(smtp, address, 1);
    const scheduledAt = new Date(t.clock.now() + 2 * 3_600_000).toISOString();
    const expiresAt = new Date(t.clock.now() + 6 * 3_600_000).toISOString();
    const rescheduled = expectStatus(
      await t.admin.post<SessionRequest>(`/requests/${created.id}/reschedule`, { scheduledAt, expiresAt }),
      200,
    );
    expect(rescheduled).toMatchObject({ scheduledAt, expiresAt });
    const mails = await waitForMailsTo(smtp, address, 2);

    expect(mails).toHaveLength(2);
    const es = translator('es');
    const agentName = t.adminAgent.name;
    const mail = mails[1]!;
    expect(mail.subject).toBe(es.t('mail.rescheduled.subject', { agentName }));
    expect(mail.text).toContain(es.t('mail.rescheduled.body', { agentName }));
    expect(mail.text).toContain(
      es.t('mail.rescheduled.scheduled', { when: formatUtcDateTime(es, scheduledAt) }),
    );
    expect(mail.text).toContain(es.t('mail.rescheduled.expires', { when: formatUtcDateTime(es, expiresAt) }));
    expect(mail.text).toContain(created.link);
  });
});

describe('e-mail when the SMTP server fails', () => {
  let t: TestService | undefined;
  let smtp: SmtpListener | undefined;

  beforeEach(async () => {
    ({ t, smtp } = await startServiceWithSmtp());
  });

  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
    smtp = undefined;
  });

  it('retries after refusals and delivers the message exactly once', async () => {
    smtp!.refuseNext(2);
    const address = freshAddress('retry');
    const created = await create(t!, {
      recipientName: 'Retry',
      recipientEmail: address,
      sendInvitation: true,
    });
    const events = await until(
      'the outcome in the timeline',
      async () => {
        const events = await timeline(t!.admin, created.id);
        return events.some((e) => e.type === 'email_sent' || e.type === 'email_failed') && events;
      },
      { tick: nudge(t!) },
    );
    expect(ofType(events, 'email_sent', 'invitation')).toHaveLength(1);
    expect(ofType(events, 'email_failed')).toEqual([]);
    expect(mailsTo(smtp!, address)).toHaveLength(1);
    expect(mailsTo(smtp!, address)[0]!.text).toContain(created.link);
  });

  it('gives up after the last attempt: email_failed in the timeline, nothing delivered', async () => {
    // The harness allows 4 attempts; refuse more than that.
    smtp!.refuseNext(5);
    const address = freshAddress('give-up');
    const created = await create(t!, {
      recipientName: 'Given Up',
      recipientEmail: address,
      sendInvitation: true,
    });
    const events = await until(
      'the outcome in the timeline',
      async () => {
        const events = await timeline(t!.admin, created.id);
        return events.some((e) => e.type === 'email_sent' || e.type === 'email_failed') && events;
      },
      { tick: nudge(t!) },
    );
    const failed = ofType(events, 'email_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.data).toMatchObject({ kind: 'invitation', to: address });
    expect(failed[0]!.actor).toEqual({ kind: 'system' });
    expect(ofType(events, 'email_sent')).toEqual([]);
    expect(mailsTo(smtp!, address)).toEqual([]);

    // Once the server accepts mail again, later mail goes through, and the given-up message stays unsent.
    smtp!.refuseNext(0);
    const later = freshAddress('after-give-up');
    await create(t!, { recipientName: 'Later', recipientEmail: later, sendInvitation: true });
    await waitForMailsTo(smtp!, later, 1, nudge(t!));
    expect(mailsTo(smtp!, address)).toEqual([]);
    expect(ofType(await timeline(t!.admin, created.id), 'email_sent')).toEqual([]);
  });
});

describe('the outbox across a restart, and without SMTP', () => {
  let t: TestService | undefined;
  let smtp: SmtpListener | undefined;

  afterEach(async () => {
    await t?.cleanup();
    await smtp?.stop();
    t = undefined;
    smtp = undefined;
  });

  it('delivers mail queued while SMTP was unreachable, exactly once, after a restart', async () => {
    t = await startTestService({ flags: ['--smtp-url', `smtp://127.0.0.1:${await unusedPort()}`] });
    const address = freshAddress('restart');
    const created = await create(t, {
      recipientName: 'Restarted',
      recipientEmail: address,
      sendInvitation: true,
    });
    // The first attempt finishes (and fails) before the service stops.
    await t.service.outbox.drain();
    const before = await timeline(t.admin, created.id);
    expect(ofType(before, 'email_queued', 'invitation')).toHaveLength(1);
    expect(ofType(before, 'email_sent')).toEqual([]);
    expect(ofType(before, 'email_failed')).toEqual([]);
    await t.stop();

    smtp = await SmtpListener.start();
    t = await t.restart({ flags: ['--smtp-url', smtp.url] });
    const restarted = t;
    const events = await until(
      'the invitation sent after the restart',
      async () => {
        const events = await timeline(restarted.admin, created.id);
        return events.some((e) => e.type === 'email_sent' || e.type === 'email_failed') && events;
      },
      { tick: nudge(restarted) },
    );
    expect(ofType(events, 'email_sent', 'invitation')).toHaveLength(1);
    expect(ofType(events, 'email_failed')).toEqual([]);
    const mails = mailsTo(smtp, address);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(created.link);
    expect(smtp.messages).toHaveLength(1);
  });

  it('writes the message as an .eml file under <dataDir>/mail when no SMTP server is configured', async () => {
    t = await startTestService();
    const service = t;
    const address = freshAddress('eml');
    const created = await create(service, {
      recipientName: 'Filed',
      recipientEmail: address,
      sendInvitation: true,
    });
    await until('the invitation written', async () =>
      ofType(await timeline(service.admin, created.id), 'email_sent', 'invitation').length === 1
        ? true
        : undefined,
    );

    const folder = join(service.dataDir, 'mail');
    const files = readdirSync(folder).filter((name) => name.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const raw = readFileSync(join(folder, files[0]!));
    const mail = await PostalMime.parse(raw);
    expect(mail.to?.[0]?.address).toBe(address);
    expect(mail.subject).toBe(
      translator('en').t('mail.invitation.subject', {
        agentName: service.adminAgent.name,
        orgName: ORG,
      }),
    );
    expect(mail.text).toContain(created.link);
    expect(mail.html).toContain(`href="${created.link}"`);
  });
});

describe('dates in e-mails', () => {
  it('are written in UTC in the language’s style, saying so, as the recipient’s zone is unknown', () => {
    const at = Date.UTC(2026, 0, 5, 14, 30);
    expect(formatUtcDateTime(translator('de'), at)).toBe('Montag, 5. Januar 2026 um 14:30 (UTC)');
    expect(formatUtcDateTime(translator('de'), new Date(at).toISOString())).toBe(
      formatUtcDateTime(translator('de'), at),
    );
  });
});
