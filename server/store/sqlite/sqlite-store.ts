/**
 * The Store on embedded SQLite: today's synchronous table classes behind one connection. Every call
 * outside a transaction takes the connection's lock for its statement; a transaction holds it from BEGIN
 * to COMMIT, and the calls made in its async context (found through AsyncLocalStorage) run inside it.
 * So an `await` inside a transaction never lets another caller's statements into it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqliteDatabase } from '../../db/database';
import type { Sealer } from '../rows';
import type { Async, ExclusiveLock, ReportsTable, Store } from '../store';
import { SqliteAgentsStore } from './agents-store';
import { SqliteAuditStore } from './audit-store';
import { SqliteChannelsStore } from './channels-store';
import { SqliteFeedStore } from './feed-store';
import { FifoMutex } from './fifo-mutex';
import { SqliteIntegrationTokensStore } from './integration-tokens-store';
import { SqliteOrganisationStore } from './organisation-store';
import { SqliteIdempotencyStore, SqliteOutboxStore } from './outbox-store';
import { SqlitePasswordLinksStore } from './password-links-store';
import { ReportReaders } from './report-readers';
import { SqliteReportFacts } from './reports-store';
import { SqliteRequestsStore } from './requests-store';
import { SqliteSsoStore } from './sso-store';
import { SqliteCannedMessagesStore } from './canned-messages-store';
import { SqliteTokensStore } from './tokens-store';
import { SqliteTwoFactorStore } from './two-factor-store';
import { SqliteRatingsStore } from './ratings-store';
import { SqliteWebhooksStore } from './webhooks-store';
import { SqliteSmsStore } from './sms-store';
import { SqliteStreamTicketsStore } from './stream-tickets-store';

/** An open transaction, or a savepoint inside one. */
interface Scope {
  readonly parent: Scope | null;
  readonly hooks: (() => void)[];
  ended: boolean;
}

/** A store call made from a transaction that has already committed or rolled back. */
export class TransactionEndedError extends Error {
  constructor() {
    super(
      'A store call was made from a transaction that has already ended: await every store call inside ' +
        'store.transaction(), and leave none running after it returns.',
    );
  }
}

export class SqliteStore implements Store {
  readonly agents: Async<SqliteAgentsStore>;
  readonly channels: Async<SqliteChannelsStore>;
  readonly tokens: Async<SqliteTokensStore>;
  readonly requests: Async<SqliteRequestsStore>;
  readonly feed: Async<SqliteFeedStore>;
  readonly outbox: Async<SqliteOutboxStore>;
  readonly idempotency: Async<SqliteIdempotencyStore>;
  readonly organisation: Async<SqliteOrganisationStore>;
  readonly passwordLinks: Async<SqlitePasswordLinksStore>;
  readonly integrationTokens: Async<SqliteIntegrationTokensStore>;
  readonly webhooks: Async<SqliteWebhooksStore>;
  readonly audit: Async<SqliteAuditStore>;
  readonly reports: ReportsTable;
  readonly sso: Async<SqliteSsoStore>;
  readonly twoFactor: Async<SqliteTwoFactorStore>;
  readonly cannedMessages: Async<SqliteCannedMessagesStore>;
  readonly sms: Async<SqliteSmsStore>;
  readonly ratings: Async<SqliteRatingsStore>;
  readonly streamTickets: Async<SqliteStreamTicketsStore>;

  private readonly readers: ReportReaders;
  private readonly mutex = new FifoMutex();
  private readonly scope = new AsyncLocalStorage<Scope>();
  private savepoints = 0;

