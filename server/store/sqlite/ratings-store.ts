/**
 * SQL of the end users' answers to "How did we do?" (migration 15): one row per request. `add` inserts
 * only when the request has none, so "once per request" holds however many answers arrive at once.
 */
import type { SqliteDatabase } from '../../db/database';
import { RATING_COLUMNS, toRatingRow, type RatingRow, type RawRating } from '../rating-rows';

export class SqliteRatingsStore {
  private readonly getStmt;
  private readonly addStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[string], RawRating>(
      `SELECT ${RATING_COLUMNS} FROM request_ratings WHERE request_id = ?`,
    );
    this.addStmt = db.prepare(
      `INSERT INTO request_ratings (${RATING_COLUMNS})
       VALUES (@requestId, @rating, @comment, @ratedAt) ON CONFLICT (request_id) DO NOTHING`,
    );
  }

  get(requestId: string): RatingRow | undefined {
    const raw = this.getStmt.get(requestId);
    return raw && toRatingRow(raw);
  }

  /** Stores the answer; false when the request had one already (nothing is changed then). */
  add(row: RatingRow): boolean {
    return this.addStmt.run(row).changes === 1;
  }
}
