/**
 * The service's schema on PostgreSQL, with SQLite's version numbers: the baseline brings an empty database
 * to version 6 at once (there never was a PostgreSQL database at 1–5); from 7 on, migration N brings N-1 to
 * N, written beside SQLite's migration N. Never edit a released migration; add the next file and list it.
 */
import baseline from './0006-baseline';
import m0007 from './0007-integration-tokens';
import m0008 from './0008-webhooks';
import m0009 from './0009-audit-log';
import m0010 from './0010-request-facts';
import m0011 from './0011-report-indexes';
import m0012 from './0012-two-factor';
import m0013 from './0013-sso';
import m0014 from './0014-canned-messages';
import m0015 from './0015-wrap-up';
import m0016 from './0016-sms';
import m0017 from './0017-stream-tickets';

export interface PostgresMigration {
  /** The schema version the database is at once it is applied. */
  readonly version: number;
  readonly sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  { version: 6, sql: baseline },
  { version: 7, sql: m0007 },
  { version: 8, sql: m0008 },
  { version: 9, sql: m0009 },
  { version: 10, sql: m0010 },
  { version: 11, sql: m0011 },
  { version: 12, sql: m0012 },
  { version: 13, sql: m0013 },
  { version: 14, sql: m0014 },
  { version: 15, sql: m0015 },
  { version: 16, sql: m0016 },
  { version: 17, sql: m0017 },
];