  /** `sealer` seals what holds secrets (queued mail, kept answers) with the service's key. */
  constructor(
    readonly db: SqliteDatabase,
    sealer: Sealer,
  ) {
    this.agents = this.view(new SqliteAgentsStore(db));
    this.channels = this.view(new SqliteChannelsStore(db));
    this.tokens = this.view(new SqliteTokensStore(db));
    this.requests = this.view(new SqliteRequestsStore(db));
    this.feed = this.view(new SqliteFeedStore(db));
    this.outbox = this.view(new SqliteOutboxStore(db, sealer));
    this.idempotency = this.view(new SqliteIdempotencyStore(db, sealer));
    this.organisation = this.view(new SqliteOrganisationStore(db));
    this.passwordLinks = this.view(new SqlitePasswordLinksStore(db));
    this.integrationTokens = this.view(new SqliteIntegrationTokensStore(db));
    this.webhooks = this.view(new SqliteWebhooksStore(db, sealer));
    this.audit = this.view(new SqliteAuditStore(db));
    // Reports are read on their own threads (reports-store.ts); their facts are written here.
    const readers = new ReportReaders(db.name);
    this.readers = readers;
    this.reports = {
      ...this.view(new SqliteReportFacts(db)),
      summary: (filter) => readers.summary(filter),
      requestPage: (filter, after, limit) => readers.requestPage(filter, after, limit),
    };
    this.sso = this.view(new SqliteSsoStore(db));
    this.twoFactor = this.view(new SqliteTwoFactorStore(db, sealer));
    this.cannedMessages = this.view(new SqliteCannedMessagesStore(db));
    this.sms = this.view(new SqliteSmsStore(db, sealer));
    this.ratings = this.view(new SqliteRatingsStore(db));
    this.streamTickets = this.view(new SqliteStreamTicketsStore(db));
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.openScope();
    if (outer) return this.savepoint(outer, work);
    await this.mutex.lock();
    const scope: Scope = { parent: null, hooks: [], ended: false };
    try {
      this.db.exec('BEGIN');
      let result: T;
      try {
        result = await this.scope.run(scope, work);
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        scope.ended = true;
      }
      // Still holding the lock: no other transaction commits before these have run.
      for (const hook of scope.hooks) hook();
      return result;
    } finally {
      this.mutex.unlock();
    }
  }

  onCommit(run: () => void): void {
    const scope = this.openScope();
    if (scope) scope.hooks.push(run);
    else run();
  }

  /** One process, one connection, one transaction at a time: already exclusive. */
  lock(_lock: ExclusiveLock, _key?: string): Promise<void> {
    return this.inTransaction()
      ? Promise.resolve()
      : Promise.reject(new Error('lock() is for inside a transaction.'));
  }

  tryLock(lock: ExclusiveLock): Promise<boolean> {
    return this.lock(lock).then(() => true);
  }

  inTransaction(): boolean {
    return this.openScope() !== undefined;
  }

  async close(): Promise<void> {
    await this.readers.close();
    this.db.close();
  }

  /** A nested transaction: a savepoint; its commit hooks join the enclosing transaction's when released. */
  private async savepoint<T>(parent: Scope, work: () => Promise<T>): Promise<T> {
    const name = `nested_${++this.savepoints}`;
    const scope: Scope = { parent, hooks: [], ended: false };
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await this.scope.run(scope, work);
      this.db.exec(`RELEASE ${name}`);
      parent.hooks.push(...scope.hooks);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    } finally {
      scope.ended = true;
    }
  }

  /** The transaction this call runs in, if any; throws if that transaction has ended. */
  private openScope(): Scope | undefined {
    const scope = this.scope.getStore();
    if (scope?.ended) throw new TransactionEndedError();
    return scope;
  }

  /** Runs one synchronous statement: inside the open transaction, or under the lock (at once if free). */
  private run<R>(statement: () => R): Promise<R> {
    let inTransaction: boolean;
    try {
      inTransaction = this.openScope() !== undefined;
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (inTransaction) return settled(statement);
    if (this.mutex.tryLock()) {
      try {
        return settled(statement);
      } finally {
        this.mutex.unlock();
      }
    }
    return this.mutex.lock().then(() => {
      try {
        return statement();
      } finally {
        this.mutex.unlock();
      }
    });
  }

  /** `table`'s methods, each run as one statement by run(). */
  private view<T extends object>(table: T): Async<T> {
    const view: Record<string, unknown> = {};
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(table))) {
      const method = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(table), name)?.value as unknown;
      if (name === 'constructor' || typeof method !== 'function') continue;
      view[name] = (...args: unknown[]) =>
        this.run(() => (method as (...a: unknown[]) => unknown).apply(table, args));
    }
    return view as Async<T>;
  }
}

/** `run`'s result, or its exception, as a settled promise. */
function settled<R>(run: () => R): Promise<R> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
