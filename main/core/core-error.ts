/**
 * A refusal the core answers a command with: a stable code the renderer can switch on and a sentence a
 * person can act on. Anything else thrown is a bug, answered as `internal` and logged.
 */
import type { FieldIssue } from '@shared/schemas/validation';

export class CoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: readonly FieldIssue[],
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
