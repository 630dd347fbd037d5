/**
 * Reports through the HTTP API of a real service: a small world built by the API (the end user's side by
 * the join page's routes, expiry by the service's clock) and the figures GET /reports/summary computes
 * from it, exactly; who sees what (an agent their own work, admins never another agent's Private channel);
 * the CSV export's bytes (BOM, UTF-8 of a Chinese and a Portuguese name, RFC 4180 quoting, CRLF, no cell
 * a spreadsheet would run as a formula); the refusals of bad filters; the facts the figures add up follow
 * each change and leave with a deleted request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { LoginResponse } from '@shared/protocol/api';
import type { ReportSummary } from '@shared/protocol/integrations';
import { type Api, expectRefused, expectStatus } from '../support/api-client';
import { ManualClock } from '../support/clock';
import { createChannel, createRequest, EndUser, FORM } from '../support/requests';
import { ADMIN, createAgent, startTestService, type TestService } from '../support/service-harness';

const DAY_1 = Date.parse('2026-11-10T09:00:00Z');
const DAY_2 = Date.parse('2026-11-11T09:00:00Z');
const SECOND = 1_000;

/**
 * A signed-in agent whose access token is renewed (by its refresh token) when the test moves the clock by
 * hours: access tokens last 15 minutes of the service's clock.
 */
class Signed {
  api: Api;
  accessToken: string;
  private refreshToken: string;
  private renewedAt: number;
  constructor(
    readonly agent: LoginResponse['agent'],
    login: LoginResponse,
  ) {
    this.accessToken = login.accessToken;
    this.refreshToken = login.refreshToken;
    this.api = t.api.as(login.accessToken);
    this.renewedAt = t.clock.now();
  }
  async renew(): Promise<void> {
    if (t.clock.now() - this.renewedAt < 10 * 60 * SECOND) return;
    const login = expectStatus(
      await t.api.post<LoginResponse>('/auth/refresh', { refreshToken: this.refreshToken }),
      200,
    );
    this.accessToken = login.accessToken;
    this.refreshToken = login.refreshToken;
    this.api = t.api.as(login.accessToken);
    this.renewedAt = t.clock.now();
  }
}

let t: TestService;
let admin: Signed;
let alice: Signed;
let bob: Signed;
let billing: string;
let alicePrivate: string;
/** When Alice's Private request R4 connected: its session is still open. */
let r4ConnectedAt: number;

/** Moves the service's clock to `at` (never back), the agents' sign-ins kept valid. */
async function at(time: number): Promise<void> {
  const now = t.clock.now();
  if (time < now) throw new Error('the test clock only moves forward');
  t.clock.advance(time - now);
  for (const signed of [admin, alice, bob]) await signed.renew();
}

async function signIn(email: string, password: string): Promise<Signed> {
  const login = expectStatus(await t.api.post<LoginResponse>('/auth/login', { email, password }), 200);
  return new Signed(login.agent, login);
}

async function act(api: Api, request: SessionRequest, action: string): Promise<void> {
  expectStatus(await api.post(`/requests/${request.id}/${action}`), 200);
}

async function summary(api: Api, query: Record<string, string> = {}): Promise<ReportSummary> {
  return expectStatus(await api.get<ReportSummary>(`/reports/summary?${new URLSearchParams(query)}`), 200);
}

/** A form post of the join page, with no fields. */
const FORM_POST = { headers: FORM, body: '' };

const PERIOD = { from: '2026-11-10T00:00:00Z', to: '2026-11-12T00:00:00Z' };

