/**
 * Every HTTP request runs inside a call context (services/call-context.ts): its client address
 * (`request.ip`, which honours --trust-proxy) and who signed it (read from `request.auth` when an entry is
 * recorded, since the route's auth hook runs after this one). The audit log reads both from there.
 *
 * The same technique as @fastify/request-context (AsyncLocalStorage entered in onRequest, re-entered in
 * preValidation), written here because the services must not depend on Fastify: they read the context
 * from node:async_hooks, not from a Fastify plugin's store.
 */
import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runInCall } from '../services/call-context';

export function installCallContext(app: FastifyInstance): void {
  const calls = new WeakMap<FastifyRequest, AsyncResource>();
  app.addHook('onRequest', (request, _reply, done) => {
    runInCall({ address: request.ip, signedIn: () => request.auth }, () => {
      calls.set(request, new AsyncResource('sessiondesk.call'));
      done();
    });
  });
  // Reading a body resumes in the socket's async context, not the hook's: back into the call's.
  app.addHook('preValidation', (request, _reply, done) => {
    const call = calls.get(request);
    if (call) call.runInAsyncScope(done);
    else done();
  });
}
