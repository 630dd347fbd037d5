import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENTS, REQUEST_STATUSES, type Consent, type RequestStatus } from '@shared/domain/status';
import {
  REQUEST_EVENT_TYPES,
  createdState,
  transition,
  type RequestEvent,
  type RequestEventType,
  type RequestState,
} from '@shared/domain/transitions';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const LATER = NOW + 3_600_000;
const AGENT = 'agent-1';
const GRACE_MS = 10 * 60_000;

/**
 * A table row: status/consent, and for Ready after a session whether its permission is still in its
 * grace period ("lapsing") or past it ("lapsed").
 */
type RowKey = `${RequestStatus}/${Consent}` | `${RequestStatus}/${Consent}, ${'lapsing' | 'lapsed'}`;

function state(key: RowKey, expiresAt = LATER): RequestState {
  const [statusConsent, variant] = key.split(', ');
  const [status, consent] = statusConsent!.split('/') as [RequestStatus, Consent];
  return {
    status,
    consent,
    expiresAt,
    connectedAgentIds: status === 'connected' ? [AGENT] : [],
    consentLapsesAt: variant === 'lapsing' ? NOW + 60_000 : variant === 'lapsed' ? NOW - 1 : null,
    deleted: false,
  };
}

function event(type: RequestEventType, agentId = AGENT, consentGraceMs = GRACE_MS): RequestEvent {
  if (type === 'disconnect') return { type, agentId, consentGraceMs };
  return type === 'connect' ? { type, agentId } : { type };
}

/** What the table expects: a new status/consent, "same" for a harmless repeat, "deleted", or an error code. */
type Expected = `${RequestStatus}/${Consent}` | 'same' | 'deleted' | `!${string}`;

const READY: Record<RequestEventType, Expected> = {
  link_opened: 'same',
  allow: 'same',
  deny: 'waiting/denied',
  end_access: 'waiting/denied',
  request_again: '!not_denied',
  connect: 'connected/granted',
  disconnect: '!not_connected',
  close: 'closed/granted',
  end_for_everyone: 'closed/granted',
  expire: '!not_due',
  lapse: '!not_due',
  delete: 'deleted',
};

// Written out by hand from PRODUCT.md, one row per reachable state, one column per event.
const TABLE: Partial<Record<RowKey, Record<RequestEventType, Expected>>> = {
  'open/pending': {
    link_opened: 'waiting/pending',
    allow: '!not_opened',
    deny: '!not_opened',
    end_access: '!not_opened',
    request_again: '!not_denied',
    connect: '!not_ready',
    disconnect: '!not_connected',
    close: 'closed/pending',
    end_for_everyone: 'closed/pending',
    expire: '!not_due',
    lapse: '!not_granted',
    delete: 'deleted',
  },
  'waiting/pending': {
    link_opened: 'same',
    allow: 'ready/granted',
    deny: 'waiting/denied',
    end_access: '!not_granted',
    request_again: '!not_denied',
    connect: '!not_ready',
    disconnect: '!not_connected',
    close: 'closed/pending',
    end_for_everyone: 'closed/pending',
    expire: '!not_due',
    lapse: '!not_granted',
    delete: 'deleted',
  },
  'waiting/denied': {
    link_opened: 'same',
    allow: '!consent_denied',
    deny: 'same',
    end_access: 'same',
    request_again: 'waiting/pending',
    connect: '!not_ready',
    disconnect: '!not_connected',
    close: 'closed/denied',
    end_for_everyone: 'closed/denied',
    expire: '!not_due',
    lapse: '!not_granted',
    delete: 'deleted',
  },
  'ready/granted': READY,
  // After a session, within the grace period: still Ready.
  'ready/granted, lapsing': READY,
  // Past the grace period, before the service's clock has applied the lapse.
  'ready/granted, lapsed': {
    ...READY,
    allow: 'ready/granted',
    connect: '!consent_lapsed',
    lapse: 'waiting/pending',
  },
  'connected/granted': {
    link_opened: 'same',
    allow: 'same',
    deny: '!in_session',
    end_access: 'waiting/denied',
    request_again: '!not_denied',
    connect: 'same',
    disconnect: 'ready/granted',
    close: 'closed/granted',
    end_for_everyone: 'closed/granted',
    expire: '!in_session',
    lapse: '!in_session',
    delete: '!in_session',
  },
  'closed/granted': {
    link_opened: '!request_closed',
    allow: '!request_closed',
    deny: '!request_closed',
    end_access: '!request_closed',
    request_again: '!request_closed',
    connect: '!request_closed',
    disconnect: '!request_closed',
    close: '!request_closed',
    end_for_everyone: '!request_closed',
    expire: '!request_closed',
    lapse: '!request_closed',
    delete: 'deleted',
  },
  'expired/pending': {
    link_opened: '!request_expired',
    allow: '!request_expired',
    deny: '!request_expired',
    end_access: '!request_expired',
    request_again: '!request_expired',
    connect: '!request_expired',
    disconnect: '!request_expired',
    close: '!request_expired',
    end_for_everyone: '!request_expired',
    expire: '!request_expired',
    lapse: '!request_expired',
    delete: 'deleted',
  },
};

