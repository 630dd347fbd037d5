/**
 * The action-availability mapping: every button and menu item is enabled exactly when the shared rules
 * allow it, and otherwise carries the rules' sentence, a pending row's, or the offline one.
 */
import { describe, expect, it } from 'vitest';
import type { RequestRow } from '../../shared/ipc/views';
import {
  availability,
  rowActions,
  roomOnRequest,
  type ActionContext,
} from '../../renderer/src/domain/row-actions';
import { translator } from '../../shared/i18n/translator';
import { chosenClientRefusal } from '../../shared/ipc/handoff';
import { DEFAULT_SETTINGS } from '../../shared/ipc/settings';
import { AGENTS, CHANNELS, ME_ID, NOW, OTHER_ID, PRIVATE_ID, me, row } from './fixtures';

const en = translator('en');

const ctx = (patch: Partial<ActionContext> = {}): ActionContext => ({
  me: me(),
  agents: AGENTS,
  channels: CHANNELS,
  live: true,
  now: NOW,
  ...patch,
});

describe('Connect', () => {
  it('is enabled only when Ready, for the assignee', () => {
    expect(availability(en, row({ status: 'ready', consent: 'granted' }), 'connect', ctx())).toEqual({
      enabled: true,
      reason: null,
    });
    const open = availability(en, row({ status: 'open' }), 'connect', ctx());
    expect(open.enabled).toBe(false);
    expect(open.reason).toMatch(/allow|ready/i);
  });

  it('is enabled for an invited participant and refused with the reason for others', () => {
    const ready = { status: 'ready', consent: 'granted' } as const;
    const invited = row({
      ...ready,
      assigneeId: OTHER_ID,
      participants: [{ agentId: ME_ID, via: 'invited', since: new Date(NOW).toISOString() }],
    });
    expect(availability(en, invited, 'connect', ctx()).enabled).toBe(true);
    const theirs = availability(en, row({ ...ready, assigneeId: OTHER_ID }), 'connect', ctx());
    expect(theirs).toMatchObject({ enabled: false, code: 'not_on_request' });
    expect(theirs.reason).toBe('Only the assigned agent and invited technicians can connect.');
    const queued = availability(en, row({ ...ready, assigneeId: null }), 'connect', ctx());
    expect(queued.reason).toBe('Pick up this request before you connect.');
  });

  it('offline: disabled, saying it needs the connection', () => {
    const verdict = availability(
      en,
      row({ status: 'ready', consent: 'granted' }),
      'connect',
      ctx({ live: false }),
    );
    expect(verdict.enabled).toBe(false);
    expect(verdict.reason).toMatch(/^Connecting needs the connection to the service/);
    // One sentence of the reader's language (the action chosen inside it), not a verb pasted into one.
    const pseudo = availability(
      translator('en-XA'),
      row({ status: 'ready', consent: 'granted' }),
      'connect',
      ctx({ live: false }),
    );
    expect(pseudo.reason).toMatch(/^\[Çöññéçţîñĝ ñééđš ţĥé çöññéçţîöñ ţö ţĥé šéŕṽîçé.* ·+\]$/);
  });

  it('past its expiry time: refused by the state machine', () => {
    const late = row({ status: 'ready', consent: 'granted', expiresAt: new Date(NOW - 1_000).toISOString() });
    expect(availability(en, late, 'connect', ctx())).toMatchObject({ enabled: false, code: 'expiry_passed' });
  });

  it('in the web console, with a client only the desktop app can start: disabled, saying so', () => {
    const settings = {
      values: { ...DEFAULT_SETTINGS, remoteClient: 'custom', customCommand: 'viewer {remoteId}' },
      remoteClients: [{ id: 'custom', name: 'Custom command', usesExecutable: false, available: false }],
    } as const;
    const clientRefusal = chosenClientRefusal(settings);
    const ready = row({ status: 'ready', consent: 'granted' });
    expect(availability(en, ready, 'connect', ctx({ clientRefusal }))).toEqual({
      enabled: false,
      code: 'needs_desktop_app',
      reason:
        'Custom command can only be started by a program on your computer, which a web browser cannot do. Use the Sessiondesk desktop app to connect with it, or choose a remote-control client that opens by a link in Settings.',
    });
    // In the reader's language, like every other reason.
    expect(availability(translator('de'), ready, 'connect', ctx({ clientRefusal })).reason).toContain(
      'Custom command',
    );
    // The rules' own refusal comes first: it says what the agent can do about the request.
    expect(availability(en, row({ status: 'open' }), 'connect', ctx({ clientRefusal })).code).not.toBe(
      'needs_desktop_app',
    );
    const available = { ...settings, remoteClients: [{ ...settings.remoteClients[0], available: true }] };
    expect(
      availability(en, ready, 'connect', ctx({ clientRefusal: chosenClientRefusal(available) })),
    ).toEqual({
      enabled: true,
      reason: null,
    });
  });
});

