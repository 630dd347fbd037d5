/**
 * The OpenAPI 3.1 document served at /api/v1/openapi.json, for integrators and the clients they generate.
 * @fastify/swagger builds it from the routes' zod schemas through fastify-type-provider-zod: every shape
 * registered with an id in zod's global registry (shared/protocol, shared/schemas) is a named component
 * (`SessionRequest`; an input gets the suffix `Input`, `CreateRequestInput`) and routes refer to it. Each
 * route declares its operationId, tags, summary, security and answers (routes/responses.ts).
 *
 * Then the whole document is finished where those libraries stop short: the public address as its server
 * (known only once the service listens), `required: false` on the bodies a route may go without (Fastify
 * swagger marks every body required), the headers answers carry (Retry-After on every 429,
 * Idempotent-Replayed where an Idempotency-Key is taken), and only the components it refers to (the type
 * provider emits every registered shape both as input and as output).
 */
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { ZodType } from 'zod';
import { CONSOLE_PATH } from '@shared/protocol/console';

/** The tags operations are grouped under, with what each group is. */
const TAGS: OpenAPIV3_1.TagObject[] = [
  { name: 'auth', description: 'Signing in, refreshing the access token, signing out.' },
  { name: 'agents', description: 'The signed-in agent, and the agents an admin manages.' },
  { name: 'channels', description: 'Shared channels (queues) and Private channels, and their members.' },
  {
    name: 'organisation',
    description: 'What end users are shown: the organisation and its remote-control app.',
  },
  {
    name: 'requests',
    description: 'Session requests: creating, listing, reading, deleting, their timeline.',
  },
  {
    name: 'actions',
    description: 'What agents do with a request, each moving it through its state machine.',
  },
  {
    name: 'sms',
    description:
      'Text messages to end users: the organisation’s SMS gateway (Twilio’s Messages API or a generic HTTP ' +
      'POST), sent through an outbox with retries; the invitation by SMS is an action on a request.',
  },
  { name: 'feed', description: 'The change feed: every change an agent may see, in order, from a cursor.' },
  {
    name: 'console',
    description:
      'The web console’s kept sign-in (under /console, outside /api/v1): its refresh token in an HttpOnly ' +
      'cookie, refreshed with a CSRF header.',
  },
  {
    name: 'integrations',
    description:
      'Integration tokens (`sdi_…`) an admin gives a ticketing system: each route names the scope a token ' +
      'needs as its bearer role; routes without one are for agents only. Webhook endpoints: signed events.',
  },
  {
    name: 'audit',
    description: 'The append-only audit log: sign-ins, admin changes and request events; pages and exports.',
  },
  {
    name: 'reports',
    description:
      'What happened to the requests of a period: figures per day, channel and agent, and a CSV export.',
  },
  {
    name: 'conversation',
    description:
      'The chat with the end user: the canned messages agents pick in the chat box. Messages themselves are ' +
      'an action (`sendMessage`) and `message` events of the timeline.',
  },
];

const DESCRIPTION = [
  'Session requests for remote support: an agent creates one; the end user opens its link (or types its',
  'PIN) and allows access; the agent connects with their remote-control app.',
  '',
  'Sign in with `POST /auth/login` and send the access token as `Authorization: Bearer <token>`; an',
  'integration sends its token (`sdi_…`) the same way, and may call the routes whose bearer requirement',
  'names a scope it was granted. Every',
  'answer that is not a success is `{"error": {"code", "message"}}` (`ErrorEnvelope`); codes are stable.',
  'Writes to a request accept an `Idempotency-Key` header. The live change feed is also a WebSocket,',
  '`GET /stream?since=SEQ`, which sends what `GET /sync` pages (see the README).',
].join('\n');

const RETRY_AFTER: OpenAPIV3_1.HeaderObject = {
  description: 'Seconds to wait before trying again.',
  required: true,
  schema: { type: 'integer', minimum: 1 },
};

const IDEMPOTENT_REPLAYED: OpenAPIV3_1.HeaderObject = {
  description: 'Sent when this answer is the replay of the first answer to the same Idempotency-Key.',
  required: false,
  schema: { type: 'string', enum: ['true'] },
};

const CONTENT_DISPOSITION: OpenAPIV3_1.HeaderObject = {
  description: 'A file to save: `attachment; filename="…"`, the name saying what it holds.',
  required: false,
  schema: { type: 'string' },
};

type Document = OpenAPIV3_1.Document;

/**
 * zod's own conversion, without the type provider's default override: that one drops every union member
 * still empty when it runs, and a member shared with a schema converted earlier is filled in only later —
 * the e-mail of a new request, shared with sign-in and new agents, went missing from its union. (The
 * override's other cases, dates and undefined, do not occur in the API's schemas.)
 */
