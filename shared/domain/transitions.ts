/**
 * The session request state machine: every event of PRODUCT.md applied to a request's state.
 * Pure: the current time is passed in, nothing is read from a clock.
 *
 *   open ──link opened──▶ waiting ──allow──▶ ready ──connect──▶ connected
 *   connected ──last disconnect──▶ ready, its grace starting (expired if past due)
 *   ready after a session ──lapse (its grace is over)──▶ waiting (pending): Connect needs a new Allow
 *   waiting, ready ──deny──▶ waiting (denied) ──request access again──▶ waiting (pending)
 *   ready, connected ──end access──▶ waiting (denied), nobody connected any more
 *   close / end for everyone ──▶ closed      expire (when due, not while connected) ──▶ expired
 *   delete ──▶ removed from every list (allowed in any state but connected)
 *
 * Consent lasts one session: the last disconnect starts the organisation's grace (consentLapsesAt), so an
 * agent whose connection dropped can reconnect; a grace of 0 lapses the permission at once.
 */
import { domainError, type DomainError, type ErrorArgs } from './errors';
import { isFinalStatus, type Consent, type RequestStatus } from './status';

/** The part of a request the state machine reads and writes. */
export interface RequestState {
  readonly status: RequestStatus;
  readonly consent: Consent;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** Agents whose remote-control client is running for this request now. */
  readonly connectedAgentIds: readonly string[];
  /**
   * When the end user's permission lapses (epoch milliseconds): set by the last disconnect, on a Ready
   * request only; null before the first session and while one runs.
   */
  readonly consentLapsesAt: number | null;
  readonly deleted: boolean;
}

export const REQUEST_EVENT_TYPES = [
  'link_opened',
  'allow',
  'deny',
  'end_access',
  'request_again',
  'connect',
  'disconnect',
  'close',
  'end_for_everyone',
  'expire',
  'lapse',
  'delete',
] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];

export type RequestEvent =
  | { readonly type: 'link_opened' }
  | { readonly type: 'allow' }
  | { readonly type: 'deny' }
  /** The end user ends the permission they gave, during a session too. */
  | { readonly type: 'end_access' }
  | { readonly type: 'request_again' }
  | { readonly type: 'connect'; readonly agentId: string }
  /** `consentGraceMs`: the organisation's grace, which the last disconnect starts. */
  | { readonly type: 'disconnect'; readonly agentId: string; readonly consentGraceMs: number }
  | { readonly type: 'close' }
  | { readonly type: 'end_for_everyone' }
  | { readonly type: 'expire' }
  /** The service's clock: the grace after the last disconnect is over. */
  | { readonly type: 'lapse' }
  | { readonly type: 'delete' };

export type TransitionErrorCode =
  | 'request_deleted'
  | 'request_closed'
  | 'request_expired'
  | 'expiry_passed'
  | 'not_due'
  | 'not_opened'
  | 'consent_denied'
  | 'consent_lapsed'
  | 'not_granted'
  | 'not_denied'
  | 'not_ready'
  | 'not_connected'
  | 'in_session';

export type TransitionError = DomainError<TransitionErrorCode>;

export type TransitionResult =
  | {
      readonly ok: true;
      readonly state: RequestState;
      /** False when the event is a harmless repeat (the page reopened, Allow clicked twice). */
      readonly changed: boolean;
    }
  | { readonly ok: false; readonly error: TransitionError };

export function createdState(expiresAt: number): RequestState {
  return {
    status: 'open',
    consent: 'pending',
    expiresAt,
    connectedAgentIds: [],
    consentLapsesAt: null,
    deleted: false,
  };
}

/** A Ready request whose grace after the last session is over (the service's clock lapses it soon). */
export function grantLapsed(state: RequestState, now: number): boolean {
  return state.status === 'ready' && state.consentLapsesAt !== null && now >= state.consentLapsesAt;
}

function fail<Code extends TransitionErrorCode>(code: Code, ...params: ErrorArgs<Code>): TransitionResult {
  return { ok: false, error: domainError(code, ...params) };
}

function move(from: RequestState, patch: Partial<RequestState>): TransitionResult {
  return { ok: true, state: { ...from, ...patch }, changed: true };
}

function same(state: RequestState): TransitionResult {
  return { ok: true, state, changed: false };
}

const closedState = { status: 'closed', connectedAgentIds: [], consentLapsesAt: null } as const;
/** Waiting with consent denied: what Deny and End access leave. */
const deniedState = {
  status: 'waiting',
  consent: 'denied',
  connectedAgentIds: [],
  consentLapsesAt: null,
} as const;

function notOpened(): TransitionResult {
  return fail('not_opened');
}

