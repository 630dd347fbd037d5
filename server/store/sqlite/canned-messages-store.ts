/** SQL of the organisation's canned messages (migration 14): read all, replace all. */
import type { SqliteDatabase } from '../../db/database';
import {
  cannedNameKey,
  toCannedMessage,
  type CannedMessageRow,
  type RawCannedMessage,
} from '../canned-message-rows';

export class SqliteCannedMessagesStore {
  private readonly listStmt;
  private readonly clearStmt;
  private readonly addStmt;

  constructor(db: SqliteDatabase) {
    this.listStmt = db.prepare<[], RawCannedMessage>(
      'SELECT id, name, texts, created_at, updated_at FROM canned_messages',
    );
    this.clearStmt = db.prepare('DELETE FROM canned_messages');
    this.addStmt = db.prepare(
      `INSERT INTO canned_messages (id, name, name_key, texts, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Every canned message, in no particular order (the service sorts them by name). */
  list(): CannedMessageRow[] {
    return this.listStmt.all().map(toCannedMessage);
  }

  /** Replaces the whole list; a name used twice (in any case) breaks the UNIQUE key and throws. */
  replace(rows: readonly CannedMessageRow[]): void {
    this.clearStmt.run();
    for (const row of rows) {
      this.addStmt.run(
        row.id,
        row.name,
        cannedNameKey(row.name),
        JSON.stringify(row.texts),
        row.createdAt,
        row.updatedAt,
      );
    }
  }
}
