/**
 * The OpenAPI document the service publishes at /api/v1/openapi.json: OpenAPI 3.1, the service's public
 * address as its server, a bearer security scheme, every route integrations and the desktop client use
 * under a stable operationId, the wire shapes as named components, request bodies described by their
 * fields. Third-party tools read it in openapi-lint.test.ts and openapi-client.test.ts; real answers are
 * checked against it in openapi-responses.test.ts and after the e2e suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_SCOPES } from '@shared/domain/integrations';
import { REQUEST_STATUSES } from '@shared/domain/status';
import { expectStatus } from '../support/api-client';
import { operationsOf, resolveRef, type Json } from '../support/openapi-document';
import { startTestService, type TestService } from '../support/service-harness';

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
  'messages',
  'resend',
  'reschedule',
  'sms-invitation',
] as const;

/**
 * Every operation and its operationId, which generated clients name their functions and types after: an id
 * never changes once published, and a new route is added here with its own.
 */
const OPERATION_IDS: Record<string, string> = {
  'post /auth/login': 'login',
  'post /auth/refresh': 'refreshTokens',
  'post /auth/logout': 'logout',
  'get /me': 'getMe',
  'get /agents': 'listAgents',
  'post /agents': 'createAgent',
  'patch /agents/{id}': 'updateAgent',
  'get /channels': 'listChannels',
  'post /channels': 'createChannel',
  'patch /channels/{id}': 'updateChannel',
  'put /channels/{id}/members/{agentId}': 'setChannelMember',
  'delete /channels/{id}/members/{agentId}': 'removeChannelMember',
  'get /organisation': 'getOrganisation',
  'patch /organisation': 'updateOrganisation',
  'get /requests': 'listRequests',
  'post /requests': 'createRequest',
  'get /requests/{id}': 'getRequest',
  'delete /requests/{id}': 'deleteRequest',
  'get /requests/{id}/events': 'getRequestTimeline',
  'post /requests/{id}/assign': 'assignRequest',
  'post /requests/{id}/transfer': 'transferRequest',
  'post /requests/{id}/release': 'releaseRequest',
  'post /requests/{id}/pickup': 'pickUpRequest',
  'post /requests/{id}/invite': 'inviteToRequest',
  'post /requests/{id}/leave': 'leaveRequest',
  'post /requests/{id}/end': 'endRequest',
  'post /requests/{id}/connect': 'connectRequest',
  'post /requests/{id}/disconnect': 'disconnectRequest',
  'post /requests/{id}/rerequest': 'requestAccessAgain',
  'post /requests/{id}/close': 'closeRequest',
  'post /requests/{id}/notes': 'addNote',
  'post /requests/{id}/messages': 'sendMessage',
  'get /canned-messages': 'listCannedMessages',
  'put /canned-messages': 'replaceCannedMessages',
  'post /requests/{id}/resend': 'resendInvitation',
  'post /requests/{id}/reschedule': 'rescheduleRequest',
  'post /join': 'joinBySessionCode',
  'get /sync': 'syncChanges',
  'post /stream/tickets': 'createStreamTicket',
  'post /console/session': 'keepConsoleSignIn',
  'delete /console/session': 'forgetConsoleSignIn',
  'post /console/session/refresh': 'refreshConsoleSignIn',
  'patch /requests/{id}': 'updateRequest',
  'post /integrations/tokens': 'createIntegrationToken',
  'get /integrations/tokens': 'listIntegrationTokens',
  'delete /integrations/tokens/{id}': 'revokeIntegrationToken',
  'post /integrations/webhooks': 'createWebhook',
  'get /integrations/webhooks': 'listWebhooks',
  'get /integrations/webhooks/{id}': 'getWebhook',
  'patch /integrations/webhooks/{id}': 'updateWebhook',
  'delete /integrations/webhooks/{id}': 'deleteWebhook',
  'post /integrations/webhooks/{id}/test': 'testWebhook',
  'post /integrations/webhooks/{id}/rotate-secret': 'rotateWebhookSecret',
  'get /integrations/webhooks/{id}/deliveries': 'listWebhookDeliveries',
  'post /integrations/webhooks/{id}/deliveries/{deliveryId}/redeliver': 'redeliverWebhook',
  'get /audit': 'listAuditEntries',
  'get /reports/summary': 'getReportSummary',
  'get /reports/requests.csv': 'exportRequestsCsv',
  'get /auth/sso': 'getSsoStatus',
  'post /auth/sso/start': 'startSso',
  'post /auth/sso/token': 'exchangeSsoCode',
  'post /auth/sso/logout': 'logoutSso',
  'get /organisation/sso-policy': 'getSsoPolicy',
  'patch /organisation/sso-policy': 'updateSsoPolicy',
  'get /organisation/sso-mappings': 'getSsoMappings',
  'put /organisation/sso-mappings': 'replaceSsoMappings',
  'post /auth/login/second-factor': 'loginSecondFactor',
  'post /me/two-factor': 'startTwoFactor',
  'post /me/two-factor/confirm': 'confirmTwoFactor',
  'delete /me/two-factor': 'disableTwoFactor',
  'post /me/two-factor/recovery-codes': 'replaceRecoveryCodes',
  'post /agents/{id}/two-factor/reset': 'resetAgentTwoFactor',
  'post /requests/{id}/sms-invitation': 'sendSmsInvitation',
  'get /organisation/sms-gateway': 'getSmsGateway',
  'put /organisation/sms-gateway': 'setSmsGateway',
  'delete /organisation/sms-gateway': 'deleteSmsGateway',
  'post /organisation/sms-gateway/test': 'testSmsGateway',
};

