/** PostgreSQL SQL of the organisation's canned messages (meaning: ../sqlite/canned-messages-store.ts). */
import {
  cannedNameKey,
  toCannedMessage,
  type CannedMessageRow,
  type RawCannedMessage,
} from '../canned-message-rows';
import type { CannedMessagesTable } from '../store';
import type { PostgresExecutor } from './executor';

export class PostgresCannedMessagesStore implements CannedMessagesTable {
  constructor(private readonly db: PostgresExecutor) {}

  async list(): Promise<CannedMessageRow[]> {
    const rows = await this.db.rows<RawCannedMessage>(
      'SELECT id, name, texts, created_at, updated_at FROM canned_messages',
    );
    return rows.map(toCannedMessage);
  }

  async replace(rows: readonly CannedMessageRow[]): Promise<void> {
    await this.db.exec('DELETE FROM canned_messages');
    for (const row of rows) {
      await this.db.exec(
        `INSERT INTO canned_messages (id, name, name_key, texts, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.id, row.name, cannedNameKey(row.name), JSON.stringify(row.texts), row.createdAt, row.updatedAt],
      );
    }
  }
}
