/**
 * What went wrong talking to the service: its own error envelope (code, message, fields), or a failure
 * to reach it at all, put in words an agent can act on.
 */
import { CoreError } from '../core-error';
import type { FieldIssue } from '@shared/schemas/validation';

/** Codes for failures before the service could answer. */
export type TransportErrorCode = 'unreachable' | 'certificate' | 'timeout' | 'bad_response';

export class ApiError extends CoreError {
  constructor(
    /** HTTP status; 0 when the service did not answer. */
    readonly status: number,
    code: string,
    message: string,
    fields?: readonly FieldIssue[],
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message, fields);
    this.name = 'ApiError';
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
    return new ApiError(0, 'timeout', `The service at ${serverUrl} did not answer in time.`);
  }
  const code = causeCode(error);
  if (code && CERTIFICATE_CODES.has(code)) {
    return new ApiError(
      0,
      'certificate',
      `The service at ${serverUrl} presented a certificate this computer does not trust (${code}). ` +
        'Check the address, or ask your IT department to install the right certificate.',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ApiError(
      0,
      'unreachable',
      `No server named ${new URL(serverUrl).hostname} was found. Check the address.`,
    );
  }
  return new ApiError(
    0,
    'unreachable',
    `The service at ${serverUrl} cannot be reached${code ? ` (${code})` : ''}. Check the address and your network.`,
  );
}
