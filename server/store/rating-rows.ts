/** The rows of the end users' answers to "How did we do?" (migration 15), as both stores read them. */

/** A request's rating, 1 to 5, with the end user's comment ('' when none). */
export interface RatingRow {
  readonly requestId: string;
  readonly rating: number;
  readonly comment: string;
  readonly ratedAt: number;
}

export interface RawRating {
  request_id: string;
  rating: number;
  comment: string;
  // PostgreSQL's bigint arrives as a string.
  rated_at: number | string;
}

export const RATING_COLUMNS = 'request_id, rating, comment, rated_at';

export function toRatingRow(raw: RawRating): RatingRow {
  return {
    requestId: raw.request_id,
    rating: raw.rating,
    comment: raw.comment,
    ratedAt: Number(raw.rated_at),
  };
}
