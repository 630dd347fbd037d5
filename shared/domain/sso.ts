/**
 * Single sign-on's rules (issue 18): where the service may send a client back after the provider's
 * sign-in, which e-mail domains may sign in, and what roles and channels an agent's groups give them.
 * Pure: the service (server/services/sso.ts) and its tests use the same functions.
 */
import type { Role } from './permissions';

export const SSO_LIMITS = {
  /** How long an attempt waits for the provider's answer (the agent types a password, maybe a second factor). */
  attemptTtlMs: 10 * 60_000,
  /** How long the one-time code handed back to the client works: it exchanges it at once. */
  codeTtlMs: 60_000,
  mappingsMax: 200,
  groupMax: 256,
  redirectUriMax: 2_000,
} as const;

/** The custom scheme the desktop client registers (RFC 8252 §7.1): `sessiondesk://auth/…`. */
export const SSO_APP_REDIRECT_PREFIX = 'sessiondesk://auth/';

/**
 * Whether the service may send an attempt's result to `redirectUri`: the desktop client's loopback
 * listener on any port (RFC 8252 §7.3, `http://127.0.0.1:<port>/…`), its `sessiondesk://auth/…` link, or
 * a page under the service's own public URL (the browser shell). Anything else could hand the one-time code
 * to a stranger's site.
 */
export function isAllowedSsoRedirect(redirectUri: string, serviceBase: string): boolean {
  // No fragment (RFC 6749 §3.1.2), no spaces or controls; the rest is matched by prefix below, so user
  // info (`http://127.0.0.1:80@evil.example/`) cannot slip in before a host that looks right.
  if (/[#\s\\]/.test(redirectUri) || [...redirectUri].some((c) => c.charCodeAt(0) < 0x20)) return false;
  const loopback = /^http:\/\/127\.0\.0\.1:(\d{1,5})(\/[^@]*)?$/.exec(redirectUri);
  if (loopback) {
    const port = Number(loopback[1]);
    return port >= 1 && port <= 65_535;
  }
  if (redirectUri.startsWith(SSO_APP_REDIRECT_PREFIX)) return true;
  const base = serviceBase.replace(/\/+$/, '');
  return redirectUri.startsWith(`${base}/`) || redirectUri.startsWith(`${base}?`);
}

/** The domain of an e-mail address, lower-cased; null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}

/** Whether `email` is in one of `allowedDomains` (exact domains, lower-case: a subdomain is not included). */
export function isAllowedSsoEmail(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== null && allowedDomains.includes(domain);
}

export interface SsoChannelGrant {
  readonly channelId: string;
  readonly canRelease: boolean;
}

/** One row of the group mapping an admin edits: members of `group` get these roles and channels. */
export interface SsoGroupMapping {
  readonly group: string;
  readonly roles: readonly Role[];
  readonly channels: readonly SsoChannelGrant[];
}

export interface SsoAccess {
  readonly roles: Role[];
  readonly channels: SsoChannelGrant[];
}

/**
 * What `groups` give: the union of the roles and channels of every mapping whose group the agent is in
 * (groups compared exactly: providers send ids or names as they are). A channel in several mappings may
 * release if any of them lets it.
 */
export function ssoAccessFromGroups(
  groups: readonly string[],
  mappings: readonly SsoGroupMapping[],
  roleOrder: readonly Role[],
): SsoAccess {
  const member = new Set(groups);
  const roles = new Set<Role>();
  const channels = new Map<string, boolean>();
  for (const mapping of mappings) {
    if (!member.has(mapping.group)) continue;
    for (const role of mapping.roles) roles.add(role);
    for (const grant of mapping.channels) {
      channels.set(grant.channelId, (channels.get(grant.channelId) ?? false) || grant.canRelease);
    }
  }
  return {
    roles: roleOrder.filter((role) => roles.has(role)),
    channels: [...channels].map(([channelId, canRelease]) => ({ channelId, canRelease })),
  };
}

/** A claim as a list of strings: a provider sends one group as a string, several as an array. */
export function claimStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
