/**
 * Idempotency keys: a write sent again with the same key (a client retrying after a crash or a lost
 * answer) answers what the first one did instead of doing it twice. Keys are per agent; a key reused for
 * a different write is refused. Both reads and writes happen inside the caller's transaction.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { Store } from '../store/store';
import { sha256 } from './crypto';
import { ServiceError } from './errors';

export interface IdempotentWrite {
  readonly agentId: string;
  readonly key: string;
  /** What the write asks for: a replay must ask for the same. */
  readonly fingerprint: string;
}

export function idempotentWrite(
  agentId: string,
  key: string | undefined,
  what: unknown,
): IdempotentWrite | null {
  return key === undefined ? null : { agentId, key, fingerprint: sha256(JSON.stringify(what)) };
}

/** The first answer to this key, or undefined when the key is new. */
export async function replayed(store: Store, write: IdempotentWrite): Promise<SessionRequest | undefined> {
  const stored = await store.idempotency.get(write.agentId, write.key);
  if (!stored) return undefined;
  if (stored.fingerprint !== write.fingerprint) {
    throw ServiceError.coded(409, 'idempotency_key_reused');
  }
  return JSON.parse(stored.response) as SessionRequest;
}

export async function remember(
  store: Store,
  write: IdempotentWrite,
  status: number,
  body: SessionRequest,
  now: number,
): Promise<void> {
  await store.idempotency.put(
    write.agentId,
    write.key,
    { fingerprint: write.fingerprint, status, response: JSON.stringify(body) },
    now,
  );
}
