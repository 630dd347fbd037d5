/**
 * An account's cache's name, the same on each host: the first 24 hex digits of SHA-256 over the service
 * and the agent, so accounts never share a cache and the name says neither. WebCrypto, which Node (22)
 * and browsers both have: the node file `<dataDir>/cache/<name>.sqlite`, the browser's `/<name>.sqlite`
 * in the OPFS pool.
 */
import type { CacheAccount } from '../platform/caches';

export async function cacheNameFor(account: CacheAccount): Promise<string> {
  const text = new TextEncoder().encode(`${account.serverUrl}\n${account.agentId}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', text));
  return Array.from(digest.subarray(0, 12), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
