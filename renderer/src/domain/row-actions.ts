/**
 * Which actions an agent can take on a row now, and if not, why: the shared rules (`checkWireAction`,
 * the same the service enforces), then what the client knows on top — one running hand-off per request
 * (`connectAgain`, the same the core applies), a row the service does not have yet, a missing link, and
 * being offline. Every disabled button shows the sentence returned here, in the translator's language:
 * the rules' refusals by their code (`error.<code>`), the client's own from its catalogue.
 */
import type { ActionCheck } from '@shared/domain/actions';
import type { DomainError } from '@shared/domain/errors';
import type { AgentAccess, RequestAction } from '@shared/domain/permissions';
import { connectAgain } from '@shared/ipc/handoff';
import type { RequestRow } from '@shared/ipc/views';
import type { Agent, Channel, Me } from '@shared/protocol/api';
import { errorText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import { accessOfAgent, channelAccess, checkWireAction } from '@shared/protocol/wire-access';

export const ROW_ACTIONS = [
  'disconnect',
  'copyLink',
  'showPin',
  'resend',
  'smsInvitation',
  'rerequest',
  'assign',
  'transfer',
  'release',
  'pickup',
  'invite',
  'leave',
  'close',
  'delete',
] as const;
export type RowActionId = (typeof ROW_ACTIONS)[number];
/**
 * Connect has its own button; ending the session for everyone (`end`) is offered inside the Leave
 * dialog. `disconnect` is End session: this agent's own remote session. `editTicket` (set, change or
 * clear the request's ticket) and `message` (the chat with the end user) are in the details.
 */
export type ActionId = RowActionId | 'connect' | 'end' | 'editTicket' | 'message';

export interface Availability {
  readonly enabled: boolean;
  /** Why not, in a sentence in the reader's language; null when enabled. */
  readonly reason: string | null;
  /** The rule's code, when the shared rules refused. */
  readonly code?: string;
}

export interface ActionContext {
  readonly me: Me;
  readonly agents: readonly Agent[];
  readonly channels: readonly Channel[];
  readonly live: boolean;
  readonly now: number;
  /** Why Connect cannot hand off on this host at all (`chosenClientRefusal`); null or absent when it can. */
  readonly clientRefusal?: DomainError | null;
}

const YES: Availability = { enabled: true, reason: null };
const no = (reason: string): Availability => ({ enabled: false, reason });

/** Actions that work on the cached row alone, offline too (a chat message waits in the outbox). */
const OFFLINE_OK: ReadonlySet<ActionId> = new Set(['copyLink', 'showPin', 'message']);

/** Refusals that are about the chosen target, not the request: another target may do. */
const TARGET_CODES: ReadonlySet<string> = new Set([
  'target_ineligible',
  'already_assigned',
  'already_participant',
]);

export function isLocalRow(row: Pick<RequestRow, 'id'>): boolean {
  return row.id.startsWith('local:');
}

function fromCheck(t: Translator, check: ActionCheck | null): Availability {
  if (check === null) return no(t.t('actions.unknownChannel'));
  return check.allowed ? YES : { enabled: false, reason: errorText(t, check.error), code: check.error.code };
}

function check(row: RequestRow, action: RequestAction, ctx: ActionContext): ActionCheck | null {
  return checkWireAction(ctx.me, row, ctx.channels, action, ctx.now);
}

/** Agents other than me, with their access to the channels (for the target checks). */
function otherAgents(ctx: ActionContext) {
  return ctx.agents.filter((a) => a.id !== ctx.me.id);
}

export interface TargetChoice<T> {
  readonly target: T;
  readonly availability: Availability;
}

/** Every agent the request could be assigned to, each with the rules' verdict. */
export function assignTargets(t: Translator, row: RequestRow, ctx: ActionContext): TargetChoice<Agent>[] {
  return ctx.agents.map((agent) => ({
    target: agent,
    availability: fromCheck(
      t,
      check(row, { type: 'assign', target: accessOfAgent(agent, ctx.channels) }, ctx),
    ),
  }));
}

export function transferAgentTargets(
  t: Translator,
  row: RequestRow,
  ctx: ActionContext,
): TargetChoice<Agent>[] {
  return otherAgents(ctx).map((agent) => ({
    target: agent,
    availability: fromCheck(
      t,
      check(row, { type: 'transfer_to_agent', target: accessOfAgent(agent, ctx.channels) }, ctx),
    ),
  }));
}

export function transferChannelTargets(
  t: Translator,
  row: RequestRow,
  ctx: ActionContext,
): TargetChoice<Channel>[] {
  return ctx.channels
    .filter((c) => c.id !== row.channelId)
    .map((channel) => ({
      target: channel,
      availability: fromCheck(
        t,
        check(row, { type: 'transfer_to_channel', targetChannel: channelAccess(channel) }, ctx),
      ),
    }));
}

export function inviteTargets(t: Translator, row: RequestRow, ctx: ActionContext): TargetChoice<Agent>[] {
  return otherAgents(ctx).map((agent) => ({
    target: agent,
    availability: fromCheck(
      t,
      check(row, { type: 'invite', targets: [accessOfAgent(agent, ctx.channels)] }, ctx),
    ),
  }));
}

/**
 * One verdict for an action that needs a target: enabled when some target is allowed; otherwise the
 * first refusal about the request itself (closed, no permission, no room…), else one about a target.
 */
function anyTarget(choices: readonly TargetChoice<unknown>[], emptyReason: string): Availability {
  if (choices.some((c) => c.availability.enabled)) return YES;
  const general = choices.find((c) => !TARGET_CODES.has(c.availability.code ?? ''));
  return (general ?? choices[0])?.availability ?? no(emptyReason);
}

/** An agent eligible for any request of the channel, on none of them: asks "is there room at all". */
function probeAgent(channelId: string): AgentAccess {
  return {
    id: 'probe',
    name: 'probe',
    roles: ['support_agent'],
    disabled: false,
    memberships: { [channelId]: { canRelease: false } },
  };
}

function rulesFor(t: Translator, row: RequestRow, action: ActionId, ctx: ActionContext): Availability {
  const verdict = (c: ActionCheck | null) => fromCheck(t, c);
  switch (action) {
    case 'connect': {
      const rules = verdict(check(row, { type: 'connect' }, ctx));
      if (!rules.enabled) return rules;
      const refusal = ctx.clientRefusal;
      if (refusal) return { enabled: false, reason: errorText(t, refusal), code: refusal.code };
      const again = connectAgain(row, ctx.me.id);
      return again.allowed ? YES : { enabled: false, reason: errorText(t, again), code: again.code };
    }
    case 'disconnect':
      return verdict(check(row, { type: 'disconnect' }, ctx));
    case 'copyLink':
      return verdict(check(row, { type: 'copy_link' }, ctx));
    case 'showPin':
      return verdict(check(row, { type: 'show_pin' }, ctx));
    case 'resend':
      return verdict(check(row, { type: 'resend' }, ctx));
    case 'smsInvitation':
      return verdict(check(row, { type: 'sms_invitation' }, ctx));
    case 'rerequest':
      return verdict(check(row, { type: 'rerequest' }, ctx));
    case 'release':
      return verdict(check(row, { type: 'release' }, ctx));
    case 'pickup':
      return verdict(check(row, { type: 'pickup' }, ctx));
    case 'leave':
      return verdict(check(row, { type: 'leave' }, ctx));
    case 'end':
      return verdict(check(row, { type: 'end' }, ctx));
    case 'close':
      return verdict(check(row, { type: 'close' }, ctx));
    case 'delete':
      return verdict(check(row, { type: 'delete' }, ctx));
    case 'editTicket':
      return verdict(check(row, { type: 'set_external_ref' }, ctx));
    case 'message':
      return verdict(check(row, { type: 'message' }, ctx));
    case 'assign':
      return anyTarget(assignTargets(t, row, ctx), t.t('actions.noAgents'));
    case 'transfer':
      return anyTarget(
        [...transferAgentTargets(t, row, ctx), ...transferChannelTargets(t, row, ctx)],
        t.t('actions.noAgents'),
      );
    case 'invite': {
      const choices = inviteTargets(t, row, ctx);
      if (choices.some((c) => c.availability.enabled)) return YES;
      // Everyone is on it already, or nobody else exists: would anybody new fit at all?
      const anybody = verdict(check(row, { type: 'invite', targets: [probeAgent(row.channelId)] }, ctx));
      if (!anybody.enabled && !TARGET_CODES.has(anybody.code ?? '')) return anybody;
      return anyTarget(choices, t.t('actions.noAgents'));
    }
  }
}

/** Whether the agent can take `action` on `row` now, with the reason (in `t`'s language) when not. */
export function availability(
  t: Translator,
  row: RequestRow,
  action: ActionId,
  ctx: ActionContext,
): Availability {
  if (isLocalRow(row)) return no(t.t('actions.notSentYet'));
  const rules = rulesFor(t, row, action, ctx);
  if (!rules.enabled) return rules;
  if (action === 'copyLink' && row.link === '') return no(t.t('actions.noLink'));
  if (action === 'showPin' && row.pin === '') return no(t.t('actions.noLink'));
  if (!ctx.live && !OFFLINE_OK.has(action)) return no(t.t('actions.needsConnection', { action }));
  return YES;
}

/**
 * Whether the row's menu lists the action at all. End session is there only while this agent's remote
 * session runs (a disabled End session on every other row would be noise); every other action is always
 * listed, disabled with its reason when it cannot be taken.
 */
function offered(row: RequestRow, id: RowActionId, ctx: ActionContext): boolean {
  return id !== 'disconnect' || row.connectedAgentIds.includes(ctx.me.id);
}

/** The actions the row's menu lists, in order, each with its availability. */
export function rowActions(
  t: Translator,
  row: RequestRow,
  ctx: ActionContext,
): { id: RowActionId; availability: Availability }[] {
  return ROW_ACTIONS.filter((id) => offered(row, id, ctx)).map((id) => ({
    id,
    availability: availability(t, row, id, ctx),
  }));
}

/** How many more agents fit on the request (its channel's participant limit). */
export function roomOnRequest(row: RequestRow, channels: readonly Channel[]): number {
  const channel = channels.find((c) => c.id === row.channelId);
  if (!channel) return 0;
  const count = (row.assigneeId === null ? 0 : 1) + row.participants.length;
  return Math.max(0, channel.participantLimit - count);
}
