/**
 * Bad input never breaks the service: every POST, PUT and PATCH operation the OpenAPI document lists (so a
 * new route is covered as soon as it is documented) gets generated bodies — any JSON, objects with the
 * operation's own field names but wrong types and sizes, text that is not JSON, empty bodies, the wrong
 * content type — with path parameters that name real records and junk, and must answer below 500; a 4xx
 * from the API carries the error envelope {"error": {"code", "message"}}. The query strings of
 * GET /requests and GET /sync get the same treatment.
 *
 * Against a real service on a real SQLite database; the rate limits are raised so that generated input
 * reaches the handlers instead of stopping at 429 (a 429 would pass anyway).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Channel, LoginResponse } from '@shared/protocol/api';
import { Limit, type LimitChoices } from '../../server/services/rate-limits';
import { expectStatus, type ApiResponse } from '../support/api-client';
import { basePath, resolveRef } from '../support/openapi-document';
import { ADMIN, createAgent, startTestService, tokenOf } from '../support/service-harness';

/** Runs per operation: enough to meet every kind of input several times, quick enough for every run. */
const RUNS = 30;
const BODY_METHODS = new Set(['post', 'put', 'patch']);

type JsonSchema = Record<string, any>;
interface Operation {
  readonly method: string;
  /** As documented, with {params}. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly headerParams: readonly string[];
  readonly body: JsonSchema | null;
}

const generous = (): LimitChoices => ({
  loginPerAddress: new Limit(1_000_000, 60, 'Too many sign-in attempts.'),
  loginAttemptsPerAccount: new Limit(1_000_000, 60, 'Too many failed sign-ins.'),
  pinPerAddress: new Limit(1_000_000, 60, 'Too many PIN attempts.'),
  joinPerAgent: new Limit(1_000_000, 60, 'Too many joins.'),
});

// The service, its document and the records the fuzzing aims at are needed to list the tests themselves,
// so they are set up as the file loads.
const t = await startTestService({ limits: generous() });
afterAll(() => t.cleanup());

async function prepare() {
  const doc = expectStatus(await t.admin.get<JsonSchema>('/openapi.json'), 200);
  // Records for path parameters and bodies to name: an agent the admin may change at will (never the
  // admin itself, whose sign-in the fuzzing uses), shared channels and the admin's Private channel.
  const victim = await createAgent(t, { name: 'Fuzz Target', channels: [{ id: t.supportChannel.id }] });
  const extraChannel = expectStatus(
    await t.admin.post<Channel>('/channels', { name: 'Fuzz channel', participantLimit: 4 }),
    201,
  );
  const me = expectStatus(await t.admin.get<{ privateChannelId: string }>('/me'), 200);
  return { doc, victim, extraChannel, me };
}

const { doc, victim, extraChannel, me } = await prepare().catch(async (error: unknown) => {
  await t.cleanup();
  throw error;
});

// The document's paths are relative to its server (…/api/v1); its bodies name their schemas by reference.
const API = basePath(doc);
const operations: Operation[] = Object.entries<JsonSchema>(doc['paths']).flatMap(([relative, item]) =>
  Object.entries<JsonSchema>(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => {
      const params: JsonSchema[] = op['parameters'] ?? [];
      const path = `${API}${relative}`;
      const body = op['requestBody']?.content?.['application/json']?.schema as JsonSchema | undefined;
      return {
        method,
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
        headerParams: params.filter((p) => p['in'] === 'header').map((p) => p['name'] as string),
        body: body ? resolveRef(doc, body) : null,
      };
    }),
);
// The end user's pages are not in the API document (their live event stream is left to the e2e tests,
// as it does not end); they are fuzzed all the same.
const endUserOperation = (method: string, path: string): Operation => ({
  method,
  path,
  pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
  headerParams: [],
  body: null,
});
operations.push(
  endUserOperation('get', '/j/{token}'),
  endUserOperation('post', '/j/{token}/allow'),
  endUserOperation('post', '/j/{token}/deny'),
  endUserOperation('get', '/pin'),
  endUserOperation('post', '/pin'),
  endUserOperation('get', '/set-password/{token}'),
  endUserOperation('post', '/set-password/{token}'),
);
const bodyOperations = operations.filter((op) => BODY_METHODS.has(op.method));

let adminToken = t.admin.token!;
let adminRefresh = '';

/**
 * A generated change may have required two factors or single sign-on for everyone (PATCH /organisation,
 * /organisation/sso-policy): undone in the store before the admin signs in again, so that generated input
 * never locks the fuzzing out (what is tested here is how input is refused, not those policies).
 */
async function allowPasswordSignIn(): Promise<void> {
  const { store } = t.service.services.ctx;
  const organisation = await store.organisation.get();
  if (organisation?.requireTwoFactor)
    await store.organisation.put({ ...organisation, requireTwoFactor: false });
  const policy = await store.sso.policy();
  if (policy?.ssoOnly) await store.sso.putPolicy({ ...policy, ssoOnly: false });
}

/** The admin's sign-in again if a generated logout (or anything else) ended it. */
async function ensureAdmin(): Promise<void> {
  const check = await t.api.as(adminToken).get('/me');
  if (check.status === 200) return;
  await allowPasswordSignIn();
  const login = expectStatus(await t.api.post<LoginResponse>('/auth/login', ADMIN), 200);
  adminToken = login.accessToken;
  adminRefresh = login.refreshToken;
}

interface Targets {
  requestIds: string[];
  tokens: string[];
  sessionCodes: string[];
  pins: string[];
}

/** Fresh requests for one operation: one Ready (the end user allowed access), one queued. */
async function freshRequests(): Promise<Targets> {
  await ensureAdmin();
  const admin = t.api.as(adminToken);
  const ready = expectStatus(
    await admin.post<SessionRequest>('/requests', {
      recipientName: 'Fuzz Ready',
      recipientEmail: 'ready@example.com',
      sendInvitation: true,
      channelId: t.supportChannel.id,
    }),
    201,
  );
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  await t.api.call('GET', `/j/${tokenOf(ready.link)}`);
  expect(
    (await t.api.call('POST', `/j/${tokenOf(ready.link)}/allow`, 'remoteId=123456789', form)).status,
  ).toBe(303);
  const queued = expectStatus(
    await admin.post<SessionRequest>('/requests', {
      recipientName: 'Fuzz Queued',
      channelId: t.supportChannel.id,
      assignTo: { type: 'unassigned' },
    }),
    201,
  );
  return {
    requestIds: [ready.id, queued.id],
    tokens: [tokenOf(ready.link), tokenOf(queued.link)],
    sessionCodes: [ready.sessionCode, queued.sessionCode],
    pins: [ready.pin, queued.pin],
  };
}

/** Real values for a path parameter, by its name and the collection before it. */
function realValues(op: Operation, name: string, targets: Targets): string[] {
  const segments = op.path.split('/');
  const collection = segments[segments.indexOf(`{${name}}`) - 1];
  if (name === 'token') return targets.tokens;
  if (name === 'agentId' || collection === 'agents') return [victim.agent.id];
  if (collection === 'channels') return [extraChannel.id, t.supportChannel.id, me.privateChannelId];
  if (collection === 'requests') return targets.requestIds;
  return [victim.agent.id, extraChannel.id, ...targets.requestIds, ...targets.tokens];
}

// ---- generated values ----

const NOW = t.clock.now();
const HOUR = 3_600_000;

const junkStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  'NaN',
  '1e309',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '%',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\u202e\ufeff',
  '💥'.repeat(300),
  'a'.repeat(5_000),
  '2026-02-30T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
);

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  junkStrings,
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, 2 ** 53 + 2, 1e308, -(2 ** 63), 0.5, Number.MIN_VALUE),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 12 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 6 }),
);

