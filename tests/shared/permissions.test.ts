import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROLES,
  canAccessChannel,
  canAdminister,
  canCreateRequest,
  checkRequestPermission,
  type AgentAccess,
  type ChannelAccess,
  type RequestAccess,
  type RequestAction,
} from '@shared/domain/permissions';

const support: ChannelAccess = {
  id: 'ch-support',
  name: 'Support',
  kind: 'shared',
  ownerId: null,
  participantLimit: 3,
};
const billing: ChannelAccess = { ...support, id: 'ch-billing', name: 'Billing' };
const alicePrivate: ChannelAccess = {
  id: 'ch-alice',
  name: 'Private',
  kind: 'private',
  ownerId: 'alice',
  participantLimit: 3,
};

function agent(
  id: string,
  roles: AgentAccess['roles'],
  memberships: AgentAccess['memberships'] = {},
): AgentAccess {
  return { id, name: id[0]!.toUpperCase() + id.slice(1), roles, disabled: false, memberships };
}

const A = {
  // admin only: manages everything, handles nothing
  root: agent('root', ['admin']),
  // admin and support agent, member of nothing
  boss: agent('boss', ['admin', 'support_agent']),
  // support agents of the Support channel, without and with the release permission
  alice: agent('alice', ['support_agent'], { 'ch-support': { canRelease: false } }),
  bob: agent('bob', ['support_agent'], {
    'ch-support': { canRelease: true },
    'ch-billing': { canRelease: false },
  }),
  dan: agent('dan', ['support_agent'], { 'ch-support': { canRelease: false } }),
  // a support agent of another channel only
  carol: agent('carol', ['support_agent'], { 'ch-billing': { canRelease: false } }),
  // a member without the support_agent role
  eve: agent('eve', [], { 'ch-support': { canRelease: true } }),
  // a disabled member
  zed: { ...agent('zed', ['support_agent'], { 'ch-support': { canRelease: true } }), disabled: true },
};
type Who = keyof typeof A;

function request(patch: Partial<RequestAccess> = {}): RequestAccess {
  return { channelId: 'ch-support', assigneeId: 'alice', createdBy: 'alice', participantIds: [], ...patch };
}

const assigned = request();
const queued = request({ assigneeId: null });
const withDan = request({ participantIds: ['dan'] });
const full = request({ participantIds: ['dan', 'bob'] });

type Case = [Who, RequestAction, RequestAccess, string, ChannelAccess?];
const ok = 'allowed';

