/** The core's pure rules: reconnection backoff, search terms, and which changes notify. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import { backoffDelay } from '../../../main/core/connection/backoff';
import { toMatchExpression } from '../../../main/core/cache/search-terms';
import { notificationsFor } from '../../../main/core/notifications/notification-rules';
import { sessionRequest } from '../support/session-request';

describe('backoffDelay', () => {
  it('stays between the base and the cap, and the ceiling doubles per attempt', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, random) => {
          const delay = backoffDelay(attempt, random);
          expect(delay).toBeGreaterThanOrEqual(1_000);
          expect(delay).toBeLessThanOrEqual(30_000);
          expect(delay).toBeLessThanOrEqual(Math.max(1_000, 1_000 * 2 ** attempt));
        },
      ),
    );
    expect(backoffDelay(0, 0.99)).toBe(1_000);
    expect(backoffDelay(3, 0.999)).toBeCloseTo(8_000, -2);
    expect(backoffDelay(20, 0.999)).toBeCloseTo(30_000, -2);
  });
});

describe('toMatchExpression', () => {
  it('turns words into quoted prefixes, a grouped PIN into one word, and nothing into null', () => {
    expect(toMatchExpression('  ')).toBeNull();
    expect(toMatchExpression('ana maria')).toBe('"ana"* AND "maria"*');
    expect(toMatchExpression('123 456-789')).toBe('"123456789"*');
    expect(toMatchExpression('ana@example.com')).toBe('"ana"* AND "example"* AND "com"*');
    expect(toMatchExpression('"*^()')).toBeNull();
    expect(toMatchExpression(' - ')).toBeNull();
  });

  it('never lets typed text become FTS5 syntax', () => {
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const expression = toMatchExpression(typed);
        if (expression === null) return;
        for (const term of expression.split(' AND ')) expect(term).toMatch(/^"[\p{L}\p{N}]+"\*$/u);
      }),
    );
  });
});

describe('notificationsFor', () => {
  const me = { id: 'me', memberships: [{ channelId: 'queue', canRelease: false }] };
  const base = sessionRequest();
  const kinds = (
    before: SessionRequest | null,
    after: SessionRequest,
    events: TimelineEvent[] = [],
    queues = true,
  ) => notificationsFor(before, after, events, { me, queues }).map((n) => n.kind);

  it('tells me when my request is opened and when it is ready, not when someone else’s is', () => {
    expect(kinds(base, { ...base, status: 'waiting' })).toEqual(['waiting']);
    expect(kinds({ ...base, status: 'waiting' }, { ...base, status: 'ready', consent: 'granted' })).toEqual([
      'ready',
    ]);
    expect(kinds({ ...base, status: 'waiting' }, { ...base, status: 'waiting', consent: 'denied' })).toEqual(
      [],
    );
    const others = { ...base, assigneeId: 'someone' };
    expect(kinds(others, { ...others, status: 'waiting' })).toEqual([]);
  });

  it('tells me when I am invited, and about my queue only when queue notifications are on', () => {
    const invited = {
      ...base,
      assigneeId: 'someone',
      participants: [{ agentId: 'me', via: 'invited' as const, since: '' }],
    };
    expect(kinds({ ...base, assigneeId: 'someone' }, invited)).toEqual(['invited']);
    const queued = { ...base, channelId: 'queue', assigneeId: null, createdBy: 'someone' };
    expect(kinds(null, queued)).toEqual(['queued']);
    expect(kinds(null, queued, [], false)).toEqual([]);
    expect(kinds(queued, { ...queued, status: 'ready' })).toEqual(['ready']);
  });

  it('tells me when a scheduled request of mine is due', () => {
    const reminder = {
      id: 9,
      requestId: 'r1',
      seq: 2,
      at: '',
      type: 'reminder',
      actor: { kind: 'system' },
      data: {},
    } as const;
    expect(kinds(base, { ...base, seq: 2 }, [reminder])).toEqual(['due']);
  });
});