/** ISO times around the service's clock: past, now, near and far future, and with offsets. */
const dateTimes = fc.oneof(
  fc
    .integer({ min: 1, max: 24 * 29 })
    .map((hours) => new Date(NOW + hours * HOUR).toISOString().replace(/\.\d+Z$/, 'Z')),
  fc
    .integer({ min: -48, max: 24 * 40 })
    .map((hours) => new Date(NOW + hours * HOUR).toISOString().replace(/\.\d+Z$/, 'Z')),
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-11-23T09:00:00+01:00', '2026-11-22T12:00:00.000Z', '9999-12-31T23:59:59Z'),
);

/**
 * Values shaped by the documented schema — the right field names, with types and sizes that are right,
 * at the edges, or wrong — so generated bodies get past the parser and into validation and the handlers.
 * The field's name steers strings towards what it holds (an e-mail address, a session code…).
 */
function shaped(
  schema: JsonSchema | undefined,
  targets: Targets,
  key = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: nearValid(schema ?? {}, targets, key, depth) },
    { weight: 1, arbitrary: junk },
  );
}

function realIds(targets: Targets): string[] {
  return [victim.agent.id, t.adminAgent.id, extraChannel.id, t.supportChannel.id, ...targets.requestIds];
}

const plainText = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}$/);
const plainEmail = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.constantFrom('example.com', 'mail.test.org'))
  .map(([local, domain]) => `${local}@${domain}`);

