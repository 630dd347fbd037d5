/**
 * Scopes on every route, read from the service's own OpenAPI document: each operation behind the bearer
 * names the scope an integration token needs as the bearer's role (none: agents only). For every such
 * operation, a real integration token lacking that scope is refused with 403 `scope_required` naming it, a
 * token holding only that scope gets past the scope check (whatever the route answers next), and an
 * operation for agents only answers 403 `agent_token_required` to a token holding every scope. Routes added
 * later are covered by being documented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_SCOPES, type IntegrationScope } from '@shared/domain/integrations';
import type { CreatedIntegrationToken } from '@shared/protocol/integrations';
import { expectStatus, type Api } from '../support/api-client';
import { basePath, operationsOf, type DocumentedOperation, type Json } from '../support/openapi-document';
import { startTestService, type TestService } from '../support/service-harness';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let t: TestService;
let doc: Json;
let base: string;
/** One token per scope holding that scope alone, one per scope holding every other, and one holding all. */
const only = new Map<IntegrationScope, Api>();
const allBut = new Map<IntegrationScope, Api>();
let every: Api;

async function token(name: string, scopes: readonly IntegrationScope[]): Promise<Api> {
  const created = expectStatus(
    await t.admin.post<CreatedIntegrationToken>('/integrations/tokens', { name, scopes }),
    201,
  );
  return t.api.as(created.token);
}

beforeAll(async () => {
  t = await startTestService();
  doc = expectStatus(await t.admin.get<Json>('/openapi.json'), 200);
  base = basePath(doc);
  for (const scope of INTEGRATION_SCOPES) {
    only.set(scope, await token(`only ${scope}`, [scope]));
    allBut.set(
      scope,
      await token(
        `all but ${scope}`,
        INTEGRATION_SCOPES.filter((s) => s !== scope),
      ),
    );
  }
  every = await token('every scope', INTEGRATION_SCOPES);
});

afterAll(() => t.cleanup());

/** The operations behind the bearer, each with the scope it names (null: agents only). */
function securedOperations(): { op: DocumentedOperation; scope: IntegrationScope | null }[] {
  return operationsOf(doc).flatMap((op) => {
    const security = op.operation['security'] as { bearer?: string[] }[] | undefined;
    const bearer = security?.[0]?.bearer;
    if (!bearer) return [];
    return [{ op, scope: (bearer[0] as IntegrationScope | undefined) ?? null }];
  });
}

/** Calls the operation with every path parameter an unknown id and an empty body where it takes one. */
function call(api: Api, { method, path }: DocumentedOperation) {
  const concrete = path.replace(/\{[^}]+\}/g, UNKNOWN_ID) + (path === '/sync' ? '?since=0' : '');
  const body = method === 'get' || method === 'delete' ? undefined : {};
  return api.call(method.toUpperCase(), `${base}${concrete}`, body);
}

const label = ({ method, path }: DocumentedOperation) => `${method.toUpperCase()} ${path}`;

describe('every operation of the OpenAPI document behind the bearer', () => {
  it('is there to check: operations of each kind, each naming at most one known scope', () => {
    const secured = securedOperations();
    expect(secured.length).toBeGreaterThan(30);
    const named = new Set(secured.map((s) => s.scope));
    for (const scope of ['requests:read', 'requests:write', 'requests:act', 'agents:read', null] as const) {
      expect(named, String(scope)).toContain(scope);
    }
    for (const { op, scope } of secured) {
      expect((op.operation['security'] as { bearer: string[] }[])[0]!.bearer.length, label(op)).toBeLessThan(
        2,
      );
      if (scope) expect(INTEGRATION_SCOPES, label(op)).toContain(scope);
      // An integration token can meet a 403 on any of them: the document says so.
      expect(Object.keys(op.operation['responses']), label(op)).toContain('403');
    }
  });

  it('refuses an integration token without the operation’s scope, naming the scope', async () => {
    for (const { op, scope } of securedOperations()) {
      if (!scope) continue;
      const response = await call(allBut.get(scope)!, op);
      expect({ op: label(op), status: response.status, error: response.body?.error }).toMatchObject({
        op: label(op),
        status: 403,
        error: { code: 'scope_required', params: { scope } },
      });
      expect(response.body.error.message).toContain(scope);
    }
  });

  it('lets a token holding only the operation’s scope past the scope check', async () => {
    for (const { op, scope } of securedOperations()) {
      if (!scope) continue;
      const response = await call(only.get(scope)!, op);
      const code: unknown = response.body?.error?.code;
      expect({ op: label(op), code }, JSON.stringify(response.body)).not.toMatchObject({
        code: expect.stringMatching(/^(scope_required|agent_token_required|unauthorized)$/),
      });
    }
  });

  it('keeps the operations for agents only to agents, whatever the token’s scopes', async () => {
    for (const { op, scope } of securedOperations()) {
      if (scope) continue;
      const response = await call(every, op);
      expect({ op: label(op), status: response.status, code: response.body?.error?.code }).toEqual({
        op: label(op),
        status: 403,
        code: 'agent_token_required',
      });
    }
  });

  it('still serves agents on every operation (their access token carries no scope)', async () => {
    for (const { op } of securedOperations()) {
      // Signing out (either way) would end the admin's sign-in for the operations after it.
      if (['logout', 'logoutSso'].includes(String(op.operation['operationId']))) continue;
      const response = await call(t.admin, op);
      const code: unknown = response.body?.error?.code;
      expect({ op: label(op), code }).not.toMatchObject({
        code: expect.stringMatching(/^(scope_required|agent_token_required|unauthorized)$/),
      });
    }
  });
});
