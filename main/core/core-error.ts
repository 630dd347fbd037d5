/**
 * A refusal the core answers a command with: a stable code the renderer can switch on, the values its
 * sentence needs, and the fields at fault. The renderer words it in the agent's language from its
 * catalogue (`error.<code>`); `message` is the English catalogue's sentence, for logs and for a code the
 * renderer does not know. Anything else thrown is a bug, answered as `internal` and logged.
 */
import { englishError, type ErrorArgs, type ErrorCode } from '@shared/domain/errors';
import type { ErrorParams } from '@shared/i18n/errors';
import type { FieldIssue } from '@shared/schemas/validation';

/** A refusal worded elsewhere and passed on: the service's answer, with the service's English. */
export interface WordedError {
  readonly code: string;
  readonly message: string;
  readonly params?: ErrorParams;
  readonly fields?: readonly FieldIssue[];
}

/** The values of a code's sentence (none, or its placeholders), then the fields at fault. */
export type CoreErrorArgs<Code extends ErrorCode> =
  ErrorArgs<Code> extends []
    ? [params?: undefined, fields?: readonly FieldIssue[]]
    : [params: ErrorArgs<Code>[0], fields?: readonly FieldIssue[]];

export class CoreError<Code extends ErrorCode = ErrorCode> extends Error {
  readonly code: string;
  readonly params?: ErrorParams;
  readonly fields?: readonly FieldIssue[];

  /** The core's own refusal, in the catalogue's words. */
  constructor(code: Code, ...args: CoreErrorArgs<Code>);
  /** A refusal worded elsewhere (the service), kept as it was said. */
  constructor(worded: WordedError);
  constructor(first: Code | WordedError, params?: ErrorParams, fields?: readonly FieldIssue[]) {
    const worded: WordedError =
      typeof first === 'string'
        ? {
            code: first,
            message: englishError(first, ...([params] as ErrorArgs<Code>)),
            ...(params ? { params } : {}),
            ...(fields ? { fields } : {}),
          }
        : first;
    super(worded.message);
    this.name = 'CoreError';
    this.code = worded.code;
    if (worded.params) this.params = worded.params;
    if (worded.fields) this.fields = worded.fields;
  }
}
