/**
 * The web console's token vault: the refresh token goes to the service once, right after the sign-in that
 * made it, and lives on in an HttpOnly cookie no script of the page can read (shared/protocol/console.ts).
 * A refresh asks the service to use the cookie; its answer is the access token alone. Each request carries
 * the CSRF header the cookie's routes require.
 */
import {
  CONSOLE_CSRF_HEADER,
  CONSOLE_REFRESH_PATH,
  CONSOLE_SESSION_PATH,
  consoleRefreshResponseSchema,
} from '@shared/protocol/console';
import type { ApiClient } from '../api/api-client';
import type { AccessGrant, TokenVault } from '../platform/token-vault';

const CSRF = { [CONSOLE_CSRF_HEADER]: '1' } as const;

export class CookieTokenVault implements TokenVault {
  async keep(api: ApiClient, refreshToken: string): Promise<void> {
    await api.request('POST', CONSOLE_SESSION_PATH, {
      fromRoot: true,
      headers: CSRF,
      body: { refreshToken },
    });
  }

  async refresh(api: ApiClient): Promise<AccessGrant> {
    const answer = await api.request('POST', CONSOLE_REFRESH_PATH, {
      fromRoot: true,
      headers: CSRF,
      body: {},
      schema: consoleRefreshResponseSchema,
    });
    return { accessToken: answer.accessToken, expiresIn: answer.expiresIn };
  }

  /** The page cannot see the cookie: whether it is there, the first refresh tells. */
  mayHold(): Promise<boolean> {
    return Promise.resolve(true);
  }

  async forget(api: ApiClient): Promise<void> {
    await api.request('DELETE', CONSOLE_SESSION_PATH, { fromRoot: true, headers: CSRF, timeoutMs: 5_000 });
  }
}
