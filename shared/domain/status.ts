/**
 * The six statuses of a session request and the end user's consent, as PRODUCT.md defines them.
 * Wire values are lower case; the UI maps them to its own labels.
 */

export const REQUEST_STATUSES = ['open', 'waiting', 'ready', 'connected', 'closed', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const CONSENTS = ['pending', 'granted', 'denied'] as const;
export type Consent = (typeof CONSENTS)[number];

/** Closed and Expired are final: no event but Delete applies to them. */
export const FINAL_STATUSES: readonly RequestStatus[] = ['closed', 'expired'];

export function isFinalStatus(status: RequestStatus): boolean {
  return status === 'closed' || status === 'expired';
}

export function isRequestStatus(value: unknown): value is RequestStatus {
  return typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value);
}
