/**
 * Who may do what, from PRODUCT.md's roles and channel permissions. The service enforces these; the
 * client calls the same functions to disable a button and say why.
 *
 * - A Private channel is visible to its owner only, admins included.
 * - A shared channel is visible to its members and to admins.
 * - Handling a request (create, connect, pick up, join, invite, request access again) needs the
 *   support_agent role; connecting needs being the assignee or a participant.
 * - "Managing" a request (close, delete, reschedule, move to another channel, set its ticket reference) is
 *   for its assignee, agents with the release permission in its channel, admins, and any member while it
 *   sits unassigned in the queue.
 * - Moving it to another agent (transfer, or reassigning an assigned request) needs the release permission.
 */
import { domainError, type DomainError, type ErrorArgs } from './errors';

export const ROLES = ['admin', 'support_agent'] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
  /** The release permission: may transfer the channel's requests to another agent. */
  readonly canRelease: boolean;
}

export interface AgentAccess {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
  /** Shared channels the agent belongs to, by channel id. */
  readonly memberships: Readonly<Record<string, Membership>>;
}

export interface ChannelAccess {
  readonly id: string;
  readonly name: string;
  readonly kind: 'shared' | 'private';
  /** The owner of a Private channel; null for a shared channel. */
  readonly ownerId: string | null;
  readonly participantLimit: number;
}

export interface RequestAccess {
  readonly channelId: string;
  readonly assigneeId: string | null;
  readonly createdBy: string;
  /** Agents on the request besides the assignee. */
  readonly participantIds: readonly string[];
}

export type PermissionCode =
  | 'account_disabled'
  | 'admin_required'
  | 'role_required'
  | 'no_channel_access'
  | 'private_channel'
  | 'not_on_request'
  | 'not_owner'
  | 'release_permission_required'
  | 'manage_required'
  | 'already_assigned'
  | 'not_assigned'
  | 'not_in_queue'
  | 'target_ineligible'
  | 'already_participant'
  | 'participant_limit'
  | 'same_channel';

export type Denial = DomainError<PermissionCode>;
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly denial: Denial };

export const ALLOWED: Decision = { allowed: true };

function deny<Code extends PermissionCode>(code: Code, ...params: ErrorArgs<Code>): Decision {
  return { allowed: false, denial: domainError(code, ...params) };
}

/** The first refusal among the checks, or allowed. Checks run lazily, in order. */
function firstDenial(...checks: (() => Decision)[]): Decision {
  for (const check of checks) {
    const decision = check();
    if (!decision.allowed) return decision;
  }
  return ALLOWED;
}

export function hasRole(agent: Pick<AgentAccess, 'roles'>, role: Role): boolean {
  return agent.roles.includes(role);
}

function enabled(agent: AgentAccess): Decision {
  return agent.disabled ? deny('account_disabled') : ALLOWED;
}

/** What needs the support_agent role, as `role_required` names it. */
type SupportAction = 'create' | 'connect' | 'rerequest' | 'assign' | 'pickup' | 'invite' | 'join';

function supportRole(agent: AgentAccess, action: SupportAction): Decision {
  return hasRole(agent, 'support_agent') ? ALLOWED : deny('role_required', { action });
}

/** Whether the agent can see the channel and the requests in it. */
export function canAccessChannel(agent: AgentAccess, channel: ChannelAccess): Decision {
  return firstDenial(
    () => enabled(agent),
    () => {
      if (channel.kind === 'private') {
        return channel.ownerId === agent.id ? ALLOWED : deny('private_channel', { action: 'view' });
      }
      return hasRole(agent, 'admin') || channel.id in agent.memberships
        ? ALLOWED
        : deny('no_channel_access', { action: 'view', channel: channel.name });
    },
  );
}

/** Managing agents, channels and settings. */
export function canAdminister(agent: AgentAccess): Decision {
  return firstDenial(
    () => enabled(agent),
    () => (hasRole(agent, 'admin') ? ALLOWED : deny('admin_required')),
  );
}

