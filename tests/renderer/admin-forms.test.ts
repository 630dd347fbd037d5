/**
 * The admin screens' forms as plain data: what an admin types turned into the inputs of the admin
 * commands (checked against the contract's own schemas), the shared schemas' messages by field, the
 * self-protection rules, the default expiry's units, members, and the tabs' keys — worded in the
 * reader's language (English here; the pseudo-locale shows that the words come from the catalogue).
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/translator';
import { COMMANDS } from '../../shared/ipc/contract';
import {
  agentFieldOf,
  agentRefusal,
  buildAgentChanges,
  buildCreateAgentInput,
  buildPasswordChanges,
  editFormOf,
  emptyAgentForm,
  rolesLabel,
  selfGuard,
  sortedAgents,
  toggleRole,
  type AgentCreateForm,
} from '../../renderer/src/admin/agent-form';
import { tabAfterKey } from '../../renderer/src/admin/admin-tabs';
import {
  addableAgents,
  buildChannelChanges,
  buildCreateChannelInput,
  channelFormOf,
  channelRefusal,
  emptyChannelForm,
  expiryMinutesOf,
  expiryParts,
  formatExpiry,
  memberRows,
  sharedChannels,
  type ChannelForm,
} from '../../renderer/src/admin/channel-form';
import { collectIssues, withoutFields } from '../../renderer/src/admin/form-errors';
import { ADMIN_ID, AGENTS, CHANNELS, ME_ID } from './fixtures';

const en = translator('en');
const pseudo = translator('en-XA');

const AGENT_ID = '00000000-0000-4000-8000-0000000000f1';
const CHANNEL_ID = '00000000-0000-4000-8000-0000000000f2';

const agentForm = (patch: Partial<AgentCreateForm>): AgentCreateForm => ({
  ...emptyAgentForm(),
  email: 'jordan.lee@example.com',
  name: 'Jordan Lee',
  password: 'a good long password',
  ...patch,
});

describe('Add agent', () => {
  it('an initial password: the input the contract accepts, trimmed, roles as chosen', () => {
    const built = buildCreateAgentInput(
      en,
      agentForm({
        email: ' jordan.lee@example.com ',
        name: ' Jordan Lee ',
        roles: ['admin', 'support_agent'],
      }),
    );
    expect(built).toEqual({
      ok: true,
      input: {
        email: 'jordan.lee@example.com',
        name: 'Jordan Lee',
        roles: ['admin', 'support_agent'],
        password: 'a good long password',
      },
    });
    if (built.ok) expect(COMMANDS['admin.createAgent'].safeParse(built.input).success).toBe(true);
  });

  it('a set-password link: sendPasswordLink instead of the password, whatever was typed in it', () => {
    const built = buildCreateAgentInput(en, agentForm({ passwordMode: 'link', password: 'typed before' }));
    expect(built).toEqual({
      ok: true,
      input: {
        email: 'jordan.lee@example.com',
        name: 'Jordan Lee',
        roles: ['support_agent'],
        sendPasswordLink: true,
      },
    });
    if (built.ok) expect(COMMANDS['admin.createAgent'].safeParse(built.input).success).toBe(true);
  });

  it('the shared schema’s messages land beside their fields', () => {
    const built = buildCreateAgentInput(
      en,
      agentForm({ email: 'not-an-address', name: '  ', password: 'short' }),
    );
    expect(built).toEqual({
      ok: false,
      errors: {
        email: 'Enter a valid e-mail address, like name@example.com.',
        name: 'Fill in this field.',
        password: 'Too short: at least 10 characters.',
      },
    });
  });

  it('no roles is allowed (the schema allows it); a role twice is not', () => {
    expect(buildCreateAgentInput(en, agentForm({ roles: [] })).ok).toBe(true);
    expect(buildCreateAgentInput(en, agentForm({ roles: ['admin', 'admin'] }))).toEqual({
      ok: false,
      errors: { roles: 'Give each one only once.' },
    });
  });

  it('a password message shows beside the mode choice while the link is chosen (its box is hidden)', () => {
    expect(agentFieldOf('password', 'password')).toBe('password');
    expect(agentFieldOf('password', 'link')).toBe('passwordMode');
    expect(agentFieldOf('sendPasswordLink')).toBe('passwordMode');
    expect(agentFieldOf('changes.roles.1')).toBe('roles');
    expect(agentFieldOf('')).toBeNull();
  });

  it('a refusal: field messages by field, email_taken beside the e-mail, anything else above the buttons', () => {
    expect(
      agentRefusal(en, {
        code: 'invalid_input',
        message: 'password: too short',
        fields: [{ field: 'password', code: 'too_short', params: { min: 10 }, message: 'too short' }],
      }),
    ).toEqual({ password: 'Too short: at least 10 characters.' });
    expect(
      agentRefusal(en, {
        code: 'email_taken',
        params: { email: 'x@example.com' },
        message: 'An agent with the e-mail address x@example.com already exists.',
      }),
    ).toEqual({ email: 'An agent with the e-mail address x@example.com already exists.' });
    expect(
      agentRefusal(en, { code: 'offline', params: { action: 'createAgent' }, message: 'Adding an agent…' }),
    ).toEqual({
      form: 'Adding an agent needs the service, and Sessiondesk is not connected to it. It works again as soon as the connection is back.',
    });
    // A code this client does not know: the words it came with.
    expect(agentRefusal(en, { code: 'newer_refusal', message: 'Not now.' })).toEqual({ form: 'Not now.' });
    expect(
      agentRefusal(
        en,
        {
          code: 'invalid_input',
          message: 'x',
          fields: [{ field: 'changes.password', code: 'password_and_link', message: 'Either…' }],
        },
        'link',
      ),
    ).toEqual({ passwordMode: 'Set a password or send a set-password link, not both.' });
  });
});

describe('Edit agent', () => {
  const agent = AGENTS[1]!; // Sam Ortega, support_agent

  it('only what changed is sent; nothing changed sends nothing', () => {
    expect(buildAgentChanges(en, agent, editFormOf(agent))).toEqual({ ok: true, input: null });
    expect(buildAgentChanges(en, agent, { ...editFormOf(agent), name: ` ${agent.name} ` })).toEqual({
      ok: true,
      input: null,
    });
    const renamed = buildAgentChanges(en, agent, { ...editFormOf(agent), name: 'Sam Ortega-Ruiz ' });
    expect(renamed).toEqual({ ok: true, input: { name: 'Sam Ortega-Ruiz' } });
    const promoted = buildAgentChanges(en, agent, {
      ...editFormOf(agent),
      roles: toggleRole(agent.roles, 'admin', true),
    });
    expect(promoted).toEqual({ ok: true, input: { roles: ['admin', 'support_agent'] } });
    if (promoted.ok) {
      expect(
        COMMANDS['admin.updateAgent'].safeParse({ agentId: AGENT_ID, changes: promoted.input }).success,
      ).toBe(true);
    }
  });

  it('roles in another order are the same roles', () => {
    const admin = AGENTS[2]!;
    expect(buildAgentChanges(en, admin, { name: admin.name, roles: ['support_agent', 'admin'] })).toEqual({
      ok: true,
      input: null,
    });
  });

  it('an empty name is refused beside the name', () => {
    expect(buildAgentChanges(en, agent, { ...editFormOf(agent), name: '' })).toEqual({
      ok: false,
      errors: { name: 'Fill in this field.' },
    });
  });

  it('toggleRole keeps the product’s order', () => {
    expect(toggleRole(['support_agent'], 'admin', true)).toEqual(['admin', 'support_agent']);
    expect(toggleRole(['admin', 'support_agent'], 'admin', false)).toEqual(['support_agent']);
    expect(toggleRole([], 'support_agent', false)).toEqual([]);
  });
});

describe('Reset password', () => {
  it('a new password, or a set-password link', () => {
    const set = buildPasswordChanges(en, { passwordMode: 'password', password: 'another long password' });
    expect(set).toEqual({ ok: true, input: { password: 'another long password' } });
    const link = buildPasswordChanges(en, { passwordMode: 'link', password: 'ignored' });
    expect(link).toEqual({ ok: true, input: { sendPasswordLink: true } });
    for (const built of [set, link]) {
      if (!built.ok) throw new Error('expected ok');
      expect(
        COMMANDS['admin.updateAgent'].safeParse({ agentId: AGENT_ID, changes: built.input }).success,
      ).toBe(true);
    }
  });

  it('a short password is refused beside the password box', () => {
    expect(buildPasswordChanges(en, { passwordMode: 'password', password: '' })).toEqual({
      ok: false,
      errors: { password: 'Too short: at least 10 characters.' },
    });
  });
});

describe('an admin’s own account', () => {
  const me = AGENTS[2]!; // Ada Admin

  it('cannot be disabled, nor lose its admin role, from here; others can', () => {
    expect(selfGuard(en, me.id, me)).toEqual({
      disable: 'You cannot disable your own account: another administrator can.',
      dropAdmin: 'You cannot remove your own administrator role: another administrator can.',
    });
    expect(selfGuard(en, me.id, AGENTS[1]!)).toEqual({ disable: null, dropAdmin: null });
    expect(selfGuard(en, ADMIN_ID, { id: ADMIN_ID, roles: ['support_agent'] }).dropAdmin).toBeNull();
    expect(selfGuard(en, null, me)).toEqual({ disable: null, dropAdmin: null });
  });

  it('roles and order for the table: names from the catalogue, as a list in the reader’s language', () => {
    expect(rolesLabel(en, ['support_agent', 'admin'])).toBe('Administrator and Support agent');
    expect(rolesLabel(en, ['support_agent'])).toBe('Support agent');
    expect(rolesLabel(en, [])).toBe('No roles');
    expect(rolesLabel(pseudo, ['admin'])).toBe('[Åđɱîñîšţŕáţöŕ ······]');
    const disabled = { ...AGENTS[0]!, name: 'Aaron Ames', disabled: true };
    expect(sortedAgents([...AGENTS, disabled]).map((a) => a.name)).toEqual([
      'Aaron Ames',
      'Ada Admin',
      'Dana Whitfield',
      'Sam Ortega',
    ]);
  });
});

const channelForm = (patch: Partial<ChannelForm>): ChannelForm => ({
  ...emptyChannelForm(),
  name: 'Field service',
  ...patch,
});

describe('channel forms', () => {
  it('a new channel starts at the product’s defaults: 1 day, 3 agents', () => {
    expect(emptyChannelForm()).toEqual({
      name: '',
      expiryAmount: '1',
      expiryUnit: 'days',
      participantLimit: '3',
    });
    const built = buildCreateChannelInput(en, channelForm({}));
    expect(built).toEqual({
      ok: true,
      input: { name: 'Field service', defaultExpiryMinutes: 1_440, participantLimit: 3 },
    });
    if (built.ok) expect(COMMANDS['admin.createChannel'].safeParse(built.input).success).toBe(true);
  });

  it('the default expiry is typed in minutes, hours or days and sent in minutes', () => {
    expect(expiryMinutesOf({ expiryAmount: '90', expiryUnit: 'minutes' })).toBe(90);
    expect(expiryMinutesOf({ expiryAmount: '1.5', expiryUnit: 'hours' })).toBe(90);
    expect(expiryMinutesOf({ expiryAmount: '0.1', expiryUnit: 'hours' })).toBe(6);
    expect(expiryMinutesOf({ expiryAmount: '2', expiryUnit: 'days' })).toBe(2_880);
    expect(expiryMinutesOf({ expiryAmount: '', expiryUnit: 'days' })).toBeNaN();
  });

  it('a channel’s expiry opens in the largest unit that holds it whole', () => {
    expect(expiryParts(1_440)).toEqual({ amount: 1, unit: 'days' });
    expect(expiryParts(240)).toEqual({ amount: 4, unit: 'hours' });
    expect(expiryParts(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(channelFormOf(CHANNELS[1]!)).toEqual({
      name: 'Support',
      expiryAmount: '4',
      expiryUnit: 'hours',
      participantLimit: '3',
    });
  });

  it('shown in words: days, hours, or mixed units', () => {
    expect(formatExpiry(en, 1_440)).toBe('1 day');
    expect(formatExpiry(en, 43_200)).toBe('30 days');
    expect(formatExpiry(en, 60)).toBe('1 hour');
    expect(formatExpiry(en, 240)).toBe('4 hours');
    expect(formatExpiry(en, 1)).toBe('1 minute');
    expect(formatExpiry(en, 5)).toBe('5 minutes');
    expect(formatExpiry(en, 90)).toBe('1 h 30 min');
    expect(formatExpiry(en, 1_530)).toBe('1 d 1 h 30 min');
    expect(formatExpiry(en, 1_445)).toBe('1 d 5 min');
    expect(formatExpiry(en, 1_500)).toBe('25 hours');
  });

  it('mixed units are one message per combination, so a language orders and spaces them its way', () => {
    expect(formatExpiry(pseudo, 90)).toBe('[1 ĥ 30 ɱîñ ···]');
    expect(formatExpiry(pseudo, 1_440)).toBe(pseudo.t('admin.duration.days', { n: 1 }));
  });

  it('the shared schema’s limits, beside their fields', () => {
    expect(
      buildCreateChannelInput(
        en,
        channelForm({ name: ' ', expiryAmount: '4', expiryUnit: 'minutes', participantLimit: '0' }),
      ),
    ).toEqual({
      ok: false,
      errors: {
        name: 'Fill in this field.',
        defaultExpiry: 'At least 5 minutes.',
        participantLimit: 'Too small: at least 1.',
      },
    });
    expect(buildCreateChannelInput(en, channelForm({ expiryAmount: '31', participantLimit: '11' }))).toEqual({
      ok: false,
      errors: {
        defaultExpiry: 'At most 30 days.',
        participantLimit: 'Too large: at most 10.',
      },
    });
    expect(buildCreateChannelInput(en, channelForm({ expiryAmount: '', participantLimit: '2.5' }))).toEqual({
      ok: false,
      errors: {
        defaultExpiry: 'Enter a number.',
        participantLimit: 'Enter a whole number.',
      },
    });
    expect(buildCreateChannelInput(en, channelForm({ expiryAmount: '0.01', expiryUnit: 'hours' }))).toEqual({
      ok: false,
      errors: { defaultExpiry: 'Enter a whole number.' },
    });
  });

  it('edit sends only what changed', () => {
    const support = CHANNELS[1]!;
    expect(buildChannelChanges(en, support, channelFormOf(support))).toEqual({ ok: true, input: null });
    // 240 minutes typed as minutes is the same expiry.
    expect(
      buildChannelChanges(en, support, {
        ...channelFormOf(support),
        expiryAmount: '240',
        expiryUnit: 'minutes',
      }),
    ).toEqual({ ok: true, input: null });
    const built = buildChannelChanges(en, support, {
      ...channelFormOf(support),
      name: 'Support desk',
      participantLimit: '5',
    });
    expect(built).toEqual({ ok: true, input: { name: 'Support desk', participantLimit: 5 } });
    if (built.ok) {
      expect(
        COMMANDS['admin.updateChannel'].safeParse({ channelId: CHANNEL_ID, changes: built.input }).success,
      ).toBe(true);
    }
    expect(buildChannelChanges(en, support, { ...channelFormOf(support), participantLimit: '0' })).toEqual({
      ok: false,
      errors: { participantLimit: 'Too small: at least 1.' },
    });
  });

  it('a refusal: the contract’s paths (changes.…) beside their fields, or above the buttons', () => {
    expect(
      channelRefusal(en, {
        code: 'invalid_input',
        message: 'x',
        fields: [
          {
            field: 'changes.defaultExpiryMinutes',
            code: 'duration_too_long',
            params: { amount: 30, unit: 'days' },
            message: 'At most 30 days.',
          },
        ],
      }),
    ).toEqual({ defaultExpiry: 'At most 30 days.' });
    expect(
      channelRefusal(en, {
        code: 'private_channel',
        params: { action: 'manage' },
        message: 'A Private channel has one member, its owner, and fixed settings.',
      }),
    ).toEqual({
      form: 'A Private channel has one member, its owner, and fixed settings.',
    });
  });
});

describe('channels and members', () => {
  it('only shared channels are listed, by name', () => {
    const extra = { ...CHANNELS[1]!, id: CHANNEL_ID, name: 'Accounting' };
    expect(sharedChannels([...CHANNELS, extra]).map((c) => c.name)).toEqual(['Accounting', 'Support']);
  });

  it('members with their names, by name; an unknown id is named so', () => {
    const support = CHANNELS[1]!;
    expect(memberRows(en, support, AGENTS).map((m) => [m.name, m.canRelease])).toEqual([
      ['Ada Admin', true],
      ['Dana Whitfield', false],
      ['Sam Ortega', false],
    ]);
    const ghost = { members: [{ agentId: AGENT_ID, canRelease: false }] };
    expect(memberRows(en, ghost, AGENTS)).toEqual([
      { agentId: AGENT_ID, name: 'Unknown agent', email: '', disabled: false, canRelease: false },
    ]);
  });

  it('who can be added: not yet members, enabled ones first', () => {
    const support = { members: [{ agentId: ME_ID, canRelease: false }] };
    const disabled = { ...AGENTS[1]!, id: AGENT_ID, name: 'Aaron Ames', disabled: true };
    expect(addableAgents(support, [...AGENTS, disabled]).map((a) => a.name)).toEqual([
      'Ada Admin',
      'Sam Ortega',
      'Aaron Ames',
    ]);
    expect(addableAgents(CHANNELS[1]!, AGENTS)).toEqual([]);
  });
});

describe('messages by field', () => {
  it('the first message per field; those no field shows go above the buttons', () => {
    const errors = collectIssues(
      translator('en'),
      [
        { field: 'name', code: 'required', message: 'first' },
        { field: 'name', code: 'too_long', params: { max: 80 }, message: 'second' },
        { field: '', code: 'nothing_to_change', params: { fields: 'name' }, message: 'whole' },
      ],
      (path) => (path === 'name' ? 'name' : null),
    );
    expect(errors).toEqual({ name: 'Fill in this field.', form: 'Change at least one of name.' });
    expect(withoutFields(errors, ['name'])).toEqual({ form: 'Change at least one of name.' });
    expect(withoutFields(errors, [])).toBe(errors);
  });
});

describe('admin tabs', () => {
  it('arrows move and wrap, Home and End go to the ends, other keys are left alone', () => {
    expect(tabAfterKey('agents', 'ArrowRight')).toBe('channels');
    expect(tabAfterKey('channels', 'ArrowRight')).toBe('organisation');
    expect(tabAfterKey('organisation', 'ArrowRight')).toBe('sso');
    expect(tabAfterKey('sso', 'ArrowRight')).toBe('integrations');
    expect(tabAfterKey('integrations', 'ArrowRight')).toBe('sms');
    expect(tabAfterKey('sms', 'ArrowRight')).toBe('canned');
    expect(tabAfterKey('canned', 'ArrowRight')).toBe('agents');
    expect(tabAfterKey('agents', 'ArrowLeft')).toBe('canned');
    expect(tabAfterKey('channels', 'Home')).toBe('agents');
    expect(tabAfterKey('agents', 'End')).toBe('canned');
    expect(tabAfterKey('agents', 'Enter')).toBeNull();
  });
});
