/**
 * The desktop's token vault: the refresh token in the host's SecretStore (Electron's safeStorage, the
 * browser shell's 0600 file), refreshed by the core itself at `/auth/refresh`.
 */
import { loginResponseSchema } from '@shared/protocol/api';
import type { ApiClient } from '../api/api-client';
import type { SecretStore } from '../platform/secret-store';
import type { AccessGrant, TokenVault } from '../platform/token-vault';

export const REFRESH_TOKEN_SECRET = 'refresh-token';

export class SecretTokenVault implements TokenVault {
  constructor(private readonly secrets: SecretStore) {}

  keep(_api: ApiClient, refreshToken: string): Promise<void> {
    return this.secrets.set(REFRESH_TOKEN_SECRET, refreshToken);
  }

  async refresh(api: ApiClient): Promise<AccessGrant | null> {
    const refreshToken = await this.secrets.get(REFRESH_TOKEN_SECRET);
    if (!refreshToken) return null;
    const login = await api.request('POST', '/auth/refresh', {
      body: { refreshToken },
      schema: loginResponseSchema,
    });
    // The new refresh token is stored before the access token is used: the old one is spent now.
    await this.secrets.set(REFRESH_TOKEN_SECRET, login.refreshToken);
    return { accessToken: login.accessToken, expiresIn: login.expiresIn };
  }

  async mayHold(): Promise<boolean> {
    return (await this.secrets.get(REFRESH_TOKEN_SECRET)) !== null;
  }

  forget(): Promise<void> {
    return this.secrets.delete(REFRESH_TOKEN_SECRET);
  }
}
