/**
 * Where a sign-in's refresh token is kept between runs. The desktop keeps it in the host's SecretStore
 * (safeStorage; a 0600 file in the browser shell) and refreshes with it itself; the web console never
 * holds it past the sign-in: the service keeps it in an HttpOnly cookie (shared/protocol/console.ts) and
 * refreshes from that, so no script of the page can read it.
 */
import type { ApiClient } from '../api/api-client';

/** What a refresh gives: a new access token and how long it lasts. */
export interface AccessGrant {
  readonly accessToken: string;
  /** Seconds until the access token expires. */
  readonly expiresIn: number;
}

export interface TokenVault {
  /** Keeps a new sign-in's (or a refresh's) refresh token: the old one is spent. */
  keep(api: ApiClient, refreshToken: string): Promise<void>;
  /**
   * A new access token from the kept refresh token (which rotates), or null when none is kept. Errors as
   * the service answered them (ApiError: 400/401 spent or revoked, 403 disabled) or as the network failed.
   */
  refresh(api: ApiClient): Promise<AccessGrant | null>;
  /**
   * Whether a refresh token may be kept, asked at start before opening the stored account's cache: the
   * desktop looks; the web console cannot see its cookie and answers true (the first refresh tells).
   */
  mayHold(): Promise<boolean>;
  /** Forgets the refresh token (signing out, or the service ended the sign-in). */
  forget(api: ApiClient): Promise<void>;
}