/** Past the expiry time: only expire, close and delete apply, except while connected. */
const PAST_DUE: Partial<Record<RowKey, Partial<Record<RequestEventType, Expected>>>> = {
  'connected/granted': { disconnect: 'expired/granted', end_access: 'expired/denied', expire: '!in_session' },
};
const LIVE_NOT_CONNECTED: RowKey[] = [
  'open/pending',
  'waiting/pending',
  'waiting/denied',
  'ready/granted',
  'ready/granted, lapsing',
  'ready/granted, lapsed',
];
for (const key of LIVE_NOT_CONNECTED) {
  const { consent } = state(key);
  PAST_DUE[key] = Object.fromEntries(
    REQUEST_EVENT_TYPES.map((type): [RequestEventType, Expected] => [
      type,
      type === 'expire'
        ? `expired/${consent}`
        : type === 'close'
          ? `closed/${consent}`
          : type === 'delete'
            ? 'deleted'
            : '!expiry_passed',
    ]),
  );
}

function check(from: RequestState, ev: RequestEvent, expected: Expected, now: number) {
  const result = transition(from, ev, now);
  if (expected.startsWith('!')) {
    expect(result.ok ? 'accepted' : result.error.code).toBe(expected.slice(1));
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    return;
  }
  if (!result.ok) throw new Error(`expected ${expected}, got error ${result.error.code}`);
  if (expected === 'same') {
    expect(result.changed).toBe(false);
    expect(result.state).toEqual(from);
  } else if (expected === 'deleted') {
    expect(result.state).toEqual({ ...from, deleted: true });
  } else {
    expect(`${result.state.status}/${result.state.consent}`).toBe(expected);
    expect(result.changed).toBe(true);
  }
}

