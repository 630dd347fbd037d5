/** Query strings: listing requests and paging the change feed. */
import { z } from 'zod';
import { REQUEST_STATUSES } from '../domain/status';
import { idSchema } from './common';

/**
 * `status=ready&status=waiting` or `status=ready,waiting`. Documented as the list of statuses it is (the
 * input of a preprocess is what comes out of it), so the document can name the six choices.
 */
const statusList = z
  .preprocess(
    (value: unknown): unknown[] =>
      (Array.isArray(value) ? (value as unknown[]) : [value])
        .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
        .filter((item) => item !== ''),
    z.array(z.enum(REQUEST_STATUSES, { error: `Statuses are ${REQUEST_STATUSES.join(', ')}.` })),
  )
  .describe('Statuses to include: status=ready&status=waiting, or status=ready,waiting');

const limit = (max: number, fallback: number) =>
  z.coerce
    .number({ error: 'limit is a number.' })
    .int({ error: 'limit is a whole number.' })
    .min(1, { error: 'limit is at least 1.' })
    .max(max, { error: `limit is at most ${max}.` })
    .default(fallback);

export const listRequestsQuerySchema = z.strictObject({
  status: statusList.optional(),
  channelId: idSchema.optional(),
  /** `me`, `unassigned`, or an agent id. */
  assignee: z.union([z.literal('me'), z.literal('unassigned'), idSchema]).optional(),
  /** `past`: closed and expired. `upcoming`: scheduled for a time still ahead. */
  view: z.enum(['past', 'upcoming'], { error: 'view is past or upcoming.' }).optional(),
  /** Searches recipient name, e-mail, comments and PIN. */
  q: z.string().trim().max(200, { error: 'A search has at most 200 characters.' }).optional(),
  limit: limit(200, 50),
  cursor: z.string().max(200).optional(),
});
export type ListRequestsQuery = z.output<typeof listRequestsQuerySchema>;

export const syncQuerySchema = z.strictObject({
  since: z.coerce
    .number({ error: 'since is a number.' })
    .int({ error: 'since is a whole number.' })
    .min(0, { error: 'since is at least 0.' }),
  limit: limit(5_000, 1_000),
});

export const streamQuerySchema = z.strictObject({
  since: syncQuerySchema.shape.since,
});
