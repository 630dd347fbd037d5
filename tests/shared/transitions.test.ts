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

function state(status: RequestStatus, consent: Consent, expiresAt = LATER): RequestState {
  return {
    status,
    consent,
    expiresAt,
    connectedAgentIds: status === 'connected' ? [AGENT] : [],
    deleted: false,
  };
}

function event(type: RequestEventType, agentId = AGENT): RequestEvent {
  return type === 'connect' || type === 'disconnect' ? { type, agentId } : { type };
}

/** What the table expects: a new status/consent, "same" for a harmless repeat, "deleted", or an error code. */
type Expected = `${RequestStatus}/${Consent}` | 'same' | 'deleted' | `!${string}`;

// Written out by hand from PRODUCT.md, one row per reachable (status, consent), one column per event.
const TABLE: Record<string, Record<RequestEventType, Expected>> = {
  'open/pending': {
    link_opened: 'waiting/pending',
    allow: '!not_opened',
    deny: '!not_opened',
    request_again: '!not_denied',
    connect: '!not_ready',
    disconnect: '!not_connected',
    close: 'closed/pending',
    end_for_everyone: 'closed/pending',
    expire: '!not_due',
    delete: 'deleted',
  },
  'waiting/pending': {
    link_opened: 'same',
    allow: 'ready/granted',
    deny: 'waiting/denied',
    request_again: '!not_denied',
    connect: '!not_ready',
    disconnect: '!not_connected',
    close: 'closed/pending',
    end_for_everyone: 'closed/pending',
    expire: '!not_due',
    delete: 'deleted',
  },
  'waiting/denied': {
    link_opened: 'same',
    allow: '!consent_denied',
    deny: 'same',
    request_again: 'waiting/pending',
    connect: '!not_ready',
    disconnect: '!not_connected',
    close: 'closed/denied',
    end_for_everyone: 'closed/denied',
    expire: '!not_due',
    delete: 'deleted',
  },
  'ready/granted': {
    link_opened: 'same',
    allow: 'same',
    deny: 'waiting/denied',
    request_again: '!not_denied',
    connect: 'connected/granted',
    disconnect: '!not_connected',
    close: 'closed/granted',
    end_for_everyone: 'closed/granted',
    expire: '!not_due',
    delete: 'deleted',
  },
  'connected/granted': {
    link_opened: 'same',
    allow: 'same',
    deny: '!in_session',
    request_again: '!not_denied',
    connect: 'same',
    disconnect: 'ready/granted',
    close: 'closed/granted',
    end_for_everyone: 'closed/granted',
    expire: '!in_session',
    delete: '!in_session',
  },
  'closed/granted': {
    link_opened: '!request_closed',
    allow: '!request_closed',
    deny: '!request_closed',
    request_again: '!request_closed',
    connect: '!request_closed',
    disconnect: '!request_closed',
    close: '!request_closed',
    end_for_everyone: '!request_closed',
    expire: '!request_closed',
    delete: 'deleted',
  },
  'expired/pending': {
    link_opened: '!request_expired',
    allow: '!request_expired',
    deny: '!request_expired',
    request_again: '!request_expired',
    connect: '!request_expired',
    disconnect: '!request_expired',
    close: '!request_expired',
    end_for_everyone: '!request_expired',
    expire: '!request_expired',
    delete: 'deleted',
  },
};

/** Past the expiry time: only expire, close and delete apply, except while connected. */
const PAST_DUE: Record<string, Partial<Record<RequestEventType, Expected>>> = {
  'connected/granted': { disconnect: 'expired/granted', expire: '!in_session' },
};
for (const key of ['open/pending', 'waiting/pending', 'waiting/denied', 'ready/granted']) {
  const [, consent] = key.split('/') as [RequestStatus, Consent];
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
    REQUEST_EVENT_TYPES.map((type) => ({ key, type, expected: events[type] })),
  );

  it('covers every status and every event', () => {
    const statuses = new Set(Object.keys(TABLE).map((key) => key.split('/')[0]));
    expect([...statuses].sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(rows).toHaveLength(Object.keys(TABLE).length * REQUEST_EVENT_TYPES.length);
  });

  it.each(rows)('$key + $type → $expected', ({ key, type, expected }) => {
    const [status, consent] = key.split('/') as [RequestStatus, Consent];
    check(state(status, consent), event(type), expected, NOW);
  });

  const pastDueRows = Object.entries(PAST_DUE).flatMap(([key, events]) =>
    REQUEST_EVENT_TYPES.map((type) => ({
      key,
      type,
      expected: events[type] ?? TABLE[key]![type],
    })),
  );
  it.each(pastDueRows)('past its expiry: $key + $type → $expected', ({ key, type, expected }) => {
    const [status, consent] = key.split('/') as [RequestStatus, Consent];
    check(state(status, consent, NOW), event(type), expected, NOW);
  });

  it.each(REQUEST_EVENT_TYPES)('a deleted request refuses %s', (type) => {
    check({ ...state('ready', 'granted'), deleted: true }, event(type), '!request_deleted', NOW);
  });
});

describe('transition: collaborative sessions', () => {
  const connected = state('connected', 'granted');

  it('lets a second agent connect and stays connected until the last one leaves', () => {
    const both = transition(connected, { type: 'connect', agentId: 'agent-2' }, NOW);
    expect(both.ok && both.state.connectedAgentIds).toEqual([AGENT, 'agent-2']);
    if (!both.ok) return;
    const one = transition(both.state, { type: 'disconnect', agentId: AGENT }, NOW);
    expect(one.ok && [one.state.status, one.state.connectedAgentIds]).toEqual(['connected', ['agent-2']]);
    if (!one.ok) return;
    const none = transition(one.state, { type: 'disconnect', agentId: 'agent-2' }, NOW);
    expect(none.ok && [none.state.status, none.state.connectedAgentIds]).toEqual(['ready', []]);
  });

  it('refuses a disconnect from an agent who is not connected', () => {
    const result = transition(connected, { type: 'disconnect', agentId: 'agent-9' }, NOW);
    expect(result.ok ? null : result.error.code).toBe('not_connected');
  });

  it('clears every connection when the session is ended for everyone', () => {
    const result = transition(connected, { type: 'end_for_everyone' }, NOW);
    expect(result.ok && result.state.connectedAgentIds).toEqual([]);
  });

  it('starts new requests Open with consent pending', () => {
    expect(createdState(LATER)).toEqual(state('open', 'pending'));
  });
});

// ---- properties over any sequence of events at any time ----

const stateArb: fc.Arbitrary<RequestState> = fc
  .record({
    status: fc.constantFrom(...REQUEST_STATUSES),
    consent: fc.constantFrom(...CONSENTS),
    expiresAt: fc.integer({ min: NOW - 10_000, max: NOW + 10_000 }),
    connectedAgentIds: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
    deleted: fc.boolean(),
  })
  .map((s) => Object.freeze({ ...s, connectedAgentIds: Object.freeze([...s.connectedAgentIds]) }));

const eventArb: fc.Arbitrary<RequestEvent> = fc
  .tuple(fc.constantFrom(...REQUEST_EVENT_TYPES), fc.constantFrom('a', 'b', 'c'))
  .map(([type, agentId]) => event(type, agentId));

function invariantsHold(s: RequestState): boolean {
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