function stringFor(key: string, schema: JsonSchema, targets: Targets): fc.Arbitrary<string> {
  const min = (schema['minLength'] as number | undefined) ?? 0;
  const max = (schema['maxLength'] as number | undefined) ?? 300;
  const edges = fc.constantFrom(Math.max(min - 1, 0), min, max, max + 1).map((n) => 'x'.repeat(n));
  if (/email/i.test(key)) {
    return fc.oneof(
      { weight: 4, arbitrary: plainEmail },
      { weight: 1, arbitrary: fc.emailAddress() },
      { weight: 1, arbitrary: fc.constantFrom(ADMIN.email, victim.agent.email, ' A@B.CO ', 'not-an-email') },
    );
  }
  if (/password/i.test(key)) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.string({ minLength: 10, maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constant(ADMIN.password) },
      { weight: 1, arbitrary: edges },
    );
  }
  if (/code|pin/i.test(key)) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...targets.sessionCodes, ...targets.pins) },
      { weight: 1, arbitrary: fc.stringMatching(/^[\d -]{0,14}$/) },
    );
  }
  if (/token/i.test(key)) return fc.oneof(fc.constant(adminRefresh || 'x'), fc.string({ maxLength: 250 }));
  return fc.oneof(
    { weight: 4, arbitrary: plainText },
    { weight: 2, arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: Math.min(max, 40) }) },
    { weight: 1, arbitrary: fc.constantFrom(...realIds(targets)) },
    { weight: 1, arbitrary: edges },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
}

function nearValid(schema: JsonSchema, targets: Targets, key: string, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return junk;
  if (typeof schema['$ref'] === 'string') return nearValid(resolveRef(doc, schema), targets, key, depth);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  if ('const' in schema) return fc.constant(schema['const']);
  const alternatives = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((s) => nearValid(s, targets, key, depth + 1)));
  switch (schema['type']) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, sub]) => [name, shaped(sub, targets, name, depth + 1)]),
      );
      const required = ((schema['required'] ?? []) as string[]).filter((name) => name in properties);
      return fc.oneof(
        { weight: 4, arbitrary: fc.record(model, { requiredKeys: required }) },
        { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.record(model, { requiredKeys: required }),
              fc.string({ minLength: 1, maxLength: 8 }),
              junk,
            )
            .map(([value, extraKey, extra]) => ({ ...value, [extraKey]: extra })),
        },
      );
    }
    case 'array':
      return fc.array(shaped(schema['items'], targets, key, depth + 1), {
        minLength: Math.max(((schema['minItems'] as number | undefined) ?? 0) - 1, 0),
        maxLength: Math.min(((schema['maxItems'] as number | undefined) ?? 5) + 1, 12),
      });
    case 'string':
      if (schema['format'] === 'uuid') {
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...realIds(targets)) },
          { weight: 1, arbitrary: fc.uuid() },
        );
      }
      if (schema['format'] === 'date-time') return dateTimes;
      return stringFor(key, schema, targets);
    case 'integer':
    case 'number': {
      const min = (schema['minimum'] as number | undefined) ?? -1_000;
      const max = (schema['maximum'] as number | undefined) ?? 1_000_000;
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.integer({ min: Math.max(min - 1, -(2 ** 31)), max: Math.min(max + 1, 2 ** 31) }),
        },
        { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, 1.5) },
        { weight: 1, arbitrary: fc.double() },
      );
    }
    case 'boolean':
      return fc.boolean();
    default:
      return junk;
  }
}

