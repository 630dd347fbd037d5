/** PostgreSQL SQL of the end users' ratings, one per request (meaning: ../sqlite/ratings-store.ts). */
import { RATING_COLUMNS, toRatingRow, type RatingRow, type RawRating } from '../rating-rows';
import type { RatingsTable } from '../store';
import type { PostgresExecutor } from './executor';

export class PostgresRatingsStore implements RatingsTable {
  constructor(private readonly db: PostgresExecutor) {}

  async get(requestId: string): Promise<RatingRow | undefined> {
    const raw = await this.db.row<RawRating>(
      `SELECT ${RATING_COLUMNS} FROM request_ratings WHERE request_id = $1`,
      [requestId],
    );
    return raw && toRatingRow(raw);
  }

  async add(row: RatingRow): Promise<boolean> {
    const inserted = await this.db.exec(
      `INSERT INTO request_ratings (${RATING_COLUMNS}) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id) DO NOTHING`,
      [row.requestId, row.rating, row.comment, row.ratedAt],
    );
    return inserted === 1;
  }
}