describe('one running hand-off per request', () => {
  const connected = {
    status: 'connected',
    consent: 'granted',
    connectedAgentIds: [ME_ID],
  } satisfies Partial<RequestRow>;

  it('Connect is disabled with the reason while the client launched for it runs, or is starting', () => {
    const running = row({ ...connected, handoff: { kind: 'process', client: 'RustDesk' } });
    expect(availability(en, running, 'connect', ctx())).toEqual({
      enabled: false,
      code: 'already_running',
      reason:
        'RustDesk is already running for this request: switch to its window. Choose End session when you are done.',
    });
    // Even when the service no longer counts me connected: no second client beside the running one.
    const ready = row({
      status: 'ready',
      consent: 'granted',
      handoff: { kind: 'process', client: 'AnyDesk' },
    });
    expect(availability(en, ready, 'connect', ctx())).toMatchObject({
      enabled: false,
      code: 'already_running',
    });
    const starting = row({
      status: 'ready',
      consent: 'granted',
      handoff: { kind: 'starting', client: 'VNC' },
    });
    expect(availability(en, starting, 'connect', ctx())).toMatchObject({
      enabled: false,
      code: 'handoff_starting',
      reason: 'VNC is being started for this request.',
    });
  });

  it('Connect opens a link hand-off again; connected from elsewhere it says End session first', () => {
    const link = row({ ...connected, handoff: { kind: 'uri', client: 'TeamViewer' } });
    expect(availability(en, link, 'connect', ctx())).toEqual({ enabled: true, reason: null });
    const elsewhere = availability(en, row({ ...connected }), 'connect', ctx());
    expect(elsewhere).toMatchObject({ enabled: false, code: 'already_connected' });
    expect(elsewhere.reason).toMatch(/connected to this request already.*End session first/);
    // Another agent connected: mine to join (the shared rules allow it).
    const theirs = row({
      ...connected,
      connectedAgentIds: [OTHER_ID],
      participants: [{ agentId: OTHER_ID, via: 'invited', since: new Date(NOW).toISOString() }],
    });
    expect(availability(en, theirs, 'connect', ctx()).enabled).toBe(true);
  });

  it('End session: while I am connected, by the shared rules; needs the connection', () => {
    const mine = row({ ...connected, handoff: { kind: 'uri', client: 'TeamViewer' } });
    expect(availability(en, mine, 'disconnect', ctx())).toEqual({ enabled: true, reason: null });
    // The state machine's sentence (shared/domain/transitions.ts), whatever its words.
    expect(availability(en, row({ status: 'ready', consent: 'granted' }), 'disconnect', ctx())).toEqual({
      enabled: false,
      code: 'not_connected',
      reason: expect.any(String),
    });
    expect(availability(en, mine, 'disconnect', ctx({ live: false })).reason).toMatch(
      /^Ending your remote session needs the connection/,
    );
    expect(rowActions(en, mine, ctx())[0]!.id).toBe('disconnect');
    // Listed only while my remote session runs; offline it stays listed, disabled with the reason.
    expect(rowActions(en, mine, ctx({ live: false }))[0]!.id).toBe('disconnect');
    const ids = (r: ReturnType<typeof row>) => rowActions(en, r, ctx()).map((a) => a.id);
    expect(ids(row({ status: 'ready', consent: 'granted' }))).not.toContain('disconnect');
    expect(ids(row({ ...connected, connectedAgentIds: [OTHER_ID] }))).not.toContain('disconnect');
  });
});