/** Routes the service must document: [method, path], relative to the server's /api/v1. */
const REQUIRED = Object.keys(OPERATION_IDS).map((key) => key.split(' ') as [string, string]);

/** Operations whose body may be left out (a missing body counts as {}), so the document says it is optional. */
const OPTIONAL_BODIES = [
  'logout',
  'setChannelMember',
  'releaseRequest',
  'pickUpRequest',
  'leaveRequest',
  'endRequest',
  'connectRequest',
  'disconnectRequest',
  'requestAccessAgain',
  'closeRequest',
  'resendInvitation',
  'sendSmsInvitation',
  'updateWebhook',
  'rotateWebhookSecret',
  'logoutSso',
];

/** The named components, and what refers to them. */
const NAMED_COMPONENTS = [
  'Agent',
  'ConsoleKeepInput',
  'ConsoleRefreshResponse',
  'StreamTicket',
  'SsoLogout',
  'SsoMappings',
  'SsoMappingsChangeInput',
  'SsoPolicy',
  'SsoStart',
  'SsoStatus',
  'SsoTokenInput',
  'StartSsoInput',
  'UpdateSsoPolicyInput',
  'AuditActor',
  'AuditEntry',
  'AuditPage',
  'AgentList',
  'AgentMembership',
  'Change',
  'Channel',
  'ChannelList',
  'ChannelMember',
  'ErrorEnvelope',
  'ExternalRef',
  'FieldIssue',
  'LoginResponse',
  'Me',
  'Organisation',
  'Participant',
  'RequestChange',
  'RequestList',
  'SessionRequest',
  'SyncPage',
  'Timeline',
  'TimelineActor',
  'TimelineEvent',
  'TombstoneChange',
  'WebhookDelivery',
  'WebhookDeliveryPage',
  'WebhookEndpoint',
  'WebhookEndpointList',
  'WebhookEndpointWithSecret',
  'SmsGateway',
  'SmsGatewaySettings',
  'SmsTestResult',
  'SetSmsGatewayInput',
  'TestSmsInput',
  'CreateWebhookInput',
  'UpdateWebhookInput',
  'RotateWebhookSecretInput',
  'AssignInput',
  'AssignToInput',
  'ChannelMembershipInput',
  'CloseRequestInput',
  'CreateAgentInput',
  'CreateChannelInput',
  'CreateRequestInput',
  'EmptyInput',
  'InviteInput',
  'JoinInput',
  'LoginInput',
  'LogoutInput',
  'NoteInput',
  'SendMessageInput',
  'ReplaceCannedMessagesInput',
  'CannedMessage',
  'CannedMessageList',
  'RefreshInput',
  'ReleaseInput',
  'RescheduleInput',
  'TransferInput',
  'UpdateAgentInput',
  'UpdateChannelInput',
  'UpdateOrganisationInput',
  'TicketReferenceInput',
  'UpdateRequestInput',
  'IntegrationToken',
  'CreatedIntegrationToken',
  'IntegrationTokenList',
  'CreateIntegrationTokenInput',
  'ReportSummary',
  'LoginStep',
  'SecondFactorRequired',
  'SecondFactorLoginResponse',
  'TwoFactorEnrolment',
  'RecoveryCodes',
  'SecondFactorInput',
  'TwoFactorCodeInput',
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
    'auditRetentionDays',
    'requireTwoFactor',
    'requireCloseOutcome',
    'satisfactionEmail',
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
    'externalRef',
    'recipientPhone',
  ],
  'patch /requests/{id}': ['externalRef', 'recipientPhone'],
  'post /integrations/tokens': ['name', 'scopes', 'expiresAt'],
  'post /requests/{id}/assign': ['agentId'],
  'post /requests/{id}/transfer': ['agentId', 'channelId', 'note'],
  'post /requests/{id}/release': ['note'],
  'post /requests/{id}/invite': ['agentIds'],
  'post /requests/{id}/notes': ['text'],
  'post /requests/{id}/messages': ['text', 'byEmail', 'bySms'],
  'put /canned-messages': ['messages'],
  'post /requests/{id}/reschedule': ['scheduledAt', 'expiresAt'],
  'post /join': ['sessionCode'],
  'post /auth/login/second-factor': ['challenge', 'code'],
  'post /me/two-factor/confirm': ['code'],
  'delete /me/two-factor': ['code'],
  'post /me/two-factor/recovery-codes': ['code'],
};

