/**
 * The JSON the service answers with, as zod schemas: the service documents its API from them (OpenAPI)
 * and the desktop client validates what it receives with them. Additive changes only. Each shape is
 * registered under a name (`register(z.globalRegistry, { id })`): the OpenAPI document lists it under that
 * name in components.schemas, and generated clients get a type by it, so a published name stays.
 */
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '../domain/languages';
import { ROLES } from '../domain/permissions';
import type { Participant, SessionRequest } from '../domain/session-request';
import { CONSENTS, REQUEST_STATUSES } from '../domain/status';
import { externalRefSchema } from './integrations';

const isoDateTime = z.string().describe('ISO 8601 date and time, UTC');

export const agentSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
  twoFactorEnabled: z
    .boolean()
    .describe('Whether the agent signs in with a code of an authenticator app too'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
agentSchema.register(z.globalRegistry, { id: 'Agent', description: 'An agent, who signs in to the service' });
export type Agent = z.infer<typeof agentSchema>;

/** GET /agents */
export const agentListSchema = z.object({ agents: z.array(agentSchema) });
agentListSchema.register(z.globalRegistry, { id: 'AgentList', description: 'Every agent' });

export const membershipViewSchema = z.object({ channelId: z.string(), canRelease: z.boolean() });
membershipViewSchema.register(z.globalRegistry, {
  id: 'AgentMembership',
  description: 'A channel the agent is a member of, and whether they may release requests there',
});

/** GET /me: the signed-in agent, their channels and their Private channel. */
export const meSchema = agentSchema.extend({
  privateChannelId: z.string(),
  memberships: z.array(membershipViewSchema),
});
meSchema.register(z.globalRegistry, {
  id: 'Me',
  description: 'The signed-in agent, their channels and their Private channel',
});
export type Me = z.infer<typeof meSchema>;

const channelMemberSchema = z.object({ agentId: z.string(), canRelease: z.boolean() });
channelMemberSchema.register(z.globalRegistry, {
  id: 'ChannelMember',
  description: 'An agent in a channel, and whether they may release requests there',
});

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['shared', 'private']),
  ownerId: z.string().nullable(),
  defaultExpiryMinutes: z.number().int(),
  participantLimit: z.number().int(),
  members: z.array(channelMemberSchema),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
channelSchema.register(z.globalRegistry, {
  id: 'Channel',
  description: 'A shared channel (a queue of requests) or an agent’s Private channel',
});
export type Channel = z.infer<typeof channelSchema>;

/** GET /channels */
export const channelListSchema = z.object({ channels: z.array(channelSchema) });
channelListSchema.register(z.globalRegistry, {
  id: 'ChannelList',
  description: 'The channels the agent may see',
});

export const participantSchema = z.object({
  agentId: z.string(),
  via: z.enum(['invited', 'joined']),
  since: isoDateTime,
}) satisfies z.ZodType<Participant>;
participantSchema.register(z.globalRegistry, {
  id: 'Participant',
  description: 'A technician in the collaborative session besides the assignee',
});

export const sessionRequestSchema = z.object({
  id: z.string(),
  status: z.enum(REQUEST_STATUSES),
  consent: z.enum(CONSENTS),
  recipientName: z.string(),
  recipientEmail: z.string().nullable(),
  comments: z.string(),
  emailLanguage: z.enum(EMAIL_LANGUAGES),
  sendInvitation: z.boolean(),
  scheduledAt: isoDateTime.nullable(),
  expiresAt: isoDateTime,
  channelId: z.string(),
  assigneeId: z.string().nullable(),
  createdBy: z.string(),
  participants: z.array(participantSchema),
  connectedAgentIds: z.array(z.string()).describe('Agents whose remote-control client is running now'),
  link: z.string().describe('The end user’s link, <public-url>/j/<token>'),
  pin: z.string().describe('9 digits, typed by the end user at <public-url>/pin'),
  sessionCode: z.string().describe('8 digits, for agents joining the collaborative session'),
  remote: z.string().nullable().describe('The ID the end user entered for their remote-control app'),
  externalRef: externalRefSchema
    .nullable()
    .optional()
    .describe('The ticket the request belongs to in a ticketing system; null if none'),
  recipientPhone: z
    .string()
    .nullable()
    .optional()
    .describe('The end user’s mobile number for text messages, E.164 (+ and 8–15 digits); null if none'),
  consentLapsesAt: isoDateTime
    .nullable()
    .optional()
    .describe(
      'When the end user’s permission lapses (Ready after a session: consent lasts one session); null otherwise',
    ),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  seq: z.number().int().describe('Position of the request’s last change in the change feed'),
}) satisfies z.ZodType<SessionRequest>;
sessionRequestSchema.register(z.globalRegistry, {
  id: 'SessionRequest',
  description: 'A session request: whom it asks, its status and the end user’s consent, its link and codes',
});