// [agent, action, request, expected code or "allowed", channel (default Support)]
const CASES: Case[] = [
  // seeing a request
  ['alice', { type: 'view' }, assigned, ok],
  ['eve', { type: 'view' }, assigned, ok],
  ['root', { type: 'view' }, assigned, ok],
  ['carol', { type: 'view' }, assigned, 'no_channel_access'],
  ['zed', { type: 'view' }, assigned, 'account_disabled'],
  ['alice', { type: 'view' }, request({ channelId: 'ch-alice' }), ok, alicePrivate],
  ['boss', { type: 'view' }, request({ channelId: 'ch-alice' }), 'private_channel', alicePrivate],
  ['bob', { type: 'show_pin' }, assigned, ok],
  ['carol', { type: 'copy_link' }, assigned, 'no_channel_access'],
  ['eve', { type: 'note' }, assigned, ok],

  // connect: the assignee and invited technicians, with the support_agent role
  ['alice', { type: 'connect' }, assigned, ok],
  ['dan', { type: 'connect' }, withDan, ok],
  ['bob', { type: 'connect' }, assigned, 'not_on_request'],
  ['root', { type: 'connect' }, assigned, 'role_required'],
  ['boss', { type: 'connect' }, assigned, 'not_on_request'],
  ['alice', { type: 'connect' }, queued, 'not_on_request'],
  ['eve', { type: 'connect' }, request({ assigneeId: 'eve' }), 'role_required'],
  ['carol', { type: 'connect' }, request({ assigneeId: 'carol' }), 'no_channel_access'],
  ['zed', { type: 'connect' }, request({ assigneeId: 'zed' }), 'account_disabled'],
  ['dan', { type: 'disconnect' }, withDan, ok],
  ['bob', { type: 'disconnect' }, withDan, 'not_on_request'],
  ['dan', { type: 'rerequest' }, withDan, ok],
  ['bob', { type: 'rerequest' }, assigned, 'not_on_request'],

  // assign: an unassigned request by any support member; reassigning needs the release permission
  ['alice', { type: 'assign', target: A.dan }, queued, ok],
  ['alice', { type: 'assign', target: A.alice }, queued, ok],
  ['alice', { type: 'assign', target: A.dan }, assigned, 'release_permission_required'],
  ['bob', { type: 'assign', target: A.dan }, assigned, ok],
  ['root', { type: 'assign', target: A.dan }, assigned, ok],
  ['eve', { type: 'assign', target: A.dan }, queued, 'role_required'],
  ['bob', { type: 'assign', target: A.alice }, assigned, 'already_assigned'],
  ['bob', { type: 'assign', target: A.carol }, assigned, 'target_ineligible'],
  ['bob', { type: 'assign', target: A.eve }, assigned, 'target_ineligible'],
  ['bob', { type: 'assign', target: A.zed }, assigned, 'target_ineligible'],

  // transfer to another agent: the release permission
  ['alice', { type: 'transfer_to_agent', target: A.dan }, assigned, 'release_permission_required'],
  ['bob', { type: 'transfer_to_agent', target: A.dan }, assigned, ok],
  ['root', { type: 'transfer_to_agent', target: A.dan }, assigned, ok],
  ['bob', { type: 'transfer_to_agent', target: A.carol }, assigned, 'target_ineligible'],
  ['bob', { type: 'transfer_to_agent', target: A.alice }, assigned, 'already_assigned'],
  [
    'alice',
    { type: 'transfer_to_agent', target: A.alice },
    request({ channelId: 'ch-alice' }),
    'already_assigned',
    alicePrivate,
  ],
  [
    'alice',
    { type: 'transfer_to_agent', target: A.dan },
    request({ channelId: 'ch-alice' }),
    'target_ineligible',
    alicePrivate,
  ],

  // transfer to another channel: manage the request, and access to the target channel
  ['bob', { type: 'transfer_to_channel', targetChannel: billing }, assigned, ok],
  ['alice', { type: 'transfer_to_channel', targetChannel: billing }, assigned, 'no_channel_access'],
  ['alice', { type: 'transfer_to_channel', targetChannel: alicePrivate }, assigned, ok],
  ['bob', { type: 'transfer_to_channel', targetChannel: alicePrivate }, assigned, 'no_channel_access'],
  ['dan', { type: 'transfer_to_channel', targetChannel: billing }, assigned, 'manage_required'],
  ['bob', { type: 'transfer_to_channel', targetChannel: support }, assigned, 'same_channel'],
  ['root', { type: 'transfer_to_channel', targetChannel: billing }, assigned, ok],

  // release: the assignee, or the release permission; not from a Private channel
  ['alice', { type: 'release' }, assigned, ok],
  ['bob', { type: 'release' }, assigned, ok],
  ['dan', { type: 'release' }, assigned, 'release_permission_required'],
  ['alice', { type: 'release' }, queued, 'not_assigned'],
  ['alice', { type: 'release' }, request({ channelId: 'ch-alice' }), 'private_channel', alicePrivate],

  // pick up: a queued request, by a support member
  ['dan', { type: 'pickup' }, queued, ok],
  ['dan', { type: 'pickup' }, assigned, 'not_in_queue'],
  ['eve', { type: 'pickup' }, queued, 'role_required'],
  ['carol', { type: 'pickup' }, queued, 'no_channel_access'],

  // invite technicians: from someone on the request, eligible targets, within the participant limit
  ['alice', { type: 'invite', targets: [A.dan] }, assigned, ok],
  ['alice', { type: 'invite', targets: [A.dan, A.bob] }, assigned, ok],
  ['dan', { type: 'invite', targets: [A.bob] }, withDan, ok],
  ['alice', { type: 'invite', targets: [A.dan, A.bob, A.boss] }, assigned, 'participant_limit'],
  ['alice', { type: 'invite', targets: [A.boss] }, full, 'participant_limit'],
  ['bob', { type: 'invite', targets: [A.dan] }, assigned, 'not_on_request'],
  ['alice', { type: 'invite', targets: [A.carol] }, assigned, 'target_ineligible'],
  ['alice', { type: 'invite', targets: [A.dan] }, withDan, 'already_participant'],
  ['alice', { type: 'invite', targets: [A.alice] }, assigned, 'already_participant'],

  // join by session code: a support member, while there is room
  ['bob', { type: 'join' }, assigned, ok],
  ['boss', { type: 'join' }, assigned, ok],
  ['carol', { type: 'join' }, assigned, 'no_channel_access'],
  ['dan', { type: 'join' }, withDan, 'already_participant'],
  ['boss', { type: 'join' }, full, 'participant_limit'],
  ['eve', { type: 'join' }, assigned, 'role_required'],

  // leave, end for everyone
  ['dan', { type: 'leave' }, withDan, ok],
  ['alice', { type: 'leave' }, withDan, ok],
  ['bob', { type: 'leave' }, withDan, 'not_on_request'],
  ['alice', { type: 'leave' }, request({ channelId: 'ch-alice' }), 'private_channel', alicePrivate],
  ['alice', { type: 'end' }, withDan, ok],
  ['dan', { type: 'end' }, withDan, 'not_owner'],
  ['root', { type: 'end' }, withDan, ok],

  // close and delete: assignee, release permission, admin, or anyone while in the queue
  ['alice', { type: 'close' }, assigned, ok],
  ['bob', { type: 'close' }, assigned, ok],
  ['root', { type: 'delete' }, assigned, ok],
  ['dan', { type: 'close' }, assigned, 'manage_required'],
  ['dan', { type: 'delete' }, withDan, 'manage_required'],
  ['dan', { type: 'close' }, queued, ok],
  ['carol', { type: 'delete' }, queued, 'no_channel_access'],
  ['alice', { type: 'reschedule' }, assigned, ok],
  ['dan', { type: 'reschedule' }, withDan, 'manage_required'],
  // the ticket reference: managing, as closing
  ['alice', { type: 'set_external_ref' }, assigned, ok],
  ['root', { type: 'set_external_ref' }, assigned, ok],
  ['dan', { type: 'set_external_ref' }, queued, ok],
  ['dan', { type: 'set_external_ref' }, withDan, 'manage_required'],

  // resend the invitation: agents on the request, its creator, managers
  ['dan', { type: 'resend' }, withDan, ok],
  ['dan', { type: 'resend' }, request({ createdBy: 'dan' }), ok],
  ['dan', { type: 'resend' }, assigned, 'not_on_request'],
];

