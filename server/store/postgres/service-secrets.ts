/**
 * The service's secrets on PostgreSQL: instances share no data folder, so the link key lives in the
 * database, in a one-row table. Instances starting together on an empty database each propose a key; the
 * first INSERT wins and every instance reads that one (`ON CONFLICT DO NOTHING` waits for the winner's
 * commit, then does nothing). A backup of the database holds the key, as a backup of SQLite's data
 * folder holds secrets.json.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

export async function sharedLinkKey(pool: pg.Pool, now: number): Promise<Buffer> {
  await pool.query(
    'INSERT INTO service_secrets (id, link_key, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING',
    [randomBytes(32).toString('base64url'), now],
  );
  const { rows } = await pool.query<{ link_key: string }>(
    'SELECT link_key FROM service_secrets WHERE id = 1',
  );
  const key = Buffer.from(rows[0]!.link_key, 'base64url');
  if (key.length < 32) throw new Error('The database holds a damaged link key (service_secrets).');
  return key;
}
