/**
 * Errors in the reader's language. The service and the core say what went wrong with a stable code and
 * its parameters (`{code: 'too_long', params: {max: 80}}`) beside an English `message` for API users and
 * logs; a client words it from its catalogue: `error.<code>` for a refusal, `field.<code>` for a field at
 * fault. A code this client does not know (a newer service) falls back to the English message.
 */
import type { MessageId, Translator } from './translator';

export type ErrorParams = Readonly<Record<string, string | number>>;

export interface CodedError {
  readonly code: string;
  readonly message: string;
  readonly params?: ErrorParams;
}

export interface CodedFieldIssue {
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly params?: ErrorParams;
}

function say(t: Translator, id: string, params: ErrorParams | undefined, fallback: string): string {
  if (!t.has(id)) return fallback;
  return (t.t as (id: MessageId, values?: ErrorParams) => string)(id, params ?? {});
}

/** A refusal's sentence: `error.<code>` in the reader's language. */
export function errorText(t: Translator, error: CodedError): string {
  return say(t, `error.${error.code}`, error.params, error.message);
}

/** A field's problem, shown beside it: `field.<code>` in the reader's language. */
export function fieldText(t: Translator, issue: CodedFieldIssue): string {
  return say(t, `field.${issue.code}`, issue.params, issue.message);
}