describe('checkRequestPermission', () => {
  it.each(CASES.map(([who, action, req, expected, channel]) => ({ who, action, req, expected, channel })))(
    '$who $action.type → $expected',
    ({ who, action, req, expected, channel }) => {
      const decision = checkRequestPermission(A[who], action, { request: req, channel: channel ?? support });
      expect(decision.allowed ? ok : decision.denial.code).toBe(expected);
      if (!decision.allowed) expect(decision.denial.message).toMatch(/^[A-Z].*\.$/);
    },
  );

  it('names the release permission when a transfer to an agent is refused', () => {
    const decision = checkRequestPermission(
      A.alice,
      { type: 'transfer_to_agent', target: A.dan },
      { request: assigned, channel: support },
    );
    expect(!decision.allowed && decision.denial.message).toBe(
      'Only agents with the release permission can transfer to another agent.',
    );
  });
});

describe('channel-level rules', () => {
  it.each([
    ['alice', support, ok],
    ['carol', support, 'no_channel_access'],
    ['root', support, ok],
    ['alice', alicePrivate, ok],
    ['root', alicePrivate, 'private_channel'],
    ['zed', support, 'account_disabled'],
  ] as const)('%s sees %s.name → %s', (who, channel, expected) => {
    const decision = canAccessChannel(A[who], channel);
    expect(decision.allowed ? ok : decision.denial.code).toBe(expected);
  });

  it.each([
    ['alice', support, ok],
    ['alice', alicePrivate, ok],
    ['boss', support, ok],
    ['root', support, 'role_required'],
    ['eve', support, 'role_required'],
    ['carol', support, 'no_channel_access'],
    ['bob', alicePrivate, 'private_channel'],
    ['zed', support, 'account_disabled'],
  ] as const)('%s creates in %s.name → %s', (who, channel, expected) => {
    const decision = canCreateRequest(A[who], channel);
    expect(decision.allowed ? ok : decision.denial.code).toBe(expected);
  });

  it.each([
    ['root', ok],
    ['boss', ok],
    ['bob', 'admin_required'],
    ['zed', 'account_disabled'],
  ] as const)('%s administers → %s', (who, expected) => {
    const decision = canAdminister(A[who]);
    expect(decision.allowed ? ok : decision.denial.code).toBe(expected);
  });
});