describe('transition: every (status, event) pair', () => {
  const rows = Object.entries(TABLE).flatMap(([key, events]) =>
    REQUEST_EVENT_TYPES.map((type) => ({ key: key as RowKey, type, expected: events[type] })),
  );

  it('covers every status and every event', () => {
    const statuses = new Set(Object.keys(TABLE).map((key) => key.split('/')[0]));
    expect([...statuses].sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(rows).toHaveLength(Object.keys(TABLE).length * REQUEST_EVENT_TYPES.length);
  });

  it.each(rows)('$key + $type → $expected', ({ key, type, expected }) => {
    check(state(key), event(type), expected, NOW);
  });

  const pastDueRows = Object.entries(PAST_DUE).flatMap(([key, events]) =>
    REQUEST_EVENT_TYPES.map((type) => ({
      key: key as RowKey,
      type,
      expected: events[type] ?? TABLE[key as RowKey]![type],
    })),
  );
  it.each(pastDueRows)('past its expiry: $key + $type → $expected', ({ key, type, expected }) => {
    check(state(key, NOW), event(type), expected, NOW);
  });

  it.each(REQUEST_EVENT_TYPES)('a deleted request refuses %s', (type) => {
    check({ ...state('ready/granted'), deleted: true }, event(type), '!request_deleted', NOW);
  });
});

describe('transition: collaborative sessions', () => {
  const connected = state('connected/granted');

  it('lets a second agent connect and stays connected until the last one leaves', () => {
    const both = transition(connected, { type: 'connect', agentId: 'agent-2' }, NOW);
    expect(both.ok && both.state.connectedAgentIds).toEqual([AGENT, 'agent-2']);
    if (!both.ok) return;
    const one = transition(both.state, event('disconnect', AGENT), NOW);
    expect(one.ok && [one.state.status, one.state.connectedAgentIds]).toEqual(['connected', ['agent-2']]);
    // The permission runs on while anyone is still connected.
    expect(one.ok && one.state.consentLapsesAt).toBeNull();
    if (!one.ok) return;
    const none = transition(one.state, event('disconnect', 'agent-2'), NOW);
    expect(none.ok && [none.state.status, none.state.connectedAgentIds]).toEqual(['ready', []]);
  });

  it('refuses a disconnect from an agent who is not connected', () => {
    const result = transition(connected, event('disconnect', 'agent-9'), NOW);
    expect(result.ok ? null : result.error.code).toBe('not_connected');
  });

  it('clears every connection when the session is ended for everyone', () => {
    const result = transition(connected, { type: 'end_for_everyone' }, NOW);
    expect(result.ok && result.state.connectedAgentIds).toEqual([]);
  });

  it('starts new requests Open with consent pending', () => {
    expect(createdState(LATER)).toEqual(state('open/pending'));
  });
});

describe('transition: consent lasts one session', () => {
  const connected = state('connected/granted');

  it('starts the grace period at the last disconnect: Ready until then', () => {
    const result = transition(connected, event('disconnect', AGENT, GRACE_MS), NOW);
    expect(result.ok && result.state).toMatchObject({
      status: 'ready',
      consent: 'granted',
      connectedAgentIds: [],
      consentLapsesAt: NOW + GRACE_MS,
    });
  });

  it('ends the permission with the session when the grace is 0', () => {
    const result = transition(connected, event('disconnect', AGENT, 0), NOW);
    expect(result.ok && result.state).toMatchObject({
      status: 'waiting',
      consent: 'pending',
      connectedAgentIds: [],
      consentLapsesAt: null,
    });
  });

  it('expires rather than lapses when the last disconnect is past the expiry time', () => {
    const result = transition(state('connected/granted', NOW), event('disconnect', AGENT, GRACE_MS), NOW);
    expect(result.ok && result.state).toMatchObject({ status: 'expired', consentLapsesAt: null });
  });

  it('lapses exactly at the time, not a millisecond before, and back to Waiting with consent pending', () => {
    const lapsing = { ...state('ready/granted'), consentLapsesAt: NOW };
    const early = transition(lapsing, { type: 'lapse' }, NOW - 1);
    expect(early.ok ? 'accepted' : early.error.code).toBe('not_due');
    const due = transition(lapsing, { type: 'lapse' }, NOW);
    expect(due.ok && due.state).toEqual({
      ...lapsing,
      status: 'waiting',
      consent: 'pending',
      consentLapsesAt: null,
    });
  });

  it('refuses Connect once the grace is over, with a reason the agent can act on', () => {
    const result = transition(state('ready/granted, lapsed'), event('connect'), NOW);
    expect(result.ok ? null : result.error).toEqual({
      code: 'consent_lapsed',
      message: expect.stringMatching(/allow access again/),
    });
  });

  it('keeps the permission running while an agent reconnects within the grace', () => {
    const result = transition(state('ready/granted, lapsing'), event('connect'), NOW);
    expect(result.ok && result.state).toMatchObject({ status: 'connected', consentLapsesAt: null });
  });

  it('renews a lapsed permission when the end user allows again', () => {
    const result = transition(state('ready/granted, lapsed'), event('allow'), NOW);
    expect(result.ok && result.state).toMatchObject({ status: 'ready', consentLapsesAt: null });
  });

  it('ends access at once, also during a session: every connection ends with it', () => {
    for (const key of ['ready/granted, lapsing', 'connected/granted'] as const) {
      const result = transition(state(key), event('end_access'), NOW);
      expect(result.ok && result.state).toMatchObject({
        status: 'waiting',
        consent: 'denied',
        connectedAgentIds: [],
        consentLapsesAt: null,
      });
    }
  });
});

// ---- properties over any sequence of events at any time ----

const stateArb: fc.Arbitrary<RequestState> = fc
  .record({
    status: fc.constantFrom(...REQUEST_STATUSES),
    consent: fc.constantFrom(...CONSENTS),
    expiresAt: fc.integer({ min: NOW - 10_000, max: NOW + 10_000 }),
    connectedAgentIds: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
    consentLapsesAt: fc.option(fc.integer({ min: NOW - 10_000, max: NOW + 10_000 })),
    deleted: fc.boolean(),
  })
  .map((s) => Object.freeze({ ...s, connectedAgentIds: Object.freeze([...s.connectedAgentIds]) }));

const eventArb: fc.Arbitrary<RequestEvent> = fc
  .tuple(
    fc.constantFrom(...REQUEST_EVENT_TYPES),
    fc.constantFrom('a', 'b', 'c'),
    fc.constantFrom(0, 1_000, GRACE_MS),
  )
  .map(([type, agentId, grace]) => event(type, agentId, grace));

function invariantsHold(s: RequestState): boolean {
  // Only a Ready request after a session has a permission counting down.
  if (s.consentLapsesAt !== null && s.status !== 'ready') return false;
  switch (s.status) {
    case 'open':
      return s.consent === 'pending' && s.connectedAgentIds.length === 0;
    case 'waiting':
      return s.consent !== 'granted' && s.connectedAgentIds.length === 0;
    case 'ready':
      return s.consent === 'granted' && s.connectedAgentIds.length === 0;
    case 'connected':
      return s.consent === 'granted' && s.connectedAgentIds.length > 0;
    case 'closed':
    case 'expired':
      return s.connectedAgentIds.length === 0;
  }
}

describe('transition: properties', () => {
  it('keeps the invariants along any event sequence from creation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(eventArb, fc.integer({ min: 0, max: 20_000 })), { maxLength: 40 }),
        (steps) => {
          let current = createdState(NOW + 10_000);
          for (const [ev, offset] of steps) {
            const result = transition(current, ev, NOW + offset);
            if (result.ok) current = result.state;
            expect(invariantsHold(current)).toBe(true);
          }
        },
      ),
    );
  });

  it('never mutates its input and reports a repeat as unchanged', () => {
    fc.assert(
      fc.property(stateArb, eventArb, fc.integer({ min: NOW - 20_000, max: NOW + 20_000 }), (s, ev, now) => {
        const before = structuredClone(s);
        const result = transition(s, ev, now);
        expect(s).toEqual(before);
        if (result.ok && !result.changed) expect(result.state).toBe(s);
        if (result.ok && result.changed) expect(result.state).not.toEqual(s);
      }),
    );
  });

  it('changes a closed or expired request only by deleting it', () => {
    fc.assert(
      fc.property(stateArb, eventArb, fc.integer(), (s, ev, now) => {
        fc.pre(s.status === 'closed' || s.status === 'expired');
        const result = transition(s, ev, now);
        if (result.ok) expect(result.state).toEqual({ ...s, deleted: true });
        else expect(ev.type === 'delete' && !s.deleted).toBe(false);
      }),
    );
  });

  it('never expires a request before its time, nor one in session', () => {
    fc.assert(
      fc.property(stateArb, fc.integer({ min: NOW - 20_000, max: NOW + 20_000 }), (s, now) => {
        const result = transition(s, { type: 'expire' }, now);
        if (result.ok) {
          expect(now).toBeGreaterThanOrEqual(s.expiresAt);
          expect(s.status).not.toBe('connected');
        }
      }),
    );
  });
});