beforeAll(async () => {
  t = await startTestService({ clock: new ManualClock(DAY_1 - 3_600 * SECOND) });
  const agents = [await createAgent(t, { name: 'Alice Ames' }), await createAgent(t, { name: 'Bob Brown' })];
  billing = (await createChannel(t, agents)).id;
  admin = await signIn(ADMIN.email, ADMIN.password);
  [alice, bob] = agents.map(({ agent, login }) => new Signed(agent, login)) as [Signed, Signed];
  alicePrivate = (
    await alice.api.get<{ channels: { id: string; kind: string }[] }>('/channels')
  ).body.channels.find((channel) => channel.kind === 'private')!.id;

  // Day 1. R1 (Alice, Billing): Ready after 90 s, connected 60 s later for 600 s, closed.
  await at(DAY_1);
  const r1 = await createRequest(alice.api, 'Rita One', billing);
  const u1 = new EndUser(t.url, r1);
  await at(DAY_1 + 30 * SECOND);
  await u1.open();
  await at(DAY_1 + 90 * SECOND);
  await u1.allow();
  await at(DAY_1 + 150 * SECOND);
  await act(alice.api, r1, 'connect');
  await at(DAY_1 + 750 * SECOND);
  await act(alice.api, r1, 'disconnect');
  await at(DAY_1 + 800 * SECOND);
  await act(alice.api, r1, 'close');

  // R2 (Bob, Billing): the end user denies.
  await at(DAY_1 + 1_000 * SECOND);
  const r2 = await createRequest(bob.api, 'Rui Two', billing, {
    expiresAt: new Date(DAY_1 + 7 * 86_400 * SECOND).toISOString(),
  });
  const u2 = new EndUser(t.url, r2);
  await u2.open();
  await at(DAY_1 + 1_040 * SECOND);
  await u2.deny();

  // R3 (the admin, Support, unassigned): expires an hour later, by the service's clock.
  await at(DAY_1 + 2_000 * SECOND);
  const r3 = await createRequest(admin.api, 'Ruth Three', t.supportChannel.id, {
    assignTo: { type: 'unassigned' },
    expiresAt: new Date(DAY_1 + 5_600 * SECOND).toISOString(),
  });
  await at(DAY_1 + 6_000 * SECOND);
  expect((await t.service.services.expiry.runDue()).expired).toBe(1);
  expect((await admin.api.get<SessionRequest>(`/requests/${r3.id}`)).body.status).toBe('expired');

  // Day 2. R4 (Alice's Private channel): Ready after 300 s, connected 60 s later, still connected.
  await at(DAY_2);
  const r4 = await createRequest(alice.api, 'Rosa Four');
  const u4 = new EndUser(t.url, r4);
  await u4.open();
  await at(DAY_2 + 300 * SECOND);
  await u4.allow();
  await at(DAY_2 + 360 * SECOND);
  await act(alice.api, r4, 'connect');
  r4ConnectedAt = t.clock.now();

  // R5 (Bob, Billing): Ready after 600 s, connected 600 s later for 300 s, closed.
  await at(DAY_2 + 1_000 * SECOND);
  const r5 = await createRequest(bob.api, 'Raul Five', billing);
  const u5 = new EndUser(t.url, r5);
  await u5.open();
  await at(DAY_2 + 1_600 * SECOND);
  await u5.allow();
  await at(DAY_2 + 2_200 * SECOND);
  await act(bob.api, r5, 'connect');
  await at(DAY_2 + 2_500 * SECOND);
  await act(bob.api, r5, 'disconnect');
  await act(bob.api, r5, 'close');

  await at(DAY_2 + 3_600 * SECOND);
  // The world is some sixty calls: more than the default hook time on a loaded machine.
}, 120_000);

afterAll(() => t.cleanup());

