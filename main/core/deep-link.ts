/**
 * The `sessiondesk://` links the OS hands the app: `sessiondesk://request/<id>` shows a request,
 * `sessiondesk://join/<code>` joins a collaborative session by its 8-digit code. Anything else is ignored.
 */
import type { EventPayloads } from '@shared/ipc/contract';
import { SSO_APP_REDIRECT_PREFIX } from '@shared/domain/sso';
import { idSchema, sessionCodeSchema } from '@shared/schemas/common';

export type DeepLinkTarget = EventPayloads['navigate'];

export function parseDeepLink(link: string): DeepLinkTarget | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'sessiondesk:') return null;
  // sessiondesk://join/123 parses with host "join"; sessiondesk:join/123 with it in the path.
  const parts = [url.hostname, ...url.pathname.split('/')].filter((p) => p !== '').map(decodeURIComponent);
  if (parts.length !== 2) return null;
  const [kind, value] = parts as [string, string];
  if (kind === 'request') {
    const id = idSchema.safeParse(value);
    return id.success ? { requestId: id.data } : null;
  }
  if (kind === 'join') {
    const code = sessionCodeSchema.safeParse(value);
    return code.success ? { sessionCode: code.data } : null;
  }
  return null;
}

/**
 * Whether `link` is a single sign-on's redirect (`sessiondesk://auth/…`, RFC 8252 §7.1): the core hands
 * it to the attempt that waits, which checks its path and `state` (account/sso-sign-in.ts).
 */
export function isSsoDeepLink(link: string): boolean {
  return link.toLowerCase().startsWith(SSO_APP_REDIRECT_PREFIX);
}
