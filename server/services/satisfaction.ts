/**
 * "How did we do?" (issue 19): the end user of a closed request answers once, on its page, a rating from 1
 * to 5 and an optional comment. The link is the capability, as for the rest of the page. The answer is
 * stored (`request_ratings`, one per request) and written to the timeline as `rated`, so agents see it in
 * the change feed and reports count it; webhooks send it as `request.rated`.
 */
import { canRate } from '@shared/domain/conversation';
import type { RatingInput } from '@shared/schemas/conversation-input';
import type { RatingRow } from '../store/rating-rows';
import type { ServiceContext } from './context';
import { sha256 } from './crypto';
import { withWriter } from './request-writer';

/** What the page asks, once closed: the answer given, or whether one may be. */
export interface Survey {
  readonly rating: RatingRow | null;
  readonly open: boolean;
}

export type RatingOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'not_found' | 'not_closed' | 'already_rated' };

export class SatisfactionService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The survey of a request's page; none while it is not closed. */
  async survey(requestId: string): Promise<Survey | null> {
    const { store } = this.ctx;
    const row = await store.requests.get(requestId);
    if (!row || row.status !== 'closed') return null;
    const rating = (await store.ratings.get(requestId)) ?? null;
    return { rating, open: canRate(row.status, rating !== null) };
  }

  /** POST /j/<token>/rating: the answer, once. */
  async rate(token: string, input: RatingInput): Promise<RatingOutcome> {
    const { store } = this.ctx;
    const found = await store.requests.getByTokenHash(sha256(token));
    if (!found) return { ok: false, reason: 'not_found' };
    return withWriter(this.ctx, async (writer): Promise<RatingOutcome> => {
      const row = await store.requests.get(found.id);
      if (!row) return { ok: false, reason: 'not_found' };
      const already = (await store.ratings.get(row.id)) !== undefined;
      if (!canRate(row.status, already)) {
        return { ok: false, reason: already ? 'already_rated' : 'not_closed' };
      }
      // The primary key decides between two answers at once (on PostgreSQL, two instances).
      const added = await store.ratings.add({
        requestId: row.id,
        rating: input.rating,
        comment: input.comment,
        ratedAt: writer.now,
      });
      if (!added) return { ok: false, reason: 'already_rated' };
      await writer.change(row, {}, [
        {
          type: 'rated',
          actor: { kind: 'end_user' },
          data: { rating: input.rating, comment: input.comment },
        },
      ]);
      return { ok: true };
    });
  }
}
