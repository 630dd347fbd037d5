/**
 * Field issues by code: each kind of zod issue the shared schemas raise maps to its field issue code,
 * with the check's own numbers as parameters (a string too long → `too_long` with `max` from the schema's
 * limit), and checks that need a code of their own name it; every declared code has its English sentence
 * in the catalogue, which formats with exactly the parameters the mapping produces, in every language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '@shared/domain/languages';
import { LIMITS } from '@shared/domain/limits';
import { fieldText } from '@shared/i18n/errors';
import { CATALOGS } from '@shared/i18n/generated/catalogs';
import {
  LANGUAGES,
  PSEUDO_LANGUAGE,
  setTranslationErrorHandler,
  translator,
  type DisplayLanguage,
} from '@shared/i18n/translator';
import { COMMANDS, rowIdSchema } from '@shared/ipc/contract';
import { userSettingsSchema, DEFAULT_SETTINGS } from '@shared/ipc/settings';
import { createAgentSchema, setPasswordFormSchema, updateAgentSchema } from '@shared/schemas/account-input';
import { createChannelSchema, updateChannelSchema } from '@shared/schemas/channel-input';
import { pinSchema, remoteIdSchema, sessionCodeSchema } from '@shared/schemas/common';
import { httpGatewayInputSchema, phoneSchema, twilioGatewayInputSchema } from '@shared/schemas/sms-input';
import { ORGANISATION_LIMITS, updateOrganisationSchema } from '@shared/schemas/organisation-input';
import { listRequestsQuerySchema, syncQuerySchema } from '@shared/schemas/query-input';
import { checkReportPeriod } from '@shared/schemas/report-period';
import {
  assignSchema,
  checkRequestTimes,
  createRequestSchema,
  inviteSchema,
  rescheduleSchema,
  transferSchema,
} from '@shared/schemas/request-input';
import {
  FIELD_ISSUE_CODES,
  fieldIssue,
  toFieldIssues,
  validate,
  type FieldIssue,
} from '@shared/schemas/validation';

const ID = '8d6f0c7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const OTHER_ID = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const NOW = Date.parse('2026-11-22T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

const english = translator('en');

/** The issues of `input` under `schema`; fails if it passes. */
function issues(schema: z.ZodType, input: unknown): FieldIssue[] {
  const result = validate(schema, input);
  if (result.ok) throw new Error(`${JSON.stringify(input)} passed`);
  return [...result.issues];
}

/** The one issue of `input` under `schema`, without its English (checked on its own below). */
function only(schema: z.ZodType, input: unknown): Omit<FieldIssue, 'message'> {
  const found = issues(schema, input);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  const { message: _message, ...coded } = found[0]!;
  return coded;
}