describe('row actions', () => {
  const byId = (r: ReturnType<typeof row>, c = ctx()) =>
    Object.fromEntries(rowActions(en, r, c).map((a) => [a.id, a.availability]));

  it('an Open request of mine: copy, PIN, resend need an e-mail; request access again needs a denial', () => {
    const actions = byId(row({ recipientEmail: null }));
    expect(actions['copyLink']!.enabled).toBe(true);
    expect(actions['showPin']!.enabled).toBe(true);
    expect(actions['resend']!.reason).toBe(
      'This request has no recipient e-mail address to send the invitation to.',
    );
    expect(actions['rerequest']!.enabled).toBe(false);
    expect(actions['release']!.enabled).toBe(true);
    expect(actions['pickup']!.reason).toBe('This request is not in the queue: it is already assigned.');
    expect(actions['close']!.enabled).toBe(true);
    expect(actions['delete']!.enabled).toBe(true);
    expect(actions['invite']!.enabled).toBe(true);
  });

  it('Request access again after a Deny', () => {
    const denied = row({ status: 'waiting', consent: 'denied' });
    expect(availability(en, denied, 'rerequest', ctx()).enabled).toBe(true);
  });

  it('Transfer to another agent needs the release permission; to a channel needs access to it', () => {
    // Dana has no release permission in Support, and no other shared channel: nothing to transfer to.
    const verdict = availability(en, row(), 'transfer', ctx());
    expect(verdict.enabled).toBe(true); // to her Private channel, which she can access
    const toAgentsOnly = availability(en, row(), 'transfer', ctx({ channels: CHANNELS.slice(1) }));
    expect(toAgentsOnly).toMatchObject({
      enabled: false,
      reason: 'Only agents with the release permission can transfer to another agent.',
    });
    expect(
      availability(en, row(), 'transfer', ctx({ me: me(true), channels: CHANNELS.slice(1) })).enabled,
    ).toBe(true);
  });

  it('Assign someone else’s request needs the release permission', () => {
    const theirs = row({ assigneeId: OTHER_ID });
    expect(availability(en, theirs, 'assign', ctx()).reason).toBe(
      'Only agents with the release permission can reassign a request that is already assigned.',
    );
    expect(availability(en, row({ assigneeId: null }), 'assign', ctx()).enabled).toBe(true);
  });

  it('a Private request has no queue to release to', () => {
    expect(availability(en, row({ channelId: PRIVATE_ID }), 'release', ctx()).reason).toBe(
      'A request in a Private channel has no queue to go back to.',
    );
  });

  it('closed: only copying and the PIN remain', () => {
    const actions = byId(row({ status: 'closed' }));
    expect(actions['copyLink']!.enabled).toBe(true);
    expect(actions['close']!.reason).toBe('This request is closed; create a new request to connect again.');
    expect(actions['release']!.reason).toBe('This request is closed; create a new request to connect again.');
    expect(actions['delete']!.enabled).toBe(true);
  });

  it('offline: copy link and Show PIN still work; the rest need the connection', () => {
    const actions = byId(row(), ctx({ live: false }));
    expect(actions['copyLink']!.enabled).toBe(true);
    expect(actions['showPin']!.enabled).toBe(true);
    expect(actions['close']!.reason).toMatch(/^Closing needs the connection/);
    expect(actions['invite']!.reason).toMatch(/^Inviting technicians needs the connection/);
    // What the rules refuse anyway is said as the rules say it.
    expect(actions['assign']!.reason).toMatch(/release permission/);
  });

  it('a request not yet at the service: every action waits for it', () => {
    const local = row({ id: 'local:abcdefgh12345678', link: '', pin: '' });
    for (const { availability: a } of rowActions(en, local, ctx())) {
      expect(a).toEqual({
        enabled: false,
        reason: 'This request has not reached the service yet: wait until it is created.',
      });
    }
  });

  it('an unknown channel is said, not guessed', () => {
    expect(
      availability(en, row({ channelId: '00000000-0000-4000-8000-0000000000ff' }), 'close', ctx()).reason,
    ).toMatch(/does not know this request’s channel/);
  });

  it('Invite technicians: refused at the participant limit', () => {
    const full = row({
      participants: [
        { agentId: OTHER_ID, via: 'invited', since: new Date(NOW).toISOString() },
        { agentId: AGENTS[2]!.id, via: 'invited', since: new Date(NOW).toISOString() },
      ],
    });
    expect(roomOnRequest(full, CHANNELS)).toBe(0);
    expect(availability(en, full, 'invite', ctx()).reason).toBe(
      'A request in “Support” can have at most 3 agents in all (it has 3).',
    );
  });

  it('Leave session: for the agents on the request; End session for its owner only', () => {
    const since = new Date(NOW).toISOString();
    const session = row({ participants: [{ agentId: OTHER_ID, via: 'invited', since }] });
    expect(availability(en, session, 'leave', ctx()).enabled).toBe(true);
    expect(availability(en, session, 'end', ctx()).enabled).toBe(true);
    const helping = row({ assigneeId: OTHER_ID, participants: [{ agentId: ME_ID, via: 'joined', since }] });
    expect(availability(en, helping, 'leave', ctx()).enabled).toBe(true);
    expect(availability(en, helping, 'end', ctx())).toMatchObject({
      enabled: false,
      code: 'not_owner',
      reason: 'Only the agent who owns the session can end it for everyone.',
    });
    const theirs = row({ assigneeId: OTHER_ID });
    expect(availability(en, theirs, 'leave', ctx()).reason).toBe('You are not on this request.');
    expect(availability(en, session, 'leave', ctx({ live: false })).reason).toMatch(
      /^Leaving the session needs the connection/,
    );
  });
});
