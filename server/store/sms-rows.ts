/**
 * Rows of the SMS gateway and the SMS outbox (migration 16), as both dialects read and write them. The
 * gateway's secrets and each message's number and text are sealed with the service's key.
 */
import type { SmsGatewayKind } from '@shared/domain/sms';
import type { Sealer } from './rows';

export const SMS_SEALED = { secrets: 'sms gateway secrets', message: 'sms message' } as const;

/** The non-secret settings of a gateway (stored as JSON, answered to admins). */
export type SmsGatewaySettings =
  | {
      readonly kind: 'twilio';
      readonly accountSid: string;
      readonly from: string | null;
      readonly messagingServiceSid: string | null;
      readonly baseUrl: string;
    }
  | {
      readonly kind: 'http';
      readonly url: string;
      readonly contentType: 'application/json' | 'application/x-www-form-urlencoded';
      readonly bodyTemplate: string;
      readonly headerNames: readonly string[];
    };

/** The secrets: Twilio's auth token, or the HTTP headers' values by name. */
export interface SmsGatewaySecrets {
  readonly authToken?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SmsGatewayRow {
  readonly settings: SmsGatewaySettings;
  /** Null when they cannot be opened (secrets.json is not the one they were sealed with). */
  readonly secrets: SmsGatewaySecrets | null;
  readonly updatedAt: number;
}

export interface RawSmsGateway {
  kind: SmsGatewayKind;
  settings: string;
  secrets: string;
  updated_at: number;
}

export function toRawSmsGateway(row: SmsGatewayRow & { secrets: SmsGatewaySecrets }, box: Sealer) {
  return {
    kind: row.settings.kind,
    settings: JSON.stringify(row.settings),
    secrets: box.seal(JSON.stringify(row.secrets), SMS_SEALED.secrets),
    updated_at: row.updatedAt,
  };
}

export function toSmsGatewayRow(raw: RawSmsGateway, box: Sealer): SmsGatewayRow {
  let secrets: SmsGatewaySecrets | null;
  try {
    secrets = JSON.parse(box.open(raw.secrets, SMS_SEALED.secrets)) as SmsGatewaySecrets;
  } catch {
    secrets = null;
  }
  return { settings: JSON.parse(raw.settings) as SmsGatewaySettings, secrets, updatedAt: raw.updated_at };
}

export type SmsKind = 'invitation' | 'message';

export interface NewSms {
  readonly requestId: string | null;
  readonly kind: SmsKind;
  readonly to: string;
  readonly text: string;
  readonly now: number;
}

/** A message claimed for sending: its attempt counted, leased until it is recorded. */
export interface ClaimedSms {
  readonly id: number;
  readonly requestId: string | null;
  readonly kind: SmsKind;
  /** Null when they cannot be opened. */
  readonly to: string | null;
  readonly text: string | null;
  readonly attempts: number;
  readonly createdAt: number;
}

export interface RawSms {
  id: number;
  request_id: string | null;
  kind: SmsKind;
  recipient: string;
  body: string;
  attempts: number;
  created_at: number;
}

export const SMS_COLUMNS = 'id, request_id, kind, recipient, body, attempts, created_at';

function opened(box: Sealer, sealed: string): string | null {
  try {
    return box.open(sealed, SMS_SEALED.message);
  } catch {
    return null;
  }
}

export function toClaimedSms(raw: RawSms, box: Sealer): ClaimedSms {
  return {
    id: Number(raw.id),
    requestId: raw.request_id,
    kind: raw.kind,
    to: opened(box, raw.recipient),
    text: opened(box, raw.body),
    attempts: raw.attempts,
    createdAt: Number(raw.created_at),
  };
}

export function sealedSms(sms: NewSms, box: Sealer) {
  return {
    request_id: sms.requestId,
    kind: sms.kind,
    recipient: box.seal(sms.to, SMS_SEALED.message),
    body: box.seal(sms.text, SMS_SEALED.message),
    now: sms.now,
  };
}

/** How an attempt ended: sent; failed for good; or failed, to be tried again at `nextAttemptAt`. */
export type SmsOutcome =
  | { readonly state: 'sent'; readonly statusCode: number; readonly at: number }
  | {
      readonly state: 'failed' | 'pending';
      readonly statusCode: number | null;
      readonly error: string;
      readonly at: number;
      /** Pending: when it is due again. */
      readonly nextAttemptAt?: number;
    };
