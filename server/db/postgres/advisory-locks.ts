/**
 * Every PostgreSQL advisory lock the service takes, one key each, so that no two uses ever share one.
 * Advisory locks belong to a database: other applications' databases on the same server do not see them.
 * (Decision 0001 adds the first start's and housekeeping's here when they are written.)
 */
export const ADVISORY_LOCKS = {
  /** Held by the transaction applying one migration: instances starting together migrate once. */
  migrations: 0x5e55_0001,
} as const;
