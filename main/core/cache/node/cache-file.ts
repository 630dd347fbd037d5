/** Where an agent's cache lives in Node: one SQLite file per service and account. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** `<dataDir>/cache/<name>.sqlite`, the folder made (the agent's only) if need be. */
export function cacheFileNamed(dataDir: string, name: string): string {
  const dir = join(dataDir, 'cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${name}.sqlite`);
}
