/**
 * The failures issue 15 says several instances on PostgreSQL survive, each instance a process of its own
 * (`npm run server -- --database-url …`) so that a kill is real:
 *
 * - kill -9 of one of two instances while 50 writers create requests through both and agents stream from
 *   both: every acknowledged create exists once, a retry with its Idempotency-Key through the other
 *   instance answers the first result, and every stream that moves resumes from its cursor with no change
 *   missed or twice;
 * - PostgreSQL restarted (fast shutdown, then start) under the same load: requests in flight answer
 *   `503 database_unavailable` — never a 500, never a hang — the instances serve again by themselves,
 *   nothing acknowledged is lost, and the streams reconnect and miss nothing.
 *
 * Each test prints its figures as one JSON line (quoted in the closing note).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent, Channel, LoginResponse } from '@shared/protocol/api';
import { Api, expectStatus } from '../support/api-client';
import { TestPostgres } from '../support/embedded-postgres';
import { FailoverStream, FailoverWriters } from '../support/failover-clients';
import { unusedPort } from '../support/ports';
import { createTestDatabase, postgresUrl, testBackends } from '../support/postgres-database';
import { syncAll } from '../support/requests';
import { spawnService, type ServiceChild } from '../support/service-process';

const WRITERS = 50;
/** Agents besides the admin: each writes and streams from both instances. */
const AGENTS = 3;
/** Creates acknowledged before the failure, and again after it, before the writers stop. */
const ACKNOWLEDGED_BEFORE = 150;
const ACKNOWLEDGED_AFTER = 150;
const CREDENTIALS = { email: 'failures-admin@example.com', password: 'failure test password' };

/** What the test must clean up, whatever happens. */
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function temporaryFolder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sessiondesk-${name}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Two instances of the service, each a process of its own, on the database at `url`. */
async function startInstances(url: string): Promise<[ServiceChild, ServiceChild]> {
  const start = () =>
    spawnService({
      dataDir: temporaryFolder('instance'),
      databaseUrl: url,
      env: {
        SESSIONDESK_ADMIN_EMAIL: CREDENTIALS.email,
        SESSIONDESK_ADMIN_PASSWORD: CREDENTIALS.password,
        SESSIONDESK_LOG_LEVEL: process.env['SESSIONDESK_TEST_LOG'] ?? 'error',
      },
      startupLimitMs: 45_000,
    }).then((service) => {
      cleanups.push(() => service.kill());
      return service;
    });
  return Promise.all([start(), start()]);
}

interface Team {
  readonly channel: Channel;
  /** The admin's and the agents' access tokens. */
  readonly tokens: string[];
  /** The agents', who stream. */
  readonly streamers: string[];
}

/** The admin signs in through `service`, makes AGENTS agents of the Support channel, and signs them in. */
async function team(service: ServiceChild): Promise<Team> {
  const api = new Api(service.url);
  const signIn = async (credentials: { email: string; password: string }) =>
    expectStatus(await api.post<LoginResponse>('/auth/login', credentials), 200).accessToken;
  const admin = api.as(await signIn(CREDENTIALS));
  const channels = expectStatus(await admin.get<{ channels: Channel[] }>('/channels'), 200).channels;
  const channel = channels.find((c) => c.kind === 'shared' && c.name === 'Support')!;
  const streamers: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const credentials = { email: `streamer${i}@example.com`, password: 'a long enough password' };
    const agent = expectStatus(
      await admin.post<Agent>('/agents', { ...credentials, name: `Streamer ${i}`, roles: ['support_agent'] }),
      201,
    );
    expectStatus(await admin.put(`/channels/${channel.id}/members/${agent.id}`, { canRelease: false }), 200);
    streamers.push(await signIn(credentials));
  }
  return { channel, tokens: [admin.token!, ...streamers], streamers };
}

/** GET /healthz: the feed's head, or null while the instance cannot serve. */
async function healthyHead(url: string): Promise<number | null> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    return response.status === 200 ? ((await response.json()) as { head: number }).head : null;
  } catch {
    return null;
  }
}

