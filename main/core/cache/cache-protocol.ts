/**
 * What crosses between the core and the cache's worker (cache-worker.ts): one list of the CacheStore
 * methods it runs, from which the core's asynchronous proxy (cache-proxy.ts) and the worker's dispatch
 * both derive, and the messages that carry a call, its result, or its error with its class and code.
 */
import type { CacheStore } from './cache-store';

/** Every method of CacheStore the core calls; each call is one message, answered in the order sent. */
export const CACHE_METHODS = [
  'syncState',
  'applyLive',
  'beginFullSync',
  'applyFullPage',
  'readIncoming',
  'applyIncoming',
  'finishFullSync',
  'deferredStep',
  'applyAnswer',
  'removeRequest',
  'saveDirectory',
  'me',
  'agents',
  'channels',
  'cannedMessages',
  'keepCannedMessages',
  'page',
  'counts',
  'details',
  'request',
  'queueCreate',
  'queueNote',
  'queueMessage',
  'markRead',
  'nextOutbox',
  'outboxEntry',
  'pendingOutbox',
  'markSending',
  'requeue',
  'completeCreate',
  'completeNote',
  'rejectOutbox',
  'discardOutbox',
  'oweDisconnect',
  'owedDisconnect',
  'owedDisconnects',
  'settleDisconnect',
  'reconnectedSince',
] as const satisfies readonly (keyof CacheStore)[];

export type CacheMethod = (typeof CACHE_METHODS)[number];

/** A method of CacheStore left out of the list fails to compile here (open and close are the worker's). */
type Unlisted = Exclude<keyof CacheStore, CacheMethod | 'close'>;
export const EVERY_METHOD_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** CacheStore's API, each method answering asynchronously from the worker. */
export type AsyncCache = {
  [M in CacheMethod]: (...args: Parameters<CacheStore[M]>) => Promise<Awaited<ReturnType<CacheStore[M]>>>;
};

/** The core's call: `open` (the file) and `close` bracket the store's own methods. */
export interface CacheCall {
  readonly id: number;
  readonly method: CacheMethod | 'open' | 'close';
  readonly args: readonly unknown[];
}

/** An error thrown in the worker, as it crosses: its class's name, its code when it has one. */
export interface CrossingError {
  readonly name: string;
  readonly message: string;
  readonly code: string | null;
  readonly stack: string | null;
}

export type CacheReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: CrossingError };

export function toCrossingError(error: unknown): CrossingError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), code: null, stack: null };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    code: typeof code === 'string' ? code : null,
    stack: error.stack ?? null,
  };
}