/** Required fields of bodies. */
const BODY_REQUIRED: Record<string, readonly string[]> = {
  'post /auth/login': ['email', 'password'],
  'post /auth/refresh': ['refreshToken'],
  // A password or sendPasswordLink: true, exactly one (checked beyond the schema's required list).
  'post /agents': ['email', 'name'],
  'post /channels': ['name'],
  'post /requests': ['recipientName'],
  // Either field, or both (issue 19 added recipientPhone): neither is required alone.
  'post /integrations/tokens': ['name', 'scopes'],
  'post /requests/{id}/assign': ['agentId'],
  'post /requests/{id}/invite': ['agentIds'],
  'post /requests/{id}/notes': ['text'],
  'post /requests/{id}/messages': ['text'],
  'put /canned-messages': ['messages'],
  'post /requests/{id}/reschedule': ['scheduledAt'],
  'post /join': ['sessionCode'],
  'post /auth/login/second-factor': ['challenge', 'code'],
  'post /me/two-factor/confirm': ['code'],
  'delete /me/two-factor': ['code'],
  'post /me/two-factor/recovery-codes': ['code'],
};

function operation(method: string, path: string): Json {
  const op = doc['paths']?.[path]?.[method];
  expect(op, `${method.toUpperCase()} ${path} is documented`).toBeDefined();
  return op;
}

function bodySchema(method: string, path: string): Json {
  const body = operation(method, path)['requestBody'];
  expect(body, `${method.toUpperCase()} ${path} documents its body`).toBeDefined();
  const schema = body.content?.['application/json']?.schema;
  expect(schema, `${method.toUpperCase()} ${path} has a JSON body schema`).toBeDefined();
  return resolveRef(doc, schema);
}

/** The schema of an answer's JSON body, references followed. */
function answerSchema(method: string, path: string, status: string): Json {
  const answer = operation(method, path)['responses']?.[status];
  expect(answer, `${method.toUpperCase()} ${path} documents ${status}`).toBeDefined();
  return resolveRef(doc, answer.content['application/json'].schema);
}

