/**
 * Messages by field for the admin forms: what a schema or a refusal said, put beside the right field in
 * the agent's language (`field.<code>` for a field, `error.<code>` for the refusal as a whole).
 */
import type { CodedError } from '@shared/i18n/errors';
import { errorText, fieldText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { FieldIssue } from '@shared/schemas/validation';

/** Messages by field; `form` for one about the input as a whole (shown above the buttons). */
export type FormErrors<F extends string> = Partial<Record<F | 'form', string>>;

/** The input to send, or the messages to show. */
export type Built<T, F extends string> =
  { readonly ok: true; readonly input: T } | { readonly ok: false; readonly errors: FormErrors<F> };

/** The first message for each field; issues no field shows go to `form`. */
export function collectIssues<F extends string>(
  t: Translator,
  issues: readonly FieldIssue[],
  fieldOf: (path: string) => F | null,
): FormErrors<F> {
  const errors: FormErrors<F> = {};
  for (const issue of issues) {
    const key = fieldOf(issue.field) ?? 'form';
    errors[key] ??= fieldText(t, issue);
  }
  return errors;
}

/** A refusal by the core or the service: its messages by field, else its sentence above the buttons. */
export function refusalErrors<F extends string>(
  t: Translator,
  error: CodedError & { readonly fields?: readonly FieldIssue[] },
  fieldOf: (path: string) => F | null,
): FormErrors<F> {
  const errors = collectIssues(t, error.fields ?? [], fieldOf);
  if (Object.keys(errors).length > 0) return errors;
  const whole: FormErrors<F> = {};
  whole.form = errorText(t, error);
  return whole;
}

/** `errors` without the messages of `fields` (a message goes away once its field is edited). */
export function withoutFields<F extends string>(
  errors: FormErrors<F>,
  fields: readonly (F | 'form')[],
): FormErrors<F> {
  if (!fields.some((field) => errors[field] !== undefined)) return errors;
  const next = { ...errors };
  for (const field of fields) delete next[field];
  return next;
}