export function canCreateRequest(agent: AgentAccess, channel: ChannelAccess): Decision {
  return firstDenial(
    () => enabled(agent),
    () => supportRole(agent, 'create'),
    () => canAccessChannel(agent, channel),
  );
}

/** Whether `target` can be given a request in `channel` (assigned, transferred, invited). */
export function isEligibleAgent(target: AgentAccess, channel: ChannelAccess): Decision {
  const ineligible = (reason: 'disabled' | 'no_role' | 'no_access') =>
    deny('target_ineligible', { reason, agent: target.name, channel: channel.name });
  if (target.disabled) return ineligible('disabled');
  if (!hasRole(target, 'support_agent')) return ineligible('no_role');
  return canAccessChannel(target, channel).allowed ? ALLOWED : ineligible('no_access');
}

/** The release permission in the request's channel; admins and a Private channel's owner hold it. */
export function holdsReleasePermission(agent: AgentAccess, channel: ChannelAccess): boolean {
  if (channel.kind === 'private') return channel.ownerId === agent.id;
  return hasRole(agent, 'admin') || agent.memberships[channel.id]?.canRelease === true;
}

export type RequestAction =
  | { readonly type: 'view' }
  | { readonly type: 'note' }
  /** A chat message to the end user (issue 19): the agents on the request. */
  | { readonly type: 'message' }
  | { readonly type: 'copy_link' }
  | { readonly type: 'show_pin' }
  | { readonly type: 'resend' }
  /** The invitation (link and PIN) by text message to the request's phone number (issue 19). */
  | { readonly type: 'sms_invitation' }
  | { readonly type: 'connect' }
  | { readonly type: 'disconnect' }
  | { readonly type: 'rerequest' }
  | { readonly type: 'assign'; readonly target: AgentAccess }
  | { readonly type: 'transfer_to_agent'; readonly target: AgentAccess }
  | { readonly type: 'transfer_to_channel'; readonly targetChannel: ChannelAccess }
  | { readonly type: 'release' }
  | { readonly type: 'pickup' }
  | { readonly type: 'invite'; readonly targets: readonly AgentAccess[] }
  | { readonly type: 'join' }
  | { readonly type: 'leave' }
  | { readonly type: 'end' }
  | { readonly type: 'close' }
  | { readonly type: 'reschedule' }
  | { readonly type: 'delete' }
  /** Set or clear the ticket the request belongs to in a ticketing system (PATCH /requests/{id}). */
  | { readonly type: 'set_external_ref' }
  /** Set or clear the end user's phone number (PATCH /requests/{id}, issue 19). */
  | { readonly type: 'set_recipient_phone' };

export type RequestActionType = RequestAction['type'];

export interface RequestContext {
  readonly request: RequestAccess;
  /** The request's channel. */
  readonly channel: ChannelAccess;
}

