/** Query strings: listing requests and paging the change feed. */
import { z } from 'zod';
import { REQUEST_STATUSES } from '../domain/status';
import { idSchema } from './common';
import { externalRefInputSchema } from './integration-input';
import { coded } from './validation';

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
    z.array(z.enum(REQUEST_STATUSES)),
  )
  .describe('Statuses to include: status=ready&status=waiting, or status=ready,waiting');

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const listRequestsQuerySchema = z
  .strictObject({
    status: statusList.optional(),
    channelId: idSchema.optional(),
    /** `me`, `unassigned`, or an agent id. */
    assignee: z.union([z.literal('me'), z.literal('unassigned'), idSchema]).optional(),
    /** `past`: closed and expired. `upcoming`: scheduled for a time still ahead. */
    view: z.enum(['past', 'upcoming']).optional(),
    /** The requests of one ticket: both or neither (exact match; the system is compared in lower case). */
    externalSystem: externalRefInputSchema.shape.system.optional(),
    externalId: externalRefInputSchema.shape.id.optional(),
    /** Searches recipient name, e-mail, comments, the ticket id and PIN. */
    q: z.string().trim().max(200).optional(),
    limit: limit(200, 50),
    cursor: z.string().max(200).optional(),
  })
  .superRefine((query, ctx) => {
    if ((query.externalSystem === undefined) === (query.externalId === undefined)) return;
    const missing = query.externalSystem === undefined ? 'externalSystem' : 'externalId';
    ctx.addIssue({ code: 'custom', path: [missing], ...coded('required') });
  });
export type ListRequestsQuery = z.output<typeof listRequestsQuerySchema>;

const seq = z.coerce.number().int().min(0);

export const syncQuerySchema = z.strictObject({
  since: seq.describe('The cursor: the `next` of the previous page, or 0 for everything.'),
  fullSyncHead: seq
    .optional()
    .describe(
      'Within a full sync (pages from since=0), the `fullSyncHead` its pages carry: a cursor of a full sync ' +
        'begun after what the agent may see last changed is served, however far back it is.',
    ),
  limit: limit(5_000, 1_000),
});

export const streamQuerySchema = z.strictObject({
  since: syncQuerySchema.shape.since,
  fullSyncHead: syncQuerySchema.shape.fullSyncHead,
  /** A one-use ticket from POST /stream/tickets, instead of the Authorization header a browser cannot send. */
  ticket: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('A one-use ticket from POST /stream/tickets, for a browser, which cannot send the header'),
});

/** Where a client is in the feed: its cursor, and the full sync it belongs to, if any. */
export type FeedCursor = Pick<z.output<typeof syncQuerySchema>, 'since' | 'fullSyncHead'>;
