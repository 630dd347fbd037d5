/**
 * One answer to "can this agent do this to this request now, and if not, why": the permission rules
 * and the state machine together. The service uses it before applying an action (a permission refusal is
 * a 403, a state refusal a 409); the client uses it to disable a button with the reason.
 */
import { CONSENT_GRACE, consentGraceMs } from './consent';
import { domainError, type DomainError, type ErrorArgs } from './errors';
import {
  checkRequestPermission,
  type AgentAccess,
  type PermissionCode,
  type RequestAction,
  type RequestContext,
} from './permissions';
import { isFinalStatus } from './status';
import { transition, type RequestEvent, type RequestState, type TransitionErrorCode } from './transitions';

export type ActionCheck =
  | { readonly allowed: true; readonly event: RequestEvent | null }
  | {
      readonly allowed: false;
      /** `permission`: the agent may not (403). `state`: not in the request's current state (409). */
      readonly kind: 'permission' | 'state';
      readonly error: DomainError<PermissionCode | TransitionErrorCode | StateRefusalCode>;
    };

/** Refusals of an action by what the request (or the organisation) lacks. */
type StateRefusalCode = 'no_recipient_email' | 'no_recipient_phone' | 'sms_not_configured';

export interface ActionContext extends RequestContext {
  readonly state: RequestState;
  readonly recipientEmail: string | null;
  /** The end user's mobile number; absent (a request from an older service) counts as none. */
  readonly recipientPhone?: string | null;
  /**
   * Whether the organisation has an SMS gateway. The service gives it; a client that does not know leaves
   * it out, and the service says.
   */
  readonly smsConfigured?: boolean;
  /**
   * The organisation's consent grace (ms), which a last disconnect starts. The service gives it; the
   * client, which does not know it, leaves it out: whether an action is allowed does not depend on it.
   */
  readonly consentGraceMs?: number;
}

/** The state-machine event an action causes, if any. */
export function eventForAction(
  action: RequestAction,
  agentId: string,
  graceMs = consentGraceMs(CONSENT_GRACE.defaultMinutes),
): RequestEvent | null {
  switch (action.type) {
    case 'connect':
      return { type: 'connect', agentId };
    case 'disconnect':
      return { type: 'disconnect', agentId, consentGraceMs: graceMs };
    case 'rerequest':
      return { type: 'request_again' };
    case 'close':
      return { type: 'close' };
    case 'end':
      return { type: 'end_for_everyone' };
    case 'delete':
      return { type: 'delete' };
    default:
      return null;
  }
}

/**
 * Actions that read or annotate a request and so work on closed and expired ones too (a ticket is often
 * linked once the session is over).
 */
const WORKS_ON_FINAL: ReadonlySet<RequestAction['type']> = new Set([
  'view',
  'note',
  'copy_link',
  'show_pin',
  'set_external_ref',
  'set_recipient_phone',
]);

function stateRefusal<Code extends TransitionErrorCode | StateRefusalCode>(
  code: Code,
  ...params: ErrorArgs<Code>
): ActionCheck {
  return { allowed: false, kind: 'state', error: domainError(code, ...params) };
}

export function checkAction(
  agent: AgentAccess,
  action: RequestAction,
  context: ActionContext,
  now: number,
): ActionCheck {
  const permission = checkRequestPermission(agent, action, context);
  if (!permission.allowed) return { allowed: false, kind: 'permission', error: permission.denial };

  const { state } = context;
  const event = eventForAction(action, agent.id, context.consentGraceMs);
  if (event) {
    const result = transition(state, event, now);
    return result.ok ? { allowed: true, event } : { allowed: false, kind: 'state', error: result.error };
  }

  if (state.deleted) return stateRefusal('request_deleted');
  if (!WORKS_ON_FINAL.has(action.type)) {
    if (isFinalStatus(state.status)) {
      return state.status === 'closed' ? stateRefusal('request_closed') : stateRefusal('request_expired');
    }
    if (now >= state.expiresAt && state.status !== 'connected') return stateRefusal('expiry_passed');
  }
  if (action.type === 'resend' && context.recipientEmail === null) {
    return stateRefusal('no_recipient_email');
  }
  if (action.type === 'sms_invitation') {
    if (!context.recipientPhone) return stateRefusal('no_recipient_phone');
    if (context.smsConfigured === false) return stateRefusal('sms_not_configured');
  }
  return { allowed: true, event: null };
}