/** Each case: a schema of shared/, an input it refuses, and the issue it must report. */
const CASES: readonly (readonly [string, z.ZodType, unknown, Omit<FieldIssue, 'message'>])[] = [
  // Strings.
  [
    'a string longer than its limit',
    createRequestSchema,
    { recipientName: 'n'.repeat(LIMITS.recipientNameMax + 1) },
    { field: 'recipientName', code: 'too_long', params: { max: LIMITS.recipientNameMax } },
  ],
  [
    'a string left empty (spaces only)',
    createRequestSchema,
    { recipientName: '   ' },
    { field: 'recipientName', code: 'required' },
  ],
  [
    'a string shorter than its minimum',
    createAgentSchema,
    { email: 'a@example.com', name: 'A', password: 'short' },
    { field: 'password', code: 'too_short', params: { min: LIMITS.passwordMin } },
  ],
  [
    'a missing string',
    createRequestSchema,
    {},
    { field: 'recipientName', code: 'invalid_type', params: { expected: 'string' } },
  ],
  [
    'a string where text was expected to be a number',
    createChannelSchema,
    { name: 'Desk', participantLimit: 'three' },
    { field: 'participantLimit', code: 'invalid_type', params: { expected: 'number' } },
  ],
  [
    'not true or false',
    createRequestSchema,
    { recipientName: 'Ana', sendInvitation: 'yes' },
    { field: 'sendInvitation', code: 'invalid_type', params: { expected: 'boolean' } },
  ],
  // Numbers.
  [
    'a number that is not whole',
    createChannelSchema,
    { name: 'Desk', defaultExpiryMinutes: 2.5 },
    { field: 'defaultExpiryMinutes', code: 'not_integer' },
  ],
  [
    'a number under its minimum',
    createChannelSchema,
    { name: 'Desk', participantLimit: 0 },
    { field: 'participantLimit', code: 'too_small', params: { min: LIMITS.participantLimitMin } },
  ],
  [
    'a number over its maximum',
    createChannelSchema,
    { name: 'Desk', participantLimit: LIMITS.participantLimitMax + 1 },
    { field: 'participantLimit', code: 'too_large', params: { max: LIMITS.participantLimitMax } },
  ],
  [
    'minutes over their maximum, in the largest unit that holds it',
    updateOrganisationSchema,
    { consentGraceMinutes: 1_441 },
    { field: 'consentGraceMinutes', code: 'duration_too_long', params: { amount: 1, unit: 'days' } },
  ],
  [
    'minutes over thirty days',
    createChannelSchema,
    { name: 'Desk', defaultExpiryMinutes: 31 * 24 * 60 },
    { field: 'defaultExpiryMinutes', code: 'duration_too_long', params: { amount: 30, unit: 'days' } },
  ],
  [
    'minutes under their minimum',
    createChannelSchema,
    { name: 'Desk', defaultExpiryMinutes: 4 },
    { field: 'defaultExpiryMinutes', code: 'duration_too_short', params: { amount: 5, unit: 'minutes' } },
  ],

  [
    'a query parameter that is not a number',
    listRequestsQuerySchema,
    { limit: 'many' },
    { field: 'limit', code: 'invalid_type', params: { expected: 'number' } },
  ],
  [
    'a query parameter over its maximum',
    syncQuerySchema,
    { since: '0', limit: '5001' },
    { field: 'limit', code: 'too_large', params: { max: 5_000 } },
  ],
  // Lists.
  [
    'an empty list',
    inviteSchema,
    { agentIds: [] },
    { field: 'agentIds', code: 'too_few', params: { min: 1 } },
  ],
  [
    'a list longer than its limit',
    inviteSchema,
    { agentIds: Array.from({ length: LIMITS.participantLimitMax }, (_, i) => `${ID.slice(0, -2)}${10 + i}`) },
    { field: 'agentIds', code: 'too_many', params: { max: LIMITS.participantLimitMax - 1 } },
  ],
  ['the same item twice', inviteSchema, { agentIds: [ID, ID] }, { field: 'agentIds', code: 'duplicates' }],
  [
    'a role given twice',
    updateAgentSchema,
    { roles: ['admin', 'admin'] },
    { field: 'roles', code: 'duplicates' },
  ],
  // Formats.
  [
    'an e-mail address that is not one',
    createRequestSchema,
    { recipientName: 'Ana', recipientEmail: 'ana at example' },
    { field: 'recipientEmail', code: 'invalid_email' },
  ],
  ['an id that is not one', assignSchema, { agentId: 'me' }, { field: 'agentId', code: 'invalid_id' }],
  [
    'a request id of the cache that is not one',
    z.object({ id: rowIdSchema }),
    { id: 'local:x' },
    { field: 'id', code: 'invalid_id' },
  ],
  [
    'a date and time that is not ISO 8601',
    rescheduleSchema,
    { scheduledAt: 'tomorrow at noon' },
    { field: 'scheduledAt', code: 'invalid_datetime' },
  ],
  [
    'an address that is not http(s)',
    updateOrganisationSchema,
    { remoteAppUrl: 'ftp://example.com/app' },
    { field: 'remoteAppUrl', code: 'invalid_url' },
  ],
  [
    'a service address of the settings',
    userSettingsSchema,
    { ...DEFAULT_SETTINGS, serverUrl: 'support example com' },
    { field: 'serverUrl', code: 'invalid_url' },
  ],
  // Patterns with a code of their own, and their numbers.
  [
    'a PIN with a digit missing',
    z.object({ pin: pinSchema }),
    { pin: '123 456 78' },
    { field: 'pin', code: 'digits', params: { length: 9 } },
  ],
  [
    'a session code with letters',
    z.object({ sessionCode: sessionCodeSchema }),
    { sessionCode: '1234 abcd' },
    { field: 'sessionCode', code: 'digits', params: { length: 8 } },
  ],
  [
    'a remote ID a launched client would read as an option',
    z.object({ remoteId: remoteIdSchema }),
    { remoteId: '-e calc' },
    { field: 'remoteId', code: 'invalid_remote_id' },
  ],
  [
    'a remote ID longer than its limit',
    z.object({ remoteId: remoteIdSchema }),
    { remoteId: '1'.repeat(LIMITS.remoteIdMax + 1) },
    { field: 'remoteId', code: 'too_long', params: { max: LIMITS.remoteIdMax } },
  ],
  [
    'a phone number that is not one',
    z.object({ to: phoneSchema }),
    { to: '555-CALL-NOW' },
    { field: 'to', code: 'invalid_phone' },
  ],
  [
    'a Twilio gateway with both a sender number and a messaging service',
    twilioGatewayInputSchema,
    {
      kind: 'twilio',
      accountSid: 'AC' + '0'.repeat(32),
      authToken: 'secret-token',
      from: '+34600000000',
      messagingServiceSid: 'MG' + '0'.repeat(32),
    },
    { field: 'from', code: 'sms_sender' },
  ],
  [
    'a gateway template without the text',
    httpGatewayInputSchema,
    {
      kind: 'http',
      url: 'https://sms.example.com/send',
      contentType: 'application/json',
      bodyTemplate: '{"to":"{{to}}"}',
      headers: [],
    },
    { field: 'bodyTemplate', code: 'sms_template', params: { to: '{{to}}', text: '{{text}}' } },
  ],
  [
    'a name on two lines',
    updateOrganisationSchema,
    { name: 'Acme\nIT' },
    { field: 'name', code: 'single_line' },
  ],
  [
    'an organisation name over its limit',
    updateOrganisationSchema,
    { name: 'n'.repeat(ORGANISATION_LIMITS.nameMax + 1) },
    { field: 'name', code: 'too_long', params: { max: ORGANISATION_LIMITS.nameMax } },
  ],
  // Choices.
  [
    'a language the e-mails are not written in',
    createRequestSchema,
    { recipientName: 'Ana', emailLanguage: 'la' },
    {
      field: 'emailLanguage',
      code: 'invalid_choice',
      params: { options: EMAIL_LANGUAGES.join(', ') },
    },
  ],
  [
    'a kind of assignment there is not',
    createRequestSchema,
    { recipientName: 'Ana', assignTo: { type: 'someone' } },
    {
      field: 'assignTo.type',
      code: 'invalid_choice',
      params: { options: 'myself, agent, agentEmail, unassigned' },
    },
  ],
  [
    'a theme there is not',
    userSettingsSchema,
    { ...DEFAULT_SETTINGS, theme: 'neon' },
    { field: 'theme', code: 'invalid_choice', params: { options: 'system, light, dark' } },
  ],
  // Fields there are not.
  [
    'two unknown fields',
    createChannelSchema,
    { name: 'Desk', colour: 'blue', icon: 'x' },
    { field: 'colour, icon', code: 'unknown_fields', params: { fields: 'colour, icon', count: 2 } },
  ],
  [
    'an unknown field inside another',
    COMMANDS['admin.updateAgent'],
    { agentId: ID, changes: { name: 'Ana', colour: 'blue' } },
    { field: 'changes.colour', code: 'unknown_fields', params: { fields: 'changes.colour', count: 1 } },
  ],
  // Refinements that name their code.
  [
    'an invitation without an address',
    createRequestSchema,
    { recipientName: 'Ana', sendInvitation: true },
    { field: 'recipientEmail', code: 'invitation_needs_email' },
  ],
  [
    'a transfer to both an agent and a channel',
    transferSchema,
    { agentId: ID, channelId: OTHER_ID },
    { field: '', code: 'transfer_target' },
  ],
  [
    'a new agent without a password or a link',
    createAgentSchema,
    { email: 'a@example.com', name: 'A' },
    { field: 'password', code: 'password_or_link' },
  ],
  [
    'a password reset both ways',
    updateAgentSchema,
    { password: 'a long enough password', sendPasswordLink: true },
    { field: 'password', code: 'password_and_link' },
  ],
  [
    'a change of nothing',
    updateChannelSchema,
    {},
    {
      field: '',
      code: 'nothing_to_change',
      params: { fields: 'name, defaultExpiryMinutes, participantLimit' },
    },
  ],
  [
    'two passwords that differ',
    setPasswordFormSchema,
    { password: 'a long enough password', confirm: 'another long password' },
    { field: 'confirm', code: 'passwords_differ' },
  ],
  [
    'the recipient column hidden',
    userSettingsSchema,
    { ...DEFAULT_SETTINGS, tableColumns: { ...DEFAULT_SETTINGS.tableColumns, hidden: ['recipientName'] } },
    { field: 'tableColumns.hidden', code: 'column_always_shown' },
  ],
  // What no shared schema raises, mapped all the same.
  [
    'a pattern without a code',
    z.object({ tag: z.string().regex(/^#\w+$/) }),
    { tag: 'x' },
    { field: 'tag', code: 'invalid_format' },
  ],
  [
    'a refinement without a code',
    z.object({ n: z.number().refine((n) => n % 2 === 0) }),
    { n: 3 },
    { field: 'n', code: 'invalid' },
  ],
];

/**
 * The sentence without the values it was given: a brace left is a placeholder not formatted (the SMS
 * template's own placeholders, `{{to}}` and `{{text}}`, are values it names).
 */
function withoutValues(text: string, issue: FieldIssue): string {
  return Object.values(issue.params ?? {}).reduce<string>(
    (rest, value) => (typeof value === 'string' && value !== '' ? rest.replaceAll(value, '') : rest),
    text,
  );
}

describe('zod issues mapped to field issue codes', () => {
  it.each(CASES)('%s', (_name, schema, input, expected) => {
    expect(only(schema, input)).toEqual(expected);
  });

  it('each message is the English catalogue’s sentence for the code and its values', () => {
    for (const issue of produced()) {
      expect(issue.message).toBe(fieldText(english, issue));
      expect(withoutValues(issue.message, issue), issue.code).not.toMatch(/[{}]/);
    }
    expect(only(createRequestSchema, { recipientName: 'n'.repeat(121) })).toMatchObject({
      params: { max: 120 },
    });
    expect(issues(createRequestSchema, { recipientName: 'n'.repeat(121) })[0]!.message).toBe(
      'Too long: at most 120 characters.',
    );
  });

  it('every field at fault at once, in the input’s order', () => {
    const found = issues(createChannelSchema, { name: '', defaultExpiryMinutes: 1, participantLimit: 11 });
    expect(found.map((issue) => [issue.field, issue.code, issue.params])).toEqual([
      ['name', 'required', undefined],
      [
        'defaultExpiryMinutes',
        'duration_too_short',
        { amount: LIMITS.channelExpiryMinMs / 60_000, unit: 'minutes' },
      ],
      ['participantLimit', 'too_large', { max: LIMITS.participantLimitMax }],
    ]);
  });
});

describe('rules outside the schemas', () => {
  it('the times of a request: in the future, at most 30 days ahead, scheduled before the expiry', () => {
    const found = [
      ...checkRequestTimes({ scheduledAt: NOW - 1, expiresAt: NOW - 1 }, NOW),
      ...checkRequestTimes({ scheduledAt: NOW + 2 * DAY, expiresAt: NOW + DAY }, NOW),
      ...checkRequestTimes({ scheduledAt: null, expiresAt: NOW + 31 * DAY }, NOW),
    ];
    expect(found.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
      { field: 'expiresAt', code: 'not_in_future', params: undefined },
      { field: 'scheduledAt', code: 'not_in_future', params: undefined },
      { field: 'scheduledAt', code: 'after_expiry', params: undefined },
      { field: 'expiresAt', code: 'expiry_too_far', params: { days: LIMITS.expiryMaxAheadMs / DAY } },
    ]);
    expect(found[3]!.message).toBe('A request expires at most 30 days ahead.');
  });
});

/**
 * Every issue the cases produce, the time rules' and those the core and the service raise with the
 * values they give: to format each in every language.
 */
function produced(): FieldIssue[] {
  return [
    ...CASES.flatMap(([, schema, input]) => issues(schema, input)),
    ...checkRequestTimes({ scheduledAt: NOW + 2 * DAY, expiresAt: NOW - 1 }, NOW),
    ...checkRequestTimes({ scheduledAt: NOW + 2 * DAY, expiresAt: NOW + DAY }, NOW),
    ...checkRequestTimes({ scheduledAt: null, expiresAt: NOW + 31 * DAY }, NOW),
    fieldIssue('assignTo.agentId', 'unknown_agent'),
    fieldIssue('cursor', 'invalid_cursor'),
    fieldIssue('channelId', 'shared_channel_required'),
    fieldIssue('assignTo', 'integration_needs_agent'),
    fieldIssue('assignTo.email', 'agent_account_disabled'),
    ...checkReportPeriod({ from: NOW, to: NOW }),
    ...checkReportPeriod({ from: NOW, to: NOW + 4_000 * DAY }),
    fieldIssue('theme', 'locked', { policy: 'Theme' }),
    fieldIssue('remoteClient', 'not_allowed', { allowed: 'RustDesk, AnyDesk' }),
    fieldIssue('serverUrl', 'required'),
    fieldIssue('language', 'development_only'),
  ];
}

describe('the declared codes and the catalogue', () => {
  afterEach(() => setTranslationErrorHandler(() => undefined));

  it('every declared code has its sentence, and the catalogue has no field sentence without a code', () => {
    const sentences = Object.keys(CATALOGS.en).filter((id) => id.startsWith('field.'));
    expect(sentences.map((id) => id.slice('field.'.length)).sort()).toEqual([...FIELD_ISSUE_CODES].sort());
  });

  it('formats every declared code, in every language, with the values the mapping gives it', () => {
    const all = produced();
    expect(new Set(all.map((issue) => issue.code))).toEqual(new Set(FIELD_ISSUE_CODES));

    const formatErrors: Error[] = [];
    setTranslationErrorHandler((error) => formatErrors.push(error));
    for (const language of [...LANGUAGES, PSEUDO_LANGUAGE] as DisplayLanguage[]) {
      const t = translator(language);
      for (const issue of all) {
        const text = fieldText(t, issue);
        expect(withoutValues(text, issue), `${language} ${issue.code}`).not.toMatch(/[{}]/);
        expect(text, `${language} ${issue.code}`).not.toBe(issue.code);
      }
    }
    expect(formatErrors).toEqual([]);
  });

  it('words an issue in the reader’s language, and a code it does not know in the English it came with', () => {
    const pseudo = translator(PSEUDO_LANGUAGE);
    const tooLong = issues(createRequestSchema, { recipientName: 'n'.repeat(121) })[0]!;
    expect(fieldText(pseudo, tooLong)).toBe(pseudo.t('field.too_long', { max: 120 }));
    expect(fieldText(pseudo, tooLong)).not.toBe(tooLong.message);
    const newer = { field: 'x', code: 'too_colourful', message: 'Too colourful.' };
    expect(fieldText(pseudo, newer)).toBe('Too colourful.');
    // Without the values its sentence needs (a newer service's), the English it came with.
    expect(fieldText(pseudo, { field: 'x', code: 'too_long', message: 'Too long.' })).toBe('Too long.');
  });
});

describe('toFieldIssues', () => {
  it('keeps the path of an issue inside a list', () => {
    const result = inviteSchema.safeParse({ agentIds: [ID, 'nope'] });
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!)).toEqual([
      { field: 'agentIds.1', code: 'invalid_id', message: english.t('field.invalid_id') },
    ]);
  });
});
