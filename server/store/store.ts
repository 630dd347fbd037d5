/**
 * What the services know of the database: the table groups, each an async view of its SQL, and
 * transactions. Nothing outside server/store/ writes SQL. The one implementation today is SQLite
 * (sqlite/sqlite-store.ts); a second (PostgreSQL, docs/decisions/0001-postgresql-query-layer.md) implements
 * the same interface, so the services above run unchanged on either.
 */
import type { SqliteAgentsStore } from './sqlite/agents-store';
import type { SqliteAuditStore } from './sqlite/audit-store';
import type { SqliteCannedMessagesStore } from './sqlite/canned-messages-store';
import type { SqliteChannelsStore } from './sqlite/channels-store';
import type { SqliteFeedStore } from './sqlite/feed-store';
import type { SqliteIntegrationTokensStore } from './sqlite/integration-tokens-store';
import type { SqliteOrganisationStore } from './sqlite/organisation-store';
import type { SqliteIdempotencyStore, SqliteOutboxStore } from './sqlite/outbox-store';
import type { SqlitePasswordLinksStore } from './sqlite/password-links-store';
import type { ReportReaders } from './sqlite/report-readers';
import type { SqliteReportFacts } from './sqlite/reports-store';
import type { SqliteRatingsStore } from './sqlite/ratings-store';
import type { SqliteRequestsStore } from './sqlite/requests-store';
import type { SqliteSsoStore } from './sqlite/sso-store';
import type { SqliteTokensStore } from './sqlite/tokens-store';
import type { SqliteTwoFactorStore } from './sqlite/two-factor-store';
import type { SqliteWebhooksStore } from './sqlite/webhooks-store';
import type { SqliteSmsStore } from './sqlite/sms-store';
import type { SqliteStreamTicketsStore } from './sqlite/stream-tickets-store';

/** The public methods of `T`, each answering with a promise of what it returns. */
export type Async<T> = {
  readonly [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<R>
    : never;
};

export type AgentsTable = Async<SqliteAgentsStore>;
export type ChannelsTable = Async<SqliteChannelsStore>;
export type TokensTable = Async<SqliteTokensStore>;
export type RequestsTable = Async<SqliteRequestsStore>;
export type FeedTable = Async<SqliteFeedStore>;
export type OutboxTable = Async<SqliteOutboxStore>;
export type IdempotencyTable = Async<SqliteIdempotencyStore>;
export type OrganisationTable = Async<SqliteOrganisationStore>;
export type PasswordLinksTable = Async<SqlitePasswordLinksStore>;
export type IntegrationTokensTable = Async<SqliteIntegrationTokensStore>;
export type WebhooksTable = Async<SqliteWebhooksStore>;
export type AuditTable = Async<SqliteAuditStore>;
/** Reports: facts kept by the request writer, figures and pages read by report-readers.ts on SQLite. */
export type ReportsTable = Async<SqliteReportFacts> & Pick<ReportReaders, 'summary' | 'requestPage'>;
export type SsoTable = Async<SqliteSsoStore>;
export type TwoFactorTable = Async<SqliteTwoFactorStore>;
export type CannedMessagesTable = Async<SqliteCannedMessagesStore>;
export type SmsTable = Async<SqliteSmsStore>;
export type RatingsTable = Async<SqliteRatingsStore>;
export type StreamTicketsTable = Async<SqliteStreamTicketsStore>;

/** What transactions of several instances take turns at (PostgreSQL: advisory locks, db/postgres/advisory-locks.ts). */
export type ExclusiveLock =
  'firstStart' | 'housekeeping' | 'accounts' | 'channels' | 'organisation' | 'idempotencyKey';

export interface Store {
  readonly agents: AgentsTable;
  readonly channels: ChannelsTable;
  readonly tokens: TokensTable;
  readonly requests: RequestsTable;
  readonly feed: FeedTable;
  readonly outbox: OutboxTable;
  readonly idempotency: IdempotencyTable;
  readonly organisation: OrganisationTable;
  readonly passwordLinks: PasswordLinksTable;
  readonly integrationTokens: IntegrationTokensTable;
  readonly webhooks: WebhooksTable;
  readonly audit: AuditTable;
  readonly reports: ReportsTable;
  readonly sso: SsoTable;
  readonly twoFactor: TwoFactorTable;
  readonly cannedMessages: CannedMessagesTable;
  readonly sms: SmsTable;
  readonly ratings: RatingsTable;
  readonly streamTickets: StreamTicketsTable;

  /**
   * Runs `work` in one transaction: all of it commits, or none. Store calls made while it runs (in its
   * async context) join it; a nested call is a savepoint. Await nothing but store calls inside (hash, mail
   * and call out before or after). A store call from a transaction that has ended throws.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;

  /**
   * Runs `run` once the outermost open transaction commits, in commit order, before any later transaction
   * commits; never if it rolls back. Outside a transaction it runs at once.
   */
  onCommit(run: () => void): void;

  /**
   * Inside a transaction: waits until no other transaction (of any instance) holds `lock` (for `key`, when
   * given: one lock per key), and holds it until this one ends. On SQLite every transaction already runs
   * alone, so it returns at once.
   */
  lock(lock: ExclusiveLock, key?: string): Promise<void>;

  /** Like lock(), but answers false at once instead of waiting when another transaction holds it. */
  tryLock(lock: ExclusiveLock): Promise<boolean>;

  /** Whether this async context runs inside a transaction. */
  inTransaction(): boolean;

  close(): Promise<void>;
}