/** Whether `agent` may take `action` on the request, by role, membership, assignment and participation. */
export function checkRequestPermission(
  agent: AgentAccess,
  action: RequestAction,
  { request, channel }: RequestContext,
): Decision {
  const isAssignee = request.assigneeId === agent.id;
  const isParticipant = request.participantIds.includes(agent.id);
  const onRequest = isAssignee || isParticipant;
  const isAdmin = hasRole(agent, 'admin');
  const canRelease = holdsReleasePermission(agent, channel);
  const canManage = isAdmin || canRelease || isAssignee || request.assigneeId === null;
  const agentCount = (request.assigneeId === null ? 0 : 1) + request.participantIds.length;

  const manage =
    (action: 'close' | 'reschedule' | 'delete' | 'transfer' | 'set_external_ref' | 'set_recipient_phone') =>
    () => (canManage ? ALLOWED : deny('manage_required', { action }));
  const onIt = (action: 'connect' | 'disconnect' | 'rerequest' | 'invite' | 'message') => () =>
    onRequest
      ? ALLOWED
      : deny('not_on_request', { action, inQueue: request.assigneeId === null ? 'yes' : 'no' });
  const support = (action: SupportAction) => () => supportRole(agent, action);
  const eligible = (target: AgentAccess) => () => isEligibleAgent(target, channel);
  const notAssignee = (target: AgentAccess) => () =>
    request.assigneeId === target.id ? deny('already_assigned', { agent: target.name }) : ALLOWED;
  const room = (adding: number) => () =>
    agentCount + adding <= channel.participantLimit
      ? ALLOWED
      : deny('participant_limit', {
          channel: channel.name,
          limit: channel.participantLimit,
          count: agentCount,
        });

  const specific = (): Decision => {
    switch (action.type) {
      case 'view':
      case 'note':
      case 'copy_link':
      case 'show_pin':
        return ALLOWED;
      case 'resend':
      case 'sms_invitation':
        return onRequest || canManage || request.createdBy === agent.id
          ? ALLOWED
          : deny('not_on_request', { action: 'resend', inQueue: 'no' });
      case 'message':
        return firstDenial(onIt('message'));
      case 'connect':
        return firstDenial(support('connect'), onIt('connect'));
      case 'disconnect':
        return firstDenial(onIt('disconnect'));
      case 'rerequest':
        return firstDenial(support('rerequest'), onIt('rerequest'));
      case 'assign':
        return firstDenial(
          () => (isAdmin ? ALLOWED : supportRole(agent, 'assign')),
          eligible(action.target),
          notAssignee(action.target),
          () =>
            request.assigneeId === null || canRelease
              ? ALLOWED
              : deny('release_permission_required', { action: 'assign' }),
        );
      case 'transfer_to_agent':
        return firstDenial(
          () => (canRelease ? ALLOWED : deny('release_permission_required', { action: 'transfer' })),
          eligible(action.target),
          notAssignee(action.target),
        );
      case 'transfer_to_channel':
        return firstDenial(
          () =>
            action.targetChannel.id === channel.id
              ? deny('same_channel', { channel: channel.name })
              : ALLOWED,
          manage('transfer'),
          () => {
            const access = canAccessChannel(agent, action.targetChannel);
            return access.allowed
              ? ALLOWED
              : deny('no_channel_access', { action: 'transfer', channel: action.targetChannel.name });
          },
        );
      case 'release':
        return firstDenial(
          () => (channel.kind === 'private' ? deny('private_channel', { action: 'release' }) : ALLOWED),
          () => (request.assigneeId === null ? deny('not_assigned') : ALLOWED),
          () =>
            isAssignee || canRelease ? ALLOWED : deny('release_permission_required', { action: 'release' }),
        );
      case 'pickup':
        return firstDenial(support('pickup'), () =>
          request.assigneeId === null ? ALLOWED : deny('not_in_queue'),
        );
      case 'invite':
        return firstDenial(
          support('invite'),
          onIt('invite'),
          ...action.targets.flatMap((target) => [
            eligible(target),
            () =>
              target.id === request.assigneeId || request.participantIds.includes(target.id)
                ? deny('already_participant', {
                    self: target.id === agent.id ? 'yes' : 'no',
                    agent: target.name,
                  })
                : ALLOWED,
          ]),
          room(action.targets.length),
        );
      case 'join':
        return firstDenial(
          support('join'),
          () => (onRequest ? deny('already_participant', { self: 'yes', agent: agent.name }) : ALLOWED),
          room(1),
        );
      case 'leave':
        return firstDenial(
          () => (onRequest ? ALLOWED : deny('not_on_request', { action: 'leave', inQueue: 'no' })),
          // Nobody else can be on it, and there is no queue to hand it to.
          () =>
            channel.kind === 'private' && isAssignee ? deny('private_channel', { action: 'leave' }) : ALLOWED,
        );
      case 'end':
        return isAssignee || isAdmin ? ALLOWED : deny('not_owner');
      case 'close':
        return manage('close')();
      case 'reschedule':
        return manage('reschedule')();
      case 'delete':
        return manage('delete')();
      case 'set_external_ref':
        return manage('set_external_ref')();
      case 'set_recipient_phone':
        return manage('set_recipient_phone')();
    }
  };

  return firstDenial(() => canAccessChannel(agent, channel), specific);
}