/**
 * Applies `event` to `state` at time `now` (epoch milliseconds). Returns the next state, or the rule that
 * refuses the event. An event refused here maps to HTTP 409 (wrong state) at the service.
 */
export function transition(state: RequestState, event: RequestEvent, now: number): TransitionResult {
  if (state.deleted) {
    return fail('request_deleted');
  }
  if (isFinalStatus(state.status)) {
    if (event.type === 'delete') return move(state, { deleted: true });
    return state.status === 'closed' ? fail('request_closed') : fail('request_expired');
  }

  // Past its expiry time a request can only expire, be closed or deleted, unless a remote session is
  // running: a Connected request expires when it ends.
  const pastDue = now >= state.expiresAt && state.status !== 'connected';
  if (pastDue && event.type !== 'expire' && event.type !== 'close' && event.type !== 'delete') {
    return fail('expiry_passed');
  }

  switch (event.type) {
    case 'link_opened':
      return state.status === 'open' ? move(state, { status: 'waiting' }) : same(state);

    case 'allow':
      switch (state.status) {
        case 'open':
          return notOpened();
        case 'waiting':
          return state.consent === 'denied'
            ? fail('consent_denied')
            : move(state, { status: 'ready', consent: 'granted' });
        case 'ready':
          // Allowing again after the grace renews the permission before the clock lapses it.
          return grantLapsed(state, now) ? move(state, { consentLapsesAt: null }) : same(state);
        default:
          return same(state);
      }

    case 'deny':
      switch (state.status) {
        case 'open':
          return notOpened();
        case 'waiting':
          return state.consent === 'denied' ? same(state) : move(state, { consent: 'denied' });
        case 'ready':
          // The end user withdrew consent before anyone connected.
          return move(state, deniedState);
        default:
          return fail('in_session', { event: 'deny' });
      }

    case 'end_access':
      switch (state.status) {
        case 'open':
          return notOpened();
        case 'waiting':
          return state.consent === 'denied' ? same(state) : fail('not_granted', { event: 'end_access' });
        case 'ready':
          return move(state, deniedState);
        default:
          // During a session: the service no longer counts anyone as connected (the remote-control app
          // itself is ended on the end user's computer). Past its expiry, the request expires instead.
          return move(state, now >= state.expiresAt ? { ...deniedState, status: 'expired' } : deniedState);
      }

    case 'request_again':
      return state.consent === 'denied'
        ? move(state, { status: 'waiting', consent: 'pending' })
        : fail('not_denied');

    case 'connect':
      if (grantLapsed(state, now)) {
        return fail('consent_lapsed');
      }
      if (state.status === 'ready') {
        return move(state, {
          status: 'connected',
          connectedAgentIds: [event.agentId],
          consentLapsesAt: null,
        });
      }
      if (state.status === 'connected') {
        // Another participant of a collaborative session connects too.
        return state.connectedAgentIds.includes(event.agentId)
          ? same(state)
          : move(state, { connectedAgentIds: [...state.connectedAgentIds, event.agentId] });
      }
      return fail('not_ready');

    case 'disconnect': {
      if (state.status !== 'connected' || !state.connectedAgentIds.includes(event.agentId)) {
        return fail('not_connected');
      }
      const remaining = state.connectedAgentIds.filter((id) => id !== event.agentId);
      if (remaining.length > 0) return move(state, { connectedAgentIds: remaining });
      if (now >= state.expiresAt) return move(state, { status: 'expired', connectedAgentIds: [] });
      // The last one: the permission lasts for the grace period, then lapses (at once with no grace).
      return event.consentGraceMs <= 0
        ? move(state, { status: 'waiting', consent: 'pending', connectedAgentIds: [] })
        : move(state, {
            status: 'ready',
            connectedAgentIds: [],
            consentLapsesAt: now + event.consentGraceMs,
          });
    }

    case 'close':
    case 'end_for_everyone':
      return move(state, closedState);

    case 'expire':
      if (state.status === 'connected') {
        return fail('in_session', { event: 'expire' });
      }
      if (now < state.expiresAt) {
        return fail('not_due', { event: 'expire' });
      }
      return move(state, { status: 'expired', consentLapsesAt: null });

    case 'lapse':
      switch (state.status) {
        case 'ready':
          return grantLapsed(state, now)
            ? move(state, { status: 'waiting', consent: 'pending', consentLapsesAt: null })
            : fail('not_due', { event: 'lapse' });
        case 'connected':
          return fail('in_session', { event: 'lapse' });
        default:
          return fail('not_granted', { event: 'lapse' });
      }

    case 'delete':
      return state.status === 'connected'
        ? fail('in_session', { event: 'delete' })
        : move(state, { deleted: true });
  }
}