const FORM = 'application/x-www-form-urlencoded';
const contentTypes = fc.constantFrom(
  'text/plain',
  FORM,
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/jsonx',
  'application/vnd.api+json',
  '*/*',
  ';;;',
);

interface Sent {
  readonly contentType?: string;
  readonly body?: string;
}

function toForm(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return String(value);
  return new URLSearchParams(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  ).toString();
}

function bodies(op: Operation, targets: Targets): fc.Arbitrary<Sent> {
  const value = shaped(op.body ?? undefined, targets);
  const json = 'application/json';
  return fc.oneof(
    { weight: 4, arbitrary: value.map((v) => ({ contentType: json, body: JSON.stringify(v) ?? 'null' })) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => ({ contentType: json, body: JSON.stringify(v) })) },
    { weight: 1, arbitrary: fc.string().map((s) => ({ contentType: json, body: s })) },
    {
      weight: 1,
      arbitrary: fc.tuple(value, fc.nat()).map(([v, n]) => {
        const text = JSON.stringify(v) ?? 'null';
        return { contentType: json, body: text.slice(0, n % (text.length + 1)) };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Sent>({}, { contentType: json, body: '' }, { contentType: json }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(contentTypes, value).map(([contentType, v]) => ({
        contentType,
        body: contentType === FORM ? toForm(v) : (JSON.stringify(v) ?? ''),
      })),
    },
  );
}

/**
 * A path segment that is not a real id: any text (encoded), an unknown UUID, odd values. Not "." or "..":
 * the URL parser of the client resolves those before they are sent. Segments the router
 * itself refuses (malformed percent-encoding, longer than 100 characters) are checked on every route by
 * ROUTER_JUNK below, so that a refusal there shows as one clear failure rather than at random here.
 */
const junkSegment = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .map(encodeURIComponent)
    .filter((s) => s.length <= 100 && !/^\.{1,2}$/.test(s)),
  fc
    .string({ minLength: 1, maxLength: 30 })
    .map(encodeURIComponent)
    .filter((s) => !/^\.{1,2}$/.test(s)),
  fc.uuid(),
  fc.constantFrom('%00', '%20', '.a', '...', 'a'.repeat(100), '-1', '0', 'null', '%2F', '%25'),
);

/** Path segments the router refuses before any route runs. */
const ROUTER_JUNK = ['%', '%zz', '%E0%A4%A', 'a'.repeat(101)];

/** Header values fetch can send: visible ASCII and spaces. */
const headerValue = fc.oneof(
  fc.string({ maxLength: 220 }).filter((s) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(s)),
  fc.constantFrom('x'.repeat(200), 'x'.repeat(201), 'same-key', 'with inner spaces'),
);

const authorizations = fc.oneof(
  { weight: 8, arbitrary: fc.constant<'admin'>('admin') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer not-a-token',
      'Bearer a b',
    ),
  },
);

interface Case {
  readonly params: readonly string[];
  readonly sent: Sent;
  readonly authorization: string;
  readonly headers: Readonly<Record<string, string>>;
}

