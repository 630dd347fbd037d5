/**
 * What went wrong talking to the service: its own error envelope (code, message, params, fields), or a
 * failure to reach it at all, with the values an agent's sentence needs (the address, the problem).
 */
import { domainError, type ErrorArgs, type ErrorCode } from '@shared/domain/errors';
import { CoreError, type WordedError } from '../core-error';

/** Codes for failures before the service could answer. */
export type TransportErrorCode = 'unreachable' | 'certificate' | 'timeout' | 'bad_response';

export class ApiError extends CoreError {
  constructor(
    /** HTTP status; 0 when the service did not answer. */
    readonly status: number,
    error: WordedError,
    readonly retryAfterSeconds?: number,
  ) {
    super(error);
    this.name = 'ApiError';
  }

  /** A failure of the core's own (no answer, or not one it understands), in the catalogue's words. */
  static of<Code extends ErrorCode>(status: number, code: Code, ...params: ErrorArgs<Code>): ApiError {
    return new ApiError(status, domainError(code, ...params));
  }

  /** The service never answered: worth trying again later (as are 5xx, 429 and 408). */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** A failed fetch (no HTTP answer) as an ApiError naming the service. */
export function transportError(error: unknown, serverUrl: string): ApiError {
  if (error instanceof ApiError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return ApiError.of(0, 'timeout', { address: serverUrl });
  }
  const code = causeCode(error);
  if (code && CERTIFICATE_CODES.has(code)) {
    return ApiError.of(0, 'certificate', { address: serverUrl, problem: code });
  }
  const host = new URL(serverUrl).hostname;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return ApiError.of(0, 'unreachable', { problem: 'unknown_host', address: serverUrl, host });
  }
  return ApiError.of(0, 'unreachable', { problem: code ?? 'none', address: serverUrl, host });
}
