/** Where an agent's cache lives: one SQLite file per service and account. */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** `<dataDir>/cache/<hash of service and agent>.sqlite`: accounts never share a cache. */
export function cacheFileFor(dataDir: string, serverUrl: string, agentId: string): string {
  const dir = join(dataDir, 'cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = createHash('sha256').update(`${serverUrl}\n${agentId}`).digest('hex').slice(0, 24);
  return join(dir, `${name}.sqlite`);
}