function fill(op: Operation, params: readonly string[]): string {
  let i = 0;
  return op.path.replace(/\{[^}]+\}/g, () => params[i++] ?? 'x');
}

async function send(op: Operation, c: Case): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.sent.contentType !== undefined) headers['content-type'] = c.sent.contentType;
  const authorization = c.authorization === 'admin' ? `Bearer ${adminToken}` : c.authorization;
  if (authorization) headers['authorization'] = authorization;
  return t.api.call(op.method.toUpperCase(), fill(op, c.params), c.sent.body, headers);
}

/** What every answer must be: below 500, and a 4xx of the API in the error envelope. */
function checkAnswer(what: string, api: boolean, response: ApiResponse): void {
  const label = what.length > 400 ? `${what.slice(0, 400)}…` : what;
  const answer = `${label} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
  expect(response.status, answer).toBeLessThan(500);
  if (response.status < 400) return;
  const type = response.headers.get('content-type') ?? '';
  if (api || type.includes('json')) {
    expect(response.body, answer).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect(response.body.error.code, answer).toMatch(/^[a-z_]+$/);
    expect(response.body.error.message.length, answer).toBeGreaterThan(0);
  } else {
    // The end user's pages answer their refusals as pages.
    expect(type, answer).toContain('text/html');
  }
}

async function sendAndCheck(op: Operation, c: Case): Promise<ApiResponse> {
  await ensureAdmin();
  const response = await send(op, c);
  const what = `${op.method.toUpperCase()} ${fill(op, c.params)} auth=${c.authorization.slice(0, 20)} ${JSON.stringify({ ...c.sent, headers: c.headers })}`;
  checkAnswer(what, op.path.startsWith(API), response);
  return response;
}

function caseArbitrary(op: Operation, targets: Targets): fc.Arbitrary<Case> {
  const param = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...realValues(op, name, targets)) },
      { weight: 2, arbitrary: junkSegment },
    );
  const headers = fc.record(Object.fromEntries(op.headerParams.map((name) => [name, headerValue])), {
    requiredKeys: [],
  }) as fc.Arbitrary<Record<string, string>>;
  return fc.record({
    params: fc.tuple(...op.pathParams.map(param)),
    sent: bodies(op, targets),
    authorization: authorizations,
    headers,
  });
}

/** The same malformed bodies for every operation, with real and junk path parameters. */
const FIXED_BODIES: readonly Sent[] = [
  {},
  { contentType: 'application/json' },
  { contentType: 'application/json', body: '' },
  { contentType: 'application/json', body: 'not json' },
  { contentType: 'application/json', body: '{"recipientName":' },
  { contentType: 'application/json', body: 'null' },
  { contentType: 'application/json', body: '[]' },
  { contentType: 'application/json', body: '"text"' },
  { contentType: 'application/json', body: '12' },
  { contentType: 'application/json', body: '{"__proto__":{"isAdmin":true}}' },
  { contentType: 'application/json', body: '{"constructor":{"prototype":{"x":1}}}' },
  { contentType: 'application/json', body: '\uFEFF{}' },
  { contentType: 'application/json', body: `{"a":"${'x'.repeat(70 * 1024)}"}` },
  { contentType: 'application/json', body: '['.repeat(5_000) },
  { contentType: 'text/plain', body: '{}' },
  { contentType: 'application/xml', body: '<a/>' },
  { contentType: FORM, body: 'a=1&a=2&b[c]=3' },
  { contentType: 'multipart/form-data; boundary=xyz', body: '--xyz--' },
  { contentType: 'application/json; charset=utf-16', body: '{}' },
  { contentType: 'invalid content type', body: '{}' },
];

describe.each(bodyOperations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
  '%s with bad input',
  (_name, op) => {
    let targets: Targets;
    beforeAll(async () => {
      targets = await freshRequests();
    });

    it('refuses malformed bodies below 500, in the error envelope', async () => {
      const paramSets =
        op.pathParams.length === 0
          ? [[]]
          : [
              op.pathParams.map((name) => realValues(op, name, targets)[0]!),
              op.pathParams.map(() => 'not-an-id'),
            ];
      for (const sent of FIXED_BODIES) {
        for (const params of paramSets) {
          await sendAndCheck(op, { params, sent, authorization: 'admin', headers: {} });
        }
      }
    });

    it(`answers ${RUNS} generated bodies, ids and headers below 500`, async () => {
      await fc.assert(
        fc.asyncProperty(caseArbitrary(op, targets), async (c) => {
          await sendAndCheck(op, c);
        }),
        { numRuns: RUNS },
      );
    });
  },
);

describe('path parameters the router cannot read', () => {
  it('answer a 4xx in the error envelope on every route that has one', async () => {
    const withParams = operations.filter((op) => op.pathParams.length > 0);
    expect(withParams.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const op of withParams) {
      for (const junk of ROUTER_JUNK) {
        const c: Case = {
          params: op.pathParams.map(() => junk),
          sent: BODY_METHODS.has(op.method) ? { contentType: 'application/json', body: '{}' } : {},
          authorization: 'admin',
          headers: {},
        };
        await ensureAdmin();
        const response = await send(op, c);
        const envelope =
          typeof response.body?.error?.code === 'string' && typeof response.body?.error?.message === 'string';
        const html = (response.headers.get('content-type') ?? '').includes('text/html');
        const ok =
          response.status >= 400 && response.status < 500 && (envelope || (html && !op.path.startsWith(API)));
        if (!ok) {
          wrong.push(
            `${op.method.toUpperCase()} ${fill(op, c.params).slice(0, 60)} → ${response.status} ${JSON.stringify(response.body).slice(0, 90)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the routes without a body', () => {
  it('are listed with the body routes, so the fuzzing above is not vacuous', () => {
    const paths = bodyOperations.map((op) => `${op.method.toUpperCase()} ${op.path}`);
    for (const expected of [
      `POST ${API}/auth/login`,
      `POST ${API}/requests`,
      `POST ${API}/requests/{id}/transfer`,
      `PUT ${API}/channels/{id}/members/{agentId}`,
      `PATCH ${API}/agents/{id}`,
      `POST ${API}/join`,
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it('answers junk path parameters of GET and DELETE routes below 500', async () => {
    const targets = await freshRequests();
    const withParams = operations.filter((op) => !BODY_METHODS.has(op.method) && op.pathParams.length > 0);
    expect(withParams.length).toBeGreaterThan(0);
    for (const op of withParams) {
      await fc.assert(
        fc.asyncProperty(fc.tuple(...op.pathParams.map(() => junkSegment)), async (params) => {
          const response = await sendAndCheck(op, { params, sent: {}, authorization: 'admin', headers: {} });
          expect(response.status, fill(op, params)).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: 10 },
      );
    }
    // The real ones still answer.
    expectStatus(await t.api.as(adminToken).get(`/requests/${targets.requestIds[0]}`), 200);
  });
});

// ---- query strings ----

const statuses = ['open', 'waiting', 'ready', 'connected', 'closed', 'expired'];
const cursorValues = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc
    .tuple(fc.oneof(fc.integer(), fc.double(), fc.constant(NOW)), fc.oneof(fc.string(), fc.uuid()))
    .map((pair) => Buffer.from(JSON.stringify(pair)).toString('base64url')),
  fc
    .constantFrom(
      '[1e999,"x"]',
      '[-1e999,""]',
      '[1.5,"a"]',
      'null',
      '"ab"',
      '{}',
      '[',
      '[9007199254740993,"z"]',
    )
    .map((raw) => Buffer.from(raw).toString('base64url')),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('', '====', '!!!!', 'a'.repeat(201)),
);

const numberText = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 10_000 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '0',
      '-0',
      '1e3',
      '1e309',
      '0x10',
      ' 5 ',
      '5.5',
      'NaN',
      'Infinity',
      '9007199254740993',
      '+1',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

function queryValue(key: string, extra: { requestIds: string[] }): fc.Arbitrary<string> {
  switch (key) {
    case 'status':
      return fc.oneof(
        fc.subarray(statuses).map((s) => s.join(',')),
        fc.constantFrom('', ',', 'open,,ready', 'OPEN', 'deleted'),
        fc.string({ maxLength: 10 }),
      );
    case 'channelId':
    case 'assignee':
      return fc.oneof(
        fc.constantFrom('me', 'unassigned', 'ME', t.supportChannel.id, victim.agent.id, ...extra.requestIds),
        fc.uuid(),
        fc.string({ maxLength: 40 }),
      );
    case 'view':
      return fc.oneof(fc.constantFrom('past', 'upcoming', '', 'PAST', 'future'), fc.string({ maxLength: 8 }));
    case 'q':
      return fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.constantFrom(
          '%',
          '_',
          '\\',
          "'",
          '"',
          '%%',
          'a'.repeat(200),
          'a'.repeat(201),
          '123 456 789',
          '\u0000',
        ),
      );
    case 'limit':
    case 'since':
    case 'fullSyncHead':
      return numberText;
    case 'cursor':
      return cursorValues;
    default:
      return fc.string({ maxLength: 20 });
  }
}

/** Query strings from the operation's own parameter names (repeated, missing, unknown) and raw junk. */
function queryStrings(op: Operation, extra: { requestIds: string[] }): fc.Arbitrary<string> {
  const params: JsonSchema[] = (
    doc['paths'][op.path.slice(API.length)][op.method]['parameters'] ?? []
  ).filter((p: JsonSchema) => p['in'] === 'query');
  const keys = [...params.map((p) => p['name'] as string), 'unknown', '__proto__', 'constructor'];
  const pair = fc
    .constantFrom(...keys)
    .chain((key) => queryValue(key, extra).map((value) => [key, value] as [string, string]));
  const documented = fc.record(
    Object.fromEntries(params.map((p) => [p['name'] as string, queryValue(p['name'] as string, extra)])),
    { requiredKeys: [] },
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: documented.map((values) => new URLSearchParams(values as Record<string, string>).toString()),
    },
    {
      weight: 2,
      arbitrary: fc.array(pair, { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 60 }).map((s) => s.replace(/[#\s]/g, '')),
        fc.constantFrom(
          '%',
          '%zz',
          'a=%E0%A4%A',
          '&&&',
          '=',
          'a[b]=1',
          'limit[]=1',
          'since=1&since=2',
          'q=%00',
        ),
      ),
    },
  );
}

/** For each route, one query the handler answers and one the validation refuses. */
const knownAnswers: Record<'/requests' | '/sync', [string][]> = {
  '/requests': [['limit=1'], ['limit=0']],
  '/sync': [['since=0&limit=1'], ['since=0&limit=0']],
};

describe.each(['/requests', '/sync'] as const)('GET %s with a generated query string', (route) => {
  it('answers below 500: a page, or a refusal in the error envelope', async () => {
    const targets = await freshRequests();
    const op = operations.find((o) => o.method === 'get' && o.path === `${API}${route}`);
    expect(op, `GET ${API}${route} is documented`).toBeDefined();
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(queryStrings(op!, targets), async (query) => {
        await ensureAdmin();
        const response = await t.api.as(adminToken).get(`${route}?${query}`);
        seen.add(response.status);
        checkAnswer(`GET ${API}${route}?${query}`, true, response);
        if (response.status === 200) {
          expect(Array.isArray(response.body.requests ?? response.body.changes), query).toBe(true);
        }
      }),
      // One valid and one refused query always run, whatever the seed generates besides.
      { numRuns: 80, examples: knownAnswers[route] },
    );
    // Both kinds of answer were met, so the generator reached the handler as well as the validation.
    expect(seen.has(200)).toBe(true);
    expect([...seen].some((s) => s >= 400)).toBe(true);
  });
});
