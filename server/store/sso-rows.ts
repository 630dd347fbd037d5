/** Rows of single sign-on's tables (migration 13), as both dialects' stores return them. */
import type { SsoGroupMapping } from '@shared/domain/sso';

export interface SsoAttemptRow {
  readonly state: string;
  readonly nonce: string;
  readonly pkceVerifier: string;
  readonly redirectUri: string;
  readonly clientState: string | null;
  readonly codeChallenge: string;
  readonly expiresAt: number;
  readonly createdAt: number;
}

export interface SsoCodeRow {
  readonly agentId: string;
  readonly codeChallenge: string;
  readonly idToken: string;
  readonly expiresAt: number;
}

export interface SsoPolicyRow {
  readonly justInTime: boolean;
  readonly ssoOnly: boolean;
  readonly updatedAt: number;
}

export interface RawSsoAttempt {
  state: string;
  nonce: string;
  pkce_verifier: string;
  redirect_uri: string;
  client_state: string | null;
  code_challenge: string;
  expires_at: number | string;
  created_at: number | string;
}

export function toSsoAttempt(raw: RawSsoAttempt): SsoAttemptRow {
  return {
    state: raw.state,
    nonce: raw.nonce,
    pkceVerifier: raw.pkce_verifier,
    redirectUri: raw.redirect_uri,
    clientState: raw.client_state,
    codeChallenge: raw.code_challenge,
    expiresAt: Number(raw.expires_at),
    createdAt: Number(raw.created_at),
  };
}

export interface RawSsoCode {
  agent_id: string;
  code_challenge: string;
  id_token: string;
  expires_at: number | string;
}

export function toSsoCode(raw: RawSsoCode): SsoCodeRow {
  return {
    agentId: raw.agent_id,
    codeChallenge: raw.code_challenge,
    idToken: raw.id_token,
    expiresAt: Number(raw.expires_at),
  };
}

export interface RawSsoMapping {
  group_name: string;
  roles: string;
  channels: string;
}

export function toSsoMapping(raw: RawSsoMapping): SsoGroupMapping {
  return {
    group: raw.group_name,
    roles: JSON.parse(raw.roles) as SsoGroupMapping['roles'],
    channels: JSON.parse(raw.channels) as SsoGroupMapping['channels'],
  };
}

export interface RawSsoPolicy {
  just_in_time: number;
  sso_only: number;
  updated_at: number | string;
}

export function toSsoPolicy(raw: RawSsoPolicy): SsoPolicyRow {
  return {
    justInTime: Number(raw.just_in_time) === 1,
    ssoOnly: Number(raw.sso_only) === 1,
    updatedAt: Number(raw.updated_at),
  };
}