export const TIMELINE_EVENT_TYPES = [
  'created',
  'link_opened',
  'allowed',
  'denied',
  'access_ended',
  'consent_lapsed',
  'access_requested_again',
  'connected',
  'disconnected',
  'closed',
  'ended',
  'expired',
  'assigned',
  'transferred',
  'released',
  'picked_up',
  'invited',
  'joined',
  'left',
  'owner_changed',
  'note',
  'rescheduled',
  'email_queued',
  'email_sent',
  'email_failed',
  'reminder',
  'external_ref_changed',
  /** A chat message: data `{ text, from: 'agent' | 'end_user', byEmail }` (issue 19). */
  'message',
  /** The end user's answer to "How did we do?": data `{ rating, comment }`. */
  'rated',
  /**
   * Text messages (issue 19): data `{ kind: 'invitation' | 'message', to }`, `to` masked but for its last
   * digits; `sms_failed` adds `reason`.
   */
  'sms_queued',
  'sms_sent',
  'sms_failed',
  /** The end user's phone number was set, changed or cleared: data `{ to }`, masked, null when cleared. */
  'recipient_phone_changed',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

export const timelineActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('end_user') }),
  z.object({ kind: z.literal('system') }),
  z.object({
    kind: z.literal('integration'),
    tokenId: z.string(),
    name: z.string().describe('The integration token’s name'),
    onBehalfOf: z
      .object({ agentId: z.string(), name: z.string() })
      .nullable()
      .describe('The agent it acted for, when the action needed one'),
  }),
]);
timelineActorSchema.register(z.globalRegistry, {
  id: 'TimelineActor',
  description: 'Who caused an event: an agent, the end user, the service or an integration',
});
export type TimelineActor = z.infer<typeof timelineActorSchema>;

const timelineValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const timelineEventSchema = z.object({
  id: z.number().int(),
  requestId: z.string(),
  seq: z.number().int(),
  at: isoDateTime,
  type: z.enum(TIMELINE_EVENT_TYPES),
  actor: timelineActorSchema,
  data: z
    .record(z.string(), timelineValue)
    .describe('Details of the event: agent ids, names, the note text…'),
});
timelineEventSchema.register(z.globalRegistry, {
  id: 'TimelineEvent',
  description: 'One entry of a request’s timeline',
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/** GET /requests/{id}/events */
export const timelineSchema = z.object({ events: z.array(timelineEventSchema) });
timelineSchema.register(z.globalRegistry, {
  id: 'Timeline',
  description: 'A request’s timeline, oldest first',
});

const requestChangeSchema = z.object({
  type: z.literal('request'),
  seq: z.number().int(),
  request: sessionRequestSchema,
  /** Timeline events added since the cursor the page was asked from. */
  events: z.array(timelineEventSchema),
});
requestChangeSchema.register(z.globalRegistry, {
  id: 'RequestChange',
  description: 'A request the agent may see, as it is now, with the timeline events added since the cursor',
});

const tombstoneChangeSchema = z.object({
  type: z.literal('tombstone'),
  seq: z.number().int(),
  requestId: z.string(),
});
tombstoneChangeSchema.register(z.globalRegistry, {
  id: 'TombstoneChange',
  description: 'A request that left the agent’s view: deleted, or moved where they may not see it',
});

/** One entry of the change feed: a request as it is now, or its removal from the agent's view. */
export const changeSchema = z.discriminatedUnion('type', [requestChangeSchema, tombstoneChangeSchema]);
changeSchema.register(z.globalRegistry, { id: 'Change', description: 'One entry of the change feed' });
export type Change = z.infer<typeof changeSchema>;

/** GET /sync?since=SEQ */
export const syncPageSchema = z.object({
  changes: z.array(changeSchema),
  /**
   * The cursor to ask from next: the seq of the last change in this page, or, on the last page, the
   * head (the agent then has everything up to it, including changes it may not see).
   */
  next: z.number().int(),
  hasMore: z.boolean(),
  /** The newest seq the service has committed. */
  head: z.number().int(),
  /** On a page from since=0 only: how many requests the agent may see, to show a bootstrap's progress. */
  total: z.number().int().optional(),
  /**
   * On the pages of a full sync (from since=0): the head when its first page was served. The client sends
   * it back with each `since` of that sync, so that its cursors, which may be older than a change of what
   * the agent may see, are served when the sync itself began after the change.
   */
  fullSyncHead: z
    .number()
    .int()
    .optional()
    .describe('On the pages of a full sync (from since=0): send it back as `fullSyncHead` with each `since`'),
});
syncPageSchema.register(z.globalRegistry, {
  id: 'SyncPage',
  description: 'A page of the change feed after a cursor',
});
export type SyncPage = z.infer<typeof syncPageSchema>;

export const requestListSchema = z.object({
  requests: z.array(sessionRequestSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
requestListSchema.register(z.globalRegistry, {
  id: 'RequestList',
  description: 'A page of requests, newest first',
});

export const loginResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  agent: agentSchema,
});
loginResponseSchema.register(z.globalRegistry, {
  id: 'LoginResponse',
  description: 'The tokens of a sign-in, and the agent signed in',
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** Set-up of two-factor sign-in: the secret to give the authenticator app, as text and as a QR code's URI. */
export const twoFactorEnrolmentSchema = z.object({
  secret: z.string().describe('The TOTP secret in Base32, for typing into an authenticator app'),
  otpauthUri: z.string().describe('The same as an otpauth://totp/ URI, for a QR code'),
});
twoFactorEnrolmentSchema.register(z.globalRegistry, {
  id: 'TwoFactorEnrolment',
  description: 'A new authenticator secret, not on until a code from it is confirmed',
});
export type TwoFactorEnrolment = z.infer<typeof twoFactorEnrolmentSchema>;

/** POST /auth/login when the password was right and a second factor is needed: no tokens yet. */
export const secondFactorRequiredSchema = z.object({
  secondFactor: z.object({
    challenge: z.string().describe('Sent back with the code to POST /auth/login/second-factor; works once'),
    expiresAt: isoDateTime,
    enrolment: twoFactorEnrolmentSchema
      .optional()
      .describe(
        'Present when the organisation requires two-factor sign-in and the agent has not set it up: ' +
          'a code of this secret sets it up and signs in',
      ),
  }),
});
secondFactorRequiredSchema.register(z.globalRegistry, {
  id: 'SecondFactorRequired',
  description: 'The password was right; a code of the agent’s authenticator app (or a recovery code) is next',
});
export type SecondFactorRequired = z.infer<typeof secondFactorRequiredSchema>;

/** POST /auth/login: the tokens, or the second step still to take. */
export const loginStepSchema = z.union([loginResponseSchema, secondFactorRequiredSchema]);
loginStepSchema.register(z.globalRegistry, {
  id: 'LoginStep',
  description: 'Signed in (the tokens), or a second factor is needed (a challenge)',
});
export type LoginStep = z.infer<typeof loginStepSchema>;

/** The 10 recovery codes, shown once: only their hashes are kept. */
export const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('Each works once instead of a code; shown this once only'),
});
recoveryCodesSchema.register(z.globalRegistry, {
  id: 'RecoveryCodes',
  description: 'New recovery codes, shown this once; the ones before stop working',
});
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** POST /auth/login/second-factor: the tokens, and the recovery codes when this sign-in set two-factor up. */
export const secondFactorLoginResponseSchema = loginResponseSchema.extend({
  recoveryCodes: z
    .array(z.string())
    .optional()
    .describe('Present when this sign-in set two-factor sign-in up: shown this once only'),
});
secondFactorLoginResponseSchema.register(z.globalRegistry, {
  id: 'SecondFactorLoginResponse',
  description: 'The tokens of a sign-in finished with a second factor (and new recovery codes, at set-up)',
});
export type SecondFactorLoginResponse = z.infer<typeof secondFactorLoginResponseSchema>;

export const healthSchema = z.object({ status: z.literal('ok'), head: z.number().int() });

/** GET and PATCH /organisation: what end users are shown about who asks and which app to start. */
export const organisationSchema = z.object({
  name: z.string().describe('Shown on the join page and in e-mails'),
  remoteAppName: z.string().describe('The remote-control app the end user starts, like AnyDesk'),
  remoteAppUrl: z.string().describe('Where the end user downloads it'),
  remoteIdRequired: z.boolean().describe('Whether the join page asks for the ID the app shows'),
  remoteAppInstructions: z
    .string()
    .describe('Free text for the end user, several lines; shown on the join page and in invitations'),
  consentGraceMinutes: z
    .number()
    .int()
    .describe(
      'How long the end user’s Allow access lasts after the last agent disconnects; 0: it ends with the session',
    ),
  auditRetentionDays: z
    .number()
    .int()
    .describe('How many days the audit log keeps its entries; older ones are pruned daily'),
  requireTwoFactor: z
    .boolean()
    .describe('Whether every password account must sign in with an authenticator code too'),
  requireCloseOutcome: z
    .boolean()
    .describe('Whether closing a request needs an outcome and a wrap-up note (`CloseRequest`)'),
  satisfactionEmail: z
    .boolean()
    .describe('Whether closing a request with the end user’s address e-mails them “How did we do?”'),
  updatedAt: isoDateTime,
});
organisationSchema.register(z.globalRegistry, {
  id: 'Organisation',
  description: 'What end users are shown: who is asking, and which remote-control app to start',
});
export type Organisation = z.infer<typeof organisationSchema>;
