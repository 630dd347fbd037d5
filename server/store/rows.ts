/**
 * The rows the store reads and writes, as the services see them: one definition for every implementation
 * of the Store (store.ts), whatever its SQL.
 */
import type { IntegrationScope } from '@shared/domain/integrations';
import type { Role } from '@shared/domain/permissions';
import type { EmailLanguage } from '@shared/domain/languages';
import type { Consent, RequestStatus } from '@shared/domain/status';
import type { TimelineActor, TimelineEventType } from '@shared/protocol/api';
import type { ExternalRef } from '@shared/protocol/integrations';

export interface AgentRow {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: Role[];
  readonly disabled: boolean;
  readonly passwordHash: string;
  readonly resyncFromSeq: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An agents row as both dialects return it (flags are 0/1 integers on both). */
export interface RawAgent {
  id: string;
  email: string;
  name: string;
  is_admin: number;
  is_support_agent: number;
  password_hash: string;
  disabled: number;
  resync_from_seq: number;
  created_at: number;
  updated_at: number;
}

export function toAgent(raw: RawAgent): AgentRow {
  const roles: Role[] = [];
  if (raw.is_admin) roles.push('admin');
  if (raw.is_support_agent) roles.push('support_agent');
  return {
    id: raw.id,
    email: raw.email,
    name: raw.name,
    roles,
    disabled: raw.disabled === 1,
    passwordHash: raw.password_hash,
    resyncFromSeq: raw.resync_from_seq,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

/** The agents table's role flags of `roles`. */
export function roleFlags(roles: readonly Role[]): { isAdmin: 0 | 1; isSupportAgent: 0 | 1 } {
  return {
    isAdmin: roles.includes('admin') ? 1 : 0,
    isSupportAgent: roles.includes('support_agent') ? 1 : 0,
  };
}

export interface MembershipRow {
  readonly channelId: string;
  readonly agentId: string;
  readonly canRelease: boolean;
}

export interface RawMembership {
  channel_id: string;
  agent_id: string;
  can_release: number;
}

export function toMembership(raw: RawMembership): MembershipRow {
  return { channelId: raw.channel_id, agentId: raw.agent_id, canRelease: raw.can_release === 1 };
}

export interface ChannelRow {
  readonly id: string;
  readonly name: string;
  readonly kind: 'shared' | 'private';
  readonly ownerId: string | null;
  readonly defaultExpiryMinutes: number;
  readonly participantLimit: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface RawChannel {
  id: string;
  name: string;
  kind: 'shared' | 'private';
  owner_id: string | null;
  default_expiry_minutes: number;
  participant_limit: number;
  created_at: number;
  updated_at: number;
}

export function toChannel(raw: RawChannel): ChannelRow {
  return {
    id: raw.id,
    name: raw.name,
    kind: raw.kind,
    ownerId: raw.owner_id,
    defaultExpiryMinutes: raw.default_expiry_minutes,
    participantLimit: raw.participant_limit,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

export interface FeedEntry {
  readonly kind: 'request' | 'tombstone';
  readonly requestId: string;
  readonly seq: number;
}

/** A feed entry with what a page sends for it, from the rows' stored wire JSON (migration 5). */
export interface FeedRow extends FeedEntry {
  /** A request's stored JSON (services/wire-json.ts); null for a tombstone. */
  readonly json: string | null;
  /** Its timeline events after the cursor, as JSON joined by commas, each with its id; '' for none. */
  readonly events: string;
}

/**
 * A change of the whole feed (every channel) as the live feed publishes it (server/live/feed-pump.ts): the
 * row's channel, its stored wire JSON and its events after the cursor (as FeedRow), and what the request's
 * open join pages are told.
 */
export interface FeedChangeRow extends FeedRow {
  readonly channelId: string;
  /** The request's status and consent; null for a tombstone. */
  readonly status: RequestStatus | null;
  readonly consent: Consent | null;
  /** For a tombstone: the request no longer exists (deleted, not moved to another channel). */
  readonly gone: boolean;
}

export interface OrganisationRow {
  readonly name: string;
  readonly remoteAppName: string;
  readonly remoteAppUrl: string;
  readonly remoteIdRequired: boolean;
  readonly remoteAppInstructions: string;
  /** How long an Allow access lasts after the last agent disconnects; 0: it ends with the session. */
  readonly consentGraceMinutes: number;
  /** How many days audit entries are kept. */
  readonly auditRetentionDays: number;
  /** Whether every password account must sign in with an authenticator code too. */
  readonly requireTwoFactor: boolean;
  /** Whether closing a request needs an outcome and a wrap-up note. */
  readonly requireCloseOutcome: boolean;
  /** Whether closing a request with the end user's address e-mails them "How did we do?". */
  readonly satisfactionEmail: boolean;
  readonly updatedAt: number;
}

export interface RawOrganisation {
  name: string;
  remote_app_name: string;
  remote_app_url: string;
  remote_id_required: number;
  remote_app_instructions: string;
  consent_grace_minutes: number;
  audit_retention_days: number;
  require_two_factor: number;
  require_close_outcome: number;
  satisfaction_email: number;
  updated_at: number;
}

export function toOrganisation(raw: RawOrganisation): OrganisationRow {
  return {
    name: raw.name,
    remoteAppName: raw.remote_app_name,
    remoteAppUrl: raw.remote_app_url,
    remoteIdRequired: raw.remote_id_required === 1,
    remoteAppInstructions: raw.remote_app_instructions,
    consentGraceMinutes: raw.consent_grace_minutes,
    auditRetentionDays: raw.audit_retention_days,
    requireTwoFactor: raw.require_two_factor === 1,
    requireCloseOutcome: raw.require_close_outcome === 1,
    satisfactionEmail: raw.satisfaction_email === 1,
    updatedAt: raw.updated_at,
  };
}

/** Seals and opens stored values with the service's key (SecretBox, services/crypto.ts). */
export interface Sealer {
  /** What every sealed value starts with: a value without it was stored in plain text. */
  readonly prefix: string;
  seal(plaintext: string, purpose: string): string;
  /** Throws unless `sealed` was sealed with this key for this purpose. */
  open(sealed: string, purpose: string): string;
}

/** What each sealed column holds, bound to its ciphertext. */
export const SEALED_PURPOSE = {
  payload: 'outbox payload',
  response: 'idempotent response',
  totpSecret: 'totp secret',
} as const;

/** What an outbox payload is once it is no longer needed (it held a secret, or its mail was cancelled). */
export const FORGOTTEN_PAYLOAD = '{}';

export type MailKind =
  | 'invitation'
  | 'update'
  | 'technician_invitation'
  | 'password_link'
  | 'webhook_disabled'
  /** An agent's chat message to the end user (issue 19). */
  | 'chat_message'
  /** "How did we do?" after a request was closed (issue 19). */
  | 'satisfaction';

export interface OutboxRow {
  readonly id: number;
  readonly requestId: string | null;
  readonly kind: MailKind;
  readonly recipient: string;
  readonly language: EmailLanguage;
  /** The template's data, as JSON; null when it cannot be decrypted (secrets.json was replaced). */
  readonly payload: string | null;
  readonly messageId: string;
  readonly attempts: number;
}

/** An outbox row as both dialects return it; `payload` is sealed. */
export interface RawOutbox {
  id: number;
  request_id: string | null;
  kind: MailKind;
  recipient: string;
  language: EmailLanguage;
  payload: string;
  message_id: string;
  attempts: number;
}

/** `raw` with its payload opened with `box` (null when it cannot be: secrets.json was replaced). */
export function toOutboxRow(raw: RawOutbox, box: Sealer): OutboxRow {
  let payload: string | null;
  try {
    payload = box.open(raw.payload, SEALED_PURPOSE.payload);
  } catch {
    payload = null;
  }
  return {
    id: raw.id,
    requestId: raw.request_id,
    kind: raw.kind,
    recipient: raw.recipient,
    language: raw.language,
    payload,
    messageId: raw.message_id,
    attempts: raw.attempts,
  };
}

export interface StoredResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly response: string;
}

export interface PasswordLinkRow {
  readonly tokenHash: string;
  readonly agentId: string;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

export interface RawPasswordLink {
  token_hash: string;
  agent_id: string;
  expires_at: number;
  used_at: number | null;
}

export function toPasswordLink(raw: RawPasswordLink): PasswordLinkRow {
  return { tokenHash: raw.token_hash, agentId: raw.agent_id, expiresAt: raw.expires_at, usedAt: raw.used_at };
}

export interface RequestRow {
  readonly id: string;
  readonly status: RequestStatus;
  readonly consent: Consent;
  readonly recipientName: string;
  readonly recipientEmail: string | null;
  readonly comments: string;
  readonly emailLanguage: EmailLanguage;
  /** Whether the creator chose the language: the join page follows it, else the browser's. */
  readonly languageChosen: boolean;
  readonly sendInvitation: boolean;
  readonly scheduledAt: number | null;
  readonly reminded: boolean;
  readonly expiresAt: number;
  readonly channelId: string;
  readonly assigneeId: string | null;
  readonly createdBy: string;
  readonly linkTokenHash: string;
  readonly pin: string;
  readonly sessionCode: string;
  readonly remote: string | null;
  /** When the end user's permission lapses: Ready after a session only (consent lasts one session). */
  readonly consentLapsesAt: number | null;
  /** The ticket the request belongs to in a ticketing system; null if none. */
  readonly externalRef: ExternalRef | null;
  /** The end user's mobile number, E.164 (shared/domain/sms.ts); null if none. */
  readonly recipientPhone: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly seq: number;
}

export interface ParticipantRow {
  readonly requestId: string;
  readonly agentId: string;
  readonly via: 'invited' | 'joined';
  readonly since: number;
}

export interface EventRow {
  readonly id: number;
  readonly requestId: string;
  readonly seq: number;
  readonly at: number;
  readonly type: TimelineEventType;
  readonly actor: TimelineActor;
  readonly data: Record<string, string | number | boolean | null | string[]>;
}

export interface ListFilter {
  /** Channels the agent may see; the listing never leaves them. */
  readonly channelIds: readonly string[];
  readonly statuses?: readonly RequestStatus[];
  readonly channelId?: string;
  readonly assignee?: { readonly kind: 'unassigned' } | { readonly kind: 'agent'; readonly agentId: string };
  readonly view?: 'past' | 'upcoming';
  /** The requests of one ticket (system and id, exactly). */
  readonly externalRef?: { readonly system: string; readonly id: string };
  readonly q?: string;
  readonly now: number;
  readonly limit: number;
  /** Rows strictly after this (created_at DESC, id DESC) position. */
  readonly after?: { readonly createdAt: number; readonly id: string };
}

/** The timeline events that change the end user's consent. */
export const CONSENT_EVENTS = [
  'allowed',
  'denied',
  'access_ended',
  'consent_lapsed',
  'access_requested_again',
] as const satisfies readonly TimelineEventType[];

export type ConsentEventType = (typeof CONSENT_EVENTS)[number];

export interface RefreshTokenRow {
  readonly tokenHash: string;
  readonly familyId: string;
  readonly agentId: string;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

export interface RawRefreshToken {
  token_hash: string;
  family_id: string;
  agent_id: string;
  expires_at: number;
  used_at: number | null;
}

export function toRefreshToken(raw: RawRefreshToken): RefreshTokenRow {
  return {
    tokenHash: raw.token_hash,
    familyId: raw.family_id,
    agentId: raw.agent_id,
    expiresAt: raw.expires_at,
    usedAt: raw.used_at,
  };
}

export interface IntegrationTokenRow {
  readonly id: string;
  readonly name: string;
  readonly tokenHash: string;
  /** The token's first characters, to tell tokens apart; never the whole secret. */
  readonly hint: string;
  readonly scopes: readonly IntegrationScope[];
  readonly createdAt: number;
  /** The admin who created it. */
  readonly createdBy: string;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
}

/** An integration_tokens row as both dialects return it; `scopes` is a JSON array. */
export interface RawIntegrationToken {
  id: string;
  name: string;
  token_hash: string;
  hint: string;
  scopes: string;
  created_at: number;
  created_by: string;
  expires_at: number | null;
  last_used_at: number | null;
}

export function toIntegrationToken(raw: RawIntegrationToken): IntegrationTokenRow {
  return {
    id: raw.id,
    name: raw.name,
    tokenHash: raw.token_hash,
    hint: raw.hint,
    scopes: JSON.parse(raw.scopes) as IntegrationScope[],
    createdAt: raw.created_at,
    createdBy: raw.created_by,
    expiresAt: raw.expires_at,
    lastUsedAt: raw.last_used_at,
  };
}
