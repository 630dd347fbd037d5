/**
 * Text messages to the end user (issue 19): the phone number on a request and how long a message is in
 * SMS segments. The service checks numbers and counts segments with these; the client explains them.
 *
 * Numbers are E.164 (`+`, a country code, the number: 8 to 15 digits in all). People type spaces,
 * dashes, dots and parentheses, and often `00` for the `+`: those are normalised away. Whether a number
 * exists in its country's plan is not checked (that needs libphonenumber's metadata); the gateway says.
 */

/** E.164: `+`, then 8 to 15 digits, the first not 0 (no country code starts with 0). */
const E164 = /^\+[1-9]\d{7,14}$/;

/** What people type between digits and what a number may start with. */
const SEPARATORS = /[\s\-.()/\u00a0]/g;

/** The number as E.164 (`+41 (0)44 …` style trunk zeros are not guessed), or null when it is not one. */
export function normalisePhone(input: string): string | null {
  let phone = input.trim().replace(SEPARATORS, '');
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
  return E164.test(phone) ? phone : null;
}

export function isE164(phone: string): boolean {
  return E164.test(phone);
}

/** How many of the last digits a masked number keeps (timeline, logs). */
export const PHONE_VISIBLE_DIGITS = 3;

/** `+41791234567` → `+•••••••567`: enough to tell numbers apart, not enough to call one. */
export function maskPhone(phone: string): string {
  const digits = phone.startsWith('+') ? phone.slice(1) : phone;
  const shown = digits.slice(-PHONE_VISIBLE_DIGITS);
  return `+${'•'.repeat(Math.max(0, digits.length - shown.length))}${shown}`;
}

/**
 * The GSM 03.38 default alphabet (one septet each) and its extension table (two septets: escape + char).
 * A text with any other character is sent as UCS-2 (UTF-16 code units).
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const GSM_BASIC_SET = new Set(GSM_BASIC);
const GSM_EXTENDED_SET = new Set(GSM_EXTENDED);

/** Units per segment: a lone message, and each part of a concatenated one (its header takes the rest). */
export const SMS_SEGMENT_UNITS = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
} as const;

export interface SmsLength {
  readonly encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
}

/** How a gateway will encode `text` and how many segments it takes. */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM_BASIC_SET.has(char)) septets += 1;
    else if (GSM_EXTENDED_SET.has(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const encoding = gsm ? 'gsm7' : 'ucs2';
  const units = gsm ? septets : text.length;
  const limits = SMS_SEGMENT_UNITS[encoding];
  const segments = units === 0 ? 0 : units <= limits.single ? 1 : Math.ceil(units / limits.multi);
  return { encoding, units, segments };
}

export const SMS_LIMITS = {
  /** Longest text sent (a chat message may be up to 2,000 characters: about 14 GSM-7 segments). */
  textMax: 2_000,
  /** A generic gateway's URL, its body template, a header's name and value, how many headers. */
  urlMax: 2_000,
  templateMax: 4_000,
  headerNameMax: 100,
  headerValueMax: 2_000,
  headersMax: 10,
  /** Twilio's identifiers: AC…/MG… and 32 hex digits. */
  twilioSidMax: 64,
  twilioTokenMax: 200,
} as const;

/** The gateway kinds an organisation can configure. */
/**
 * Why the service could not send a text message, when the reason is its own (the timeline's `sms_failed`
 * `reasonCode`, worded by each client): no gateway, the message or the gateway's secrets not readable, or
 * the gateway answered an HTTP error without words of its own (`statusCode`).
 */
export const SMS_FAILURE_CODES = [
  'not_configured',
  'undecryptable',
  'secrets_unreadable',
  'http_status',
] as const;
export type SmsFailureCode = (typeof SMS_FAILURE_CODES)[number];

export const SMS_GATEWAY_KINDS = ['twilio', 'http'] as const;
export type SmsGatewayKind = (typeof SMS_GATEWAY_KINDS)[number];
