/**
 * Issue 19's wrap-up and "How did we do?" against a real service (SQLite, and PostgreSQL in the `postgres`
 * project): closing with an outcome and a wrap-up note — required when the organisation says so —, kept in
 * the timeline, the report's facts and figures, the CSV and the request.closed webhook; the end user's
 * rating on the closed request's page, once, in the request's language, as a `rated` event in the feed and
 * a request.rated webhook; the survey e-mail to a real SMTP server when the organisation enables it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { translator } from '@shared/i18n/translator';
import type { Organisation, TimelineEvent } from '@shared/protocol/api';
import type { ReportSummary, WebhookEndpoint } from '@shared/protocol/integrations';
import { expectStatus, type ApiResponse } from '../support/api-client';
import { ManualClock } from '../support/clock';
import { createChannel, createRequest, EndUser, FORM, syncAll, timeline } from '../support/requests';
import type { SmtpListener } from '../support/smtp-listener';
import { startServiceWithSmtp } from '../support/smtp-listener';
import { tokenOf, type TestService } from '../support/service-harness';
import { WebhookReceiver } from '../support/webhook-receiver';

let t: TestService;
let smtp: SmtpListener;

beforeAll(async () => {
  // The clock starts now: a webhook receiver checks a signature's timestamp against the real time.
  ({ t, smtp } = await startServiceWithSmtp({
    flags: ['--webhooks-allow-private', 'true'],
    clock: new ManualClock(Date.now()),
    webhooks: { baseDelayMs: 50, maxDelayMs: 200 },
  }));
});
afterAll(() => t.cleanup());

async function setOrganisation(changes: Partial<Organisation>): Promise<Organisation> {
  return expectStatus(await t.admin.patch<Organisation>('/organisation', changes), 200);
}

/** POST /requests/{id}/close: the request, or a refusal's envelope. */
function close(request: SessionRequest, body: Record<string, unknown> = {}) {
  return t.admin.post(`/requests/${request.id}/close`, body);
}

/** A request in a channel of its own (reports filter by it), with the end user's address. */
async function newRequest(extra: Record<string, unknown> = {}): Promise<SessionRequest> {
  const channel = await createChannel(t);
  return createRequest(t.admin, 'Ana Lima', channel.id, { recipientEmail: 'ana@example.com', ...extra });
}

/** The end user allows access and the agent has a session: what a survey asks about. */
async function afterASession(request: SessionRequest): Promise<void> {
  const endUser = await new EndUser(t.url, request).open();
  await endUser.allow();
  expectStatus(await t.admin.post(`/requests/${request.id}/connect`), 200);
  expectStatus(await t.admin.post(`/requests/${request.id}/disconnect`), 200);
}

function lastOf(events: TimelineEvent[], type: TimelineEvent['type']): TimelineEvent | undefined {
  return events.filter((event) => event.type === type).at(-1);
}

async function summaryOf(request: SessionRequest): Promise<ReportSummary> {
  // A report counts the requests created before now: the clock moves past this one's creation.
  t.clock.advance(1);
  const query = new URLSearchParams({ channelId: request.channelId });
  return expectStatus(await t.admin.get<ReportSummary>(`/reports/summary?${query}`), 200);
}

async function csvOf(request: SessionRequest): Promise<string[][]> {
  t.clock.advance(1);
  const query = new URLSearchParams({ channelId: request.channelId });
  const response = await fetch(`${t.url}/api/v1/reports/requests.csv?${query}`, {
    headers: { authorization: `Bearer ${t.admin.token}` },
  });
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, '');
  return text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

function rate(request: SessionRequest, form: Record<string, string>, acceptLanguage = 'en') {
  return t.api.call<string>(
    'POST',
    `/j/${tokenOf(request.link)}/rating`,
    new URLSearchParams(form).toString(),
    { ...FORM, 'accept-language': acceptLanguage },
  );
}

function pageOf(request: SessionRequest): Promise<ApiResponse<string>> {
  return t.api.call<string>('GET', `/j/${tokenOf(request.link)}`);
}

