/**
 * Refusals from the main process (its own, and the service's it passes on) in the agent's language: each
 * is a code with the values its sentence needs, worded from the catalogue (`error.<code>`,
 * `field.<code>`); a code this client does not know shows the English message it came with.
 */
import type { CommandError } from '@shared/ipc/contract';
import { errorText, fieldText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';

export type { CommandError };

/**
 * The sign-in form's error: the refusal's sentence, which names what the agent can check (the address
 * that cannot be reached, the certificate problem, the seconds to wait).
 */
export function signInError(t: Translator, error: CommandError): string {
  return errorText(t, error);
}

/** Field messages of an `invalid_input` refusal, by the field's first path segment. */
export function fieldMessages(t: Translator, error: CommandError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.fields ?? []) {
    const key = issue.field.split('.')[0] ?? '';
    out[key] ??= fieldText(t, issue);
  }
  return out;
}
