/**
 * What the service's clock does across a stop and a start (expiry caught up at once, a Connected request
 * expiring only when its session ends, one reminder per scheduled request), and what survives a crash:
 * the service is killed with SIGKILL while creates are in flight, and every create it had answered 201
 * is there after it starts again, in the change feed, in order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Change, LoginResponse, SyncPage, TimelineEvent } from '@shared/protocol/api';
import { Api, expectStatus } from '../support/api-client';
import { ADMIN, startTestService, tokenOf, type TestService } from '../support/service-harness';

const MINUTE = 60_000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const iso = (ms: number) => new Date(ms).toISOString();

/** Signs the admin in again: after the clock has moved past the access token's life, for instance. */
async function signIn(url: string, credentials: { email: string; password: string } = ADMIN): Promise<Api> {
  const api = new Api(url);
  const login = expectStatus(await api.post<LoginResponse>('/auth/login', credentials), 200);
  return api.as(login.accessToken);
}

async function timeline(api: Api, id: string): Promise<TimelineEvent[]> {
  return expectStatus(await api.get<{ events: TimelineEvent[] }>(`/requests/${id}/events`), 200).events;
}

/** Every change the agent may see, from 0, page after page. */
async function syncAll(api: Api): Promise<Change[]> {
  const changes: Change[] = [];
  let since = 0;
  for (;;) {
    const page = expectStatus(await api.get<SyncPage>(`/sync?since=${since}&limit=500`), 200);
    changes.push(...page.changes);
    if (!page.hasMore) return changes;
    since = page.next;
  }
}

describe('expiry and reminders across a restart', () => {
  let t: TestService | undefined;

  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('expires at once, on start, a request whose time passed while the service was stopped', async () => {
    t = await startTestService();
    const created = expectStatus(
      await t.admin.post<SessionRequest>('/requests', {
        recipientName: 'Ed',
        expiresAt: iso(t.clock.now() + 5 * MINUTE),
      }),
      201,
    );
    expect(created.status).toBe('open');
    await t.stop();

    t.clock.advance(10 * MINUTE);
    t = await t.restart({ scheduler: true });

    // No polling: the scheduler's first run happens as the service starts.
    const after = expectStatus(await t.admin.get<SessionRequest>(`/requests/${created.id}`), 200);
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
    const created = expectStatus(
      await t.admin.post<SessionRequest>('/requests', {
        recipientName: 'Connie',
        expiresAt: iso(t.clock.now() + 5 * MINUTE),
      }),
      201,
    );
    const token = tokenOf(created.link);
    expect((await t.api.call('GET', `/j/${token}`)).status).toBe(200);
    expect((await t.api.call('POST', `/j/${token}/allow`, 'remoteId=123456789', FORM)).status).toBe(303);
    expectStatus(await t.admin.post(`/requests/${created.id}/connect`), 200);
    await t.stop();

    t.clock.advance(10 * MINUTE);
    t = await t.restart({ scheduler: true });
    const id = created.id;
    const read = async () => expectStatus(await t!.admin.get<SessionRequest>(`/requests/${id}`), 200);

    expect(await read()).toMatchObject({ status: 'connected', connectedAgentIds: [t.adminAgent.id] });
    expect(t.service.services.expiry.runDue().expired).toBe(0);
    expect((await read()).status).toBe('connected');
    // An action on it does not expire it either.
    expectStatus(await t.admin.post(`/requests/${id}/notes`, { text: 'Still working.' }), 200);
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
    const created = expectStatus(
      await t.admin.post<SessionRequest>('/requests', {
        recipientName: 'Remy',
        scheduledAt: iso(scheduledAt),
        expiresAt: iso(t.clock.now() + 120 * MINUTE),
      }),
      201,
    );
    const expiry = t.service.services.expiry;
    const reminders = async (api: Api) =>
      (await timeline(api, created.id)).filter((e) => e.type === 'reminder');

    expect(expiry.runDue().reminded).toBe(0);
    t.clock.advance(29 * MINUTE);
    expect(expiry.runDue().reminded).toBe(0);
    // The clock has outlived the access token (15 minutes): sign in again.
    expect(await reminders(await signIn(t.url))).toEqual([]);

    t.clock.advance(2 * MINUTE);
    expect(expiry.runDue().reminded).toBe(1);
    expect(expiry.runDue().reminded).toBe(0);
    t.clock.advance(MINUTE);
    expect(expiry.runDue().reminded).toBe(0);

    const api = await signIn(t.url);
    const written = await reminders(api);
    expect(written).toHaveLength(1);
    expect(written[0]!.actor).toEqual({ kind: 'system' });
    expect(written[0]!.data).toEqual({ scheduledAt: iso(scheduledAt) });
    // A reminder does not change the request's status.
    expect(expectStatus(await api.get<SessionRequest>(`/requests/${created.id}`), 200).status).toBe('open');

    // A restart (whose scheduler runs at once) does not remind again.
    t = await t.restart({ scheduler: true });
    expect(await reminders(t.admin)).toHaveLength(1);
  });
});

describe('a crash while creates are in flight', () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const BIN = join(ROOT, 'node_modules', '.bin');
  const CREDENTIALS = { email: 'crash-admin@example.com', password: 'crash test password' };

  /** A service started as its own process group (tsx runs the service in a child process of its own). */
  interface ServiceProcess {
    readonly child: ChildProcess;
    /** Resolves once the process and everything holding its output have exited. */
    readonly closed: Promise<void>;
    isClosed(): boolean;
  }

  const running: ServiceProcess[] = [];
  const folders: string[] = [];

  /** Kills the whole process group: a signal to tsx alone would leave the service itself running. */
  function kill(service: ServiceProcess): void {
    if (service.isClosed() || service.child.pid === undefined) return;
    try {
      process.kill(-service.child.pid, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  afterEach(async () => {
    for (const service of running.splice(0)) {
      kill(service);
      await service.closed;
    }
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  /** Starts `npm run server` as the command line would; resolves with its URL once it listens. */
  async function startProcess(dataDir: string): Promise<ServiceProcess & { readonly url: string }> {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (!name.startsWith('SESSIONDESK_')) env[name] = value;
    }
    const child = spawn(
      join(BIN, 'tsx'),
      ['--tsconfig', 'server/tsconfig.json', 'server/main.ts', '--port', '0', '--data-dir', dataDir],
      {
        cwd: ROOT,
        env: {
          ...env,
          // The project's Node 22 (node_modules/.bin/node), whatever `node` is on the PATH.
          PATH: `${BIN}${delimiter}${process.env['PATH'] ?? ''}`,
          SESSIONDESK_ADMIN_EMAIL: CREDENTIALS.email,
          SESSIONDESK_ADMIN_PASSWORD: CREDENTIALS.password,
          SESSIONDESK_LOG_LEVEL: 'warn',
        },
        // Its own process group, so that kill() reaches tsx's child too.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let closed = false;
    const service: ServiceProcess = {
      child,
      closed: new Promise<void>((resolve) => {
        const done = () => {
          closed = true;
          resolve();
        };
        child.once('close', done);
        // A process that could not be started at all may never emit 'close'.
        child.once('error', () => {
          if (child.pid === undefined) done();
        });
      }),
      isClosed: () => closed,
    };
    running.push(service);

    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the service did not start:\n${output}`)), 45_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /Sessiondesk service listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the service exited (${code ?? signal}) before listening:\n${output}`));
      });
    });
    return { ...service, url };
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
      kill(first);
    }
    await Promise.all(workers);
    await first.closed;

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
