/**
 * The Store on PostgreSQL (decision 0001): each table group's SQL in its own class, every query through one
 * executor, which runs it in the open transaction's client (found through AsyncLocalStorage) or the pool.
 * The services above are the same as on SQLite. Built on a pool `openPostgres` has migrated.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Sealer } from '../rows';
import { ADVISORY_LOCKS } from '../../db/postgres/advisory-locks';
import type { ExclusiveLock, Store } from '../store';
import { PostgresAgentsStore } from './agents-store';
import { PostgresAuditStore } from './audit-store';
import { PostgresChannelsStore } from './channels-store';
import { PostgresExecutor } from './executor';
import { PostgresFeedStore } from './feed-store';
import { PostgresIntegrationTokensStore } from './integration-tokens-store';
import { NOTIFY_CHANNEL, type NotifyChannel } from './listener';
import { PostgresOrganisationStore } from './organisation-store';
import { PostgresIdempotencyStore, PostgresOutboxStore } from './outbox-store';
import { PostgresPasswordLinksStore } from './password-links-store';
import { PostgresReportsStore } from './reports-store';
import { PostgresRequestsStore } from './requests-store';
import { PostgresSsoStore } from './sso-store';
import { PostgresCannedMessagesStore } from './canned-messages-store';
import { PostgresTokensStore } from './tokens-store';
import { PostgresTwoFactorStore } from './two-factor-store';
import { PostgresRatingsStore } from './ratings-store';
import { PostgresWebhooksStore } from './webhooks-store';
import { PostgresSmsStore } from './sms-store';
import { PostgresStreamTicketsStore } from './stream-tickets-store';

export class PostgresStore implements Store {
  readonly agents: PostgresAgentsStore;
  readonly channels: PostgresChannelsStore;
  readonly tokens: PostgresTokensStore;
  readonly requests: PostgresRequestsStore;
  readonly feed: PostgresFeedStore;
  readonly outbox: PostgresOutboxStore;
  readonly idempotency: PostgresIdempotencyStore;
  readonly organisation: PostgresOrganisationStore;
  readonly passwordLinks: PostgresPasswordLinksStore;
  readonly integrationTokens: PostgresIntegrationTokensStore;
  readonly webhooks: PostgresWebhooksStore;
  readonly audit: PostgresAuditStore;
  readonly reports: PostgresReportsStore;
  readonly sso: PostgresSsoStore;
  readonly twoFactor: PostgresTwoFactorStore;
  readonly cannedMessages: PostgresCannedMessagesStore;
  readonly sms: PostgresSmsStore;
  readonly ratings: PostgresRatingsStore;
  readonly streamTickets: PostgresStreamTicketsStore;
  private readonly executor: PostgresExecutor;

  /**
   * `sealer` seals what holds secrets (queued mail, kept answers); `watermark` is this instance's feed pump
   * position, past which the requests and feed stores show nothing (decision 0001 §5); `log` reports an
   * onCommit hook that throws (the commit itself stands).
   */
  constructor(
    pool: pg.Pool,
    sealer: Sealer,
    watermark: { visibleThrough(): number; reached(seq: number): Promise<void> },
    log: Pick<Logger, 'error'>,
  ) {
    const executor = new PostgresExecutor(
      pool,
      (error) => log.error({ err: error }, 'A step run after a commit failed; the commit stands'),
      (seq) => watermark.reached(seq),
    );
    this.executor = executor;
    this.agents = new PostgresAgentsStore(executor);
    this.channels = new PostgresChannelsStore(executor);
    this.tokens = new PostgresTokensStore(executor);
    this.requests = new PostgresRequestsStore(executor, watermark);
    this.feed = new PostgresFeedStore(executor, watermark);
    this.outbox = new PostgresOutboxStore(executor, sealer);
    this.idempotency = new PostgresIdempotencyStore(executor, sealer);
    this.organisation = new PostgresOrganisationStore(executor);
    this.passwordLinks = new PostgresPasswordLinksStore(executor);
    this.integrationTokens = new PostgresIntegrationTokensStore(executor);
    this.webhooks = new PostgresWebhooksStore(executor, sealer);
    this.audit = new PostgresAuditStore(executor);
    this.reports = new PostgresReportsStore(executor);
    this.sso = new PostgresSsoStore(executor);
    this.twoFactor = new PostgresTwoFactorStore(executor, sealer);
    this.cannedMessages = new PostgresCannedMessagesStore(executor);
    this.sms = new PostgresSmsStore(executor, sealer);
    this.ratings = new PostgresRatingsStore(executor);
    this.streamTickets = new PostgresStreamTicketsStore(executor);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.executor.transaction(work);
  }

  onCommit(run: () => void): void {
    this.executor.onCommit(run);
  }

  inTransaction(): boolean {
    return this.executor.inTransaction();
  }

  /** A transaction-scoped advisory lock: released at commit or rollback, never left held by a crash. */
  async lock(lock: ExclusiveLock, key?: string): Promise<void> {
    this.requireTransaction('lock');
    // With a key, the two-integer form: the lock's number, and the key's hash (a collision only waits).
    if (key === undefined)
      await this.executor.rows('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS[lock]]);
    else
      await this.executor.rows('SELECT pg_advisory_xact_lock($1::integer, hashtext($2))', [
        ADVISORY_LOCKS[lock],
        key,
      ]);
  }

  async tryLock(lock: ExclusiveLock): Promise<boolean> {
    this.requireTransaction('tryLock');
    const row = await this.executor.row<{ locked: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [ADVISORY_LOCKS[lock]],
    );
    return row!.locked;
  }

  /** Tells every instance's listener (this one's too); inside a transaction, at its commit. */
  async notify(channel: NotifyChannel, payload: string): Promise<void> {
    await this.executor.rows('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL[channel], payload]);
  }

  private requireTransaction(what: string): void {
    if (!this.executor.inTransaction()) throw new Error(`${what}() is for inside a transaction.`);
  }

  /** Ends the pool: its connections close once the queries they run have ended. */
  close(): Promise<void> {
    return this.executor.pool.end();
  }
}
