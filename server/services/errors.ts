/**
 * A refusal the HTTP layer turns into `{"error": {"code", "message"}}` with its status. Services throw it;
 * anything else thrown is a bug and answers 500 without details.
 */
import type { DomainError } from '@shared/domain/errors';
import type { FieldIssue } from '@shared/schemas/validation';
import type { ApiErrorCode } from '@shared/protocol/errors';

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly extra: { readonly fields?: readonly FieldIssue[]; readonly retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  static invalid(fields: readonly FieldIssue[]): ServiceError {
    const message = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join(' ');
    return new ServiceError(400, 'invalid_input', message || 'The input is not valid.', { fields });
  }

  static notFound(what: string): ServiceError {
    return new ServiceError(404, 'not_found', `${what} was not found.`);
  }

  /** A permission refusal from shared/domain: 403 with the rule's reason. */
  static forbidden(denial: DomainError): ServiceError {
    return new ServiceError(403, denial.code, denial.message);
  }

  /** A state refusal from shared/domain: 409 with the rule's reason. */
  static conflict(error: DomainError): ServiceError {
    return new ServiceError(409, error.code, error.message);
  }

  static rateLimited(retryAfterSeconds: number, message: string): ServiceError {
    return new ServiceError(429, 'rate_limited', message, { retryAfterSeconds });
  }
}
