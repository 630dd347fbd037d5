/**
 * The query strings of GET /requests: statuses as a repeated parameter or a comma-separated list, and
 * the refusal of a status the product does not have.
 */
import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '@shared/domain/status';
import { listRequestsQuerySchema } from '@shared/schemas/query-input';

const statuses = (status: unknown) => listRequestsQuerySchema.parse({ status }).status;

describe('the status filter of GET /requests', () => {
  it('reads one status, a comma-separated list, a repeated parameter, or both', () => {
    expect(statuses('ready')).toEqual(['ready']);
    expect(statuses('ready,waiting')).toEqual(['ready', 'waiting']);
    expect(statuses(['ready', 'waiting'])).toEqual(['ready', 'waiting']);
    expect(statuses(['open', 'ready,waiting'])).toEqual(['open', 'ready', 'waiting']);
    expect(statuses([...REQUEST_STATUSES].join(','))).toEqual([...REQUEST_STATUSES]);
  });

  it('ignores empty items, and is absent when not given', () => {
    expect(statuses('ready,,waiting,')).toEqual(['ready', 'waiting']);
    expect(statuses('')).toEqual([]);
    expect(listRequestsQuerySchema.parse({}).status).toBeUndefined();
  });

  it('refuses a status the product does not have, naming the six', () => {
    const result = listRequestsQuerySchema.safeParse({ status: 'ready,paused' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`Statuses are ${REQUEST_STATUSES.join(', ')}.`);
    expect(result.error?.issues[0]?.path).toEqual(['status', 1]);
  });
});
