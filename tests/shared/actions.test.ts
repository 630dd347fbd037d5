import { describe, expect, it } from 'vitest';
import { checkAction, type ActionContext } from '@shared/domain/actions';
import type { AgentAccess, ChannelAccess, RequestAction } from '@shared/domain/permissions';
import { createdState, type RequestState } from '@shared/domain/transitions';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const channel: ChannelAccess = {
  id: 'ch',
  name: 'Support',
  kind: 'shared',
  ownerId: null,
  participantLimit: 3,
};
const alice: AgentAccess = {
  id: 'alice',
  name: 'Alice',
  roles: ['support_agent'],
  disabled: false,
  memberships: { ch: { canRelease: false } },
};
const bob: AgentAccess = { ...alice, id: 'bob', name: 'Bob' };

function context(
  state: Partial<RequestState>,
  recipientEmail: string | null = 'user@example.com',
): ActionContext {
  return {
    request: { channelId: 'ch', assigneeId: 'alice', createdBy: 'alice', participantIds: [] },
    channel,
    state: { ...createdState(NOW + 60_000), ...state },
    recipientEmail,
  };
}

function outcome(action: RequestAction, ctx: ActionContext, agent = alice): string {
  const result = checkAction(agent, action, ctx, NOW);
  return result.allowed ? 'allowed' : `${result.kind}:${result.error.code}`;
}

describe('checkAction: permission first, then state', () => {
  it('allows Connect only when Ready, and says why not otherwise', () => {
    expect(outcome({ type: 'connect' }, context({ status: 'ready', consent: 'granted' }))).toBe('allowed');
    expect(outcome({ type: 'connect' }, context({ status: 'waiting' }))).toBe('state:not_ready');
    expect(outcome({ type: 'connect' }, context({ status: 'closed' }))).toBe('state:request_closed');
  });

  it('reports a permission refusal before a state refusal', () => {
    expect(outcome({ type: 'connect' }, context({ status: 'waiting' }), bob)).toBe(
      'permission:not_on_request',
    );
  });

  it('returns the state-machine event of actions that cause one', () => {
    const result = checkAction(
      alice,
      { type: 'connect' },
      context({ status: 'ready', consent: 'granted' }),
      NOW,
    );
    expect(result.allowed && result.event).toEqual({ type: 'connect', agentId: 'alice' });
    const release = checkAction(alice, { type: 'release' }, context({}), NOW);
    expect(release.allowed && release.event).toBeNull();
  });

  it('carries the organisation’s consent grace into a disconnect, the default when not given', () => {
    const connected = { status: 'connected', consent: 'granted', connectedAgentIds: ['alice'] } as const;
    const given = checkAction(
      alice,
      { type: 'disconnect' },
      { ...context(connected), consentGraceMs: 0 },
      NOW,
    );
    expect(given.allowed && given.event).toEqual({ type: 'disconnect', agentId: 'alice', consentGraceMs: 0 });
    const unknown = checkAction(alice, { type: 'disconnect' }, context(connected), NOW);
    expect(unknown.allowed && unknown.event).toEqual({
      type: 'disconnect',
      agentId: 'alice',
      consentGraceMs: 10 * 60_000,
    });
  });

  it('refuses Connect once the end user’s permission has lapsed, before the service says so', () => {
    const lapsed = { status: 'ready', consent: 'granted', consentLapsesAt: NOW - 1 } as const;
    expect(outcome({ type: 'connect' }, context(lapsed))).toBe('state:consent_lapsed');
    expect(outcome({ type: 'connect' }, context({ ...lapsed, consentLapsesAt: NOW + 1 }))).toBe('allowed');
  });

  it('refuses routing actions on closed, expired, past-due and deleted requests', () => {
    expect(outcome({ type: 'release' }, context({ status: 'closed' }))).toBe('state:request_closed');
    expect(outcome({ type: 'release' }, context({ status: 'expired' }))).toBe('state:request_expired');
    expect(outcome({ type: 'release' }, context({ expiresAt: NOW }))).toBe('state:expiry_passed');
    expect(outcome({ type: 'release' }, context({ deleted: true }))).toBe('state:request_deleted');
    expect(
      outcome(
        { type: 'release' },
        context({ status: 'connected', consent: 'granted', expiresAt: NOW, connectedAgentIds: ['alice'] }),
      ),
    ).toBe('allowed');
  });

  it('keeps notes, links, PINs and the ticket reference available on past requests', () => {
    for (const type of ['note', 'copy_link', 'show_pin', 'view', 'set_external_ref'] as const) {
      expect(outcome({ type }, context({ status: 'expired' }))).toBe('allowed');
    }
    expect(outcome({ type: 'note' }, context({ deleted: true }))).toBe('state:request_deleted');
  });

  it('needs a recipient e-mail to resend the invitation', () => {
    expect(outcome({ type: 'resend' }, context({}))).toBe('allowed');
    expect(outcome({ type: 'resend' }, context({}, null))).toBe('state:no_recipient_email');
  });

  it('lets Request access again through only after a Deny', () => {
    expect(outcome({ type: 'rerequest' }, context({ status: 'waiting', consent: 'denied' }))).toBe('allowed');
    expect(outcome({ type: 'rerequest' }, context({ status: 'waiting' }))).toBe('state:not_denied');
  });
});
