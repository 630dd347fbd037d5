/**
 * Opt-in, for tests: when SESSIONDESK_API_RECORDING_DIR names a directory, every answer under /api/v1 is
 * appended to a file of this process's own there, one JSON line each (method, route pattern, status,
 * headers, body as sent). tests/support/api-conformance.ts checks those real answers against the OpenAPI
 * document, after the e2e suite and in tests/server/openapi-responses.test.ts. Unset (always, in
 * production), nothing is installed: no hook runs.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

export const API_RECORDING_ENV = 'SESSIONDESK_API_RECORDING_DIR';

export interface RecordedResponse {
  readonly method: string;
  /** The route as registered, with its prefix and `:params`, e.g. /api/v1/requests/:id/assign. */
  readonly route: string;
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent; null when there was none. */
  readonly body: string | null;
}

/** Records the answers of the routes under `prefixes` into `directory` (created if need be). */
export function recordApiResponses(
  app: FastifyInstance,
  directory: string,
  prefixes: readonly string[],
): void {
  mkdirSync(directory, { recursive: true });
  // A file per process and app: services running side by side never interleave their lines.
  const file = join(directory, `${process.pid}-${randomUUID()}.ndjson`);
  app.addHook('onSend', (request, reply, payload, done) => {
    const route = request.routeOptions.url;
    // A route left out of the document (`hide`: a browser's redirect, not an API call) is not held to it.
    const hidden = request.routeOptions.schema?.hide === true;
    if (route !== undefined && prefixes.some((prefix) => route.startsWith(prefix)) && !hidden) {
      const status = reply.statusCode;
      // What goes on the wire: Fastify (and Node) send these without a body or a Content-Type.
      const bodyless = status < 200 || status === 204 || status === 304 || request.method === 'HEAD';
      const headers = Object.entries(reply.getHeaders())
        .map(([name, value]): [string, string] => [
          name.toLowerCase(),
          Array.isArray(value) ? value.join(', ') : String(value),
        ])
        .filter(([name]) => !(bodyless && name === 'content-type'));
      const recorded: RecordedResponse = {
        method: request.method,
        route,
        status,
        headers: Object.fromEntries(headers),
        body: bodyless ? null : bodyText(payload),
      };
      // Synchronous, so that a line is on disk before the answer leaves, whenever the process ends.
      appendFileSync(file, `${JSON.stringify(recorded)}\n`);
    }
    done(null, payload);
  });
}

function bodyText(payload: unknown): string | null {
  if (payload === null || payload === undefined || payload === '') return null;
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  // The API answers JSON text; a stream here would be a route this recording does not know how to read.
  return `[unrecorded ${typeof payload}]`;
}
