/**
 * Turns a schema's verdict into what crosses a boundary: the parsed value, or the fields at fault under
 * the stable code `invalid_input`, each with a code of its own and the values its sentence needs
 * (`{field: 'recipientName', code: 'too_long', params: {max: 120}}`). A client words an issue from its
 * catalogue (`field.<code>`, `fieldText` in shared/i18n/errors.ts); `message` is the English catalogue's
 * sentence, for API users and logs.
 *
 * The schemas say no sentences of their own. zod's issues map to codes here, by kind (a string too long,
 * a number too small, an e-mail address that is not one…), with the check's own numbers as parameters,
 * so each limit is stated once. A check that needs a code of its own names it where it is declared:
 * `coded('duplicates')` for a refinement, `codedPattern(/…/, 'single_line')` for a pattern.
 */
import type { z } from 'zod';
import { fieldText, type ErrorParams } from '../i18n/errors';
import { translator, type MessageArgs } from '../i18n/translator';

/** Every code a field issue can have; `field.<code>` in shared/i18n/catalogs/en/errors.json words it. */
export const FIELD_ISSUE_CODES = [
  // Mapped from zod's issues by kind.
  'required',
  'invalid_type',
  'not_integer',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_few',
  'too_many',
  'invalid_email',
  'invalid_id',
  'invalid_datetime',
  'invalid_url',
  'invalid_choice',
  'unknown_fields',
  'invalid_format',
  'invalid',
  // Named by the check that needs them.
  'digits',
  'duration_too_short',
  'duration_too_long',
  'invalid_remote_id',
  'single_line',
  'duplicates',
  'column_always_shown',
  'invitation_needs_email',
  'transfer_target',
  'password_or_link',
  'password_and_link',
  'nothing_to_change',
  'passwords_differ',
  'locked',
  'not_allowed',
  'development_only',
  // Text messages (issue 19's sms part).
  'invalid_phone',
  'sms_sender',
  'sms_template',
  // Rules that need more than the input (the time, the service's records).
  'not_in_future',
  'expiry_too_far',
  'after_expiry',
  'unknown_agent',
  'invalid_cursor',
  // What an integration token may not do when it creates a request (services/requests.ts).
  'shared_channel_required',
  'integration_needs_agent',
  'agent_account_disabled',
  'period_order',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the field ("recipientEmail", "agentIds.2"); empty for the input as a whole. */
  readonly field: string;
  /** A `FieldIssueCode`; a string, since a newer service may send one this client does not know. */
  readonly code: string;
  readonly params?: ErrorParams;
  /** The English sentence (`field.<code>`), for API users, logs, and codes a client does not know. */
  readonly message: string;
}

export type Validated<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly FieldIssue[] };

const english = translator('en');

/** An issue found by a rule outside a schema, worded by the English catalogue. */
export function fieldIssue<C extends FieldIssueCode>(
  field: string,
  code: C,
  ...params: MessageArgs<`field.${C}`>
): FieldIssue {
  return issueOf(field, code, params[0]);
}

function issueOf(field: string, code: FieldIssueCode, params: ErrorParams | undefined): FieldIssue {
  const message = fieldText(english, { field, code, message: code, ...(params ? { params } : {}) });
  return params ? { field, code, params, message } : { field, code, message };
}

/** A machine list of values for a message ("en, es, pt"): values, not words, so not `formatList`. */
function listed(values: readonly unknown[]): string {
  return values.map(String).join(', ');
}

function isFieldIssueCode(value: unknown): value is FieldIssueCode {
  return typeof value === 'string' && (FIELD_ISSUE_CODES as readonly string[]).includes(value);
}

/**
 * The code of a refinement, with its values: `.refine(unique, coded('duplicates'))`, or spread into an
 * issue a `superRefine` adds (`ctx.addIssue({ code: 'custom', path, ...coded('invitation_needs_email') })`).
 */
export function coded<C extends FieldIssueCode>(
  code: C,
  ...params: MessageArgs<`field.${C}`>
): { params: { readonly code: C } & ErrorParams } {
  return { params: { ...(params[0] as ErrorParams | undefined), code } };
}

/** The code of an "at least one change" refinement over an object's fields, naming them as sent. */
export function nothingToChange(shape: Readonly<Record<string, unknown>>) {
  return coded('nothing_to_change', { fields: listed(Object.keys(shape)) });
}

/** Patterns whose failure has a code of its own, by the pattern's source as zod reports it. */
const PATTERN_CODES = new Map<string, { readonly code: FieldIssueCode; readonly params?: ErrorParams }>();

/**
 * A pattern for `.regex()` whose failure is `code` (with its values) rather than `invalid_format`: the
 * pattern stays in the schema, so the API document still shows it.
 */
export function codedPattern<C extends FieldIssueCode>(
  pattern: RegExp,
  code: C,
  ...params: MessageArgs<`field.${C}`>
): RegExp {
  const key = String(pattern);
  const known = PATTERN_CODES.get(key);
  if (known && known.code !== code) throw new Error(`${key} already has the code ${known.code}`);
  PATTERN_CODES.set(key, { code, params: params[0] });
  return pattern;
}

const FORMAT_CODES: Readonly<Record<string, FieldIssueCode>> = {
  email: 'invalid_email',
  uuid: 'invalid_id',
  guid: 'invalid_id',
  datetime: 'invalid_datetime',
  url: 'invalid_url',
};

/** The code of a zod issue and the values its sentence needs, from what the check itself says. */
function codeOf(issue: z.core.$ZodIssue): { code: FieldIssueCode; params?: ErrorParams } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return { code: 'not_integer' };
      return { code: 'invalid_type', params: { expected: issue.expected } };
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max } };
      return { code: 'too_large', params: { max } };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? { code: 'required' } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { min } };
      return { code: 'too_small', params: { min } };
    }
    case 'invalid_format': {
      if (issue.format === 'regex' && issue.pattern !== undefined) {
        return PATTERN_CODES.get(issue.pattern) ?? { code: 'invalid_format' };
      }
      return { code: FORMAT_CODES[issue.format] ?? 'invalid_format' };
    }
    case 'invalid_value':
      return { code: 'invalid_choice', params: { options: listed(issue.values) } };
    case 'invalid_union': {
      // A discriminated union names its choices; of a plain one, what its first member says.
      if ('options' in issue && Array.isArray(issue.options)) {
        return { code: 'invalid_choice', params: { options: listed(issue.options) } };
      }
      const first = issue.errors[0]?.[0];
      return first ? codeOf(first) : { code: 'invalid' };
    }
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: unknown } & ErrorParams;
      if (!isFieldIssueCode(code)) return { code: 'invalid' };
      return Object.keys(params).length > 0 ? { code, params } : { code };
    }
    default:
      return { code: 'invalid' };
  }
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const fields = listed(issue.keys.map((key) => [...path, key].join('.')));
      return issueOf(fields, 'unknown_fields', { fields, count: issue.keys.length });
    }
    const { code, params } = codeOf(issue);
    return issueOf(path.join('.'), code, params);
  });
}

/**
 * The issues in the words of a schema that says its own English, outside shared/ (the service's
 * command-line options, for an operator): each issue's own message.
 */
export function schemaWordedIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toFieldIssues(result.error) };
}

/** One sentence naming every field at fault, for logs and plain-text error messages. */
export function describeIssues(issues: readonly Pick<FieldIssue, 'field' | 'message'>[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join(' ');
}