const ZOD_TO_JSON = { override: () => undefined };

export function apiDocumentOptions(options: {
  /** The service's version. */
  readonly version: string;
  /** Where the API's routes are: /api/v1. */
  readonly prefix: string;
  /** The service's public URL, once it listens. */
  readonly publicUrl: () => string;
}): FastifyDynamicSwaggerOptions {
  const zodRoute = createJsonSchemaTransform({ zodToJsonConfig: ZOD_TO_JSON });
  const zodComponents = createJsonSchemaTransformObject({ zodToJsonConfig: ZOD_TO_JSON });
  /** The operationIds of routes whose body may be left out, seen as the routes are documented. */
  const optionalBodies = new Set<string>();
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sessiondesk session request service',
        version: options.version,
        description: DESCRIPTION,
        // As package.json says: not published under any licence, so there is no SPDX identifier or URL to give.
        license: { name: 'UNLICENSED' },
      },
      // Relative while the paths are written, so that they are written relative to it; made absolute below.
      servers: [{ url: options.prefix }],
      tags: TAGS,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        headers: {
          RetryAfter: RETRY_AFTER,
          IdempotentReplayed: IDEMPOTENT_REPLAYED,
          ContentDisposition: CONTENT_DISPOSITION,
        },
      },
    },
    transform: (route) => {
      const { body, operationId } = (route.schema ?? {}) as { body?: ZodType; operationId?: string };
      if (body && operationId && acceptsNoBody(body)) optionalBodies.add(operationId);
      return zodRoute(route);
    },
    transformObject: (documentObject) =>
      finish(zodComponents(documentObject) as Document, {
        server: `${options.publicUrl()}${options.prefix}`,
        origin: options.publicUrl(),
        optionalBodies,
      }),
  };
}

/** The validator reads a missing body as {} (errors.ts), so a body that accepts {} may be left out. */
function acceptsNoBody(body: ZodType): boolean {
  return body.safeParse({}).success;
}

function finish(
  document: Document,
  facts: { server: string; origin: string; optionalBodies: ReadonlySet<string> },
): Document {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    // The web console's session routes (/console/session…) are not under the API's prefix: their path
    // item names the service itself as its server.
    if (item && path.startsWith(CONSOLE_PATH))
      item.servers = [{ url: facts.origin, description: 'This service' }];
    for (const operation of Object.values(item ?? {}) as OpenAPIV3_1.OperationObject[]) {
      const body = operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
      if (body && operation.operationId && facts.optionalBodies.has(operation.operationId)) {
        body.required = false;
        body.description = 'Optional: leave the body out (and Content-Type with it), or send {}.';
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const headers = answerHeaders(status, operation, response as OpenAPIV3_1.ResponseObject);
        if (Object.keys(headers).length > 0) (response as OpenAPIV3_1.ResponseObject).headers = headers;
      }
    }
  }
  return {
    ...document,
    servers: [{ url: facts.server, description: 'This service' }],
    components: { ...document.components, schemas: referencedSchemas(document) },
  };
}

/** The headers an answer with this status carries, as the error handler and the routes set them. */
function answerHeaders(
  status: string,
  operation: OpenAPIV3_1.OperationObject,
  response: OpenAPIV3_1.ResponseObject,
) {
  const headers: Record<string, OpenAPIV3_1.ReferenceObject> = {};
  if (status === '429') headers['Retry-After'] = { $ref: '#/components/headers/RetryAfter' };
  const idempotent = (operation.parameters ?? []).some(
    (p) => 'name' in p && p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
  );
  if (idempotent && status.startsWith('2')) {
    headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
  }
  // A CSV export is sent as an attachment (reports, audit).
  if (status.startsWith('2') && response.content?.['text/csv']) {
    headers['Content-Disposition'] = { $ref: '#/components/headers/ContentDisposition' };
  }
  return headers;
}

/** The component schemas the document refers to, directly or through one another. */
function referencedSchemas(document: Document): Record<string, OpenAPIV3_1.SchemaObject> {
  const all = document.components?.schemas ?? {};
  const kept: Record<string, OpenAPIV3_1.SchemaObject> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const ref = (node as { $ref?: unknown }).$ref;
    const name = typeof ref === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1] : undefined;
    if (name !== undefined && !(name in kept) && all[name]) {
      kept[name] = all[name];
      visit(all[name]);
    }
    Object.values(node).forEach(visit);
  };
  visit({ ...document, components: { ...document.components, schemas: {} } });
  return Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)));
}
