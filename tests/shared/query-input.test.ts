/**
 * The query strings of GET /requests: statuses as a repeated parameter or a comma-separated list, and
 * the refusal of a status the product does not have.
 */
import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '@shared/domain/status';
import { listRequestsQuerySchema } from '@shared/schemas/query-input';
import { validate } from '@shared/schemas/validation';

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
    const result = validate(listRequestsQuerySchema, { status: 'ready,paused' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      {
        field: 'status.1',
        code: 'invalid_choice',
        params: { options: REQUEST_STATUSES.join(', ') },
        message: `Choose one of: ${REQUEST_STATUSES.join(', ')}.`,
      },
    ]);
  });
});