describe('closing with an outcome and a wrap-up note', () => {
  afterEach(async () => {
    await setOrganisation({ requireCloseOutcome: false });
  });

  it('closes without them when the organisation does not require them, and records none', async () => {
    const request = await newRequest();
    expectStatus(await close(request), 200);
    expect(lastOf(await timeline(t.admin, request.id), 'closed')?.data).toEqual({});
    expect((await summaryOf(request)).outcomes).toEqual({
      resolved: 0,
      notResolved: 0,
      followUp: 0,
      none: 1,
    });
  });

  it('keeps them in the timeline, the report and the CSV', async () => {
    const request = await newRequest();
    const closed = expectStatus<SessionRequest>(
      await close(request, { outcome: 'follow_up', wrapUp: '  Printer driver updated; call back Monday.  ' }),
      200,
    );
    expect(closed.status).toBe('closed');
    expect(lastOf(await timeline(t.admin, request.id), 'closed')?.data).toEqual({
      outcome: 'follow_up',
      wrapUp: 'Printer driver updated; call back Monday.',
    });
    expect((await summaryOf(request)).outcomes).toEqual({
      resolved: 0,
      notResolved: 0,
      followUp: 1,
      none: 0,
    });
    const [header, row] = await csvOf(request);
    expect(header!.slice(-2)).toEqual(['outcome', 'rating']);
    expect(row!.slice(-2)).toEqual(['follow_up', '']);
  });

  it('refuses a close without them when required, naming each missing field, then takes it with them', async () => {
    const settings = await setOrganisation({ requireCloseOutcome: true });
    expect(settings.requireCloseOutcome).toBe(true);
    const request = await newRequest();

    const none = expectStatus(await close(request), 400);
    expect(none.error.code).toBe('invalid_input');
    expect(none.error.fields.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual([
      ['outcome', 'required'],
      ['wrapUp', 'required'],
    ]);
    const blankNote = expectStatus(await close(request, { outcome: 'resolved', wrapUp: '   ' }), 400);
    expect(blankNote.error.fields.map((f: { field: string }) => f.field)).toEqual(['wrapUp']);
    const badOutcome = expectStatus(await close(request, { outcome: 'fixed', wrapUp: 'Done' }), 400);
    expect(badOutcome.error.code).toBe('invalid_input');
    // Nothing was closed by the refusals.
    expect(lastOf(await timeline(t.admin, request.id), 'closed')).toBeUndefined();

    expectStatus(await close(request, { outcome: 'resolved', wrapUp: 'Reset the VPN profile.' }), 200);
    // Closed already: the state refusal, not a missing outcome.
    expect(expectStatus(await close(request), 409).error.code).toBeTruthy();
    expect((await summaryOf(request)).outcomes.resolved).toBe(1);
  });

  it('sends them in the request.closed webhook', async () => {
    const receiver = await WebhookReceiver.start();
    const endpoint = expectStatus(
      await t.admin.post<WebhookEndpoint>('/integrations/webhooks', {
        url: receiver.url,
        events: ['request.closed', 'request.rated'],
      }),
      201,
    );
    try {
      const request = await newRequest();
      expectStatus(await close(request, { outcome: 'not_resolved', wrapUp: 'Needs a new disk.' }), 200);
      expect((await rate(request, { rating: '2', comment: 'Slow' })).status).toBe(303);
      for (let round = 0; receiver.distinct().length < 2; round++) {
        if (round > 200) throw new Error(`not delivered: ${receiver.posts.length} posts so far`);
        t.clock.advance(250);
        await t.service.webhooks.drain();
      }
      const payloads = receiver.distinct().map((post) => post.payload);
      expect(payloads.map((p) => p.type)).toEqual(['request.closed', 'request.rated']);
      expect(payloads[0]!.data).toMatchObject({ outcome: 'not_resolved', wrapUp: 'Needs a new disk.' });
      expect(payloads[1]!.data).toMatchObject({ rating: 2, comment: 'Slow' });
    } finally {
      expectStatus(await t.admin.delete(`/integrations/webhooks/${endpoint.id}`), 204);
      await receiver.close();
    }
  });
});

describe('How did we do?', () => {
  it('asks on a closed request’s page, takes one answer, says thank you, and refuses a second', async () => {
    const request = await newRequest({ emailLanguage: 'es' });
    const es = translator('es');
    // Not before it is closed: no form, and an answer changes nothing.
    expect((await pageOf(request)).body).not.toContain('name="rating"');
    expect((await rate(request, { rating: '5' })).status).toBe(303);

    expectStatus(await close(request, { outcome: 'resolved' }), 200);
    const asking = (await pageOf(request)).body;
    expect(asking).toContain(es.t('joinPage.rating.heading'));
    expect(asking.match(/<input type="radio"[^>]* name="rating" value="[1-5]"/g)).toHaveLength(5);
    expect(asking).toContain(`action="/j/${tokenOf(request.link)}/rating"`);

    const since = (await syncAll(t.admin)).at(-1)?.seq ?? 0;
    const answered = await rate(request, { rating: '4', comment: '<b>Great</b> help' });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`/j/${tokenOf(request.link)}`);
    const thanks = (await pageOf(request)).body;
    expect(thanks).toContain(es.t('joinPage.rating.thanks'));
    expect(thanks).not.toContain('name="rating"');

    // A second answer, in the request's language whatever the browser's.
    const again = await rate(request, { rating: '1' }, 'de');
    expect(again.status).toBe(409);
    expect(again.body).toContain(es.t('joinPage.rating.already'));

    // In the timeline (the end user's, with the comment as sent) and in the agent's change feed.
    const rated = (await timeline(t.admin, request.id)).filter((e) => e.type === 'rated');
    expect(rated).toHaveLength(1);
    expect(rated[0]!.actor).toEqual({ kind: 'end_user' });
    expect(rated[0]!.data).toEqual({ rating: 4, comment: '<b>Great</b> help' });
    const fed = (await syncAll(t.admin, since)).flatMap((change) =>
      change.type === 'request' && change.request.id === request.id ? change.events : [],
    );
    expect(fed.map((e) => e.type)).toEqual(['rated']);

    // Counted by reports, and in the CSV.
    expect((await summaryOf(request)).satisfaction).toEqual({ ratings: 1, averageRating: 4 });
    expect((await csvOf(request))[1]!.slice(-2)).toEqual(['resolved', '4']);
  });

  it('refuses a rating out of range and a comment too long, in the request’s language', async () => {
    const request = await newRequest({ emailLanguage: 'fr' });
    const fr = translator('fr');
    expectStatus(await close(request), 200);

    for (const rating of ['0', '6', 'five', '']) {
      const refused = await rate(request, { rating, comment: 'Merci' });
      expect(refused.status).toBe(400);
      expect(refused.body).toContain(fr.t('joinPage.rating.choose'));
      // What was typed is kept.
      expect(refused.body).toContain('>Merci</textarea>');
    }
    const long = await rate(request, { rating: '3', comment: 'x'.repeat(2_001) }, 'en');
    expect(long.status).toBe(400);
    expect(long.body).toContain(fr.t('joinPage.rating.commentTooLong', { max: 2_000 }));

    expect((await timeline(t.admin, request.id)).some((e) => e.type === 'rated')).toBe(false);
    expect((await rate(request, { rating: '3', comment: 'x'.repeat(2_000) })).status).toBe(303);
  });
});

