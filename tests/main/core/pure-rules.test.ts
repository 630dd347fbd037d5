/** The core's pure rules: the reconnection schedule, search terms, and which changes notify. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translator } from '@shared/i18n/translator';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import { connectAgain } from '@shared/ipc/handoff';
import type { HandoffView } from '@shared/ipc/views';
import { reconnectDelay } from '../../../main/core/connection/backoff';
import { disconnectIsMoot } from '../../../main/core/requests/owed-disconnects';
import { toMatchExpression } from '../../../main/core/cache/search-terms';
import { notificationsFor } from '../../../main/core/notifications/notification-rules';
import { sessionRequest } from '../support/session-request';

const en = translator('en');

/** A seeded generator (mulberry32): the same simulated fleet on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A fleet that lost the service at time 0 (a restart closed every stream at once) and finds it again at
 * `downMs`: each client waits as the schedule says, tries (refused in no time while the service is
 * down), and waits again, until an attempt finds the service. Counts the attempts in each second.
 */
function outage(
  schedule: (attempt: number, random: number) => number,
  clients: number,
  downMs: number,
): { perSecond: number[]; liveAfterMs: number[] } {
  const random = seeded(20_240_917);
  const perSecond: number[] = [];
  const liveAfterMs: number[] = [];
  for (let client = 0; client < clients; client++) {
    let attempt = 0;
    let at = schedule(attempt++, random());
    for (;;) {
      const second = Math.floor(at / 1_000);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
      if (at >= downMs) break;
      at += schedule(attempt++, random());
    }
    liveAfterMs.push(at - downMs);
  }
  return { perSecond: Array.from(perSecond, (n) => n ?? 0), liveAfterMs };
}

describe('reconnectDelay', () => {
  it('waits between 1 s and 4 s, at random, however many attempts failed', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (random) => {
        const delay = reconnectDelay(random);
        expect(delay).toBeGreaterThanOrEqual(1_000);
        expect(delay).toBeLessThanOrEqual(4_000);
      }),
    );
    expect(reconnectDelay(0)).toBe(1_000);
    expect(reconnectDelay(0.5)).toBe(2_500);
    expect(reconnectDelay(0.9999)).toBe(4_000);
    // The jitter stays: different draws, different waits.
    expect(new Set([0.1, 0.3, 0.6, 0.9].map((r) => reconnectDelay(r))).size).toBe(4);
    expect(reconnectDelay(0.5, { baseMs: 100, maxMs: 500 })).toBe(300);
  });

  it('brings a fleet of 10,000 back within 4 s of the service, no second busier than the outage’s', () => {
    const clients = 10_000;
    const downMs = 60_000;
    const { perSecond, liveAfterMs } = outage((_, random) => reconnectDelay(random), clients, downMs);

    // Every client finds the service within 4 s of its return (plus its own attempt's time).
    expect(Math.max(...liveAfterMs)).toBeLessThanOrEqual(4_000);

    // While it is down, once the waves after the drop have settled: N / 2.5 attempts a second.
    const settled = perSecond.slice(10, downMs / 1_000);
    const mean = settled.reduce((a, b) => a + b, 0) / settled.length;
    expect(mean).toBeGreaterThan((clients / 2.5) * 0.95);
    expect(mean).toBeLessThan((clients / 2.5) * 1.05);

    // Right after the drop: spread over seconds, never near the whole fleet at once (about N / 1.75 at most).
    expect(Math.max(...perSecond.slice(0, 10))).toBeLessThan(clients * 0.62);
    expect(perSecond[0]).toBe(0); // nobody retries within the first second

    // After it returns: no second busier than a second of the outage.
    const after = perSecond.slice(downMs / 1_000);
    expect(Math.max(...after)).toBeLessThanOrEqual(Math.max(...settled));
  });
});

describe('connectAgain: one running hand-off per agent per request', () => {
  const ME = 'me';
  const kinds: (HandoffView['kind'] | null)[] = [null, 'starting', 'process', 'uri'];
  const expected: Record<string, string> = {
    'null/not connected': 'launch',
    'null/connected': 'already_connected',
    'starting/not connected': 'handoff_starting',
    'starting/connected': 'handoff_starting',
    'process/not connected': 'already_running',
    'process/connected': 'already_running',
    'uri/not connected': 'launch',
    'uri/connected': 'reopen',
  };

  it('launches, opens a link again, or refuses — for every hand-off and connection', () => {
    for (const kind of kinds) {
      for (const connected of [false, true]) {
        const row = {
          connectedAgentIds: connected ? ['someone else', ME] : ['someone else'],
          handoff: kind === null ? null : { kind, client: 'RustDesk' },
        };
        const verdict = connectAgain(row, ME);
        const outcome = verdict.allowed ? (verdict.reopen ? 'reopen' : 'launch') : verdict.code;
        const key = `${kind}/${connected ? 'connected' : 'not connected'}`;
        expect(outcome, key).toBe(expected[key]);
        if (!verdict.allowed)
          expect(verdict.message, key).toMatch(kind === null ? /End session/ : /RustDesk/);
      }
    }
  });
});

describe('disconnectIsMoot', () => {
  const connected = { status: 'connected' as const, connectedAgentIds: ['me'] };

  it('is said only while the service counts me connected, the request open, and no newer session', () => {
    expect(disconnectIsMoot(connected, 'me', false)).toBe(false);
    expect(disconnectIsMoot(connected, 'me', true)).toBe(true); // I connected again since
    expect(disconnectIsMoot(null, 'me', false)).toBe(true); // gone from my list
    expect(disconnectIsMoot({ status: 'closed', connectedAgentIds: ['me'] }, 'me', false)).toBe(true);
    expect(disconnectIsMoot({ status: 'expired', connectedAgentIds: [] }, 'me', false)).toBe(true);
    expect(disconnectIsMoot({ status: 'ready', connectedAgentIds: [] }, 'me', false)).toBe(true);
    expect(disconnectIsMoot({ status: 'connected', connectedAgentIds: ['other'] }, 'me', false)).toBe(true);
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
  ) => notificationsFor(en, before, after, events, { me, queues }).map((n) => n.kind);

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

  it('counts what an integration did as news, even when it acted for me', () => {
    const integration = {
      kind: 'integration' as const,
      tokenId: 't1',
      name: 'Freshservice',
      onBehalfOf: { agentId: 'me', name: 'Me' },
    };
    const event = (type: TimelineEvent['type'], data: TimelineEvent['data'] = {}): TimelineEvent => ({
      id: 1,
      requestId: 'r1',
      seq: 2,
      at: '',
      type,
      actor: integration,
      data,
    });
    // Into my queue, created by a ticketing system whose token I made (so I am its creator).
    const queued = { ...base, channelId: 'queue', assigneeId: null, createdBy: 'me' };
    expect(kinds(null, queued, [event('created')])).toEqual(['queued']);
    expect(kinds(null, queued, [])).toEqual([]);
    const assigned = notificationsFor(
      en,
      { ...base, assigneeId: null },
      base,
      [event('assigned', { agentId: 'me' })],
      { me, queues: false },
    );
    expect(assigned.map((n) => [n.kind, n.title])).toEqual([
      ['assigned', 'Freshservice assigned you a request'],
    ]);
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
