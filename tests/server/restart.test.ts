/**
 * What the service's clock does across a stop and a start (expiry caught up at once, a Connected request
 * expiring only when its session ends, one reminder per scheduled request), and what survives a crash:
 * the service is killed with SIGKILL while creates are in flight, and every create it had answered 201
 * is there after it starts again, in the change feed, in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Change, LoginResponse } from '@shared/protocol/api';
import { Api, expectStatus } from '../support/api-client';
import { addNote, createRequest, FORM, getRequest, syncAll, timeline } from '../support/requests';
import { ADMIN, startTestService, tokenOf, type TestService } from '../support/service-harness';
import { spawnService, type ServiceChild } from '../support/service-process';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Signs the admin in again: after the clock has moved past the access token's life, for instance. */
async function signIn(url: string, credentials: { email: string; password: string } = ADMIN): Promise<Api> {
  const api = new Api(url);
  const login = expectStatus(await api.post<LoginResponse>('/auth/login', credentials), 200);
  return api.as(login.accessToken);
}

describe('expiry and reminders across a restart', () => {
  let t: TestService | undefined;

  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('expires at once, on start, a request whose time passed while the service was stopped', async () => {
    t = await startTestService();
    const created = await createRequest(t.admin, 'Ed', undefined, {
      expiresAt: iso(t.clock.now() + 5 * MINUTE),
    });
    expect(created.status).toBe('open');
    await t.stop();

    t.clock.advance(10 * MINUTE);
    t = await t.restart({ scheduler: true });

    // No polling: the scheduler's first run happens as the service starts.
    const after = await getRequest(t.admin, created.id);
    expect(after.status).toBe('expired');
    const events = await timeline(t.admin, created.id);
    expect(events.map((e) => e.type)).toEqual(['created', 'assigned', 'expired']);
    expect(events.at(-1)!.actor).toEqual({ kind: 'system' });

    const change = (await syncAll(t.admin)).find(
      (c): c is Extract<Change, { type: 'request' }> => c.type === 'request' && c.request.id === created.id,
    );
    expect(change?.request.status).toBe('expired');
    expect(change?.seq).toBe(after.seq);
    expect(change?.events.map((e) => e.type)).toContain('expired');
  });

  it('keeps a Connected request connected past its expiry, and expires it (not Ready) at disconnect', async () => {
    t = await startTestService();
    const created = await createRequest(t.admin, 'Connie', undefined, {
      expiresAt: iso(t.clock.now() + 5 * MINUTE),
    });
    const token = tokenOf(created.link);
    expect((await t.api.call('GET', `/j/${token}`)).status).toBe(200);
    expect((await t.api.call('POST', `/j/${token}/allow`, 'remoteId=123456789', FORM)).status).toBe(303);
    expectStatus(await t.admin.post(`/requests/${created.id}/connect`), 200);
    await t.stop();

    t.clock.advance(10 * MINUTE);
    t = await t.restart({ scheduler: true });
    const id = created.id;
    const read = () => getRequest(t!.admin, id);

    expect(await read()).toMatchObject({ status: 'connected', connectedAgentIds: [t.adminAgent.id] });
    expect((await t.service.services.expiry.runDue()).expired).toBe(0);
    expect((await read()).status).toBe('connected');
    // An action on it does not expire it either.
    await addNote(t.admin, id, 'Still working.');
    expect((await read()).status).toBe('connected');

    const disconnected = expectStatus(await t.admin.post<SessionRequest>(`/requests/${id}/disconnect`), 200);
    expect(disconnected).toMatchObject({ status: 'expired', connectedAgentIds: [] });
    expect((await read()).status).toBe('expired');
    const types = (await timeline(t.admin, id)).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['note', 'disconnected', 'expired']);
    expect(types.filter((type) => type === 'expired')).toHaveLength(1);
  });

  it('writes exactly one reminder when a scheduled request’s time comes', async () => {
    t = await startTestService();
    const scheduledAt = t.clock.now() + 30 * MINUTE;
    const created = await createRequest(t.admin, 'Remy', undefined, {
      scheduledAt: iso(scheduledAt),
      expiresAt: iso(t.clock.now() + 120 * MINUTE),
    });
    const expiry = t.service.services.expiry;
    const reminders = async (api: Api) =>
      (await timeline(api, created.id)).filter((e) => e.type === 'reminder');

    expect((await expiry.runDue()).reminded).toBe(0);
    t.clock.advance(29 * MINUTE);
    expect((await expiry.runDue()).reminded).toBe(0);
    // The clock has outlived the access token (15 minutes): sign in again.
    expect(await reminders(await signIn(t.url))).toEqual([]);

    t.clock.advance(2 * MINUTE);
    expect((await expiry.runDue()).reminded).toBe(1);
    expect((await expiry.runDue()).reminded).toBe(0);
    t.clock.advance(MINUTE);
    expect((await expiry.runDue()).reminded).toBe(0);

    const api = await signIn(t.url);
    const written = await reminders(api);
    expect(written).toHaveLength(1);
    expect(written[0]!.actor).toEqual({ kind: 'system' });
    expect(written[0]!.data).toEqual({ scheduledAt: iso(scheduledAt) });
    // A reminder does not change the request's status.
    expect((await getRequest(api, created.id)).status).toBe('open');

    // A restart (whose scheduler runs at once) does not remind again.
    t = await t.restart({ scheduler: true });
    expect(await reminders(t.admin)).toHaveLength(1);
  });
});