describe('the survey e-mail', () => {
  afterEach(async () => {
    await setOrganisation({ satisfactionEmail: false });
  });

  it('asks "How did we do?" in the request’s language when the organisation enables it', async () => {
    await setOrganisation({ satisfactionEmail: true });
    const request = await newRequest({ emailLanguage: 'de', recipientEmail: 'jonas@example.com' });
    await afterASession(request);
    expectStatus(await close(request, { outcome: 'resolved' }), 200);

    const [mail] = await smtp.mailsTo('jonas@example.com');
    const de = translator('de');
    const { name: orgName } = expectStatus(await t.admin.get<Organisation>('/organisation'), 200);
    expect(mail!.subject).toBe(de.t('mail.satisfaction.subject', { orgName }));
    expect(mail!.text).toContain(request.link);
    const queued = lastOf(await timeline(t.admin, request.id), 'email_queued');
    expect(queued?.data).toEqual({ kind: 'satisfaction', to: 'jonas@example.com' });
  });

  it('is sent after End session for everyone too, which closes the request', async () => {
    await setOrganisation({ satisfactionEmail: true });
    const request = await newRequest({ emailLanguage: 'pt', recipientEmail: 'joao@example.com' });
    await afterASession(request);
    expect(expectStatus<SessionRequest>(await t.admin.post(`/requests/${request.id}/end`), 200).status).toBe(
      'closed',
    );
    const [mail] = await smtp.mailsTo('joao@example.com');
    expect(mail!.text).toContain(translator('pt').t('mail.satisfaction.linkIntro'));
    // The page asks, as after a close.
    expect((await pageOf(request)).body).toContain(translator('pt').t('joinPage.rating.heading'));
  });

  it('is not sent when the organisation has not enabled it', async () => {
    const request = await newRequest({ recipientEmail: 'kim@example.com' });
    await afterASession(request);
    expectStatus(await close(request, { outcome: 'resolved' }), 200);
    await t.service.outbox.drain();
    expect(smtp.messages.filter((m) => m.to?.some((to) => to.address === 'kim@example.com'))).toEqual([]);
    expect((await timeline(t.admin, request.id)).some((e) => e.type === 'email_queued')).toBe(false);
  });
});
