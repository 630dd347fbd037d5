/**
 * The OpenAPI document the service publishes at /api/v1/openapi.json: OpenAPI 3.1, a bearer security scheme,
 * every route integrations and the desktop client use, with request bodies described by their fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../support/api-client';
import { startTestService, type TestService } from '../support/service-harness';

type Json = Record<string, any>;

let t: TestService;
let doc: Json;

beforeAll(async () => {
  t = await startTestService();
  doc = expectStatus(await t.admin.get<Json>('/openapi.json'), 200);
});

afterAll(() => t.cleanup());

const API = '/api/v1';

/** Every action on a request, POST /requests/{id}/{action}. */
const ACTIONS = [
  'assign',
  'transfer',
  'release',
  'pickup',
  'invite',
  'leave',
  'end',
  'connect',
  'disconnect',
  'rerequest',
  'close',
  'notes',
  'resend',
  'reschedule',
] as const;

/** Routes the service must document: [method, path]. */
const REQUIRED: readonly (readonly [string, string])[] = [
  ['post', '/auth/login'],
  ['post', '/auth/refresh'],
  ['post', '/auth/logout'],
  ['get', '/me'],
  ['get', '/agents'],
  ['post', '/agents'],
  ['patch', '/agents/{id}'],
  ['get', '/channels'],
  ['post', '/channels'],
  ['patch', '/channels/{id}'],
  ['put', '/channels/{id}/members/{agentId}'],
  ['delete', '/channels/{id}/members/{agentId}'],
  ['get', '/organisation'],
  ['patch', '/organisation'],
  ['get', '/requests'],
  ['post', '/requests'],
  ['get', '/requests/{id}'],
  ['delete', '/requests/{id}'],
  ['get', '/requests/{id}/events'],
  ...ACTIONS.map((action) => ['post', `/requests/{id}/${action}`] as const),
  ['post', '/join'],
  ['get', '/sync'],
];

/** Fields each body documents. */
const BODY_FIELDS: Record<string, readonly string[]> = {
  'post /auth/login': ['email', 'password'],
  'post /auth/refresh': ['refreshToken'],
  'post /auth/logout': ['refreshToken'],
  'post /agents': ['email', 'name', 'roles', 'password', 'sendPasswordLink'],
  'patch /agents/{id}': ['name', 'roles', 'disabled', 'password', 'sendPasswordLink'],
  'post /channels': ['name', 'defaultExpiryMinutes', 'participantLimit'],
  'patch /channels/{id}': ['name', 'defaultExpiryMinutes', 'participantLimit'],
  'put /channels/{id}/members/{agentId}': ['canRelease'],
  'patch /organisation': [
    'name',
    'remoteAppName',
    'remoteAppUrl',
    'remoteIdRequired',
    'remoteAppInstructions',
    'consentGraceMinutes',
  ],
  'post /requests': [
    'recipientName',
    'recipientEmail',
    'sendInvitation',
    'emailLanguage',
    'comments',
    'scheduledAt',
    'expiresAt',
    'channelId',
    'assignTo',
  ],
  'post /requests/{id}/assign': ['agentId'],
  'post /requests/{id}/transfer': ['agentId', 'channelId', 'note'],
  'post /requests/{id}/release': ['note'],
  'post /requests/{id}/invite': ['agentIds'],
  'post /requests/{id}/notes': ['text'],
  'post /requests/{id}/reschedule': ['scheduledAt', 'expiresAt'],
  'post /join': ['sessionCode'],
};

/** Required fields of bodies. */
const BODY_REQUIRED: Record<string, readonly string[]> = {
  'post /auth/login': ['email', 'password'],
  'post /auth/refresh': ['refreshToken'],
  // A password or sendPasswordLink: true, exactly one (checked beyond the schema's required list).
  'post /agents': ['email', 'name'],
  'post /channels': ['name'],
  'post /requests': ['recipientName'],
  'post /requests/{id}/assign': ['agentId'],
  'post /requests/{id}/invite': ['agentIds'],
  'post /requests/{id}/notes': ['text'],
  'post /requests/{id}/reschedule': ['scheduledAt'],
  'post /join': ['sessionCode'],
};

function operation(method: string, path: string): Json {
  const op = doc['paths']?.[`${API}${path}`]?.[method];
  expect(op, `${method.toUpperCase()} ${API}${path} is documented`).toBeDefined();
  return op;
}

