/**
 * Who may do what, from PRODUCT.md's roles and channel permissions. The service enforces these; the
 * client calls the same functions to disable a button and say why.
 *
 * - A Private channel is visible to its owner only, admins included.
 * - A shared channel is visible to its members and to admins.
 * - Handling a request (create, connect, pick up, join, invite, request access again) needs the
 *   support_agent role; connecting needs being the assignee or a participant.
 * - "Managing" a request (close, delete, reschedule, move to another channel) is for its assignee, agents with the
 *   release permission in its channel, admins, and any member while it sits unassigned in the queue.
 * - Moving it to another agent (transfer, or reassigning an assigned request) needs the release permission.
 */
import { domainError, type DomainError } from './errors';

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

function deny(code: PermissionCode, reason: string): Decision {
  return { allowed: false, denial: domainError(code, reason) };
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
  return agent.disabled
    ? deny('account_disabled', 'Your account is disabled; ask an administrator to enable it.')
    : ALLOWED;
}

function supportRole(agent: AgentAccess, doing: string): Decision {
  return hasRole(agent, 'support_agent')
    ? ALLOWED
    : deny('role_required', `Only agents with the support_agent role can ${doing}.`);
}

/** Whether the agent can see the channel and the requests in it. */
export function canAccessChannel(agent: AgentAccess, channel: ChannelAccess): Decision {
  return firstDenial(
    () => enabled(agent),
    () => {
      if (channel.kind === 'private') {
        return channel.ownerId === agent.id
          ? ALLOWED
          : deny('private_channel', 'A Private channel is visible only to its owner.');
      }
      return hasRole(agent, 'admin') || channel.id in agent.memberships
        ? ALLOWED
        : deny('no_channel_access', `You are not a member of the channel “${channel.name}”.`);
    },
  );
}

/** Managing agents, channels and settings. */
export function canAdminister(agent: AgentAccess): Decision {
  return firstDenial(
    () => enabled(agent),
    () =>
      hasRole(agent, 'admin')
        ? ALLOWED
        : deny('admin_required', 'Only administrators can manage agents, channels and settings.'),
  );
}

export function canCreateRequest(agent: AgentAccess, channel: ChannelAccess): Decision {
  return firstDenial(
    () => enabled(agent),
    () => supportRole(agent, 'create session requests'),
    () => canAccessChannel(agent, channel),
  );
}

/** Whether `target` can be given a request in `channel` (assigned, transferred, invited). */
export function isEligibleAgent(target: AgentAccess, channel: ChannelAccess): Decision {
  if (target.disabled) {
    return deny('target_ineligible', `${target.name}'s account is disabled.`);
  }
  if (!hasRole(target, 'support_agent')) {
    return deny('target_ineligible', `${target.name} does not have the support_agent role.`);
  }
  return canAccessChannel(target, channel).allowed
    ? ALLOWED
    : deny('target_ineligible', `${target.name} has no access to the channel “${channel.name}”.`);
}

/** The release permission in the request's channel; admins and a Private channel's owner hold it. */
export function holdsReleasePermission(agent: AgentAccess, channel: ChannelAccess): boolean {
  if (channel.kind === 'private') return channel.ownerId === agent.id;
  return hasRole(agent, 'admin') || agent.memberships[channel.id]?.canRelease === true;
}

