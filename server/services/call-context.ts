/**
 * Who is calling, for the audit log: the client's address and who signed the call, set once per HTTP
 * request by a Fastify hook (http/call-context-hook.ts) and read wherever an entry is recorded, so neither
 * has to be threaded through every service's signature. Outside an HTTP call (the scheduler, the mail
 * worker) there is none.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Authenticated } from './accounts';

export interface CallContext {
  /** The client's IP address (Fastify's request.ip, which honours --trust-proxy). */
  readonly address: string;
  /** Who signed the call, once the route's auth hook has run; null before or on a public route. */
  readonly signedIn: () => Authenticated | null;
}

const calls = new AsyncLocalStorage<CallContext>();

/** Runs `work`, and everything it starts, inside `call`. */
export function runInCall<T>(call: CallContext, work: () => T): T {
  return calls.run(call, work);
}

/** The HTTP call this code runs for, if any. */
export function currentCall(): CallContext | undefined {
  return calls.getStore();
}

/**
 * Runs `work` outside any call: what it schedules (a worker's timer woken by a request's commit) runs as
 * the service's own work, without that request's address or signer.
 */
export function outsideCall<T>(work: () => T): T {
  return calls.exit(work);
}
