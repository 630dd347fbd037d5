/**
 * Seeds the service's database in-process: its agents (members of "Support") and REQUESTS session
 * requests through the service's own code (`services.requests.create`, the actions, the end-user pages'
 * transitions), chunks of 5,000 in one outer transaction each (better-sqlite3 nests the per-call
 * transactions as savepoints: one fsync a chunk). Through the HTTP API, one transaction and fsync a call,
 * it would take many minutes.
 *
 * A seed clock spreads the requests over the last 30 days, and each lives a plausible life at its own
 * times: most recent ones still open, waiting for the end user, denied, ready or connected, some scheduled;
 * older ones closed or expired. A few have notes. The last POOL are the live phase's requests: in Support,
 * assigned to the admin, their link opened (Waiting/pending), whose link tokens are returned.
 *
 * Nothing is left due: no request expires and no reminder falls due for hours after the seed, so the
 * service's scheduler makes no changes while the bench measures.
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createRequestSchema } from '@shared/schemas/request-input';
import { loadConfig } from '../../server/config';
import { startService } from '../../server/service';
import type { Clock } from '../../server/services/clock';
import type { Services } from '../../server/services/services';
import type { AgentRow } from '../../server/store/rows';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store';
import { ADMIN } from '../bench/constants';
import { log } from '../bench/log';
import type { PoolRequest } from '../bench/driver';
import { fmt } from '../bench/stats';
import { comments, NOTE_TEXTS, pick, prng, recipient } from './data';

export const AGENT_PASSWORD = 'bench agent password';
export const agentEmail = (i: number) => `bench-agent-${i}@example.com`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 5_000;

export interface Seeded {
  /** Requests created, by how they ended up. */
  readonly byStatus: Readonly<Record<string, number>>;
  readonly scheduled: number;
  readonly notes: number;
  readonly timelineEvents: number;
  readonly pool: PoolRequest[];
  readonly seconds: number;
  readonly head: number;
}

/** A clock the seed sets: each request's life happens at its own times. */
class SeedClock implements Clock {
  t = Date.now();
  now(): number {
    return this.t;
  }
}

