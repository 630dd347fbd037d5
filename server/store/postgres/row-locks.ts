/**
 * The row lock a read takes when the services will write what it read. SQLite serialises every
 * transaction behind one mutex; on PostgreSQL two transactions (an agent's Connect while the end user
 * clicks Allow access; two instances) may act on the same row at once, so a read by key inside a
 * transaction locks the row it returns until that transaction ends, and the second waits for the first's
 * commit, then reads what it wrote. Outside a transaction a read takes no lock.
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