// ---- properties over arbitrary agents ----

const ACTION_TYPES: RequestAction['type'][] = [
  'view',
  'note',
  'copy_link',
  'show_pin',
  'resend',
  'connect',
  'disconnect',
  'rerequest',
  'release',
  'pickup',
  'join',
  'leave',
  'end',
  'close',
  'reschedule',
  'delete',
  'set_external_ref',
];

const agentArb: fc.Arbitrary<AgentAccess> = fc.record({
  id: fc.constantFrom('alice', 'bob', 'x1', 'x2'),
  name: fc.constant('Someone'),
  roles: fc.subarray([...ROLES]),
  disabled: fc.boolean(),
  memberships: fc.dictionary(
    fc.constantFrom('ch-support', 'ch-alice', 'ch-billing'),
    fc.record({ canRelease: fc.boolean() }),
  ),
});
const requestArb: fc.Arbitrary<RequestAccess> = fc.record({
  channelId: fc.constant('ch-support'),
  assigneeId: fc.option(fc.constantFrom('alice', 'bob', 'x1', 'x2'), { nil: null }),
  createdBy: fc.constantFrom('alice', 'bob', 'x1', 'x2'),
  participantIds: fc.uniqueArray(fc.constantFrom('alice', 'bob', 'x1', 'x2'), { maxLength: 2 }),
});
const actionArb = fc.constantFrom(...ACTION_TYPES).map((type) => ({ type }) as RequestAction);

describe('permission properties', () => {
  it('refuses every action to a disabled agent', () => {
    fc.assert(
      fc.property(agentArb, requestArb, actionArb, (who, req, action) => {
        const decision = checkRequestPermission({ ...who, disabled: true }, action, {
          request: req,
          channel: support,
        });
        expect(!decision.allowed && decision.denial.code).toBe('account_disabled');
      }),
    );
  });

  it('never lets anyone but the owner act on a Private channel, whatever their roles', () => {
    fc.assert(
      fc.property(agentArb, requestArb, actionArb, (who, req, action) => {
        fc.pre(who.id !== 'alice');
        const decision = checkRequestPermission(who, action, {
          request: { ...req, channelId: 'ch-alice' },
          channel: alicePrivate,
        });
        expect(decision.allowed).toBe(false);
      }),
    );
  });

  it('refuses every action to an agent who cannot see the channel', () => {
    fc.assert(
      fc.property(agentArb, requestArb, actionArb, (who, req, action) => {
        const channelVisible = canAccessChannel(who, support).allowed;
        const decision = checkRequestPermission(who, action, { request: req, channel: support });
        if (decision.allowed) expect(channelVisible).toBe(true);
      }),
    );
  });

  it('only lets agents with the support_agent role connect', () => {
    fc.assert(
      fc.property(agentArb, requestArb, (who, req) => {
        const decision = checkRequestPermission(who, { type: 'connect' }, { request: req, channel: support });
        if (decision.allowed) {
          expect(who.roles).toContain('support_agent');
          expect(req.assigneeId === who.id || req.participantIds.includes(who.id)).toBe(true);
        }
      }),
    );
  });
});