/** The API routes anyone may call: signing in (each step and way) and refreshing. */
const OPEN_ROUTES = new Set([
  '/auth/login',
  '/auth/refresh',
  '/auth/login/second-factor',
  '/auth/sso',
  '/auth/sso/start',
  '/auth/sso/token',
  // The web console's kept sign-in: its cookie, not a bearer token.
  '/console/session',
  '/console/session/refresh',
]);
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

  it("names the service's public address with /api/v1 as its server; paths are relative to it", async () => {
    expect(doc['servers']).toEqual([{ url: `${t.url}${API}`, description: expect.any(String) }]);
    expect(Object.keys(doc['paths']).filter((path) => path.startsWith(API))).toEqual([]);
    // Behind a proxy, the public URL (--public-url) is the address integrators use.
    const proxied = await startTestService({ flags: ['--public-url', 'https://support.example.org/it/'] });
    try {
      const served = expectStatus(await proxied.admin.get<Json>('/openapi.json'), 200);
      expect(served['servers']).toEqual([
        { url: `https://support.example.org/it${API}`, description: expect.any(String) },
      ]);
    } finally {
      await proxied.cleanup();
    }
  });

  it.each(REQUIRED.map(([method, path]) => [`${method.toUpperCase()} ${path}`, method, path]))(
    'lists %s',
    (_name, method, path) => {
      const op = operation(method, path);
      expect(op['summary'], 'a summary says what it does').toEqual(expect.any(String));
      expect(Object.keys(op['responses'] ?? {}).length).toBeGreaterThan(0);
      const tags = new Set((doc['tags'] ?? []).map((tag: Json) => tag['name']));
      expect(op['tags'], 'one tag, described at the top of the document').toHaveLength(1);
      expect(tags.has(op['tags'][0]), `tag ${op['tags'][0]} is described`).toBe(true);
    },
  );

  it('gives every operation its own stable operationId', () => {
    const ids = Object.fromEntries(
      operationsOf(doc).map(({ method, path, operation: op }) => [`${method} ${path}`, op['operationId']]),
    );
    expect(ids).toEqual(OPERATION_IDS);
    expect(new Set(Object.values(ids)).size).toBe(Object.keys(ids).length);
  });

  it('lists an action route for every action, and no action the list does not know', () => {
    const documented = Object.keys(doc['paths'])
      .map((path) => /^\/requests\/\{id\}\/([a-z-]+)$/.exec(path)?.[1])
      .filter((name): name is string => name !== undefined && name !== 'events');
    expect(documented.sort()).toEqual([...ACTIONS].sort());
  });

  it('requires the bearer token on every API route but signing in and refreshing, which say so', () => {
    // The bearer's role is the scope an integration token needs; none: agents only.
    const requirements = [[], ...INTEGRATION_SCOPES.map((scope) => [scope])].map((roles) => [
      { bearer: roles },
    ]);
    for (const { method, path, operation: op } of operationsOf(doc)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (OPEN_ROUTES.has(path)) expect(op['security'], name).toEqual([]);
      else expect(requirements, name).toContainEqual(op['security']);
      if (path.startsWith('/integrations/webhooks'))
        expect(op['security'], name).toEqual([{ bearer: ['webhooks:manage'] }]);
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
      'post /requests/{id}/messages': { text: 'A message' },
      'put /canned-messages': { messages: [] },
      'post /requests/{id}/reschedule': { scheduledAt: null },
      'post /join': { sessionCode: '12345678' },
      'patch /requests/{id}': { externalRef: null },
      'post /integrations/tokens': { name: 'Ticketing', scopes: ['requests:read'] },
      'post /me/two-factor/confirm': { code: '123456' },
      'delete /me/two-factor': { code: '123456' },
      'post /me/two-factor/recovery-codes': { code: '123456' },
    };
    for (const [method, path] of REQUIRED) {
      if (OPEN_ROUTES.has(path)) continue;
      const body =
        method === 'get' || (method === 'delete' && !bodies[`${method} ${path}`])
          ? undefined
          : (bodies[`${method} ${path}`] ?? {});
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
    // An address, '' or null: each choice is there.
    expect(properties.recipientEmail.anyOf).toEqual([
      { type: 'string' },
      { type: 'string', const: '' },
      { type: 'null' },
    ]);
    expect(properties.emailLanguage.enum).toEqual(
      expect.arrayContaining(['en', 'es', 'pt', 'fr', 'de', 'zh-Hant', 'zh-Hans']),
    );
    expect(properties.channelId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(properties.expiresAt).toMatchObject({ type: 'string', format: 'date-time' });
    // Assign to: Myself, a specific agent, Unassigned.
    const assignTo = resolveRef(doc, properties.assignTo);
    const kinds = (assignTo['oneOf'] ?? assignTo['anyOf']).map(
      (s: Json) => s['properties']?.type?.enum?.[0] ?? s['properties']?.type?.const,
    );
    expect(kinds.sort()).toEqual(['agent', 'agentEmail', 'myself', 'unassigned']);
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
    expect(properties.auditRetentionDays).toMatchObject({ type: 'integer', minimum: 1, maximum: 3650 });
    const agent = bodySchema('post', '/agents').properties;
    expect(agent.password).toMatchObject({ type: 'string', minLength: 10 });
    expect(agent.sendPasswordLink).toMatchObject({ type: 'boolean' });
    const organisation = answerSchema('get', '/organisation', '200');
    expect(Object.keys(organisation['properties']).sort()).toEqual(
      [
        'name',
        'remoteAppInstructions',
        'remoteAppName',
        'remoteAppUrl',
        'remoteIdRequired',
        'consentGraceMinutes',
        'auditRetentionDays',
        'requireTwoFactor',
        'requireCloseOutcome',
        'satisfactionEmail',
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
    // A replay says so.
    const replayed = operation('post', '/requests')['responses']['201']['headers']?.['Idempotent-Replayed'];
    expect(resolveRef(doc, replayed ?? {})).toMatchObject({ schema: { enum: ['true'] } });
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

  it('declares the choices of enumerated query parameters', () => {
    const parameter = (name: string) =>
      operation('get', '/requests')['parameters'].find((p: Json) => p['name'] === name)['schema'];
    // status=ready&status=waiting (or status=ready,waiting): a list of statuses.
    const status = parameter('status');
    expect(status['type']).toBe('array');
    expect(resolveRef(doc, status['items'])['enum']).toEqual([...REQUEST_STATUSES]);
    expect(parameter('view')['enum']).toEqual(['past', 'upcoming']);
    const assignee = (parameter('assignee')['anyOf'] as Json[]).flatMap((s) => s['enum'] ?? s['const'] ?? []);
    expect(assignee).toEqual(expect.arrayContaining(['me', 'unassigned']));
  });

  it('documents the error envelope on refusals, and on any other failure', () => {
    const schema = answerSchema('post', '/requests/{id}/connect', '409');
    expect(schema.properties.error.properties).toMatchObject({
      code: { type: 'string' },
      message: { type: 'string' },
    });
    expect(schema.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
    // The values a client needs to word the code in its own language, and each field's own code.
    expect(schema.properties.error.properties.params).toMatchObject({ type: 'object' });
    expect(schema.properties.error.required).not.toContain('params');
    const fieldIssue = resolveRef(doc, schema.properties.error.properties.fields.items);
    expect(Object.keys(fieldIssue['properties']).sort()).toEqual(['code', 'field', 'message', 'params']);
    expect(fieldIssue['required'].sort()).toEqual(['code', 'field', 'message']);
    expect(fieldIssue['properties'].code.description).toContain('too_long');
    for (const [method, path] of REQUIRED) {
      const responses = operation(method, path)['responses'];
      const name = `${method} ${path}`;
      // Forgetting the console's kept sign-in needs no sign-in: it only clears the cookie.
      const tokenless = path.startsWith('/auth/') || (method === 'delete' && path === '/console/session');
      if (!tokenless) expect(Object.keys(responses), name).toContain('401');
      expect(Object.keys(responses), name).toEqual(expect.arrayContaining(['4XX', '5XX']));
      for (const [status, answer] of Object.entries<Json>(responses)) {
        if (!/^[45]/.test(status)) continue;
        expect(answer['description'], `${name} ${status} says what it means`).not.toBe('Default Response');
        expect(answer['content']['application/json'].schema, `${name} ${status}`).toEqual({
          $ref: '#/components/schemas/ErrorEnvelope',
        });
      }
    }
  });

  it('names its shapes as components, and every JSON body refers to one', () => {
    expect(Object.keys(doc['components']['schemas']).sort()).toEqual([...NAMED_COMPONENTS].sort());
    for (const { method, path, operation: op } of operationsOf(doc)) {
      const name = `${method.toUpperCase()} ${path}`;
      const body = op['requestBody']?.content['application/json'].schema;
      if (body) expect(body['$ref'], `${name} body`).toMatch(/^#\/components\/schemas\/\w+Input$/);
      for (const [status, answer] of Object.entries<Json>(op['responses'])) {
        const schema = answer['content']?.['application/json']?.schema;
        // A text answer (the CSV export) has no JSON body to name.
        if (answer['content'] && !answer['content']['application/json']) continue;
        if (status === '204') expect(answer['content'], `${name} ${status} has no body`).toBeUndefined();
        else expect(schema?.['$ref'], `${name} ${status}`).toMatch(/^#\/components\/schemas\/\w+$/);
      }
    }
    const ref = (method: string, path: string, status: string) =>
      operation(method, path)['responses'][status].content['application/json'].schema['$ref'];
    expect(ref('post', '/requests', '201')).toBe('#/components/schemas/SessionRequest');
    expect(ref('get', '/requests', '200')).toBe('#/components/schemas/RequestList');
    expect(ref('get', '/requests/{id}/events', '200')).toBe('#/components/schemas/Timeline');
    expect(ref('get', '/sync', '200')).toBe('#/components/schemas/SyncPage');
    expect(ref('get', '/me', '200')).toBe('#/components/schemas/Me');
    expect(ref('get', '/agents', '200')).toBe('#/components/schemas/AgentList');
    expect(ref('get', '/channels', '200')).toBe('#/components/schemas/ChannelList');
    expect(ref('get', '/organisation', '200')).toBe('#/components/schemas/Organisation');
    // Signed in, or a second factor asked for (issue 18): LoginResponse stays one of the two, by its name.
    expect(ref('post', '/auth/login', '200')).toBe('#/components/schemas/LoginStep');
    expect(JSON.stringify(doc['components']['schemas']['LoginStep'])).toContain(
      '#/components/schemas/LoginResponse',
    );
    expect(ref('get', '/reports/summary', '200')).toBe('#/components/schemas/ReportSummary');
    const csv = operation('get', '/reports/requests.csv')['responses']['200'];
    expect(Object.keys(csv['content'])).toEqual(['text/csv']);
    expect(csv['content']['text/csv'].schema.type).toBe('string');
    expect(csv['headers']['Content-Disposition']).toEqual({
      $ref: '#/components/headers/ContentDisposition',
    });
    expect(operation('post', '/requests')['requestBody'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateRequestInput',
    });
    const change = resolveRef(doc, doc['components']['schemas']['Change']);
    expect(change['oneOf'].map((s: Json) => s['$ref']).sort()).toEqual([
      '#/components/schemas/RequestChange',
      '#/components/schemas/TombstoneChange',
    ]);
  });

  it('documents 429 with Retry-After on the routes with a rate limit', () => {
    for (const [method, path] of [
      ['post', '/auth/login'],
      ['post', '/join'],
    ] as const) {
      const tooMany = operation(method, path)['responses']['429'];
      expect(tooMany, `${method} ${path} documents 429`).toBeDefined();
      const header = resolveRef(doc, tooMany['headers']?.['Retry-After'] ?? {});
      expect(header, `${method} ${path} documents Retry-After`).toMatchObject({
        required: true,
        schema: { type: 'integer', minimum: 1 },
      });
    }
  });

  it('says which request bodies may be left out', () => {
    for (const { method, path, operation: op } of operationsOf(doc)) {
      if (!op['requestBody']) continue;
      const optional = OPTIONAL_BODIES.includes(op['operationId']);
      expect(op['requestBody'].required, `${method.toUpperCase()} ${path}`).toBe(!optional);
    }
  });

  it('describes a created request with its identifiers', () => {
    const { properties } = answerSchema('post', '/requests', '201');
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