export type RequestAction =
  | { readonly type: 'view' }
  | { readonly type: 'note' }
  | { readonly type: 'copy_link' }
  | { readonly type: 'show_pin' }
  | { readonly type: 'resend' }
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
  | { readonly type: 'delete' };

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

  const manage = (doing: string) => () =>
    canManage
      ? ALLOWED
      : deny(
          'manage_required',
          `Only the assigned agent, agents with the release permission or an admin can ${doing} this request.`,
        );
  const onIt = (doing: string) => () =>
    onRequest
      ? ALLOWED
      : request.assigneeId === null
        ? deny('not_on_request', `Pick up this request before you ${doing}.`)
        : deny('not_on_request', `Only the assigned agent and invited technicians can ${doing}.`);
  const support = (doing: string) => () => supportRole(agent, doing);
  const eligible = (target: AgentAccess) => () => isEligibleAgent(target, channel);
  const notAssignee = (target: AgentAccess) => () =>
    request.assigneeId === target.id
      ? deny('already_assigned', `The request is already assigned to ${target.name}.`)
      : ALLOWED;
  const room = (adding: number) => () =>
    agentCount + adding <= channel.participantLimit
      ? ALLOWED
      : deny(
          'participant_limit',
          `A request in “${channel.name}” can have at most ${channel.participantLimit} agents in all` +
            ` (it has ${agentCount}).`,
        );

  const specific = (): Decision => {
    switch (action.type) {
      case 'view':
      case 'note':
      case 'copy_link':
      case 'show_pin':
        return ALLOWED;
      case 'resend':
        return onRequest || canManage || request.createdBy === agent.id
          ? ALLOWED
          : deny('not_on_request', 'Only the agents on this request can resend the invitation.');
      case 'connect':
        return firstDenial(support('connect'), onIt('connect'));
      case 'disconnect':
        return firstDenial(onIt('disconnect'));
      case 'rerequest':
        return firstDenial(support('request access again'), onIt('request access again'));
      case 'assign':
        return firstDenial(
          () => (isAdmin ? ALLOWED : supportRole(agent, 'assign requests')),
          eligible(action.target),
          notAssignee(action.target),
          () =>
            request.assigneeId === null || canRelease
              ? ALLOWED
              : deny(
                  'release_permission_required',
                  'Only agents with the release permission can reassign a request that is already assigned.',
                ),
        );
      case 'transfer_to_agent':
        return firstDenial(
          () =>
            canRelease
              ? ALLOWED
              : deny(
                  'release_permission_required',
                  'Only agents with the release permission can transfer to another agent.',
                ),
          eligible(action.target),
          notAssignee(action.target),
        );
      case 'transfer_to_channel':
        return firstDenial(
          () =>
            action.targetChannel.id === channel.id
              ? deny('same_channel', `The request is already in “${channel.name}”.`)
              : ALLOWED,
          manage('transfer'),
          () => {
            const access = canAccessChannel(agent, action.targetChannel);
            return access.allowed
              ? ALLOWED
              : deny(
                  'no_channel_access',
                  `You need access to the channel “${action.targetChannel.name}” to transfer a request to it.`,
                );
          },
        );
      case 'release':
        return firstDenial(
          () =>
            channel.kind === 'private'
              ? deny('private_channel', 'A request in a Private channel has no queue to go back to.')
              : ALLOWED,
          () =>
            request.assigneeId === null
              ? deny('not_assigned', 'This request is already in the queue.')
              : ALLOWED,
          () =>
            isAssignee || canRelease
              ? ALLOWED
              : deny(
                  'release_permission_required',
                  'Only the assigned agent or an agent with the release permission can release this request.',
                ),
        );
      case 'pickup':
        return firstDenial(support('pick up requests'), () =>
          request.assigneeId === null
            ? ALLOWED
            : deny('not_in_queue', 'This request is not in the queue: it is already assigned.'),
        );
      case 'invite':
        return firstDenial(
          support('invite technicians'),
          onIt('invite technicians'),
          ...action.targets.flatMap((target) => [
            eligible(target),
            () =>
              target.id === request.assigneeId || request.participantIds.includes(target.id)
                ? deny('already_participant', `${target.name} is already on this request.`)
                : ALLOWED,
          ]),
          room(action.targets.length),
        );
      case 'join':
        return firstDenial(
          support('join sessions'),
          () => (onRequest ? deny('already_participant', 'You are already on this request.') : ALLOWED),
          room(1),
        );
      case 'leave':
        return firstDenial(
          () => (onRequest ? ALLOWED : deny('not_on_request', 'You are not on this request.')),
          // Nobody else can be on it, and there is no queue to hand it to.
          () =>
            channel.kind === 'private' && isAssignee
              ? deny(
                  'private_channel',
                  'A request in your Private channel stays yours: close it when you are done.',
                )
              : ALLOWED,
        );
      case 'end':
        return isAssignee || isAdmin
          ? ALLOWED
          : deny('not_owner', 'Only the agent who owns the session can end it for everyone.');
      case 'close':
        return manage('close')();
      case 'reschedule':
        return manage('reschedule')();
      case 'delete':
        return manage('delete')();
    }
  };

  return firstDenial(() => canAccessChannel(agent, channel), specific);
}
