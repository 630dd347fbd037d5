/**
 * Turns a schema's verdict into what crosses a boundary: the parsed value, or the fields at fault with a
 * message each, under the stable code `invalid_input`.
 */
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the field ("recipientEmail", "agentIds.2"); empty for the input as a whole. */
  readonly field: string;
  readonly message: string;
}

export type Validated<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly FieldIssue[] };

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return {
        field: issue.keys.join(', '),
        message: `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`,
      };
    }
    return { field: issue.path.map(String).join('.'), message: issue.message };
  });
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toFieldIssues(result.error) };
}

/** One sentence naming every field at fault, for logs and plain-text error messages. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join(' ');
}
