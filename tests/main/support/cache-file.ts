/**
 * The file of an account's cache on the desktop, as the node hosts have named it since the first cache:
 * `<dataDir>/cache/<first 24 hex of SHA-256(service \n agent)>.sqlite`. Computed here with node:crypto, apart
 * from the product's WebCrypto `cacheNameFor`, so a test that reads the file — or checks that an upgraded
 * client still finds the cache it made before — does not take the product's word for the name. The folder
 * is made, as the hosts make it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function cacheFileFor(dataDir: string, serverUrl: string, agentId: string): string {
  const name = createHash('sha256').update(`${serverUrl}\n${agentId}`).digest('hex').slice(0, 24);
  mkdirSync(join(dataDir, 'cache'), { recursive: true });
  return join(dataDir, 'cache', `${name}.sqlite`);
}
