/**
 * A refusal the HTTP layer turns into `{"error": {"code", "message", "params"?, "fields"?}}` with its
 * status. Services throw it; anything else thrown is a bug and answers 500 without details. A refusal a
 * client words for its agent carries its code's parameters, and its English message is the catalogue's.
 */
import { domainError, type DomainError, type ErrorArgs, type ErrorCode } from '@shared/domain/errors';
import type { ErrorParams } from '@shared/i18n/errors';
import type { ApiErrorCode } from '@shared/protocol/errors';
import { describeIssues, type FieldIssue } from '@shared/schemas/validation';

export interface ServiceErrorExtra {
  readonly params?: ErrorParams;
  readonly fields?: readonly FieldIssue[];
  readonly retryAfterSeconds?: number;
}

/** What a 404 of the service's own could not find (`not_found` words each). */
export type MissingThing =
  'agent' | 'channel' | 'membership' | 'request' | 'private_channel' | 'session' | 'integration_token';

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly extra: ServiceErrorExtra = {},
  ) {
    super(message);
  }

  /** A refusal worded by the catalogue (`error.<code>` in English), with the values its sentence needs. */
  static coded<Code extends ErrorCode>(status: number, code: Code, ...params: ErrorArgs<Code>): ServiceError {
    return ServiceError.of(status, domainError(code, ...params));
  }

  static invalid(fields: readonly FieldIssue[]): ServiceError {
    return new ServiceError(
      400,
      'invalid_input',
      describeIssues(fields) || domainError('invalid_input').message,
      {
        fields,
      },
    );
  }

  static notFound(thing: MissingThing): ServiceError {
    return ServiceError.coded(404, 'not_found', { thing });
  }

  /** A permission refusal from shared/domain: 403 with the rule's reason. */
  static forbidden(denial: DomainError): ServiceError {
    return ServiceError.of(403, denial);
  }

  /** A state refusal from shared/domain: 409 with the rule's reason. */
  static conflict(error: DomainError): ServiceError {
    return ServiceError.of(409, error);
  }

  /** Too many attempts: the limit's own English for API users, the seconds for a client's words. */
  static rateLimited(
    retryAfterSeconds: number,
    message: string,
    code: 'rate_limited' | 'too_many_messages' = 'rate_limited',
  ): ServiceError {
    return new ServiceError(429, code, message, {
      params: { seconds: retryAfterSeconds },
      retryAfterSeconds,
    });
  }

  private static of(status: number, error: DomainError): ServiceError {
    return new ServiceError(status, error.code, error.message, error.params ? { params: error.params } : {});
  }
}