/** Polls GET /healthz until the instance serves again; fails if it exited, or at `deadline`. */
async function servingAgain(service: ServiceChild, deadline: number): Promise<void> {
  let exited = false;
  void service.exited.then(() => (exited = true));
  while ((await healthyHead(service.url)) === null) {
    if (exited) throw new Error(`${service.url} exited:\n${service.output()}`);
    if (performance.now() > deadline)
      throw new Error(`${service.url} did not serve again:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Each agent streams from each instance, from `since`. */
async function openStreams(urls: readonly string[], t: Team, since: number): Promise<FailoverStream[]> {
  const streams = await Promise.all(
    t.streamers.flatMap((token) => urls.map((_, at) => FailoverStream.open(urls, token, since, at))),
  );
  cleanups.push(() => streams.forEach((stream) => stream.close()));
  return streams;
}

/**
 * Every acknowledged create exists exactly once in the database, as the row it was answered with; no
 * other create of the writers' (one cut off and never acknowledged) exists twice either.
 */
async function expectEachOnce(databaseUrl: string, writers: FailoverWriters, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ recipient_name: string; ids: string[] }>(
      `SELECT recipient_name, array_agg(id) AS ids FROM requests WHERE recipient_name LIKE $1 GROUP BY recipient_name`,
      [`${prefix}-%`],
    );
    const idsByName = new Map(rows.map((row) => [row.recipient_name, row.ids]));
    expect(rows.filter((row) => row.ids.length !== 1)).toEqual([]);
    for (const { key, request } of writers.acknowledged.values()) {
      expect(idsByName.get(key), `the request of ${key}`).toEqual([request.id]);
    }
    const keys = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM idempotency_keys WHERE key LIKE $1`,
      [`${prefix}-%`],
    );
    expect(keys.rows[0]!.count).toBe(rows.length);
  } finally {
    await client.end();
  }
}

/** A replay of every acknowledged key through `url` answers the first result. */
async function expectReplaysAnswerFirst(writers: FailoverWriters, url: string): Promise<number> {
  const acknowledged = [...writers.acknowledged.values()];
  for (let i = 0; i < acknowledged.length; i += 25) {
    await Promise.all(
      acknowledged.slice(i, i + 25).map(async ({ key, token, request }) => {
        const replay = await writers.create(url, token, key);
        expect(replay, `the replay of ${key}`).toEqual({ kind: 'acknowledged', request });
      }),
    );
  }
  return acknowledged.length;
}

/**
 * Each stream received, across its moves, every change the agent's feed holds after `since` (the writers'
 * creates: one change each), once, in seq order, each batch following the last (`prev`), up to the last.
 */
async function expectStreamsWhole(
  streams: readonly FailoverStream[],
  url: string,
  t: Team,
  since: number,
): Promise<number> {
  let checked = 0;
  for (const [i, stream] of streams.entries()) {
    const token = t.streamers[Math.floor(i / 2)]!;
    const feed = (await syncAll(new Api(url, token), since)).map((change) => change.seq);
    await stream.reached(feed.at(-1)!);
    expect(stream.failures).toEqual([]);
    let expected = since;
    for (const { prev, change } of stream.changes()) {
      expect(prev).toBe(expected);
      expected = change.seq;
    }
    expect(stream.changes().map(({ change }) => change.seq)).toEqual(feed);
    checked += feed.length;
  }
  return checked;
}

interface LoadRun {
  readonly writers: FailoverWriters;
  readonly streams: FailoverStream[];
  /** The figures every run prints. */
  readonly figures: Record<string, number>;
}

/**
 * Runs the writers through instances a and b of the database at `databaseUrl` while the agents stream
 * from both; `failure` happens once ACKNOWLEDGED_BEFORE creates are acknowledged, and the writers stop
 * ACKNOWLEDGED_AFTER creates after it. Then checks what holds after either failure: no answer but 201 or
 * 503 database_unavailable, none over ATTEMPT_LIMIT_MS, none given up; every acknowledged create once in
 * the database, its replay answering the first result; every stream whole.
 */