function bodySchema(method: string, path: string): Json {
  const body = operation(method, path)['requestBody'];
  expect(body, `${method.toUpperCase()} ${path} documents its body`).toBeDefined();
  const schema = body.content?.['application/json']?.schema;
  expect(schema, `${method.toUpperCase()} ${path} has a JSON body schema`).toBeDefined();
  return schema;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a title, a version and a bearer security scheme', () => {
    expect(doc['openapi']).toMatch(/^3\.1\.\d+$/);
    expect(doc['info']).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc['components']?.securitySchemes?.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('is served without signing in, so integrators can read it first', async () => {
    const response = await t.api.get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe(doc['openapi']);
  });

  it.each(REQUIRED.map(([method, path]) => [`${method.toUpperCase()} ${path}`, method, path]))(
    'lists %s',
    (_name, method, path) => {
      const op = operation(method, path);
      expect(op['summary'], 'a summary says what it does').toEqual(expect.any(String));
      expect(Object.keys(op['responses'] ?? {}).length).toBeGreaterThan(0);
    },
  );

  it('lists an action route for every action, and no action the list does not know', () => {
    const documented = Object.keys(doc['paths'])
      .map((path) => new RegExp(`^${API}/requests/\\{id\\}/([a-z-]+)$`).exec(path)?.[1])
      .filter((name): name is string => name !== undefined && name !== 'events');
    expect(documented.sort()).toEqual([...ACTIONS].sort());
  });

  it('requires the bearer token on every API route but signing in and refreshing', () => {
    const open = new Set([`${API}/auth/login`, `${API}/auth/refresh`]);
    for (const [path, item] of Object.entries<Json>(doc['paths'])) {
      if (!path.startsWith(API)) continue;
      for (const [method, op] of Object.entries<Json>(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (open.has(path)) expect(op['security'], name).toBeUndefined();
        else expect(op['security'], name).toEqual([{ bearer: [] }]);
      }
    }
  });

  it('answers the routes it lists as secured with 401 without a token', async () => {
    const someId = '00000000-0000-4000-8000-000000000000';
    // Valid bodies, so that only the missing token is wrong.
    const bodies: Record<string, unknown> = {
      'post /agents': { email: 'new@example.com', name: 'New', password: 'long enough password' },
      'patch /agents/{id}': { name: 'New name' },
      'post /channels': { name: 'New channel' },
      'patch /channels/{id}': { name: 'New name' },
      'patch /organisation': { name: 'New name' },
      'post /requests': { recipientName: 'Ana' },
      'post /requests/{id}/assign': { agentId: someId },
      'post /requests/{id}/transfer': { agentId: someId },
      'post /requests/{id}/invite': { agentIds: [someId] },
      'post /requests/{id}/notes': { text: 'A note' },
      'post /requests/{id}/reschedule': { scheduledAt: null },
      'post /join': { sessionCode: '12345678' },
    };
    for (const [method, path] of REQUIRED) {
      if (path === '/auth/login' || path === '/auth/refresh') continue;
      const body = method === 'get' || method === 'delete' ? undefined : (bodies[`${method} ${path}`] ?? {});
      const concrete = path.replace(/\{[^}]+\}/g, someId) + (path === '/sync' ? '?since=0' : '');
      const response = await t.api.call(method.toUpperCase(), `${API}${concrete}`, body);
      expect(response.status, `${method.toUpperCase()} ${path}`).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
    }
  });

  it('declares every path parameter of every route', () => {
    for (const [path, item] of Object.entries<Json>(doc['paths'])) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries<Json>(item)) {
        const declared = (op['parameters'] ?? []).filter((p: Json) => p['in'] === 'path');
        expect(declared.map((p: Json) => p['name']).sort(), `${method.toUpperCase()} ${path}`).toEqual(
          [...names].sort(),
        );
        for (const p of declared) expect(p['required'], `${path} {${p['name']}}`).toBe(true);
      }
    }
  });

  it.each(Object.entries(BODY_FIELDS))('describes the body of %s by its fields', (key, fields) => {
    const [method, path] = key.split(' ') as [string, string];
    const schema = bodySchema(method, path);
    expect(schema['type']).toBe('object');
    expect(Object.keys(schema['properties'] ?? {}).sort()).toEqual([...fields].sort());
    // Unknown fields are refused, and the document says so.
    expect(schema['additionalProperties']).toBe(false);
    expect(schema['required'] ?? []).toEqual(expect.arrayContaining([...(BODY_REQUIRED[key] ?? [])]));
  });

  it('documents the create-request fields with their types, limits and choices', () => {
    const { properties } = bodySchema('post', '/requests');
    expect(properties.recipientName).toMatchObject({ type: 'string', minLength: 1, maxLength: 120 });
    expect(properties.comments).toMatchObject({ type: 'string', maxLength: 2000 });
    expect(properties.sendInvitation).toMatchObject({ type: 'boolean' });
    expect(properties.emailLanguage.enum).toEqual(
      expect.arrayContaining(['en', 'es', 'pt', 'fr', 'de', 'zh-Hant', 'zh-Hans']),
    );
    expect(properties.channelId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(properties.expiresAt).toMatchObject({ type: 'string', format: 'date-time' });
    // Assign to: Myself, a specific agent, Unassigned.
    const kinds = (properties.assignTo.oneOf ?? properties.assignTo.anyOf).map(
      (s: Json) => s['properties']?.type?.enum?.[0] ?? s['properties']?.type?.const,
    );
    expect(kinds.sort()).toEqual(['agent', 'myself', 'unassigned']);
  });

  it('documents the limits of notes and invitations', () => {
    expect(bodySchema('post', '/requests/{id}/notes').properties.text).toMatchObject({
      type: 'string',
      maxLength: 4000,
    });
    expect(bodySchema('post', '/requests/{id}/invite').properties.agentIds).toMatchObject({
      type: 'array',
      minItems: 1,
    });
  });

  it('documents the limits of the organisation settings and the two ways to give an agent a password', () => {
    const { properties } = bodySchema('patch', '/organisation');
    expect(properties.name).toMatchObject({ type: 'string', maxLength: 120 });
    expect(properties.remoteAppUrl).toMatchObject({ type: 'string', format: 'uri' });
    expect(properties.remoteAppInstructions).toMatchObject({ type: 'string', maxLength: 2000 });
    expect(properties.remoteIdRequired).toMatchObject({ type: 'boolean' });
    expect(properties.consentGraceMinutes).toMatchObject({ type: 'integer', minimum: 0, maximum: 1440 });
    const agent = bodySchema('post', '/agents').properties;
    expect(agent.password).toMatchObject({ type: 'string', minLength: 10 });
    expect(agent.sendPasswordLink).toMatchObject({ type: 'boolean' });
    const organisation = operation('get', '/organisation')['responses']['200'].content['application/json'];
    expect(Object.keys(organisation.schema.properties).sort()).toEqual(
      [
        'name',
        'remoteAppInstructions',
        'remoteAppName',
        'remoteAppUrl',
        'remoteIdRequired',
        'consentGraceMinutes',
        'updatedAt',
      ].sort(),
    );
  });

  it('documents the Idempotency-Key header of POST /requests', () => {
    const header = (operation('post', '/requests')['parameters'] ?? []).find(
      (p: Json) => p['in'] === 'header' && String(p['name']).toLowerCase() === 'idempotency-key',
    );
    expect(header).toBeDefined();
    expect(header.required ?? false).toBe(false);
  });

  it('documents the filters of GET /requests and the cursor of GET /sync', () => {
    const query = (method: string, path: string) =>
      (operation(method, path)['parameters'] ?? [])
        .filter((p: Json) => p['in'] === 'query')
        .map((p: Json) => p['name']);
    expect(query('get', '/requests')).toEqual(
      expect.arrayContaining(['status', 'channelId', 'assignee', 'view', 'q', 'limit', 'cursor']),
    );
    expect(query('get', '/sync')).toEqual(expect.arrayContaining(['since', 'limit']));
    const since = operation('get', '/sync')['parameters'].find((p: Json) => p['name'] === 'since');
    expect(since.required).toBe(true);
  });

  it('documents the error envelope on refusals', () => {
    const refusal = operation('post', '/requests/{id}/connect')['responses']?.['409'];
    expect(refusal, 'a 409 is documented for a state refusal').toBeDefined();
    const schema = refusal.content['application/json'].schema;
    expect(schema.properties.error.properties).toMatchObject({
      code: { type: 'string' },
      message: { type: 'string' },
    });
    expect(schema.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
    for (const [method, path] of REQUIRED) {
      if (method === 'post' && path.startsWith('/auth/')) continue;
      expect(Object.keys(operation(method, path)['responses']), `${method} ${path}`).toContain('401');
    }
  });

  it('describes a created request with its identifiers', () => {
    const created = operation('post', '/requests')['responses']['201'];
    const { properties } = created.content['application/json'].schema;
    expect(Object.keys(properties)).toEqual(
      expect.arrayContaining([
        'id',
        'status',
        'consent',
        'link',
        'pin',
        'sessionCode',
        'assigneeId',
        'channelId',
      ]),
    );
    expect(properties.status.enum.sort()).toEqual([
      'closed',
      'connected',
      'expired',
      'open',
      'ready',
      'waiting',
    ]);
  });
});