describe('the summary', () => {
  it('counts what happened to the requests of the shared channels, for an admin', async () => {
    const report = await summary(admin.api, PERIOD);
    expect(report.from).toBe('2026-11-10T00:00:00.000Z');
    expect(report.to).toBe('2026-11-12T00:00:00.000Z');
    // R1, R2, R3, R5 — not R4, in Alice's Private channel.
    expect(report.totals).toEqual({
      created: 4,
      allowed: 2,
      denied: 1,
      connected: 2,
      closed: 2,
      expired: 1,
      // 90 s and 600 s: the median halfway, p90 at 90 + 0.9 × 510.
      timeToReady: { medianSeconds: 345, p90Seconds: 549 },
      // 60 s and 600 s.
      timeToConnect: { medianSeconds: 330, p90Seconds: 546 },
      sessionSeconds: 900,
    });
    expect(report.perDay).toEqual([
      { day: '2026-11-10', created: 3, allowed: 1, denied: 1, connected: 1, closed: 1, expired: 1 },
      { day: '2026-11-11', created: 1, allowed: 1, denied: 0, connected: 1, closed: 1, expired: 0 },
    ]);
    expect(
      report.perChannel.map((c) => [c.channelId, c.created, c.allowed, c.expired, c.sessionSeconds]),
    ).toEqual([
      [billing, 3, 2, 0, 900],
      [t.supportChannel.id, 1, 0, 1, 0],
    ]);
    expect(report.perChannel[1]?.channelName).toBe('Support');
    const perAgent = Object.fromEntries(report.perAgent.map((a) => [a.agentName ?? 'unassigned', a]));
    expect(Object.keys(perAgent).sort()).toEqual(['Alice Ames', 'Bob Brown', 'unassigned']);
    expect(perAgent['Bob Brown']).toMatchObject({
      agentId: bob.agent.id,
      created: 2,
      allowed: 1,
      denied: 1,
      timeToReady: { medianSeconds: 600, p90Seconds: 600 },
      sessionSeconds: 300,
    });
    expect(perAgent['Alice Ames']).toMatchObject({ created: 1, timeToConnect: { medianSeconds: 60 } });
    expect(perAgent['unassigned']).toMatchObject({ agentId: null, created: 1, expired: 1 });
    expect(report.timeToReadyHistogram).toEqual([
      { upToSeconds: 60, count: 0 },
      { upToSeconds: 120, count: 1 },
      { upToSeconds: 300, count: 0 },
      { upToSeconds: 600, count: 1 },
      { upToSeconds: 1800, count: 0 },
      { upToSeconds: 3600, count: 0 },
      { upToSeconds: null, count: 0 },
    ]);
  });

  it('covers [from, to): a period of day 2 alone has R5 alone; agentId and channelId narrow it', async () => {
    const day2 = await summary(admin.api, { from: '2026-11-11T00:00:00Z', to: '2026-11-12T00:00:00Z' });
    expect(day2.totals).toMatchObject({ created: 1, allowed: 1, closed: 1, sessionSeconds: 300 });
    expect(day2.perDay.map((d) => d.day)).toEqual(['2026-11-11']);
    const bobs = await summary(admin.api, { ...PERIOD, agentId: bob.agent.id });
    expect(bobs.totals).toMatchObject({ created: 2, denied: 1 });
    const support = await summary(admin.api, { ...PERIOD, channelId: t.supportChannel.id });
    expect(support.totals).toMatchObject({ created: 1, expired: 1 });
    const before = await summary(admin.api, { from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' });
    expect(before.totals).toEqual({
      created: 0,
      allowed: 0,
      denied: 0,
      connected: 0,
      closed: 0,
      expired: 0,
      timeToReady: { medianSeconds: null, p90Seconds: null },
      timeToConnect: { medianSeconds: null, p90Seconds: null },
      sessionSeconds: 0,
    });
    expect(before.perDay.map((d) => [d.day, d.created])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 0],
    ]);
    expect([before.perChannel, before.perAgent]).toEqual([[], []]);
    expect(before.timeToReadyHistogram.every((bucket) => bucket.count === 0)).toBe(true);
  });

  it('answers a quiet period (no request in it) with zeros, with or without a channel', async () => {
    const quiet = { from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' };
    const cases: [Api, Record<string, string>][] = [
      [admin.api, quiet],
      [admin.api, { ...quiet, channelId: billing }],
      [alice.api, quiet],
      [alice.api, { ...quiet, channelId: alicePrivate, agentId: alice.agent.id }],
    ];
    for (const [api, query] of cases) {
      const report = await summary(api, query);
      expect(report.from).toBe('2020-01-01T00:00:00.000Z');
      expect(report.totals).toMatchObject({ created: 0, allowed: 0, sessionSeconds: 0 });
      expect(report.totals.timeToReady).toEqual({ medianSeconds: null, p90Seconds: null });
      expect(report.perDay).toHaveLength(31);
      expect(report.perDay.every((day) => day.created === 0)).toBe(true);
      expect([report.perChannel, report.perAgent]).toEqual([[], []]);
    }
  });

  it('defaults to the last 30 days up to now', async () => {
    const report = await summary(admin.api);
    expect(Date.parse(report.to)).toBe(t.clock.now());
    expect(Date.parse(report.to) - Date.parse(report.from)).toBe(30 * 86_400_000);
    expect(report.perDay).toHaveLength(31);
    expect(report.totals.created).toBe(4);
  });

  it('shows an agent their own work, their Private channel included, an open session counted to now', async () => {
    const report = await summary(alice.api, PERIOD);
    // R1 and R4: assigned to Alice; R4's session runs on.
    expect(report.totals).toMatchObject({ created: 2, allowed: 2, connected: 2, closed: 1 });
    expect(report.totals.sessionSeconds).toBe(600 + (t.clock.now() - r4ConnectedAt) / SECOND);
    expect(report.perChannel.map((c) => c.channelId).sort()).toEqual([alicePrivate, billing].sort());
    const own = await summary(alice.api, { ...PERIOD, agentId: alice.agent.id });
    expect(own.totals.created).toBe(2);
  });

  it('refuses an agent another agent’s work (403) and a channel they cannot see (404)', async () => {
    expectRefused(await bob.api.get(`/reports/summary?agentId=${alice.agent.id}`), 403, 'reports_own_work');
    expectRefused(await bob.api.get(`/reports/summary?channelId=${alicePrivate}`), 404, 'not_found');
    // An admin does not see another agent's Private channel either.
    expectRefused(await admin.api.get(`/reports/summary?channelId=${alicePrivate}`), 404, 'not_found');
  });

  it('refuses bad filters with the fields at fault', async () => {
    const cases: [string, string, string][] = [
      ['from=yesterday', 'from', 'invalid_datetime'],
      ['channelId=billing', 'channelId', 'invalid_id'],
      ['colour=red', 'colour', 'unknown_fields'],
      [`from=${PERIOD.to}&to=${PERIOD.from}`, 'to', 'period_order'],
      ['from=2000-01-01T00:00:00Z&to=2020-01-01T00:00:00Z', 'from', 'duration_too_long'],
      ['agentId=00000000-0000-4000-8000-000000000000', 'agentId', 'unknown_agent'],
    ];
    for (const [query, field, code] of cases) {
      for (const path of ['/reports/summary', '/reports/requests.csv']) {
        const response = await admin.api.get(`${path}?${query}`);
        expectRefused(response, 400, 'invalid_input');
        expect(response.body.error.fields, `${path}?${query}`).toEqual([
          expect.objectContaining({ field, code }),
        ]);
      }
    }
  });
});

describe('the CSV export', () => {
  it('is UTF-8 with a BOM, RFC 4180 quoted, CRLF, an attachment named after the period', async () => {
    await at(Date.parse('2026-11-11T12:00:00Z'));
    for (const name of ['陳大文', 'João Conceição', 'Smith, "Jo"\r\nJr', '=HYPERLINK("http://x")', '-1+2']) {
      t.clock.advance(1);
      const ticket = { system: 'freshservice', id: 'INC-1042', url: 'https://desk.example/t/1042' };
      await createRequest(bob.api, name, billing, name === '陳大文' ? { externalRef: ticket } : {});
    }
    const response = await fetch(`${t.url}/api/v1/reports/requests.csv?${new URLSearchParams(PERIOD)}`, {
      headers: { authorization: `Bearer ${bob.accessToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="requests-2026-11-10-2026-11-12.csv"',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from([0xe9, 0x99, 0xb3, 0xe5, 0xa4, 0xa7, 0xe6, 0x96, 0x87]))).toBe(true); // 陳大文
    expect(bytes.includes(Buffer.from('Jo\u00e3o Concei\u00e7\u00e3o', 'utf8'))).toBe(true);
    expect(bytes.includes(Buffer.from('Joa\u0303o', 'utf8'))).toBe(false);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const records = text.slice(0, -2).split(/\r\n(?=[0-9a-f]{8}-|id,)/);
    expect(records[0]).toBe(
      'id,created_at,channel,assignee,recipient_name,status,consent,allowed_at,denied_at,connected_at,finished_at,session_seconds,ticket_system,ticket_id,ticket_url,outcome,rating',
    );
    // Bob's own work, oldest first: R2, R5, then the four above.
    const names = records.slice(1).map((record) => record.split(',')[4]);
    expect(names.slice(0, 4)).toEqual(['Rui Two', 'Raul Five', '陳大文', 'João Conceição']);
    // Neither closed with an outcome nor rated: both cells empty.
    expect(records[3]).toMatch(/,freshservice,INC-1042,https:\/\/desk\.example\/t\/1042,,$/);
    expect(records[5]).toContain(',"Smith, ""Jo""\r\nJr",');
    // Typed text Excel would run as a formula gets a leading ' (services/csv-export.ts); the service's
    // own figures stay numbers (R5's 300 seconds below).
    expect(records[6]).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(records[7]).toContain(",'-1+2,");
    expect(text).not.toMatch(/,=HYPERLINK|,-1\+2/);
    const r5 = records[2]!.split(',');
    expect(r5.slice(5)).toEqual([
      'closed',
      'granted',
      '2026-11-11T09:26:40.000Z',
      '',
      '2026-11-11T09:36:40.000Z',
      '2026-11-11T09:41:40.000Z',
      '300',
      '',
      '',
      '',
      // Closed without an outcome, not rated.
      '',
      '',
    ]);
    expect(r5[3]).toBe('Bob Brown');
  });

  it('pages through the store: more requests than one page come out whole, in order', async () => {
    const before = (await summary(admin.api, PERIOD)).totals.created;
    await at(Date.parse('2026-11-11T13:00:00Z'));
    for (let i = 0; i < 1_005; i++) {
      t.clock.advance(1);
      await createRequest(admin.api, `Bulk ${String(i).padStart(4, '0')}`, t.supportChannel.id);
    }
    const response = await admin.api.get(`/reports/requests.csv?${new URLSearchParams(PERIOD)}`);
    expect(response.status).toBe(200);
    const lines = (response.body as string).replace(/^\uFEFF/, '').split(/\r\n(?=[0-9a-f]{8}-|$)/);
    expect(lines.at(-1)).toBe('');
    const ids = lines.slice(1, -1).map((line) => line.slice(0, 36));
    expect(ids).toHaveLength(before + 1_005);
    expect(new Set(ids).size).toBe(ids.length);
    const bulk = lines.filter((line) => line.includes(',Bulk '));
    expect(bulk.map((line) => line.split(',')[4])).toEqual(
      Array.from({ length: 1_005 }, (_, i) => `Bulk ${String(i).padStart(4, '0')}`),
    );
  }, 300_000);
});

describe('session time', () => {
  it('adds each agent’s own span: one ends at their disconnect, the other when the end user ends access', async () => {
    const day3 = Date.parse('2026-11-12T09:00:00Z');
    await at(day3);
    const request = await createRequest(alice.api, 'Sara Six', billing);
    const user = new EndUser(t.url, request);
    await user.open();
    await at(day3 + 60 * SECOND);
    await user.allow();
    await at(day3 + 120 * SECOND);
    await act(alice.api, request, 'connect');
    expectStatus(await alice.api.post(`/requests/${request.id}/invite`, { agentIds: [bob.agent.id] }), 200);
    await at(day3 + 180 * SECOND);
    await act(bob.api, request, 'connect');
    await at(day3 + 300 * SECOND);
    await act(alice.api, request, 'disconnect');
    await at(day3 + 400 * SECOND);
    // End access: nobody counts as connected any more (the join page's form).
    const path = new URL(request.link).pathname;
    const ended = await fetch(`${t.url}${path}/end`, { method: 'POST', redirect: 'manual', ...FORM_POST });
    expect(ended.status).toBe(303);
    await at(day3 + 3_600 * SECOND);

    const report = await summary(admin.api, { from: '2026-11-12T00:00:00Z', to: '2026-11-13T00:00:00Z' });
    // Alice 120 s → 300 s, Bob 180 s → 400 s; nothing counted after the end, an hour later.
    expect(report.totals).toMatchObject({ created: 1, allowed: 1, connected: 1, sessionSeconds: 180 + 220 });
    expect(report.totals.timeToConnect).toEqual({ medianSeconds: 60, p90Seconds: 60 });
  });
});

describe('the facts reports add up', () => {
  it('follow each change of the request — assignee, channel — and leave with it when it is deleted', async () => {
    const day4 = Date.parse('2026-11-13T09:00:00Z');
    const period = { from: '2026-11-13T00:00:00Z', to: '2026-11-14T00:00:00Z' };
    await at(day4);
    const request = await createRequest(admin.api, 'Tess Seven', t.supportChannel.id, {
      assignTo: { type: 'unassigned' },
    });
    let report = await summary(admin.api, period);
    expect(report.perAgent.map((a) => [a.agentId, a.created])).toEqual([[null, 1]]);
    expect(report.perChannel.map((c) => [c.channelId, c.created])).toEqual([[t.supportChannel.id, 1]]);

    // Into another channel's queue, then to Bob.
    expectStatus(await admin.api.post(`/requests/${request.id}/transfer`, { channelId: billing }), 200);
    expectStatus(await admin.api.post(`/requests/${request.id}/assign`, { agentId: bob.agent.id }), 200);
    report = await summary(admin.api, period);
    expect(report.perAgent.map((a) => [a.agentId, a.created])).toEqual([[bob.agent.id, 1]]);
    expect(report.perChannel.map((c) => [c.channelId, c.created])).toEqual([[billing, 1]]);
    expect((await summary(bob.api, period)).totals.created).toBe(1);

    expectStatus(await admin.api.delete(`/requests/${request.id}`), 204);
    report = await summary(admin.api, period);
    expect(report.totals.created).toBe(0);
    expect([report.perChannel, report.perAgent]).toEqual([[], []]);
  });
});
