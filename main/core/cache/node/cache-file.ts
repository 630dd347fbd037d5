/** Where an agent's cache lives in Node: one SQLite file per service and account. */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** `<dataDir>/cache/<name>.sqlite`, the folder made (the agent's only) if need be. */
export function cacheFileNamed(dataDir: string, name: string): string {
  const dir = join(dataDir, 'cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${name}.sqlite`);
}

/**
 * `<dataDir>/cache/<hash of service and agent>.sqlite`, synchronously, for the callers not yet on the
 * platform's CacheOpener (signed-in-client.ts). The name is cache-name.ts's cacheNameFor, which hosts use
 * (tests/main/core/cache-engines.test.ts checks the two agree); this goes with its last caller.
 */
export function cacheFileFor(dataDir: string, serverUrl: string, agentId: string): string {
  const name = createHash('sha256').update(`${serverUrl}\n${agentId}`).digest('hex').slice(0, 24);
  return cacheFileNamed(dataDir, name);
}
