/** Refusals from the main process, put in the catalogue's words where a code has them. */
import type { CommandResult } from '@shared/ipc/contract';
import { STRINGS } from '../strings';

export type CommandError = Extract<CommandResult<unknown>, { ok: false }>['error'];

/** Codes whose own message (naming the address, the certificate problem…) is worth showing too. */
const WITH_DETAIL: ReadonlySet<string> = new Set(['unreachable', 'certificate', 'timeout']);

/** The sign-in form's error: a sentence for the code, and the core's own words when they add something. */
export function signInError(error: CommandError): { message: string; detail: string | null } {
  const words = STRINGS.signIn.errors[error.code];
  if (!words) return { message: error.message, detail: null };
  return { message: words, detail: WITH_DETAIL.has(error.code) ? error.message : null };
}

/** Field messages of an `invalid_input` refusal, by the field's first path segment. */
export function fieldMessages(error: CommandError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.fields ?? []) {
    const key = issue.field.split('.')[0] ?? '';
    out[key] ??= issue.message;
  }
  return out;
}