async function underLoad(
  [a, b]: [ServiceChild, ServiceChild],
  databaseUrl: string,
  prefix: string,
  failure: () => Promise<void>,
): Promise<LoadRun> {
  const urls = [a.url, b.url];
  const t = await team(a);
  const since = (await healthyHead(b.url))!;
  const streams = await openStreams(urls, t, since);
  const writers = new FailoverWriters({
    urls,
    tokens: t.tokens,
    writers: WRITERS,
    channelId: t.channel.id,
    prefix,
  });

  writers.start();
  try {
    await writers.acknowledgedAtLeast(ACKNOWLEDGED_BEFORE);
    await failure();
    await writers.acknowledgedAtLeast(writers.acknowledged.size + ACKNOWLEDGED_AFTER);
  } finally {
    await writers.stop();
  }

  expect(writers.unexpected).toEqual([]);
  expect(writers.counts.timedOut).toBe(0);
  expect(writers.counts.abandoned).toBe(0);
  await expectEachOnce(databaseUrl, writers, prefix);
  const replays = await expectReplaysAnswerFirst(writers, b.url);
  const changesChecked = await expectStreamsWhole(streams, b.url, t, since);
  const acknowledged = [...writers.acknowledged.values()];
  return {
    writers,
    streams,
    figures: {
      writers: WRITERS,
      acknowledged: acknowledged.length,
      'acknowledged after a retry': acknowledged.filter((ack) => ack.attempts > 1).length,
      retries: writers.counts.retries,
      'cut answers': writers.counts.cut,
      '503s': writers.counts.unavailable,
      'replays answering the first result': replays,
      streams: streams.length,
      'streams moved': streams.filter((stream) => stream.moves > 0).length,
      'stream opens refused while moving': streams.reduce((sum, stream) => sum + stream.failedOpens, 0),
      'changes checked': changesChecked,
    },
  };
}

describe.runIf(testBackends().includes('postgres'))('failures of several instances on PostgreSQL', () => {
  it('kill -9 of one of two instances under load: acknowledged creates exist once, streams move and miss nothing', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const [a, b] = await startInstances(database.url);

    const { writers, streams, figures } = await underLoad([a, b], database.url, 'kill', () => a.kill());

    // The premise: the kill cut creates in flight through A, and they were retried through B.
    expect(writers.counts.cut).toBeGreaterThan(0);
    // The streams on A moved to B, once each; those on B stayed.
    expect(streams.map((stream) => stream.moves)).toEqual(
      Array.from({ length: AGENTS }, () => [1, 0]).flat(),
    );
    console.log(JSON.stringify({ test: 'kill -9 of one of two instances', ...figures }));
  }, 120_000);

  it('PostgreSQL restarted under load: 503 database_unavailable, serving again by itself, nothing lost', async () => {
    // A cluster of this test's own, which it stops and starts again on the same data folder.
    const dir = temporaryFolder('restart-pg');
    chmodSync(dir, 0o711);
    const cluster = {
      host: '127.0.0.1',
      port: await unusedPort(),
      user: 'postgres',
      password: randomBytes(12).toString('hex'),
    };
    const postgres = await TestPostgres.create({ dir, ...cluster, persistent: true });
    await postgres.initialise();
    await postgres.start();
    cleanups.push(() => postgres.stop());
    const databaseUrl = postgresUrl({ ...cluster, templateDatabase: '' }, 'postgres');
    const [a, b] = await startInstances(databaseUrl);

    let servingAgainMs = 0;
    const { writers, figures } = await underLoad([a, b], databaseUrl, 'restart', async () => {
      const restartedAt = performance.now();
      await postgres.stop();
      await postgres.start();
      // Both instances serve again by themselves: nothing is done to them.
      await Promise.all([a, b].map((service) => servingAgain(service, restartedAt + 30_000)));
      servingAgainMs = performance.now() - restartedAt;
    });

    // A request in flight failed with 503 database_unavailable, and only so: the instances stayed up.
    expect(writers.counts.cut).toBe(0);
    // The premise: the restart made requests fail.
    expect(writers.counts.unavailable).toBeGreaterThan(0);
    console.log(
      JSON.stringify({
        test: 'PostgreSQL restarted under load',
        ...figures,
        'time to serve again ms': Math.round(servingAgainMs),
      }),
    );
  }, 120_000);
});
