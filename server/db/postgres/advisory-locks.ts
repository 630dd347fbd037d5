/**
 * Every PostgreSQL advisory lock the service takes, one key each, so that no two uses ever share one.
 * Advisory locks belong to a database: other applications' databases on the same server do not see them.
 * (Decision 0001 adds the first start's and housekeeping's here when they are written.)
 */
export const ADVISORY_LOCKS = {
  /** Held by the transaction applying one migration: instances starting together migrate once. */
  migrations: 0x5e55_0001,
  /** Held by the first start's transaction: instances starting together on an empty database make one admin. */
  firstStart: 0x5e55_0002,
  /** Held by the hourly housekeeping's transaction: one instance prunes at a time (the others skip). */
  housekeeping: 0x5e55_0003,
  /**
   * Held by a transaction that changes agents (roles, disabled, passwords), channels or the organisation
   * settings after reading them: such reads take no row lock (postgres/row-locks.ts), so two of these
   * changes take turns, and a check such as "one enabled admin remains" sees the other's result.
   */
  accounts: 0x5e55_0004,
  channels: 0x5e55_0005,
  organisation: 0x5e55_0006,
  /** Per Idempotency-Key (with the key's hash): concurrent writes with one key take turns, the later replays. */
  idempotencyKey: 0x5e55_0007,
} as const;
