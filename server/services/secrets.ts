/**
 * The service's own secrets, kept in DATA_DIR/secrets.json (mode 0600) and created on first start. Losing
 * the file invalidates every end-user link already sent, and the mail still queued and the answers kept for
 * Idempotency-Key replays, which are encrypted with a key derived from it.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataFolderError, SECRETS_FILE } from '../db/data-folder';

const secretsSchema = z.object({ linkKey: z.string().min(43) });

export interface Secrets {
  readonly linkKey: Buffer;
}

export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = join(dataDir, SECRETS_FILE);
  if (!existsSync(file)) {
    const created = { linkKey: randomBytes(32).toString('base64url') };
    writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600, flag: 'wx' });
  } else {
    // A copy restored from a backup, or a file an operator edited, may have lost its mode.
    chmodSync(file, 0o600);
  }
  return readSecrets(file);
}

/** The secrets in `file`; throws DataFolderError `damaged`, naming the file, when it has no valid linkKey. */
export function readSecrets(file: string): Secrets {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
    throw new DataFolderError('damaged', `${file} is damaged: it is not JSON.`);
  }
  const parsed = secretsSchema.safeParse(json);
  if (!parsed.success) throw new DataFolderError('damaged', `${file} is damaged: it has no valid linkKey.`);
  return { linkKey: Buffer.from(parsed.data.linkKey, 'base64url') };
}
