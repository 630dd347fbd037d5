/**
 * The row lock a read takes when the services will write what it read. SQLite serialises every
 * transaction behind one mutex; on PostgreSQL two transactions (an agent's Connect while the end user
 * clicks Allow access; two instances) may act on the same row at once, so a read by key inside a
 * transaction locks the row it returns until that transaction ends, and the second waits for the first's
 * commit, then reads what it wrote. Outside a transaction a read takes no lock.
 *
 * Which reads lock: one request (requests-store.ts), a refresh token, a set-password link, a kept
 * Idempotency-Key answer — each read to be changed by the same transaction, and contended only by that
 * row's own users. Agents, channels and the organisation settings are read by nearly every write (access
 * checks, mail) and changed rarely: locking those reads would make every write in a channel wait for the
 * one before it to commit. So they lock nothing, and the few transactions that change them take an
 * exclusive lock first (store.lock: 'accounts', 'channels', 'organisation').
 *
 * `FOR NO KEY UPDATE` rather than `FOR UPDATE`: it excludes the same writers and lockers (UPDATE, DELETE,
 * other `FOR NO KEY UPDATE`/`FOR SHARE` reads), but not the `FOR KEY SHARE` lock a foreign key check takes,
 * so inserting a row that references a locked agent or channel (a request, a membership, a token) does not
 * wait for the transaction holding it. We never change a primary key, so nothing is lost.
 */
import type { PostgresExecutor } from './executor';

const ROW_LOCK = ' FOR NO KEY UPDATE';

/** `select` with the row lock when this call runs inside a transaction; unchanged outside one. */
export function lockedInTransaction(db: PostgresExecutor, select: string): string {
  return db.inTransaction() ? select + ROW_LOCK : select;
}
