/**
 * The database a service runs on, opened with what comes with it: embedded SQLite in the data folder
 * (the default; one process), or PostgreSQL at --database-url (several instances may share it). Above
 * this, the service is the same code on both: the Store, the link key, and how committed changes go live.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ServiceConfig } from './config';
import { openDatabase, scrubFreedContent } from './db/database';
import { DATABASE_FILE } from './db/data-folder';
import { applySignal, signalsThrough, type AccessSignals } from './live/access-signals';
import { FeedPosition, FeedPump } from './live/feed-pump';
import { publishAtCommit, PUBLISHED_BY_PUMP, type LiveFeed } from './live/live-feed';
import type { LiveHub } from './live/hub';
import { SecretBox } from './services/crypto';
import {
  clearExpiredCounts,
  countedInMemory,
  countedInPostgres,
  type LimitCounters,
} from './services/rate-limits';
import { loadOrCreateSecrets } from './services/secrets';
import { fillWireJson } from './services/wire-json';
import { describeDatabaseUrl, openPostgres } from './db/postgres/open';
import { PostgresListener } from './store/postgres/listener';
import { sharedLinkKey } from './store/postgres/service-secrets';
import { PostgresStore } from './store/postgres/store';
import { SqliteStore } from './store/sqlite/sqlite-store';
import type { Store } from './store/store';

export interface DatabaseBackend {
  readonly store: Store;
  /** The key of end users' link tokens (and, derived from it, of what the store seals). */
  readonly linkKey: Buffer;
  readonly live: LiveFeed;
  readonly signals: AccessSignals;
  /** Where rate limits count: in memory for one process, in the database every instance shares. */
  readonly limitCounters: LimitCounters;
  /** For the log: which database, never a password. */
  readonly description: string;
  /** Starts what runs beside the store once the service is assembled (links are known). */
  start(linkFor: (requestId: string) => string): Promise<void>;
  close(): Promise<void>;
}

export async function openBackend(
  config: ServiceConfig,
  hub: LiveHub,
  log: Logger,
): Promise<DatabaseBackend> {
  return config.databaseUrl
    ? openPostgresBackend(config, config.databaseUrl, hub, log)
    : openSqliteBackend(config, hub, log);
}

async function openSqliteBackend(config: ServiceConfig, hub: LiveHub, log: Logger): Promise<DatabaseBackend> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = join(config.dataDir, DATABASE_FILE);
  const db = openDatabase(file);
  try {
    const secrets = loadOrCreateSecrets(config.dataDir);
    const store = new SqliteStore(db, new SecretBox(secrets.linkKey));
    await sealWhatWasPlain(store, log);
    const filled = await fillWireJson(store);
    if (filled.requests + filled.events + filled.timelines > 0)
      log.info(filled, 'filled in the wire JSON of rows written before');
    return {
      store,
      linkKey: secrets.linkKey,
      live: publishAtCommit(hub),
      signals: hub,
      limitCounters: countedInMemory,
      description: file,
      start: () => Promise.resolve(),
      close: () => store.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** How often an instance deletes the rate limits' counts that ended (as rate-limiter-flexible would). */
const CLEAR_COUNTS_EVERY_MS = 5 * 60 * 1000;

/**
 * PostgreSQL: a pool (migrated), the shared link key, and this instance's live feed — a pump that
 * publishes every instance's changes in seq order, woken by a connection that listens for them.
 */
async function openPostgresBackend(
  config: ServiceConfig,
  url: string,
  hub: LiveHub,
  log: Logger,
): Promise<DatabaseBackend> {
  // The data folder still holds mail written to files when there is no SMTP server.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const pool = await openPostgres(url, { poolSize: config.databasePoolSize, logger: log });
  try {
    const linkKey = await sharedLinkKey(pool, Date.now());
    const position = new FeedPosition();
    const store = new PostgresStore(pool, new SecretBox(linkKey), position, log);
    let pump: FeedPump | undefined;
    let clearingCounts: NodeJS.Timeout | undefined;
    const listener = new PostgresListener({
      url,
      log,
      notified: (channel, payload) => {
        if (channel === 'feed') pump?.wake();
        else if (!applySignal(hub, payload))
          log.warn({ payload }, 'ignored a notification that is not a signal');
      },
      connected: (again) => {
        pump?.wake();
        // Signals sent while this instance was not listening are lost: every stream here reconnects, and
        // its sign-in and access are checked again as it does.
        if (again) hub.reconnectAll();
      },
    });
    return {
      store,
      linkKey,
      live: PUBLISHED_BY_PUMP,
      signals: signalsThrough((signal) => {
        store.notify('access', JSON.stringify(signal)).catch((error: unknown) => {
          log.error({ err: error, signal }, 'could not signal the other instances');
        });
      }),
      limitCounters: countedInPostgres(pool),
      description: describeDatabaseUrl(url),
      start: async (linkFor) => {
        pump = new FeedPump(store.feed, hub, position, linkFor, log);
        await pump.start();
        await listener.start();
        // Every instance clears; a count that ended is deleted once, whoever gets there first.
        clearingCounts = setInterval(() => {
          clearExpiredCounts(pool, Date.now()).catch((error: unknown) => {
            log.warn({ err: error }, 'could not clear the rate limits’ ended counts; the next run will');
          });
        }, CLEAR_COUNTS_EVERY_MS);
        clearingCounts.unref();
      },
      close: async () => {
        clearInterval(clearingCounts);
        await listener.stop();
        await pump?.stop();
        await store.close();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/**
 * Mail queued and answers kept by a version that stored them in plain text are sealed at start, and the
 * database file is rewritten so the plain text is gone from it (and from its WAL), not merely unused.
 */
async function sealWhatWasPlain(store: SqliteStore, log: Logger): Promise<void> {
  const sealed = await store.transaction(
    async () => (await store.outbox.sealPlaintext()) + (await store.idempotency.sealPlaintext()),
  );
  if (sealed === 0) return;
  scrubFreedContent(store.db);
  log.info({ rows: sealed }, 'sealed the mail and answers an older version stored in plain text');
}