describe('a crash while creates are in flight', () => {
  const CREDENTIALS = { email: 'crash-admin@example.com', password: 'crash test password' };

  const running: ServiceChild[] = [];
  const folders: string[] = [];

  afterEach(async () => {
    for (const service of running.splice(0)) await service.kill();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  /** Starts `npm run server` as the command line would; resolves once it listens. */
  async function startProcess(dataDir: string): Promise<ServiceChild> {
    const service = await spawnService({
      dataDir,
      env: {
        SESSIONDESK_ADMIN_EMAIL: CREDENTIALS.email,
        SESSIONDESK_ADMIN_PASSWORD: CREDENTIALS.password,
        SESSIONDESK_LOG_LEVEL: 'warn',
      },
      startupLimitMs: 45_000,
    });
    running.push(service);
    return service;
  }

  it('keeps every create it answered 201, in the change feed in seq order', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-crash-'));
    folders.push(dataDir);

    const first = await startProcess(dataDir);
    const api = await signIn(first.url, CREDENTIALS);

    const answered: string[] = [];
    const unexpected: string[] = [];
    let interrupted = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const response = await api.post<SessionRequest>('/requests', {
            recipientName: `Crash ${w}-${i}`,
            comments: 'Created while the service is about to be killed.',
          });
          if (response.status === 201) answered.push(response.body.id);
          else unexpected.push(`${response.status} ${JSON.stringify(response.body)}`);
        } catch {
          interrupted++;
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));

    // Kill it once a good number of creates has been answered; the others are in flight.
    try {
      await new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 30_000;
        const check = () => {
          if (answered.length >= 60) return resolve();
          if (unexpected.length > 0 || Date.now() > deadline) {
            return reject(new Error(`creates failed: ${answered.length} answered; ${unexpected.join('; ')}`));
          }
          setTimeout(check, 5);
        };
        check();
      });
    } finally {
      stop = true;
      await first.kill();
    }
    await Promise.all(workers);

    expect(unexpected).toEqual([]);
    // The premise of the test: some creates were cut off by the kill.
    expect(interrupted).toBeGreaterThan(0);

    const second = await startProcess(dataDir);
    const after = await signIn(second.url, CREDENTIALS);
    const seqById = new Map<string, number>();
    for (const id of answered) {
      const found = await after.get<SessionRequest>(`/requests/${id}`);
      expect(found.status, `request ${id}`).toBe(200);
      seqById.set(id, found.body.seq);
    }

    const changes = await syncAll(after);
    const seqs = changes.map((c) => c.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
    const inFeed = new Map(
      changes.flatMap((c) => (c.type === 'request' ? [[c.request.id, c.seq] as const] : [])),
    );
    for (const id of answered) {
      expect(inFeed.get(id), `request ${id} in the feed`).toBe(seqById.get(id));
    }
  }, 120_000);
});