export async function seed(
  dataDir: string,
  options: { requests: number; accounts: number; pool: number },
): Promise<Seeded> {
  const started = performance.now();
  const parsed = loadConfig(
    [
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--admin-email',
      ADMIN.email,
      '--admin-password',
      ADMIN.password,
      '--log-level',
      'warn',
    ],
    {},
  );
  if (parsed.help) throw new Error('unexpected --help');
  const clock = new SeedClock();
  const running = await startService({
    config: parsed.config,
    clock,
    scheduler: false,
    logger: pino({ level: 'silent' }),
  });
  try {
    const { services } = running;
    const { store, links } = services.ctx;
    if (!(store instanceof SqliteStore)) throw new Error('the seed fills an SQLite data folder');
    const sqliteDb = store.db;
    const admin = await store.agents.getByEmail(ADMIN.email);
    const support = (await store.channels.list()).find((c) => c.kind === 'shared' && c.name === 'Support');
    if (!admin || !support) throw new Error('the service did not create its admin and "Support"');
    const adminPrivate = await store.channels.privateChannelOf(admin.id);
    if (!adminPrivate) throw new Error('the admin has no Private channel');

    log(`seeding: ${options.accounts} agent accounts, members of "Support"…`);
    const agents: AgentRow[] = [];
    for (let i = 0; i < options.accounts; i++) {
      const created = await services.accounts.create(admin, {
        email: agentEmail(i),
        name: `Bench Agent ${i}`,
        roles: ['support_agent'],
        password: AGENT_PASSWORD,
      });
      await services.channels.setMember(admin, support.id, created.id, false);
      agents.push((await store.agents.get(created.id))!);
    }

    const random = prng(20_260_101);
    const realNow = Date.now();
    const span = 30 * DAY;
    const total = options.requests;
    const byStatus: Record<string, number> = {};
    let scheduled = 0;
    let notes = 0;
    const pool: PoolRequest[] = [];

    log(`seeding: ${fmt(total)} session requests over the last 30 days, ${fmt(CHUNK)} a transaction…`);
    for (let from = 0; from < total; from += CHUNK) {
      await store.transaction(async () => {
        for (let i = from; i < Math.min(total, from + CHUNK); i++) {
          const inPool = i >= total - options.pool;
          // Oldest first, so the feed's order is the order of creation, as it is at a real service.
          const createdAt = inPool
            ? realNow - 1_000
            : realNow - span + Math.floor((i / total) * (span - HOUR));
          clock.t = createdAt;
          const age = realNow - createdAt;
          // Requests younger than 29 days may still be live (expiry is at most 30 days after creation).
          const live = inPool || (age < 29 * DAY && random() < 0.35 + 0.45 * (1 - age / span));
          const who = recipient(random, i);
          const inSupport = inPool || random() < 0.8;
          const roll = random();
          const assignTo =
            inPool || !inSupport || roll < 0.6
              ? { type: 'myself' as const }
              : roll < 0.8 && agents.length > 0
                ? { type: 'agent' as const, agentId: pick(random, agents).id }
                : { type: 'unassigned' as const };
          // Live ones expire at least 12 hours from now; past ones lived a day at most.
          const expiresAt = live
            ? realNow + 12 * HOUR + Math.floor(random() * Math.max(0, createdAt + span - realNow - 12 * HOUR))
            : createdAt + HOUR + Math.floor(random() * 23 * HOUR);
          const isScheduled = live && !inPool && random() < 0.1 && expiresAt - realNow > 4 * HOUR;
          const scheduledAt = isScheduled
            ? realNow + 2 * HOUR + Math.floor(random() * (expiresAt - realNow - 3 * HOUR))
            : null;
          if (isScheduled) scheduled++;
          const input = createRequestSchema.parse({
            recipientName: who.name,
            recipientEmail: who.email,
            comments: inPool ? 'bench live pool' : comments(random),
            emailLanguage: pick(random, ['en', 'en', 'en', 'es', 'fr', 'de', 'pt'] as const),
            scheduledAt: scheduledAt === null ? null : new Date(scheduledAt).toISOString(),
            expiresAt: new Date(expiresAt).toISOString(),
            channelId: inSupport ? support.id : adminPrivate.id,
            assignTo,
          });
          const { id } = (await services.requests.create(admin, input)).body;
          const token = links.tokenFor(id);
          const step = (ms: number) =>
            (clock.t = Math.min(clock.t + Math.floor(ms), live ? realNow : expiresAt - 1));

          let status: string;
          if (inPool) {
            await services.endUser.open(token);
            pool.push({ id, token, consent: 'pending' });
            status = 'waiting';
          } else if (live) {
            status = await liveLife(
              random(),
              token,
              step,
              services,
              assignTo.type === 'myself' ? admin : null,
              id,
            );
          } else if (random() < 0.75) {
            step(5 * 60_000 + random() * 2 * HOUR);
            if (random() < 0.7) {
              await services.endUser.open(token);
              step(60_000);
            }
            await services.actions.act(admin, id, { type: 'close' });
            status = 'closed';
          } else {
            if (random() < 0.4) {
              step(10 * 60_000);
              await services.endUser.open(token);
            }
            clock.t = expiresAt + 60_000;
            await services.expiry.expireIfDue(id);
            status = 'expired';
          }
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          if (!inPool && random() < 0.04) {
            // A note an agent left afterwards: final requests take notes too.
            clock.t = Math.min(clock.t + 30 * 60_000, realNow);
            await services.actions.act(admin, id, { type: 'note', text: pick(random, NOTE_TEXTS) });
            notes++;
          }
        }
      });
      if ((from / CHUNK) % 5 === 4 || from + CHUNK >= total) {
        log(`  ${fmt(Math.min(total, from + CHUNK))} of ${fmt(total)}`);
      }
    }
    clock.t = Date.now();
    const timelineEvents = (
      sqliteDb.prepare('SELECT count(*) AS n FROM request_events').get() as { n: number } | undefined
    )?.n;
    return {
      byStatus,
      scheduled,
      notes,
      timelineEvents: timelineEvents ?? NaN,
      pool,
      seconds: (performance.now() - started) / 1000,
      head: await store.requests.head(),
    };
  } finally {
    await running.stop();
  }
}

/** A live request's life so far: opened, answered by its end user, perhaps connected. Its status now. */
async function liveLife(
  roll: number,
  token: string,
  step: (ms: number) => void,
  services: Services,
  /** The assignee, when the admin: only they may connect. */
  assignee: AgentRow | null,
  id: string,
): Promise<string> {
  if (roll < 0.5) return 'open';
  step(3 * 60_000);
  await services.endUser.open(token);
  if (roll < 0.75) return 'waiting';
  step(60_000);
  if (roll < 0.83) {
    await services.endUser.deny(token);
    return 'waiting (denied)';
  }
  await services.endUser.allow(token, '123456789');
  if (roll < 0.97 || !assignee) return 'ready';
  step(60_000);
  await services.actions.act(assignee, id, { type: 'connect' });
  return 'connected';
}
